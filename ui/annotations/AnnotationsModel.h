#pragma once
/// The annotations of the revision on screen as a table (severity, status, target, text,
/// author, created). Re-reads ProjectContext::reviewWork() — the snapshot, never the store —
/// when the context says annotations or the revision changed.
#include "core/review/AnnotationStore.h"

#include "ui/common/NaturalSort.h"
#include <QAbstractTableModel>

#include <QSortFilterProxyModel>

#include <vector>

namespace mltrl::ui {

class ProjectContext;

class AnnotationsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { SeverityColumn, StatusColumn, TargetColumn, TextColumn, AuthorColumn, CreatedColumn, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1, ///< QString
        SeverityRole,              ///< QString (also the sort key of the severity column)
        StatusRole,                ///< QString open | resolved
        TargetRole,                ///< QString, the target as compact JSON
    };

    explicit AnnotationsModel(ProjectContext *context, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    [[nodiscard]] const Annotation &annotation(int row) const { return m_rows.at(static_cast<std::size_t>(row)); }
    /// The row of annotation `id`, -1 when absent.
    [[nodiscard]] int rowOf(const QString &id) const;
    void reload();

private:
    ProjectContext *m_context;
    std::vector<Annotation> m_rows;
};

/// Filters the list by severity and status (empty = all).
class AnnotationsFilter : public NaturalSortProxy {
    Q_OBJECT
public:
    using NaturalSortProxy::NaturalSortProxy;
    void setSeverity(const QString &severity);
    void setStatus(const QString &status);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_severity;
    QString m_status;
};

} // namespace mltrl::ui
