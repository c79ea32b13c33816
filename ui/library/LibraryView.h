#pragma once
/// The start page: every imported project with its levels, and the revisions of the selected
/// one. Activating (double-click, Enter) a project opens its latest revision; a revision, that one.
/// While the store is empty it shows the first-run view (WelcomeView) instead; its actions stay
/// in the header once there are projects.
#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace mltrl {
class Store;
}

namespace mltrl::ui {

class LibraryModel;
class RevisionsModel;
class WelcomeView;

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
    [[nodiscard]] WelcomeView *welcomeView() const { return m_welcome; }
    /// True while the first-run view is on screen (the store holds no project).
    [[nodiscard]] bool showsWelcome() const;
    /// The header's buttons: the same actions as the first-run view's.
    [[nodiscard]] QPushButton *exampleButton() const { return m_exampleButton; }
    [[nodiscard]] QPushButton *importButton() const { return m_importButton; }
    [[nodiscard]] QPushButton *keyButton() const { return m_keyButton; }
    [[nodiscard]] QPushButton *guideButton() const { return m_guideButton; }

signals:
    /// `revision` 0 means the latest.
    void openRequested(const QString &projectId, int revision);
    /// Reading the store for `what` failed (`why`); the lists stay as they were.
    void storeFailed(const QString &what, const QString &why);
    void importRequested();
    void exampleRequested();
    void keyRequested();
    void guideRequested();

private:
    void showRevisionsOf(const QModelIndex &projectIndex);
    QString projectIdAt(const QModelIndex &index) const;

    Store &m_store;
    LibraryModel *m_projects = nullptr;
    RevisionsModel *m_revisions = nullptr;
    QTableView *m_projectsView = nullptr;
    QTableView *m_revisionsView = nullptr;
    QStackedWidget *m_pages = nullptr;
    WelcomeView *m_welcome = nullptr;
    QWidget *m_libraryPage = nullptr;
    QPushButton *m_exampleButton = nullptr;
    QPushButton *m_importButton = nullptr;
    QPushButton *m_keyButton = nullptr;
    QPushButton *m_guideButton = nullptr;
    QLabel *m_revisionsTitle = nullptr;
};

} // namespace mltrl::ui
