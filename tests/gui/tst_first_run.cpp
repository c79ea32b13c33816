// The first run (issue 21): a workbench opened on an empty store greets the newcomer with what
// it is for and the first steps — the bundled example, an archive (button, File ▸ Open, drop),
// the signing key, the user guide (F1) — and the library keeps those actions once projects
// are there. Set MLTRL_GRAB_DIR to keep a picture of the first-run view (docs/screenshots).
#include "GuiTestUtil.h"
#include "TempStore.h"
#include "ui/library/LibraryModel.h"
#include "ui/library/LibraryView.h"
#include "ui/library/WelcomeView.h"
#include "ui/review/KeyDialog.h"
#include "ui/session/ProjectContext.h"
#include "ui/shell/BundledExample.h"
#include "ui/shell/ImportController.h"
#include "ui/shell/PanelSetup.h"
#include "ui/shell/Settings.h"
#include "ui/shell/UserGuide.h"
#include "ui/shell/WorkbenchWindow.h"

#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QTextBrowser>
#include <QtTest>

#include <memory>

using namespace mltrl;
using namespace mltrl::ui;

class TestFirstRun : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void exampleIsFound();
    void firstRunViewOnEmptyStore();
    void f1OpensTheUserGuide();
    void keyButtonOpensTheKeyDialog();
    void openArchiveButtonImports();
    void droppingAnArchiveImports();
    void openTheExampleFromTheFirstRunView();

private:
    void makeWindow();

    std::unique_ptr<test::TempStore> m_store;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<WorkbenchWindow> m_window;
};

void TestFirstRun::initTestCase()
{
    test::useTestSettings();
}

void TestFirstRun::init()
{
    m_store = std::make_unique<test::TempStore>();
    m_settings = std::make_unique<Settings>();
    makeWindow();
}

void TestFirstRun::cleanup()
{
    m_window.reset();
    m_settings.reset();
    m_store.reset();
}

void TestFirstRun::makeWindow()
{
    m_window = std::make_unique<WorkbenchWindow>(m_store->store(), *m_settings);
    installPanels(*m_window, m_window->context());
    m_window->resize(1280, 720);
    m_window->show();
    m_window->openStartTarget({});
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestFirstRun::exampleIsFound()
{
    // Run from the build folder, the workbench finds the source tree's examples.
    const QStringList archives = bundledExampleArchives();
    QCOMPARE(archives.size(), 2);
    QCOMPARE(QFileInfo(archives[0]).fileName(), QStringLiteral("cxr-triage.mltrl"));
    QCOMPARE(QFileInfo(archives[1]).fileName(), QStringLiteral("cxr-triage-r2.mltrl"));
    QCOMPARE(QFileInfo(archives[0]).canonicalFilePath(), QFileInfo(test::examplePath()).canonicalFilePath());
    // An installed workbench looks beside itself first: <prefix>/share/mltrl-workbench/examples.
    const QString installed =
        QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../share/mltrl-workbench/examples"));
    QVERIFY(bundledExampleDirs().contains(installed));
    // $MLTRL_EXAMPLES_DIR comes first; a folder without the example is passed over.
    QTemporaryDir empty;
    qputenv("MLTRL_EXAMPLES_DIR", empty.path().toUtf8());
    QCOMPARE(bundledExampleDirs().value(0), QDir::cleanPath(empty.path()));
    QCOMPARE(bundledExampleArchives().size(), 2);
    qunsetenv("MLTRL_EXAMPLES_DIR");
}

void TestFirstRun::firstRunViewOnEmptyStore()
{
    LibraryView *library = m_window->library();
    QCOMPARE(m_window->currentPanel(), library);
    QVERIFY(library->showsWelcome());
    WelcomeView *welcome = library->welcomeView();
    QVERIFY(welcome->isVisible());
    // What the workbench is for, in two sentences.
    auto *about = welcome->findChild<QLabel *>(QStringLiteral("firstRunAbout"));
    QVERIFY(about && about->isVisible());
    QVERIFY(about->text().contains(QStringLiteral("gates")));
    QCOMPARE(about->text().count(QStringLiteral(". ")) + 1, 2);
    // The four first steps, visible and usable, inside the window at 1280×720.
    for (QPushButton *b :
         {welcome->exampleButton(), welcome->openButton(), welcome->keyButton(), welcome->guideButton()}) {
        QVERIFY2(b->isVisible() && b->isEnabled(), qPrintable(b->text()));
        const QRect r(b->mapTo(m_window.get(), QPoint(0, 0)), b->size());
        QVERIFY2(m_window->rect().contains(r), qPrintable(b->text()));
    }
    QCOMPARE(welcome->exampleButton()->text(), QStringLiteral("Open the bundled example"));
    QCOMPARE(welcome->openButton()->text(), QStringLiteral("Open an archive…"));
    QVERIFY(welcome->keyButton()->text().contains(QStringLiteral("signing key")));
    QVERIFY(welcome->guideButton()->text().contains(QStringLiteral("user guide")));
    QVERIFY(!welcome->keyStatus()->text().isEmpty()); // a key, or what it is for

    // The buttons ask for the actions.
    QSignalSpy example(library, &LibraryView::exampleRequested);
    QSignalSpy key(library, &LibraryView::keyRequested);
    QSignalSpy guide(library, &LibraryView::guideRequested);
    QSignalSpy open(library, &LibraryView::importRequested);
    library->disconnect(m_window.get()); // only the signals here, no dialogs
    QTest::mouseClick(welcome->exampleButton(), Qt::LeftButton);
    QTest::mouseClick(welcome->openButton(), Qt::LeftButton);
    QTest::mouseClick(welcome->keyButton(), Qt::LeftButton);
    QTest::mouseClick(welcome->guideButton(), Qt::LeftButton);
    QCOMPARE(example.size(), 1);
    QCOMPARE(open.size(), 1);
    QCOMPARE(key.size(), 1);
    QCOMPARE(guide.size(), 1);
    // The library header carries the same actions (shown once there are projects).
    QCOMPARE(library->exampleButton()->text(), QStringLiteral("Open the bundled example"));
    QCOMPARE(library->importButton()->text(), QStringLiteral("Open an archive…"));
    QVERIFY(!library->keyButton()->text().isEmpty() && !library->guideButton()->text().isEmpty());

    if (const QString dir = qEnvironmentVariable("MLTRL_GRAB_DIR"); !dir.isEmpty())
        QVERIFY(m_window->grab().save(QDir(dir).filePath(QStringLiteral("first-run.png"))));
}

void TestFirstRun::f1OpensTheUserGuide()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_F1);
    UserGuide *guide = m_window->userGuide();
    QVERIFY(guide);
    QTRY_VERIFY(guide->isVisible());
    QCOMPARE(guide->browser()->source(), UserGuide::url());
    const QString text = guide->browser()->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("User Guide")) && text.contains(QStringLiteral("Getting started")),
             qPrintable(text.left(200)));
    QVERIFY(text.contains(QStringLiteral("Meeting mode")));
    // F1 is not the About box any more.
    const auto boxes = m_window->findChildren<QMessageBox *>();
    for (QMessageBox *box : boxes)
        QVERIFY(!box->isVisible());
    guide->close();
}

