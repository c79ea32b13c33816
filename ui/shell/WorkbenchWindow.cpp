#include "ui/shell/WorkbenchWindow.h"

#include "ui/common/Counted.h"
#include "ui/common/PanelIcons.h"

#include "core/review/KeyRing.h"
#include "core/store/Store.h"
#include "ui/library/LibraryModel.h"
#include "ui/library/LibraryView.h"
#include "ui/library/WelcomeView.h"
#include "ui/review/KeyDialog.h"
#include "ui/review/Passphrase.h"
#include "ui/session/ProjectContext.h"
#include "ui/shell/BundledExample.h"
#include "ui/shell/ContextBar.h"
#include "ui/shell/ExportPacketDialog.h"
#include "ui/shell/ImportController.h"
#include "ui/shell/ImportProblemsDialog.h"
#include "ui/shell/InspectorWidget.h"
#include "ui/shell/ProblemsModel.h"
#include "ui/shell/QuickOpen.h"
#include "ui/shell/RevisionLoader.h"
#include "ui/shell/Settings.h"
#include "ui/shell/UserGuide.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace mltrl::ui {

namespace {
QString localFileOf(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls() || mime->urls().size() != 1 || !mime->urls().first().isLocalFile())
        return {};
    return mime->urls().first().toLocalFile();
}

QString fact(const std::string &s)
{
    return QString::fromStdString(s);
}
} // namespace

