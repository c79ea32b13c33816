#pragma once
/// The workbench's main window, a thin shell: context bar, navigator (modes), the panel stack,
/// the Inspector dock and the status line. Panels are registered with addPanel() (see
/// PanelSetup.cpp) and talk to each other only through ProjectContext.
#include <QKeySequence>
#include <QList>
#include <QMainWindow>
#include <QString>

#include <map>

class QDockWidget;
class QListWidget;
class QMenu;
class QStackedWidget;
class QToolBar;
class QToolButton;

namespace mltrl {
class Store;
}

namespace mltrl::ui {

class ContextBar;
class ImportController;
class InspectorWidget;
class LibraryView;
class ProjectContext;
class QuickOpen;
class RevisionLoader;
class Settings;

class WorkbenchWindow : public QMainWindow {
    Q_OBJECT
public:
    /// Which panel shows an item when a ProjectContext navigation signal fires.
    enum class Navigation { Evidence, Metric, Criterion, Requirement, Card };
    struct PanelInfo {
        QString title;
        QWidget *widget = nullptr;
    };

    WorkbenchWindow(Store &store, Settings &settings, QWidget *parent = nullptr);
    ~WorkbenchWindow() override;

    [[nodiscard]] ProjectContext &context() { return *m_context; }

    /// Adds a panel to the navigator and the View menu. Project panels are disabled until a
    /// revision is loaded. An empty `shortcut` gets Ctrl+<n> (n = its place among the panels).
    void addPanel(const QString &title, const QString &iconName, QWidget *panel, const QKeySequence &shortcut = {});
    /// Adds a mode (e.g. meeting mode) to the View menu and the tool bar; its shortcut works
    /// anywhere in the window.
    void addModeAction(QAction *action);
    /// Makes `panel` the one shown when `kind` navigation is requested through the context.
    void setPanelFor(Navigation kind, QWidget *panel);
    void showPanel(QWidget *panel);
    [[nodiscard]] QWidget *currentPanel() const;
    /// The library first, then the project panels in the order added.
    [[nodiscard]] QList<PanelInfo> panels() const;

    void showLibrary();
    /// Ctrl+K: the Go to… popup over the items of the revision on screen.
    void showQuickOpen();
    /// The Go to… popup once it has been shown, else null.
    [[nodiscard]] QuickOpen *quickOpen() const { return m_quickOpen; }
    /// Loads `projectId` at `revision` (0 = latest) off the UI thread, then shows it.
    void openProject(const QString &projectId, int revision = 0);
    /// Imports an archive file or folder (off the UI thread), then shows it.
    bool importArchive(const QString &path);
    /// What the command line asked for: an archive path imports, anything else is a project
    /// id; with nothing, the last project (if still in the store) or the library.
    void openStartTarget(const QString &target);

    [[nodiscard]] ImportController *importController() const { return m_import; }
    [[nodiscard]] RevisionLoader *revisionLoader() const { return m_loader; }
    [[nodiscard]] LibraryView *library() const { return m_library; }
    [[nodiscard]] ContextBar *contextBar() const { return m_bar; }
    [[nodiscard]] InspectorWidget *inspector() const { return m_inspector; }
    [[nodiscard]] QString issuesText() const;

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    struct Panel {
        QString title;
        QWidget *widget = nullptr;
        QAction *action = nullptr;
        bool needsProject = true;
    };

    void buildMenus();
    void addPanelEntry(const QString &title, const QString &iconName, QWidget *panel, const QKeySequence &shortcut,
                       bool needsProject);
    void onRevisionChanged();
    /// Start after a crash while opening `projectId`: the library, a notice and a non-modal
    /// question whether to open it.
    void offerReopen(const QString &projectId);
    /// The Inspector's default: the facts of the revision on screen (cleared when none).
    void inspectRevision();
    void updateIssues();
    void showWarnings();
    void fillRecentMenu();
    void openArchiveDialog();
    void showAbout();

    Store &m_store;
    Settings &m_settings;
    ProjectContext *m_context = nullptr;
    ImportController *m_import = nullptr;
    RevisionLoader *m_loader = nullptr;
    ContextBar *m_bar = nullptr;
    QListWidget *m_nav = nullptr;
    QStackedWidget *m_stack = nullptr;
    InspectorWidget *m_inspector = nullptr;
    QDockWidget *m_inspectorDock = nullptr;
    LibraryView *m_library = nullptr;
    QToolButton *m_issues = nullptr;
    QuickOpen *m_quickOpen = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QToolBar *m_modeBar = nullptr;
    QList<Panel> m_panels;
    std::map<Navigation, QWidget *> m_routes;
};

} // namespace mltrl::ui
