// The store fails under a running workbench — its file removed, the disk read-only or full,
// reads failing — and every action says so while the window lives on (issue 19). The failures
// come from FailingVfs (tests/support), an SQLite VFS that fails on demand, so the test works
// for any user (chmod does not stop root). Also: the one way off the UI thread, BackgroundJob,
// turns whatever its work throws into an error value (Store::connect itself: tst_store_open).
#include "FailingVfs.h"
#include "GuiTestUtil.h"
#include "TempStore.h"
#include "core/sqlite/Database.h"
#include "ui/annotations/AnnotationCommands.h"
#include "ui/common/BackgroundJob.h"
#include "ui/library/LibraryView.h"
#include "ui/panels/GatesPanel.h"
#include "ui/session/ProjectContext.h"
#include "ui/session/StoreGuard.h"
#include "ui/shell/ImportController.h"
#include "ui/shell/ImportProblemsDialog.h"
#include "ui/shell/PanelSetup.h"
#include "ui/shell/Settings.h"
#include "ui/shell/WorkbenchWindow.h"

#include <QLabel>
#include <QUndoStack>
#include <QtTest>

#include <filesystem>
#include <memory>
#include <stdexcept>

using namespace mltrl;
using namespace mltrl::ui;
using test::FailingVfs;

class TestStoreFailure : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();

    void jobTurnsExceptionsIntoErrors_data();
    void jobTurnsExceptionsIntoErrors();
    void jobReportsProgressAndCancels();
    void jobWithoutReceiverDeliversNothing();

    void removedStore();
    void fullDisk();
    void readOnlyDisk();
    void failingReads();

private:
    QLabel *storeErrorLabel() const { return m_window->findChild<QLabel *>(QStringLiteral("storeError")); }
    void annotate(const QString &text);
    void importFails(const QString &expected);

    std::unique_ptr<test::TempStore> m_store;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<WorkbenchWindow> m_window;
};

void TestStoreFailure::initTestCase()
{
    FailingVfs::install(); // before any connection opens: every one goes through it
    test::useTestSettings();
    m_store = std::make_unique<test::TempStore>();
    m_settings = std::make_unique<Settings>();
    m_window = std::make_unique<WorkbenchWindow>(m_store->store(), *m_settings);
    installPanels(*m_window, m_window->context());
    m_window->show();
    QVERIFY(m_window->importArchive(test::examplePath()));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->context().hasRevision(), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->importController()->isBusy(), 60000);
}

void TestStoreFailure::cleanup()
{
    FailingVfs::fail(FailingVfs::Failure::None);
    // The window lives on after every failure: visible, and its context still shows the project.
    QVERIFY(m_window->isVisible());
    QVERIFY(m_window->context().hasRevision());
}

// ---- BackgroundJob --------------------------------------------------------------------------

void TestStoreFailure::jobTurnsExceptionsIntoErrors_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("SqliteError") << 0 << QStringLiteral("the store failed: step: disk I/O error");
    QTest::newRow("std::exception") << 1 << QStringLiteral("no such thing");
    QTest::newRow("anything") << 2 << QStringLiteral("unknown error");
    QTest::newRow("store gone") << 3 << QStringLiteral("the store's database is gone");
}

void TestStoreFailure::jobTurnsExceptionsIntoErrors()
{
    QFETCH(int, kind);
    QFETCH(QString, expected);
    std::optional<JobResult<int>> got;
    QObject receiver;
    const std::filesystem::path nowhere = m_store->dir() / "no-such-store";
    runJob<int>(
        &receiver, JobStore{nowhere},
        [kind](JobContext &job) -> int {
            if (kind == 0)
                throw sql::SqliteError(10, "step: disk I/O error");
            if (kind == 1)
                throw std::out_of_range("no such thing");
            if (kind == 2)
                throw 42;
            return static_cast<int>(job.store().db().queryInt("SELECT 1"));
        },
        [&got](JobResult<int> result) { got = std::move(result); });
    QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 10000);
    QVERIFY(!got->ok());
    QVERIFY2(got->error.contains(expected), qPrintable(got->error));
    QVERIFY(!got->cancelled);
    QVERIFY(!std::filesystem::exists(nowhere / "store.sqlite")); // a light connection creates nothing
}

void TestStoreFailure::jobReportsProgressAndCancels()
{
    QObject receiver;
    std::optional<JobResult<int>> got;
    qint64 lastDone = -1, lastTotal = -1;
    std::atomic_bool started{false};
    QPointer<BackgroundJob> job = runJob<int>(
        &receiver, JobStore{m_store->store().dir()},
        [&started](JobContext &context) {
            const int revisions = static_cast<int>(context.store().db().queryInt("SELECT count(*) FROM revisions"));
            context.progress(1, 2, QStringLiteral("half"));
            started = true;
            while (!context.isCancelled())
                QThread::msleep(5);
            return revisions;
        },
        [&got](JobResult<int> result) { got = std::move(result); });
    connect(job, &BackgroundJob::progress, &receiver, [&](qint64 done, qint64 total, const QString &text) {
        lastDone = done;
        lastTotal = total;
        QCOMPARE(text, QStringLiteral("half"));
    });
    QTRY_VERIFY_WITH_TIMEOUT(started && lastDone == 1, 10000);
    QCOMPARE(lastTotal, 2);
    QVERIFY(job->isRunning());
    job->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 10000);
    QVERIFY(got->ok());
    QVERIFY(got->cancelled);
    QCOMPARE(*got->value, 1);
    QTRY_VERIFY(job.isNull()); // it deletes itself once delivered
}