WorkbenchWindow::WorkbenchWindow(Store &store, Settings &settings, QWidget *parent)
      : QMainWindow(parent), m_store(store), m_settings(settings), m_context(new ProjectContext(&store, this)),
        m_import(new ImportController(store.dir(), this, this)), m_loader(new RevisionLoader(store.dir(), this)),
        m_bar(new ContextBar(store, this)), m_nav(new QListWidget(this)), m_stack(new QStackedWidget(this)),
        m_inspector(new InspectorWidget(this)), m_library(new LibraryView(store, this))
{
    setObjectName(QStringLiteral("workbenchWindow"));
    setWindowTitle(QStringLiteral("MLTRL Workbench"));
    setAcceptDrops(true);

    m_nav->setObjectName(QStringLiteral("navigator"));
    m_nav->setIconSize(QSize(22, 22));
    m_nav->setSpacing(2);
    m_nav->setFixedWidth(180);
    QFont navFont = m_nav->font();
    navFont.setPointSizeF(navFont.pointSizeF() * 1.1);
    m_nav->setFont(navFont);
    m_stack->setObjectName(QStringLiteral("panelStack"));
    // The Inspector shows the revision's facts on every panel switch, before the panel is shown:
    // a panel with a selection of its own (evidence, a component) publishes it again as it
    // shows, the others never leave another panel's item on screen.
    connect(m_nav, &QListWidget::currentRowChanged, this, &WorkbenchWindow::inspectRevision);
    connect(m_nav, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);

    auto *line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    auto *body = new QHBoxLayout;
    body->setContentsMargins(0, 0, 0, 0);
    body->addWidget(m_nav);
    body->addWidget(m_stack, 1);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_bar);
    layout->addWidget(line);
    layout->addLayout(body, 1);
    setCentralWidget(central);

    m_inspectorDock = new QDockWidget(QStringLiteral("Inspector"), this);
    m_inspectorDock->setObjectName(QStringLiteral("inspectorDock"));
    m_inspectorDock->setWidget(m_inspector);
    addDockWidget(Qt::RightDockWidgetArea, m_inspectorDock);

    m_issues = new QToolButton(this);
    m_issues->setObjectName(QStringLiteral("statusIssues"));
    m_issues->setAutoRaise(true);
    connect(m_issues, &QToolButton::clicked, this, &WorkbenchWindow::showWarnings);
    statusBar()->addPermanentWidget(m_issues);
    // The store failed under the window (vanished, read-only, full, damaged): said until the
    // next start, since every later action on the store may fail the same way.
    auto *storeError = new QLabel(this);
    storeError->setObjectName(QStringLiteral("storeError"));
    storeError->setTextFormat(Qt::PlainText);
    storeError->hide();
    statusBar()->addPermanentWidget(storeError);
    connect(m_context, &ProjectContext::storeFailed, storeError, [storeError](const QString &message) {
        storeError->setText(QStringLiteral("\u26A0 Store error"));
        storeError->setToolTip(message);
        storeError->show();
    });

    buildMenus();
    addPanelEntry(QStringLiteral("Library"), QStringLiteral("folder"), m_library, QKeySequence(Qt::CTRL | Qt::Key_L),
                  false);

    connect(m_context, &ProjectContext::revisionChanged, this, &WorkbenchWindow::onRevisionChanged);
    connect(m_context, &ProjectContext::inspect, m_inspector, &InspectorWidget::showFacts);
    connect(m_context, &ProjectContext::inspectLinks, m_inspector, &InspectorWidget::showLinks);
    connect(m_inspector, &InspectorWidget::linkActivated, m_context, &ProjectContext::navigate);
    connect(m_context, &ProjectContext::notice, this,
            [this](const QString &text) { statusBar()->showMessage(text, 10000); });
    connect(m_import, &ImportController::notice, m_context, &ProjectContext::notice);
    connect(m_import, &ImportController::imported, this,
            [this](const QString &projectId, int revision, const QString &source) {
                m_settings.addRecentFile(source);
                m_library->refresh();
                // The example's first revision goes in before its second, which is the one opened.
                while (!m_importQueue.isEmpty()) {
                    if (m_import->start(m_importQueue.takeFirst()))
                        return;
                }
                openProject(projectId, revision);
            });
    connect(m_import, &ImportController::finished, this, [this](int outcome) {
        if (outcome != static_cast<int>(ImportResult::Outcome::Imported) &&
            outcome != static_cast<int>(ImportResult::Outcome::AlreadyPresent))
            m_importQueue.clear(); // rejected or cancelled: stop there
    });
    connect(m_loader, &RevisionLoader::loaded, this,
            [this](std::shared_ptr<const RevisionData> revision, std::shared_ptr<const ReviewWork> work) {
                // An edit made while the load ran is not in the work it read: the context
                // reads it again then.
                const bool fresh = m_context->reviewWorkReads() == m_workReadsAtLoad;
                m_context->setRevision(std::move(revision), fresh ? std::move(work) : nullptr);
            });
    connect(m_loader, &RevisionLoader::failed, this, [this](const QString &projectId, const QString &message) {
        m_settings.setValue(keys::openingProject, QString());
        emit m_context->notice(QStringLiteral("Cannot open %1: %2").arg(projectId, message));
        showLibrary();
    });
    connect(m_bar, &ContextBar::storeFailed, m_context, &ProjectContext::reportStoreFailure);
    connect(m_library, &LibraryView::storeFailed, m_context, &ProjectContext::reportStoreFailure);
    connect(m_bar, &ContextBar::projectRequested, this, &WorkbenchWindow::openProject);
    connect(m_bar, &ContextBar::libraryRequested, this, &WorkbenchWindow::showLibrary);
    connect(m_library, &LibraryView::openRequested, this, &WorkbenchWindow::openProject);
    connect(m_library, &LibraryView::importRequested, this, &WorkbenchWindow::openArchiveDialog);
    connect(m_library, &LibraryView::exampleRequested, this, &WorkbenchWindow::openBundledExample);
    connect(m_library, &LibraryView::keyRequested, this, &WorkbenchWindow::showSigningKey);
    connect(m_library, &LibraryView::guideRequested, this, &WorkbenchWindow::showUserGuide);
    m_dialogPassphrases = std::make_unique<DialogPassphraseProvider>();
    m_passphrases = m_dialogPassphrases.get();
    updateFirstSteps();

    // Navigation requests switch to the panel registered for them; the panel selects the item.
    connect(m_context, &ProjectContext::showEvidence, this, [this] { showPanel(m_routes[Navigation::Evidence]); });
    connect(m_context, &ProjectContext::showMetric, this, [this] { showPanel(m_routes[Navigation::Metric]); });
    connect(m_context, &ProjectContext::showCriterion, this, [this] { showPanel(m_routes[Navigation::Criterion]); });
    connect(m_context, &ProjectContext::showRequirement, this,
            [this] { showPanel(m_routes[Navigation::Requirement]); });
    connect(m_context, &ProjectContext::showCard, this, [this] { showPanel(m_routes[Navigation::Card]); });

    resize(1280, 800);
    restoreGeometry(m_settings.value(keys::windowGeometry));
    restoreState(m_settings.value(keys::windowState));
    updateIssues();
}

