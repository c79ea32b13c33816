// The workbench window end to end: import the bundled example through the real controller,
// then check the context bar, the track, the history plot, the components, the library, the
// inspector, panel switching and what the window remembers.
#include "GuiTestUtil.h"
#include "TempStore.h"
#include "ui/library/LibraryModel.h"
#include "ui/library/LibraryView.h"
#include "ui/overview/ComponentsModel.h"
#include "ui/overview/HistoryPlot.h"
#include "ui/overview/MltrlTrackWidget.h"
#include "ui/overview/OverviewPanel.h"
#include "ui/session/ProjectContext.h"
#include "ui/shell/ContextBar.h"
#include "ui/shell/ImportController.h"
#include "ui/shell/InspectorWidget.h"
#include "ui/shell/PanelSetup.h"
#include "ui/shell/Settings.h"
#include "ui/shell/WorkbenchWindow.h"

#include "qcustomplot.h"

#include <QAbstractItemModelTester>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTextBrowser>
#include <QtTest>

#include <memory>

using namespace mltrl;
using namespace mltrl::ui;

class TestWorkbench : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void contextBarShowsLevels();
    void overviewShowsProject();
    void trackShowsLevels();
    void historyHasOnePointPerEntry();
    void componentsTableAndInspector();
    void inspectorFollowsThePanel();
    void libraryListsProject();
    void panelShortcutsSwitchPanels();
    void remembersLastProjectAndRecentFile();
    void crashWhileOpeningIsNotRepeated();
    void opensProjectById();
    void unknownTargetShowsLibrary();

private:
    std::unique_ptr<WorkbenchWindow> makeWindow();

    std::unique_ptr<test::TempStore> m_store;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<WorkbenchWindow> m_window;
    OverviewPanel *m_overview = nullptr;
};

std::unique_ptr<WorkbenchWindow> TestWorkbench::makeWindow()
{
    auto window = std::make_unique<WorkbenchWindow>(m_store->store(), *m_settings);
    installPanels(*window, window->context());
    window->show();
    return window;
}

void TestWorkbench::initTestCase()
{
    test::useTestSettings();
    m_store = std::make_unique<test::TempStore>();
    m_settings = std::make_unique<Settings>();
    m_window = makeWindow();
    m_overview = m_window->findChild<OverviewPanel *>(QStringLiteral("overviewPanel"));
    QVERIFY(m_overview);
    QCOMPARE(m_window->currentPanel(), m_window->library());

    QVERIFY(m_window->importArchive(test::examplePath()));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->context().hasRevision(), 60000);
}

void TestWorkbench::contextBarShowsLevels()
{
    QCOMPARE(m_window->contextBar()->text(),
             QStringLiteral("cxr-triage · rev 1 · level 5 (system 5, held back by: classifier) · target 8"));
    // The example's flagged DICOM sample is left identified on purpose (examples/README.md).
    QCOMPARE(m_window->issuesText(), QStringLiteral("\u26A0 1 warning from import"));
    QVERIFY(m_window->windowTitle().startsWith(QStringLiteral("cxr-triage · rev 1")));
}

void TestWorkbench::overviewShowsProject()
{
    // Opening a project leaves the library for the first project panel.
    QCOMPARE(m_window->currentPanel(), m_overview);
    auto *title = m_overview->findChild<QLabel *>(QStringLiteral("overviewTitle"));
    QVERIFY(title->text().contains(QStringLiteral("Chest X-ray triage")));
    // The summary's Markdown is rendered, not shown raw.
    const QString summary = m_overview->summary()->document()->toPlainText();
    QVERIFY(summary.contains(QStringLiteral("urgent finding")));
    QVERIFY(!summary.contains(QStringLiteral("**")));
    auto *people = m_overview->findChild<QLabel *>(QStringLiteral("overviewPeople"));
    QVERIFY(people->text().contains(QStringLiteral("A. Rivera")));
    QVERIFY(people->text().contains(QStringLiteral("Dr J. Okafor")));
    auto *links = m_overview->findChild<QLabel *>(QStringLiteral("overviewLinks"));
    QVERIFY(links->text().contains(QStringLiteral("https://git.example.org/imaging-ai/cxr-triage")));
}

void TestWorkbench::trackShowsLevels()
{
    MltrlTrackWidget *track = m_overview->track();
    QVERIFY(track->hasTrack());
    QCOMPARE(track->currentLevel(), 5);
    QCOMPARE(track->targetLevel(), std::optional<int>(8));
    QCOMPARE(track->systemLevel(), std::optional<int>(5));
    QCOMPARE(track->heldBackBy(), QStringList{QStringLiteral("classifier")});
    QCOMPARE(track->components().size(), 3);
    QVERIFY(track->calloutText().contains(QStringLiteral("held back by classifier")));
    QVERIFY(track->stationToolTip(5).contains(QStringLiteral("Current level")));
    QVERIFY(track->stationToolTip(8).contains(QStringLiteral("Target level")));
    QVERIFY(track->stationToolTip(6).contains(QStringLiteral("DICOM ingest")));
}

