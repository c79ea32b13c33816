#pragma once
/// The library's two tables: every project in the store (latest revision, levels, revision
/// count) and the revisions of one project.
#include "core/store/ProjectQueries.h"
#include "core/store/RevisionData.h"

#include <QAbstractTableModel>

#include <vector>

namespace mltrl {
class Store;
}

namespace mltrl::ui {

class LibraryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        IdColumn,
        DomainColumn,
        CurrentColumn,
        SystemColumn,
        TargetColumn,
        LatestColumn,
        RevisionsColumn,
        ImportedColumn,
        ColumnCount
    };
    /// The project id of a row (any column).
    static constexpr int ProjectIdRole = Qt::UserRole + 1;
    /// Numbers for sorting (levels, counts); absent levels sort first as -1.
    static constexpr int SortRole = Qt::UserRole + 2;

    explicit LibraryModel(QObject *parent = nullptr);

    /// Re-reads the project list (a quick summary query; safe on the UI thread).
    void refresh(Store &store);
    void setProjects(std::vector<ProjectSummary> projects);
    [[nodiscard]] const std::vector<ProjectSummary> &projects() const { return m_projects; }
    [[nodiscard]] int rowOf(const QString &projectId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<ProjectSummary> m_projects;
};

class RevisionsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { RevisionColumn, LevelColumn, ImportedColumn, ManifestColumn, ColumnCount };
    static constexpr int RevisionRole = Qt::UserRole + 1;

    explicit RevisionsModel(QObject *parent = nullptr);

    /// Shows the revisions of `projectId`, newest first (empty id: none).
    void setProject(Store &store, const QString &projectId);
    void setRevisions(const QString &projectId, std::vector<RevisionListEntry> revisions);
    [[nodiscard]] const QString &projectId() const { return m_projectId; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QString m_projectId;
    std::vector<RevisionListEntry> m_revisions;
};

} // namespace mltrl::ui
