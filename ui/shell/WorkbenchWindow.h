#pragma once
/// The workbench's main window, a thin shell: context bar, navigator (modes), the panel stack,
/// the Inspector dock and the status line. Panels are registered with addPanel() (see
/// PanelSetup.cpp) and talk to each other only through ProjectContext.
#include <QKeySequence>
#include <QList>
#include <QMainWindow>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>

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
class KeyDialog;
class PassphraseProvider;
class UserGuide;
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
    /// "Open the bundled example": imports its revisions in order (BundledExample.h), then
    /// opens the latest. False (with a notice) when the example is not found or an import runs.
    bool openBundledExample();
    /// "Create or choose your signing key": the review form's key dialog, opened on its own.
    void showSigningKey();
    /// F1: the user guide that ships in the program (UserGuide.h).
    void showUserGuide();

    [[nodiscard]] KeyDialog *keyDialog() const { return m_keyDialog; }
    [[nodiscard]] UserGuide *userGuide() const { return m_guide; }
    /// Where the key dialog asks passphrases (tests answer without a dialog); null: dialogs.
    void setPassphraseProvider(PassphraseProvider *provider);

    [[nodiscard]] ImportController *importController() const { return m_import; }
    [[nodiscard]] RevisionLoader *revisionLoader() const { return m_loader; }
    [[nodiscard]] LibraryView *library() const { return m_library; }
    [[nodiscard]] ContextBar *contextBar() const { return m_bar; }
    [[nodiscard]] InspectorWidget *inspector() const { return m_inspector; }
    [[nodiscard]] QDockWidget *inspectorDock() const { return m_inspectorDock; }
    /// Narrower than this, the Inspector is collapsed until the user shows it (Ctrl+I).
    static constexpr int inspectorAutoWidth = 1440;
    [[nodiscard]] QString issuesText() const;

protected:
    void closeEvent(QCloseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
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
    /// The first-run view's example and key lines, as things stand.
    void updateFirstSteps();

    Store &m_store;
    Settings &m_settings;
    ProjectContext *m_context = nullptr;
    ImportController *m_import = nullptr;
    RevisionLoader *m_loader = nullptr;
    quint64 m_workReadsAtLoad = 0; ///< ProjectContext::reviewWorkReads() when the last load began
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
    bool m_inspectorChosen = false; ///< the user showed or hid the Inspector
    QStringList m_importQueue;      ///< archives still to import before opening (the example)
    KeyDialog *m_keyDialog = nullptr;
    UserGuide *m_guide = nullptr;
    std::unique_ptr<PassphraseProvider> m_dialogPassphrases;
    PassphraseProvider *m_passphrases = nullptr;
    QList<Panel> m_panels;
    std::map<Navigation, QWidget *> m_routes;
};

} // namespace mltrl::ui