void TestStoreFailure::jobWithoutReceiverDeliversNothing()
{
    bool delivered = false;
    std::atomic_bool release{false};
    QPointer<BackgroundJob> job;
    {
        QObject receiver;
        job = runJob<int>(
            &receiver,
            [&release](JobContext &) {
                while (!release)
                    QThread::msleep(5);
                return 1;
            },
            [&delivered](JobResult<int>) { delivered = true; });
    } // the receiver goes away while the work runs (a viewer closed while decoding)
    release = true;
    QTRY_VERIFY(job.isNull());
    QVERIFY(!delivered);
}

// ---- the workbench under a failing store ----------------------------------------------------

void TestStoreFailure::annotate(const QString &text)
{
    ProjectContext &context = m_window->context();
    const auto &evidence = context.revision()->manifest.evidence;
    QVERIFY(!evidence.empty());
    context.undoStack()->push(new AddAnnotationCommand(context, nlohmann::json{{"evidence", evidence.front().id}},
                                                       QStringLiteral("major"), text));
}

void TestStoreFailure::importFails(const QString &expected)
{
    ImportController *import = m_window->importController();
    QSignalSpy finished(import, &ImportController::finished);
    const test::ExampleCopy archive; // a project not in the store yet: importing must write
    QVERIFY(m_window->importArchive(QString::fromStdString(archive.dir().string())));
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 60000);
    QCOMPARE(finished.front().front().toInt(), static_cast<int>(ImportResult::Outcome::Failed));
    QVERIFY(!import->lastProblems().items().empty());
    const QString problem = QString::fromStdString(import->lastProblems().items().front().toString());
    QVERIFY2(problem.contains(expected), qPrintable(problem));
    QTRY_VERIFY(import->problemsDialog() && import->problemsDialog()->isVisible());
    import->problemsDialog()->close();
}

void TestStoreFailure::removedStore()
{
    // The file goes away (another program, a cleanup script). The open connection still reads
    // the unlinked file; every new connection — each job's — finds nothing and says so.
    const std::filesystem::path db = m_store->store().databasePath();
    const std::filesystem::path away = db.string() + ".away";
    std::filesystem::rename(db, away);
    const auto restore = qScopeGuard([&] { std::filesystem::rename(away, db); });

    importFails(QStringLiteral("the store's database is gone"));
    QVERIFY(!std::filesystem::exists(db)); // the import did not create an empty store

    // Opening a revision again (a job) fails: the status line says why, the project stays open.
    QSignalSpy notices(&m_window->context(), &ProjectContext::notice);
    m_window->openProject(QString::fromStdString(m_window->context().revision()->overview.id), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!notices.isEmpty(), 20000);
    QVERIFY2(notices.back().front().toString().contains(QStringLiteral("gone")),
             qPrintable(notices.back().front().toString()));
}

void TestStoreFailure::fullDisk()
{
    FailingVfs::fail(FailingVfs::Failure::DiskFull);
    QSignalSpy notices(&m_window->context(), &ProjectContext::notice);
    annotate(QStringLiteral("written to a full disk"));
    QVERIFY(!notices.isEmpty());
    QVERIFY2(notices.front().front().toString().contains(QStringLiteral("full")),
             qPrintable(notices.front().front().toString()));
    importFails(QStringLiteral("full"));
}

void TestStoreFailure::readOnlyDisk()
{
    FailingVfs::fail(FailingVfs::Failure::ReadOnly);
    QSignalSpy notices(&m_window->context(), &ProjectContext::notice);
    annotate(QStringLiteral("written to a read-only disk"));
    QVERIFY(!notices.isEmpty());
    QVERIFY2(notices.front().front().toString().contains(QStringLiteral("readonly")),
             qPrintable(notices.front().front().toString()));
    importFails(QStringLiteral("readonly"));
}

void TestStoreFailure::failingReads()
{
    ProjectContext &context = m_window->context();
    FailingVfs::fail(FailingVfs::Failure::ReadError);
    FailingVfs::dropCache(m_store->store().db());
    QVERIFY(!storeErrorLabel()->isVisible());

    // The views that re-read the store when the reviews or annotations change (gate status,
    // review form, change marks, annotation lists and marks) each report instead of throwing.
    emit context.reviewsChanged();
    emit context.annotationsChanged();
    QVERIFY2(context.lastStoreError().contains(QStringLiteral("disk I/O error")), qPrintable(context.lastStoreError()));
    QVERIFY(storeErrorLabel()->isVisible());
    QCOMPARE(storeErrorLabel()->toolTip(), context.lastStoreError());

    // Panels that read the store when shown: the library, the gates.
    m_window->showLibrary();
    if (auto *gates = m_window->findChild<GatesPanel *>())
        m_window->showPanel(gates);
    QVERIFY(context.lastStoreError().contains(QStringLiteral("failed")));

    // Annotating writes nothing and says so; the guard returns "no value" to its caller.
    annotate(QStringLiteral("written while reads fail"));
    QVERIFY(!guardStore(context, QStringLiteral("A test read"),
                        [&] { (void)m_store->store().db().queryInt("SELECT count(*) FROM annotations"); }));
    QVERIFY(context.lastStoreError().startsWith(QStringLiteral("A test read failed: ")));

    // Once the disk recovers, the same actions work again.
    FailingVfs::fail(FailingVfs::Failure::None);
    QVERIFY(guardStore(context, QStringLiteral("A test read"),
                       [&] { (void)m_store->store().db().queryInt("SELECT count(*) FROM annotations"); }));
    QSignalSpy loaded(&context, &ProjectContext::revisionChanged);
    m_window->openProject(QString::fromStdString(context.revision()->overview.id));
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 20000);
}

QTEST_MAIN(TestStoreFailure)
#include "tst_store_failure.moc"