WorkbenchWindow::~WorkbenchWindow() = default;

void WorkbenchWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(QStringLiteral("&File"));
    QAction *open = file->addAction(QStringLiteral("&Open…"), this, &WorkbenchWindow::openArchiveDialog);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(QStringLiteral("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &WorkbenchWindow::fillRecentMenu);
    file->addSeparator();
    QAction *packet = file->addAction(QStringLiteral("Export Review &Packet…"), this, [this] {
        auto *dialog = new ExportPacketDialog(m_context, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    packet->setObjectName(QStringLiteral("exportPacketAction"));
    packet->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    packet->setEnabled(m_context->hasRevision());
    connect(m_context, &ProjectContext::revisionChanged, packet,
            [this, packet] { packet->setEnabled(m_context->hasRevision()); });
    file->addSeparator();
    QAction *quit = file->addAction(QStringLiteral("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(QStringLiteral("&Edit"));
    QAction *undo = m_context->undoStack()->createUndoAction(this, QStringLiteral("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    edit->addAction(undo);
    QAction *redo = m_context->undoStack()->createRedoAction(this, QStringLiteral("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(redo);

    m_viewMenu = menuBar()->addMenu(QStringLiteral("&View"));
    QAction *inspector = m_inspectorDock->toggleViewAction();
    inspector->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    // Shown or hidden by hand: the window no longer follows its width (see resizeEvent).
    connect(inspector, &QAction::triggered, this, [this] { m_inspectorChosen = true; });
    m_viewMenu->addAction(inspector);
    QAction *quickOpen = m_viewMenu->addAction(QStringLiteral("&Go to…"), this, &WorkbenchWindow::showQuickOpen);
    quickOpen->setObjectName(QStringLiteral("quickOpenAction"));
    quickOpen->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    addAction(quickOpen); // works with the menu bar hidden too
    m_viewMenu->addSeparator();

    QMenu *help = menuBar()->addMenu(QStringLiteral("&Help"));
    QAction *guide = help->addAction(QStringLiteral("&User Guide"), this, &WorkbenchWindow::showUserGuide);
    guide->setObjectName(QStringLiteral("userGuideAction"));
    guide->setShortcut(QKeySequence::HelpContents); // F1
    addAction(guide);                               // works with the menu bar hidden too
    QAction *example =
        help->addAction(QStringLiteral("Open the Bundled &Example"), this, &WorkbenchWindow::openBundledExample);
    example->setObjectName(QStringLiteral("openExampleAction"));
    QAction *key = help->addAction(QStringLiteral("Your &Signing Key…"), this, &WorkbenchWindow::showSigningKey);
    key->setObjectName(QStringLiteral("signingKeyAction"));
    help->addSeparator();
    QAction *about = help->addAction(QStringLiteral("&About MLTRL Workbench"), this, &WorkbenchWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
}

void WorkbenchWindow::addPanel(const QString &title, const QString &iconName, QWidget *panel,
                               const QKeySequence &shortcut)
{
    addPanelEntry(title, iconName, panel, shortcut, true);
}

void WorkbenchWindow::addPanelEntry(const QString &title, const QString &iconName, QWidget *panel,
                                    const QKeySequence &shortcut, bool needsProject)
{
    QKeySequence keys = shortcut;
    const auto projectPanels =
        std::count_if(m_panels.begin(), m_panels.end(), [](const Panel &p) { return p.needsProject; });
    if (keys.isEmpty() && needsProject && projectPanels < 9)
        keys = QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + projectPanels));

    QIcon icon = panelIcon(title, iconName);
    if (icon.isNull())
        icon = style()->standardIcon(QStyle::SP_FileDialogDetailedView);
    auto *item = new QListWidgetItem(icon, title, m_nav);
    item->setToolTip(keys.isEmpty() ? title
                                    : QStringLiteral("%1 (%2)").arg(title, keys.toString(QKeySequence::NativeText)));
    item->setSizeHint(QSize(0, 36));
    // Each panel sits in a scroll area: a panel needing more room than the window has scrolls
    // instead of making the whole window's minimum size larger than a 1280×720 screen.
    auto *scroll = new QScrollArea(m_stack);
    scroll->setObjectName(QStringLiteral("panelScroll"));
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setWidget(panel);
    m_stack->addWidget(scroll);

    auto *action = new QAction(icon, title, this);
    action->setShortcut(keys);
    connect(action, &QAction::triggered, this, [this, panel] { showPanel(panel); });
    m_viewMenu->addAction(action);
    addAction(action); // shortcuts work even with the menu bar hidden
    m_panels.append({title, panel, action, needsProject});

    const bool enabled = !needsProject || m_context->hasRevision();
    action->setEnabled(enabled);
    item->setFlags(enabled ? item->flags() | Qt::ItemIsEnabled : item->flags() & ~Qt::ItemIsEnabled);
    if (m_nav->currentRow() < 0)
        m_nav->setCurrentRow(0);
}

void WorkbenchWindow::addModeAction(QAction *action)
{
    if (!m_modeBar) {
        // In the menu bar's corner rather than a tool bar row of its own: the height goes to
        // the panels (a 1280×720 screen has little to spare).
        m_modeBar = new QToolBar(QStringLiteral("Modes"), this);
        m_modeBar->setObjectName(QStringLiteral("modeToolBar"));
        m_modeBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        m_modeBar->setMovable(false);
        m_modeBar->setIconSize(QSize(16, 16));
        m_modeBar->setStyleSheet(QStringLiteral("QToolBar { border: 0; padding: 0; margin: 0; }"));
        menuBar()->setCornerWidget(m_modeBar, Qt::TopRightCorner);
    }
    m_modeBar->addAction(action);
    m_viewMenu->insertAction(m_viewMenu->actions().value(0), action);
    addAction(action);
}

void WorkbenchWindow::setPanelFor(Navigation kind, QWidget *panel)
{
    m_routes[kind] = panel;
}

void WorkbenchWindow::showPanel(QWidget *panel)
{
    const auto it =
        std::find_if(m_panels.cbegin(), m_panels.cend(), [panel](const Panel &p) { return p.widget == panel; });
    const int index = panel && it != m_panels.cend() ? static_cast<int>(it - m_panels.cbegin()) : -1;
    if (index < 0 || !(m_nav->item(index)->flags() & Qt::ItemIsEnabled))
        return;
    m_nav->setCurrentRow(index);
}

QWidget *WorkbenchWindow::currentPanel() const
{
    const int index = m_stack->currentIndex();
    return index >= 0 && index < m_panels.size() ? m_panels[index].widget : nullptr;
}

QList<WorkbenchWindow::PanelInfo> WorkbenchWindow::panels() const
{
    QList<PanelInfo> out;
    for (const Panel &p : m_panels)
        out.append({p.title, p.widget});
    return out;
}

void WorkbenchWindow::showQuickOpen()
{
    if (!m_context->hasRevision()) {
        emit m_context->notice(
            QStringLiteral("Open a project first: Go to… lists the items of the revision on screen."));
        return;
    }
    if (!m_quickOpen)
        m_quickOpen = new QuickOpen(m_context, this);
    m_quickOpen->popup(this);
}

void WorkbenchWindow::showLibrary()
{
    m_library->refresh();
    showPanel(m_library);
}

void WorkbenchWindow::openProject(const QString &projectId, int revision)
{
    statusBar()->showMessage(QStringLiteral("Loading %1…").arg(projectId));
    // Cleared once the project is on screen; a crash before that leaves it for the next start.
    // With this process's id: a load still running in this process is not a crash.
    m_settings.setValue(keys::openingProject,
                        QStringLiteral("%1\n%2").arg(projectId).arg(QCoreApplication::applicationPid()));
    m_settings.sync();
    m_workReadsAtLoad = m_context->reviewWorkReads();
    m_loader->load(projectId, revision > 0 ? std::optional<int>(revision) : std::nullopt);
}

bool WorkbenchWindow::importArchive(const QString &path)
{
    if (!m_import->start(path)) {
        emit m_context->notice(QStringLiteral("Another import is running; try again when it has finished."));
        return false;
    }
    return true;
}

void WorkbenchWindow::openStartTarget(const QString &target)
{
    if (!target.isEmpty() && QFileInfo::exists(target)) {
        importArchive(target);
        return;
    }
    const QString marker = m_settings.value(keys::openingProject);
    const QString interrupted = marker.section(QLatin1Char('\n'), 0, 0);
    const bool thisProcess =
        marker.section(QLatin1Char('\n'), 1) == QString::number(QCoreApplication::applicationPid());
    if (target.isEmpty() && !thisProcess && !interrupted.isEmpty() &&
        m_library->projectsModel()->rowOf(interrupted) >= 0) {
        offerReopen(interrupted);
        return;
    }
    const QString project = target.isEmpty() ? m_settings.value(keys::lastProject) : target;
    if (!project.isEmpty() && m_library->projectsModel()->rowOf(project) >= 0) {
        openProject(project);
        return;
    }
    if (!target.isEmpty())
        emit m_context->notice(QStringLiteral("%1 is neither an archive nor a project in the store.").arg(target));
    showLibrary();
}

void WorkbenchWindow::offerReopen(const QString &projectId)
{
    // The last run died while opening this project (perhaps because of something in it):
    // opening it again by itself could lock the reviewer out for good. Say so and ask.
    m_settings.setValue(keys::openingProject, QString());
    showLibrary();
    m_library->selectProject(projectId);
    const QString text = QStringLiteral("The workbench closed unexpectedly while opening %1 last time, so it was not "
                                        "reopened automatically.")
                             .arg(projectId);
    emit m_context->notice(text);
    auto *box = new QMessageBox(QMessageBox::Warning, QStringLiteral("Project not reopened"), text,
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("reopenAfterCrash"));
    box->setInformativeText(QStringLiteral("Open it again now? If it fails again, please report the archive."));
    QPushButton *reopen = box->addButton(QStringLiteral("Open %1").arg(projectId), QMessageBox::AcceptRole);
    reopen->setObjectName(QStringLiteral("reopenProject"));
    box->addButton(QStringLiteral("Not now"), QMessageBox::RejectRole)->setObjectName(QStringLiteral("notNow"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(reopen, &QPushButton::clicked, this, [this, projectId] { openProject(projectId); });
    box->open();
}

bool WorkbenchWindow::openBundledExample()
{
    const QStringList archives = bundledExampleArchives();
    if (archives.isEmpty()) {
        emit m_context->notice(QStringLiteral("The bundled example was not found (looked in %1).")
                                   .arg(bundledExampleDirs().join(QStringLiteral(", "))));
        return false;
    }
    if (m_import->isBusy()) {
        emit m_context->notice(QStringLiteral("Another import is running; try again when it has finished."));
        return false;
    }
    m_importQueue = archives.mid(1);
    if (!m_import->start(archives.first())) {
        m_importQueue.clear();
        return false;
    }
    statusBar()->showMessage(QStringLiteral("Importing the bundled example…"));
    return true;
}

void WorkbenchWindow::setPassphraseProvider(PassphraseProvider *provider)
{
    m_passphrases = provider ? provider : m_dialogPassphrases.get();
}

void WorkbenchWindow::showSigningKey()
{
    // The roles the open project's gates ask sign-offs from, as the review form suggests them.
    QStringList roles;
    if (const auto r = m_context->revision())
        for (const Gate &g : r->manifest.gates)
            for (const Signoff &so : g.signoffs)
                if (!roles.contains(QString::fromStdString(so.role)))
                    roles << QString::fromStdString(so.role);
    delete m_keyDialog;
    m_keyDialog = new KeyDialog(KeyRing(), m_passphrases, roles, this);
    m_keyDialog->setObjectName(QStringLiteral("signingKeyDialog"));
    connect(m_keyDialog, &QDialog::finished, this, &WorkbenchWindow::updateFirstSteps);
    m_keyDialog->open();
}

void WorkbenchWindow::showUserGuide()
{
    if (!m_guide)
        m_guide = new UserGuide(this);
    m_guide->show();
    m_guide->raise();
    m_guide->activateWindow();
}

void WorkbenchWindow::updateFirstSteps()
{
    WelcomeView *welcome = m_library->welcomeView();
    const bool example = !bundledExampleArchives().isEmpty();
    welcome->setExampleAvailable(example, example ? QString()
                                                  : QStringLiteral("The bundled example was not found (looked in %1).")
                                                        .arg(bundledExampleDirs().join(QStringLiteral(", "))));
    m_library->exampleButton()->setEnabled(example);
    if (const auto key = KeyRing().current()) {
        const ReviewerIdentity &who = key->identity;
        welcome->setKeyStatus(
            QStringLiteral("You sign as %1 <%2>%3 with %4.")
                .arg(QString::fromStdString(who.name), QString::fromStdString(who.email),
                     who.role.empty() ? QString() : QStringLiteral(", %1").arg(QString::fromStdString(who.role)),
                     QString::fromStdString(key->keyFile.string())));
    } else {
        welcome->setKeyStatus(QStringLiteral("No key yet. Needed before you sign your first review: a new Ed25519 key "
                                             "kept on this computer, or an OpenSSH key you already have."));
    }
}

void WorkbenchWindow::onRevisionChanged()
{
    const auto revision = m_context->revision();
    m_bar->showRevision(revision);
    for (int i = 0; i < m_panels.size(); ++i) {
        const bool enabled = !m_panels[i].needsProject || revision;
        m_panels[i].action->setEnabled(enabled);
        QListWidgetItem *item = m_nav->item(i);
        item->setFlags(enabled ? item->flags() | Qt::ItemIsEnabled : item->flags() & ~Qt::ItemIsEnabled);
    }
    updateIssues();
    if (!revision)
        return;
    const RevisionOverview &o = revision->overview;
    statusBar()->clearMessage();
    setWindowTitle(QStringLiteral("%1 · rev %2 — MLTRL Workbench").arg(fact(o.id)).arg(o.revision));
    m_settings.setValue(keys::lastProject, fact(o.id));
    // On screen once this event-loop turn ends (painted, panels filled): then it opened fine.
    QTimer::singleShot(0, this, [this] { m_settings.setValue(keys::openingProject, QString()); });
    m_library->selectProject(fact(o.id));
    inspectRevision();
    if (currentPanel() == m_library && m_panels.size() > 1)
        showPanel(m_panels[1].widget);
}

void WorkbenchWindow::inspectRevision()
{
    const auto revision = m_context->revision();
    if (!revision) {
        emit m_context->inspect({}, {});
        return;
    }
    const RevisionOverview &o = revision->overview;
    emit m_context->inspect(QStringLiteral("Revision %1 of %2").arg(o.revision).arg(fact(o.id)),
                            {{QStringLiteral("Project"), fact(o.name)},
                             {QStringLiteral("Imported"), fact(o.importedAt)},
                             {QStringLiteral("Exported"), fact(o.exportedAt)},
                             {QStringLiteral("Manifest SHA-256"), fact(o.manifestSha256)},
                             {QStringLiteral("Evidence files"), QString::number(o.counts.evidence)},
                             {QStringLiteral("Metrics"), QString::number(o.counts.metrics)},
                             {QStringLiteral("Gates"), QString::number(o.counts.gates)},
                             {QStringLiteral("Requirements"), QString::number(o.counts.requirements)}});
}

QString WorkbenchWindow::issuesText() const
{
    return m_issues->text();
}

void WorkbenchWindow::updateIssues()
{
    const auto revision = m_context->revision();
    const std::size_t warnings = revision ? revision->overview.warnings.size() : 0;
    if (!revision)
        m_issues->setText(QStringLiteral("No project open"));
    else if (warnings == 0)
        m_issues->setText(QStringLiteral("No warnings from import"));
    else
        m_issues->setText(QStringLiteral("⚠ %1 from import")
                              .arg(counted(static_cast<qsizetype>(warnings), QStringLiteral("warning"))));
    m_issues->setEnabled(warnings > 0);
    m_issues->setToolTip(warnings > 0 ? QStringLiteral("Show the warnings") : QString());
}

void WorkbenchWindow::showWarnings()
{
    const auto revision = m_context->revision();
    if (!revision || revision->overview.warnings.empty())
        return;
    auto *dialog = new ImportProblemsDialog(QStringLiteral("Warnings recorded when %1 revision %2 was imported.")
                                                .arg(fact(revision->overview.id))
                                                .arg(revision->overview.revision),
                                            ProblemsModel::fromStoredWarnings(revision->overview.warnings), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void WorkbenchWindow::fillRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = m_settings.recentFiles();
    for (int i = 0; i < recent.size(); ++i) {
        const QString path = recent[i];
        QAction *a = m_recentMenu->addAction(QStringLiteral("&%1 %2").arg(
            i + 1 < 10 ? QString::number(i + 1) : QStringLiteral("0"), QFileInfo(path).fileName()));
        a->setToolTip(path);
        connect(a, &QAction::triggered, this, [this, path] { importArchive(path); });
    }
    if (recent.isEmpty())
        m_recentMenu->addAction(QStringLiteral("No recent archives"))->setEnabled(false);
}

void WorkbenchWindow::openArchiveDialog()
{
    // Window-modal, not a nested event loop: imports, loads and the tour keep running.
    auto *dialog =
        new QFileDialog(this, QStringLiteral("Open project archive"), QString(),
                        QStringLiteral("MLTRL archives (*.mltrl *.zip *.tar *.tar.gz *.tgz);;All files (*)"));
    dialog->setObjectName(QStringLiteral("openArchiveDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        if (!path.isEmpty())
            importArchive(path);
    });
    dialog->open();
}

void WorkbenchWindow::showAbout()
{
    QMessageBox::about(
        this, QStringLiteral("About MLTRL Workbench"),
        QStringLiteral("<h3>MLTRL Workbench %1</h3><p>Review machine-learning projects against their "
                       "MLTRL gates, offline.</p><p>Store: %2</p>")
            .arg(QStringLiteral(MLTRL_VERSION), QString::fromStdString(m_store.dir().string()).toHtmlEscaped()));
}

void WorkbenchWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    // Below inspectorAutoWidth the panels need the room more than the facts do: the Inspector
    // starts collapsed (Ctrl+I, or any panel's selection still fills it for when it is shown).
    if (!m_inspectorChosen)
        m_inspectorDock->setVisible(event->size().width() >= inspectorAutoWidth);
}

void WorkbenchWindow::closeEvent(QCloseEvent *event)
{
    m_settings.setValue(keys::windowGeometry, saveGeometry());
    m_settings.setValue(keys::windowState, saveState());
    m_settings.sync();
    QMainWindow::closeEvent(event);
}

void WorkbenchWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localFileOf(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void WorkbenchWindow::dropEvent(QDropEvent *event)
{
    const QString path = localFileOf(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    importArchive(path);
}

} // namespace mltrl::ui
