#pragma once
/// A CSV file as a table: the first record is the header, the rest are rows. Records are
/// split by core's RFC 4180 reader and parsed lazily, a chunk at a time, as the view scrolls
/// (canFetchMore/fetchMore), so a million-row file opens at once.
#include "core/metrics/CsvReader.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QStringList>

#include <memory>
#include <vector>

namespace mltrl::ui {

class CsvTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit CsvTableModel(QObject *parent = nullptr);

    /// Takes the file's bytes and parses the header plus the first chunk of rows.
    void setBytes(QByteArray bytes);
    [[nodiscard]] const QStringList &header() const { return m_header; }
    /// Records that could not be split (an unterminated quote …), as "line N: what".
    [[nodiscard]] const QStringList &errors() const { return m_errors; }
    static constexpr int kChunkRows = 2000;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

private:
    /// Reads up to `maxRecords` records into `out`; returns false at the end of the bytes.
    bool readRecords(int maxRecords, std::vector<QStringList> &out);

    QByteArray m_bytes;
    std::unique_ptr<CsvReader> m_reader; // views into m_bytes
    QStringList m_header;
    std::vector<QStringList> m_rows;
    QStringList m_errors;
    int m_columns = 0;
    bool m_atEnd = true;
};

} // namespace mltrl::ui