void TestFirstRun::keyButtonOpensTheKeyDialog()
{
    QTest::mouseClick(m_window->library()->welcomeView()->keyButton(), Qt::LeftButton);
    KeyDialog *dialog = m_window->keyDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    // The review form's flow: a new workbench key or an existing OpenSSH key.
    QVERIFY(dialog->createButton()->isVisible());
    QVERIFY(dialog->useSshButton()->isVisible());
    dialog->reject();
    QTRY_VERIFY(!dialog->isVisible());
}

void TestFirstRun::openArchiveButtonImports()
{
    QTest::mouseClick(m_window->library()->welcomeView()->openButton(), Qt::LeftButton);
    QFileDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<QFileDialog *>(QStringLiteral("openArchiveDialog"))) &&
                dialog->isVisible());
    QVERIFY(dialog->windowModality() != Qt::NonModal); // open(), never a nested event loop
    emit dialog->fileSelected(test::examplePath());
    dialog->close();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->context().hasRevision(), 120000);
    QCOMPARE(m_window->context().revision()->overview.id, std::string("cxr-triage"));
    // The first-run view is gone: the library lists the project now.
    QVERIFY(!m_window->library()->showsWelcome());
    QCOMPARE(m_window->library()->projectsModel()->rowCount(), 1);
}

void TestFirstRun::droppingAnArchiveImports()
{
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(test::examplePath())});
    QDragEnterEvent enter(QPoint(400, 300), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(400, 300), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &drop);
    QVERIFY(drop.isAccepted());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->context().hasRevision(), 120000);
    QVERIFY(!m_window->library()->showsWelcome());
}

void TestFirstRun::openTheExampleFromTheFirstRunView()
{
    QVERIFY(m_window->library()->showsWelcome());
    QTest::mouseClick(m_window->library()->welcomeView()->exampleButton(), Qt::LeftButton);
    // Both revisions are imported, the second is opened (the Changes panel compares them).
    QTRY_VERIFY_WITH_TIMEOUT(m_window->context().hasRevision(), 120000);
    const auto revision = m_window->context().revision();
    QCOMPARE(revision->overview.id, std::string("cxr-triage"));
    QCOMPARE(revision->overview.revision, 2);
    QCOMPARE(revision->overview.revisions, 2);
    QVERIFY(!m_window->library()->showsWelcome());
    QVERIFY(m_window->currentPanel() != m_window->library());
    // The library offers the same actions from now on.
    m_window->showLibrary();
    QVERIFY(m_window->library()->exampleButton()->isVisible());
    QVERIFY(m_window->library()->importButton()->isVisible());
    QVERIFY(m_window->library()->keyButton()->isVisible());
    QVERIFY(m_window->library()->guideButton()->isVisible());
    // Opening it again is harmless: the import is idempotent.
    QVERIFY(m_window->openBundledExample());
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->importController()->isBusy() && m_window->context().revision() != revision,
                             120000);
    QCOMPARE(m_window->context().revision()->overview.revisions, 2);
}

QTEST_MAIN(TestFirstRun)
#include "tst_first_run.moc"