void TestWorkbench::historyHasOnePointPerEntry()
{
    const auto revision = m_window->context().revision();
    const std::vector<HistoryEntry> &history = revision->manifest.history;
    HistoryPlot *plot = m_overview->history();
    QCOMPARE(plot->levelGraph()->dataCount(), static_cast<int>(history.size()));
    for (int i = 0; i < plot->levelGraph()->dataCount(); ++i)
        QCOMPARE(plot->levelGraph()->data()->at(i)->value, double(history[static_cast<std::size_t>(i)].to));
    QCOMPARE(plot->markerGraph(QStringLiteral("start"))->dataCount(), 1);
    QCOMPARE(plot->markerGraph(QStringLiteral("advance"))->dataCount(), 5);
    QCOMPARE(plot->markerGraph(QStringLiteral("switchback (discovery)"))->dataCount(), 1);
    QCOMPARE(plot->markerGraph(QStringLiteral("switchback (review)"))->dataCount(), 1);
    QVERIFY(plot->markerGraph(QStringLiteral("switchback (embedded)")) == nullptr);
    QVERIFY(plot->markerGraph(QStringLiteral("invalid")) == nullptr); // the example has none
    // The review switchback carries different shape from the discovery one.
    QVERIFY(plot->markerGraph(QStringLiteral("switchback (review)"))->scatterStyle().shape() !=
            plot->markerGraph(QStringLiteral("switchback (discovery)"))->scatterStyle().shape());
}

void TestWorkbench::componentsTableAndInspector()
{
    QTableView *view = m_overview->componentsView();
    QCOMPARE(view->model()->rowCount(), 3);
    ComponentsModel *model = m_overview->componentsModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    int heldBack = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->isHeldBack(row)) {
            ++heldBack;
            QCOMPARE(model->index(row, ComponentsModel::IdColumn).data().toString(), QStringLiteral("classifier"));
            QCOMPARE(model->index(row, ComponentsModel::CodeColumn).data().toString(), QStringLiteral("R07.2"));
        }
    }
    QCOMPARE(heldBack, 1);

    // Selecting a component publishes its facts to the Inspector.
    view->setCurrentIndex(view->model()->index(0, 0));
    view->setCurrentIndex(view->model()->index(1, 0));
    InspectorWidget *inspector = m_window->inspector();
    const QString id = view->model()->index(1, ComponentsModel::IdColumn).data().toString();
    QCOMPARE(inspector->title(), QStringLiteral("Component %1").arg(id));
    QVERIFY(inspector->fact(QStringLiteral("Level"))
                .startsWith(
                    view->model()->index(1, ComponentsModel::LevelColumn).data(ComponentsModel::SortRole).toString()));
}

void TestWorkbench::inspectorFollowsThePanel()
{
    InspectorWidget *inspector = m_window->inspector();
    const auto panelTitled = [&](const QString &title) -> QWidget * {
        for (const auto &p : m_window->panels())
            if (p.title == title)
                return p.widget;
        return nullptr;
    };
    QWidget *metrics = panelTitled(QStringLiteral("Metrics"));
    QWidget *evidence = panelTitled(QStringLiteral("Evidence"));
    QVERIFY(metrics && evidence);
    const std::string evidenceId = m_window->context().revision()->manifest.evidence.front().id;
    const QString evidenceTitle = QStringLiteral("Evidence %1").arg(QString::fromStdString(evidenceId));

    emit m_window->context().showEvidence(QString::fromStdString(evidenceId));
    QCOMPARE(m_window->currentPanel(), evidence);
    QCOMPARE(inspector->title(), evidenceTitle);
    // Another panel with nothing of its own to inspect: the revision, not the old file.
    m_window->showPanel(metrics);
    QVERIFY2(inspector->title().startsWith(QStringLiteral("Revision ")), qPrintable(inspector->title()));
    QVERIFY(!inspector->fact(QStringLiteral("Manifest SHA-256")).isEmpty());
    // Back on the evidence: its facts again.
    m_window->showPanel(evidence);
    QCOMPARE(inspector->title(), evidenceTitle);
    // The Overview brings back the component selected there.
    m_window->showPanel(m_overview);
    QTableView *view = m_overview->componentsView();
    view->setCurrentIndex(view->model()->index(0, 0));
    const QString component = inspector->title();
    QVERIFY(component.startsWith(QStringLiteral("Component ")));
    m_window->showPanel(metrics);
    QVERIFY(inspector->title().startsWith(QStringLiteral("Revision ")));
    m_window->showPanel(m_overview);
    QCOMPARE(inspector->title(), component);
}

