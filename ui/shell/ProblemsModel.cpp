#include "ui/shell/ProblemsModel.h"

#include <QApplication>
#include <QStyle>

#include <set>

namespace mltrl::ui {

namespace {
QString severityText(Severity s)
{
    return s == Severity::Error ? QStringLiteral("Error") : QStringLiteral("Warning");
}
} // namespace

ProblemsModel::ProblemsModel(QObject *parent) : QAbstractTableModel(parent) {}

void ProblemsModel::setProblems(std::vector<Problem> problems)
{
    beginResetModel();
    m_problems = std::move(problems);
    endResetModel();
}

std::vector<Problem> ProblemsModel::fromStoredWarnings(const std::vector<std::string> &warnings)
{
    std::vector<Problem> out;
    for (const std::string &w : warnings) {
        const auto colon = w.find(": ");
        // The first blank must be the one after ": " — a location never contains blanks.
        const bool located = colon != std::string::npos && colon > 0 && w.find_first_of(" \t") == colon + 1;
        if (located)
            out.push_back({Severity::Warning, w.substr(0, colon), w.substr(colon + 2)});
        else
            out.push_back({Severity::Warning, {}, w});
    }
    return out;
}

QString ProblemsModel::toText(const QModelIndexList &rows) const
{
    std::set<int> wanted;
    for (const QModelIndex &i : rows)
        wanted.insert(i.row());
    QStringList lines;
    for (int r = 0; r < rowCount(); ++r) {
        if (!wanted.empty() && !wanted.count(r))
            continue;
        const Problem &p = m_problems[static_cast<std::size_t>(r)];
        lines << severityText(p.severity) + QLatin1Char('\t') + QString::fromStdString(p.where) + QLatin1Char('\t') +
                     QString::fromStdString(p.what);
    }
    return lines.join(QLatin1Char('\n'));
}

int ProblemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_problems.size());
}

int ProblemsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProblemsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Problem &p = m_problems[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case SeverityColumn:
            return severityText(p.severity);
        case WhereColumn:
            return QString::fromStdString(p.where);
        case WhatColumn:
            return QString::fromStdString(p.what);
        default:
            return {};
        }
    case Qt::DecorationRole:
        if (index.column() == SeverityColumn && qobject_cast<QApplication *>(QCoreApplication::instance()))
            return QApplication::style()->standardIcon(p.severity == Severity::Error ? QStyle::SP_MessageBoxCritical
                                                                                     : QStyle::SP_MessageBoxWarning);
        return {};
    default:
        return {};
    }
}

QVariant ProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return QStringLiteral("Severity");
    case WhereColumn:
        return QStringLiteral("Where");
    case WhatColumn:
        return QStringLiteral("What");
    default:
        return {};
    }
}

} // namespace mltrl::ui
