#pragma once
/// The start page: every imported project with its levels, and the revisions of the selected
/// one. Activating (double-click, Enter) a project opens its latest revision; a revision, that one.
#include <QWidget>

class QLabel;
class QTableView;

namespace mltrl {
class Store;
}

namespace mltrl::ui {

class LibraryModel;
class RevisionsModel;

class LibraryView : public QWidget {
    Q_OBJECT
public:
    explicit LibraryView(Store &store, QWidget *parent = nullptr);

    /// Re-reads the store (after an import).
    void refresh();
    /// Selects `projectId`'s row (and shows its revisions).
    void selectProject(const QString &projectId);

    [[nodiscard]] LibraryModel *projectsModel() const { return m_projects; }
    [[nodiscard]] RevisionsModel *revisionsModel() const { return m_revisions; }
    [[nodiscard]] QTableView *projectsView() const { return m_projectsView; }
    [[nodiscard]] QTableView *revisionsView() const { return m_revisionsView; }

signals:
    /// `revision` 0 means the latest.
    void openRequested(const QString &projectId, int revision);
    void importRequested();

private:
    void showRevisionsOf(const QModelIndex &projectIndex);
    QString projectIdAt(const QModelIndex &index) const;

    Store &m_store;
    LibraryModel *m_projects = nullptr;
    RevisionsModel *m_revisions = nullptr;
    QTableView *m_projectsView = nullptr;
    QTableView *m_revisionsView = nullptr;
    QLabel *m_emptyHint = nullptr;
    QLabel *m_revisionsTitle = nullptr;
};

} // namespace mltrl::ui