void TestWorkbench::libraryListsProject()
{
    LibraryView *library = m_window->library();
    LibraryModel *model = library->projectsModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    library->refresh();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, LibraryModel::IdColumn).data().toString(), QStringLiteral("cxr-triage"));
    QCOMPARE(model->index(0, LibraryModel::CurrentColumn).data(LibraryModel::SortRole).toInt(), 5);
    QCOMPARE(model->index(0, LibraryModel::SystemColumn).data(LibraryModel::SortRole).toInt(), 5);
    QCOMPARE(model->index(0, LibraryModel::TargetColumn).data(LibraryModel::SortRole).toInt(), 8);
    QCOMPARE(model->index(0, LibraryModel::RevisionsColumn).data().toInt(), 1);

    RevisionsModel *revisions = library->revisionsModel();
    QAbstractItemModelTester revisionsTester(revisions, QAbstractItemModelTester::FailureReportingMode::QtTest);
    library->selectProject(QStringLiteral("cxr-triage"));
    QCOMPARE(revisions->projectId(), QStringLiteral("cxr-triage"));
    QCOMPARE(revisions->rowCount(), 1);
    QCOMPARE(revisions->index(0, 0).data(RevisionsModel::RevisionRole).toInt(), 1);

    // Activating a project row asks to open it.
    QSignalSpy open(library, &LibraryView::openRequested);
    emit library->projectsView()->activated(library->projectsView()->model()->index(0, 0));
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.at(0).at(0).toString(), QStringLiteral("cxr-triage"));
}

void TestWorkbench::panelShortcutsSwitchPanels()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(m_window->currentPanel(), m_window->library());
    QTest::keyClick(m_window.get(), Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(m_window->currentPanel(), m_overview);
    // The navigator lists the library first, then the panels.
    auto *nav = m_window->findChild<QListWidget *>(QStringLiteral("navigator"));
    QCOMPARE(nav->count(), m_window->panels().size());
    QCOMPARE(nav->item(0)->text(), QStringLiteral("Library"));
    QCOMPARE(nav->item(1)->text(), QStringLiteral("Overview"));
}

void TestWorkbench::remembersLastProjectAndRecentFile()
{
    QCOMPARE(m_settings->value(keys::lastProject), QStringLiteral("cxr-triage"));
    QCOMPARE(m_settings->recentFiles().value(0), QFileInfo(test::examplePath()).absoluteFilePath());

    // A second window started without a target reopens the last project.
    auto second = makeWindow();
    second->openStartTarget({});
    QTRY_VERIFY_WITH_TIMEOUT(second->context().hasRevision(), 30000);
    QCOMPARE(second->context().revision()->overview.id, std::string("cxr-triage"));

    // Geometry is saved on close and restored by the next window.
    second->resize(1400, 820);
    second->close();
    QVERIFY(!m_settings->value(keys::windowGeometry).isEmpty());
    auto third = makeWindow();
    QCOMPARE(third->size(), QSize(1400, 820));
}

void TestWorkbench::crashWhileOpeningIsNotRepeated()
{
    // The last run died while opening the project: the next start shows the library, says
    // so, and opens it only when asked.
    m_settings->setValue(keys::lastProject, QStringLiteral("cxr-triage"));
    m_settings->setValue(keys::openingProject, QStringLiteral("cxr-triage"));
    auto window = makeWindow();
    window->openStartTarget({});
    QCOMPARE(window->currentPanel(), window->library());
    QVERIFY(!window->context().hasRevision());
    QVERIFY(m_settings->value(keys::openingProject).isEmpty());
    auto *box = window->findChild<QMessageBox *>(QStringLiteral("reopenAfterCrash"));
    QVERIFY(box);
    QVERIFY(box->text().contains(QStringLiteral("closed unexpectedly while opening cxr-triage")));
    QTest::qWait(300);
    QVERIFY(!window->context().hasRevision()); // nothing opened by itself
    auto *reopen = box->findChild<QPushButton *>(QStringLiteral("reopenProject"));
    QVERIFY(reopen);
    reopen->click();
    QTRY_VERIFY_WITH_TIMEOUT(window->context().hasRevision(), 30000);
    // Opened fine this time: the marker is gone, so the next start reopens as usual.
    QTRY_VERIFY(m_settings->value(keys::openingProject).isEmpty());
    auto next = makeWindow();
    next->openStartTarget({});
    QTRY_VERIFY_WITH_TIMEOUT(next->context().hasRevision(), 30000);
    QVERIFY(!next->findChild<QMessageBox *>(QStringLiteral("reopenAfterCrash")));
}

void TestWorkbench::opensProjectById()
{
    auto window = makeWindow();
    window->openStartTarget(QStringLiteral("cxr-triage"));
    QTRY_VERIFY_WITH_TIMEOUT(window->context().hasRevision(), 30000);
    QVERIFY(window->contextBar()->text().startsWith(QStringLiteral("cxr-triage · rev 1")));
}

void TestWorkbench::unknownTargetShowsLibrary()
{
    auto window = makeWindow();
    window->openStartTarget(QStringLiteral("no-such-project"));
    QCOMPARE(window->currentPanel(), window->library());
    QVERIFY(!window->context().hasRevision());
}

QTEST_MAIN(TestWorkbench)
#include "tst_workbench.moc"
