#include "ui/evidence/CsvTableModel.h"

#include <algorithm>

namespace mltrl::ui {

CsvTableModel::CsvTableModel(QObject *parent) : QAbstractTableModel(parent) {}

bool CsvTableModel::readRecords(int maxRecords, std::vector<QStringList> &out)
{
    std::vector<std::string_view> fields;
    for (int n = 0; n < maxRecords;) {
        switch (m_reader->next(fields)) {
        case CsvReader::Status::End:
            return false;
        case CsvReader::Status::Error:
            m_errors
                << QStringLiteral("line %1: %2").arg(m_reader->line()).arg(QString::fromStdString(m_reader->error()));
            break;
        case CsvReader::Status::Record: {
            QStringList row;
            row.reserve(static_cast<qsizetype>(fields.size()));
            for (std::string_view f : fields)
                row << QString::fromUtf8(f.data(), static_cast<qsizetype>(f.size()));
            out.push_back(std::move(row));
            ++n;
            break;
        }
        }
    }
    return true;
}

void CsvTableModel::setBytes(QByteArray bytes)
{
    beginResetModel();
    m_bytes = std::move(bytes);
    m_reader =
        std::make_unique<CsvReader>(std::string_view(m_bytes.constData(), static_cast<std::size_t>(m_bytes.size())));
    m_header.clear();
    m_rows.clear();
    m_errors.clear();
    std::vector<QStringList> first;
    m_atEnd = !readRecords(1, first);
    if (!first.empty())
        m_header = first.front();
    m_columns = static_cast<int>(m_header.size());
    if (!m_atEnd) {
        m_atEnd = !readRecords(kChunkRows, m_rows);
        for (const QStringList &row : m_rows)
            m_columns = std::max(m_columns, static_cast<int>(row.size()));
    }
    endResetModel();
}

int CsvTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int CsvTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_columns;
}

QVariant CsvTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    const QStringList &row = m_rows[static_cast<std::size_t>(index.row())];
    if (index.column() >= row.size())
        return {};
    // A cell of megabytes would be measured and elided on every paint: cut for display.
    constexpr qsizetype kMaxCellChars = 10000;
    const QString &cell = row[index.column()];
    return cell.size() <= kMaxCellChars ? cell : cell.left(kMaxCellChars) + QStringLiteral(" […]");
}

QVariant CsvTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    return section < m_header.size() ? QVariant(m_header[section]) : QVariant();
}

bool CsvTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void CsvTableModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_atEnd)
        return;
    std::vector<QStringList> more;
    m_atEnd = !readRecords(kChunkRows, more);
    // The column count is fixed by the header and the first chunk (RFC 4180 records have
    // equal field counts); a later, wider record is reported rather than reshaping the table.
    for (std::size_t i = 0; i < more.size(); ++i)
        if (more[i].size() > m_columns)
            m_errors << QStringLiteral("row %1: %2 fields, more than the %3 shown")
                            .arg(m_rows.size() + i + 1)
                            .arg(more[i].size())
                            .arg(m_columns);
    if (more.empty())
        return;
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(more.size()) - 1);
    std::move(more.begin(), more.end(), std::back_inserter(m_rows));
    endInsertRows();
}

} // namespace mltrl::ui
