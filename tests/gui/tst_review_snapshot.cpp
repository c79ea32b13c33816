// Annotations and review drafts are part of the loaded snapshot (issue 19): ProjectContext
// keeps them beside the revision (reviewWork()), RevisionLoader reads them with it off the UI
// thread, and an edit refreshes them once — however many views show them — before any view
// hears of the change. The views read the snapshot, not the store: with every read of the
// store failing they still show what the reviewer entered and report nothing.
#include "FailingVfs.h"
#include "GuiFixture.h"
#include "GuiTestUtil.h"
#include "core/review/AnnotationStore.h"
#include "core/review/ReviewDraft.h"
#include "core/review/ReviewWork.h"
#include "ui/annotations/AnnotationBanner.h"
#include "ui/annotations/AnnotationCommands.h"
#include "ui/annotations/AnnotationsModel.h"
#include "ui/meeting/MeetingSession.h"
#include "ui/review/DraftCommands.h"
#include "ui/review/ReviewForm.h"
#include "ui/session/ProjectContext.h"
#include "ui/shell/ImportController.h"
#include "ui/shell/RevisionLoader.h"
#include "ui/shell/Settings.h"
#include "ui/shell/WorkbenchWindow.h"

#include <QListWidget>
#include <QThread>
#include <QUndoStack>
#include <QtTest>

#include <memory>
#include <optional>

using namespace mltrl;
using namespace mltrl::ui;
using test::FailingVfs;

namespace {

/// The ids of the annotations `model` lists.
QStringList listedIds(const AnnotationsModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.index(row, 0).data(AnnotationsModel::IdRole).toString();
    return ids;
}

/// The blocker ids the review form lists to acknowledge.
QStringList blockerIds(const ReviewForm &form)
{
    QStringList ids;
    for (int i = 0; i < form.blockerList()->count(); ++i)
        if (const QString id = form.blockerList()->item(i)->data(Qt::UserRole).toString(); !id.isEmpty())
            ids << id;
    return ids;
}

/// Adds a blocker on the whole project through the undo stack, as the Annotate menu does;
/// its id.
QString annotate(ProjectContext &context, const QString &text)
{
    QString added;
    context.undoStack()->push(new AddAnnotationCommand(context, nlohmann::json{{"project", true}},
                                                       QStringLiteral("blocker"), text,
                                                       [&added](const QString &id) { added = id; }));
    return added;
}

} // namespace

class TestReviewSnapshot : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        FailingVfs::install(); // before any store opens: the failing-reads case needs it
        test::useTestSettings();
    }
    void cleanup() { FailingVfs::fail(FailingVfs::Failure::None); }

    void anEditRefreshesTheSnapshotOnce();
    void viewsReadTheSnapshotNotTheStore();
    void reopeningLoadsTheWork();
    void anEditDuringAReloadIsNotLost();
    void changesMadeElsewhereAreTakenInBeforeSigning();
};

void TestReviewSnapshot::anEditRefreshesTheSnapshotOnce()
{
    test::LoadedProject fx;
    ProjectContext &context = *fx.context;
    const QString gate = QString::fromStdString(fx.revision().manifest.gates.front().id);
    const std::int64_t revisionId = fx.revision().overview.revisionId;

    // Every kind of view that shows annotations or drafts, alive at once.
    AnnotationsModel model(&context);
    QWidget host;
    AnnotationBanner banner(
        context, [](const Annotation &) { return true; }, &host);
    ReviewForm form(&context);
    QVERIFY(form.selectGate(gate));
    MeetingSession session(&context, gate);
    QCOMPARE(model.rowCount(), 0);

    // Annotating: one read of the store for all of them, and each shows the annotation.
    const quint64 before = context.reviewWorkReads();
    const QString id = annotate(context, QStringLiteral("Site C labels leak into training"));
    QVERIFY(!id.isEmpty());
    QCOMPARE(context.reviewWorkReads(), before + 1);
    QVERIFY(context.reviewWork()->findAnnotation(id.toStdString()));
    QCOMPARE(listedIds(model), QStringList{id});
    QCOMPARE(banner.listed().size(), std::size_t(1));
    QCOMPARE(blockerIds(form), QStringList{id});
    QCOMPARE(session.openSerious().size(), std::size_t(1));

    // A draft edit (from the meeting): one read, and the form shows what the meeting entered.
    QVERIFY(session.setOutcome(QStringLiteral("advance")));
    QCOMPARE(context.reviewWorkReads(), before + 2);
    QCOMPARE(context.draft(revisionId, gate.toStdString()).outcome, std::optional<std::string>("advance"));
    QCOMPARE(session.draft().outcome, std::optional<std::string>("advance"));
    QCOMPARE(form.draft().outcome, std::optional<std::string>("advance"));
    QCOMPARE(form.outcomeBox()->currentData().toString(), QStringLiteral("advance"));
    // An advance past an open blocker: both ask for the acknowledgement.
    QVERIFY(session.signingProblems().join(QLatin1Char(' ')).contains(QStringLiteral("Acknowledge")));
    QVERIFY(form.problems().join(QLatin1Char(' ')).contains(QStringLiteral("Acknowledge")));
    // Acknowledging the blocker in the form: the meeting no longer asks for it.
    QVERIFY(pushDraftEdit(&context, new AcknowledgeBlockerCommand(&context, {revisionId, gate.toStdString(), {}},
                                                                  id.toStdString(), true)));
    QCOMPARE(context.reviewWorkReads(), before + 3);
    QVERIFY(session.draft().isAcknowledged(id.toStdString()));
    QCOMPARE(form.blockerList()->item(0)->checkState(), Qt::Checked);
    QVERIFY(!session.signingProblems().join(QLatin1Char(' ')).contains(QStringLiteral("Acknowledge")));
    QVERIFY(!form.problems().join(QLatin1Char(' ')).contains(QStringLiteral("Acknowledge")));

    // Undo goes through the same refresh: one read each step.
    context.undoStack()->undo(); // the acknowledgement
    context.undoStack()->undo(); // the outcome
    context.undoStack()->undo(); // the annotation
    QCOMPARE(context.reviewWorkReads(), before + 6);
    QVERIFY(!session.draft().outcome);
    QVERIFY(context.reviewWork()->annotations.empty());
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(banner.listed().empty());
    QVERIFY(blockerIds(form).isEmpty());
    QVERIFY(session.openSerious().empty());
    // What the snapshot holds is what the store holds.
    QVERIFY(context.reviewWork()->annotations == AnnotationStore(fx.store().db()).forRevision(revisionId));
    QVERIFY(context.reviewWork()->drafts == loadDrafts(fx.store().db(), revisionId));
}

void TestReviewSnapshot::viewsReadTheSnapshotNotTheStore()
{
    test::LoadedProject fx;
    ProjectContext &context = *fx.context;
    const QString gate = QString::fromStdString(fx.revision().manifest.gates.front().id);
    const std::int64_t revisionId = fx.revision().overview.revisionId;
    ReviewForm form(&context); // reads the signed reviews: made while the store still reads
    QVERIFY(form.selectGate(gate));
    const QString id = annotate(context, QStringLiteral("Which split?"));
    QVERIFY(!id.isEmpty());
    QVERIFY(pushDraftEdit(
        &context, new SetRationaleCommand(&context, {revisionId, gate.toStdString(), {}}, "The evidence holds.")));
    QVERIFY(pushDraftEdit(
        &context, new SetOutcomeCommand(&context, {revisionId, gate.toStdString(), {}}, std::string("advance"))));
    QVERIFY(context.lastStoreError().isEmpty());

    // From now on every read of the store fails.
    FailingVfs::fail(FailingVfs::Failure::ReadError);
    FailingVfs::dropCache(fx.store().db());
    const quint64 reads = context.reviewWorkReads();

    // Views made now, and the ones alive, show the annotation and the draft without a read.
    AnnotationsModel model(&context);
    QCOMPARE(listedIds(model), QStringList{id});
    QWidget host;
    AnnotationBanner banner(
        context, [](const Annotation &) { return true; }, &host);
    QCOMPARE(banner.listed().size(), std::size_t(1));
    MeetingSession session(&context, gate);
    QCOMPARE(session.openSerious().size(), std::size_t(1));
    QCOMPARE(session.draft().rationale, std::string("The evidence holds."));
    QCOMPARE(form.draft().rationale, std::string("The evidence holds."));
    QVERIFY(form.problems().join(QLatin1Char(' ')).contains(QStringLiteral("Acknowledge")));
    QVERIFY(session.signingProblems().join(QLatin1Char(' ')).contains(QStringLiteral("Acknowledge")));
    // An edit's command takes the value it undoes to from the snapshot too.
    const std::unique_ptr<SetOutcomeCommand> edit(
        new SetOutcomeCommand(&context, {revisionId, gate.toStdString(), {}}, std::string("hold")));
    QCOMPARE(context.reviewWorkReads(), reads);
    QVERIFY2(context.lastStoreError().isEmpty(), qPrintable(context.lastStoreError()));

    // The refresh after a change is the one read, and it fails as any read does: reported,
    // and the views keep the last snapshot.
    emit context.annotationsChanged();
    QCOMPARE(context.reviewWorkReads(), reads + 1);
    QVERIFY(context.lastStoreError().startsWith(QStringLiteral("Reading the annotations failed")));
    QCOMPARE(listedIds(model), QStringList{id});
    FailingVfs::fail(FailingVfs::Failure::None); // before the store closes
}

void TestReviewSnapshot::reopeningLoadsTheWork()
{
    test::LoadedProject fx;
    ProjectContext &context = *fx.context;
    const QString gate = QString::fromStdString(fx.revision().manifest.gates.front().id);
    const std::int64_t revisionId = fx.revision().overview.revisionId;
    const QString id = annotate(context, QStringLiteral("Data leak?"));
    QVERIFY(!id.isEmpty());
    QVERIFY(pushDraftEdit(
        &context, new SetOutcomeCommand(&context, {revisionId, gate.toStdString(), {}}, std::string("switchback"))));

    // Reopening: the loader reads the revision and its work off the UI thread.
    RevisionLoader loader(fx.store().dir());
    std::shared_ptr<const RevisionData> revision;
    std::shared_ptr<const ReviewWork> work;
    connect(&loader, &RevisionLoader::loaded, &loader,
            [&](std::shared_ptr<const RevisionData> r, std::shared_ptr<const ReviewWork> w) {
                revision = std::move(r);
                work = std::move(w);
            });
    loader.load(QString::fromStdString(fx.projectId));
    QTRY_VERIFY_WITH_TIMEOUT(revision != nullptr, 60000);
    QVERIFY(work);
    QCOMPARE(work->revisionId, revision->overview.revisionId);
    QVERIFY(work->findAnnotation(id.toStdString()));
    QCOMPARE(work->draft(gate.toStdString()).outcome, std::optional<std::string>("switchback"));

    // Shown with it: no read on the UI thread, and a view made now shows both.
    const quint64 reads = context.reviewWorkReads();
    context.setRevision(revision, work);
    QCOMPARE(context.reviewWorkReads(), reads);
    QVERIFY(context.reviewWork() == work);
    AnnotationsModel model(&context);
    QCOMPARE(listedIds(model), QStringList{id});
    MeetingSession session(&context, gate);
    QCOMPARE(session.draft().outcome, std::optional<std::string>("switchback"));

    // Without its work (a caller that loads only the revision), the context reads it itself.
    context.setRevision(revision);
    QCOMPARE(context.reviewWorkReads(), reads + 1);
    QVERIFY(context.reviewWork()->annotations == work->annotations);
    QVERIFY(context.reviewWork()->drafts == work->drafts);
}

void TestReviewSnapshot::anEditDuringAReloadIsNotLost()
{
    test::TempStore store;
    Settings settings;
    WorkbenchWindow window(store.store(), settings);
    QVERIFY(window.importArchive(test::examplePath()));
    QTRY_VERIFY_WITH_TIMEOUT(window.context().hasRevision(), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(!window.importController()->isBusy(), 60000);
    ProjectContext &context = window.context();

    QSignalSpy loaded(&context, &ProjectContext::revisionChanged);
    window.openProject(QString::fromStdString(context.revision()->overview.id));
    // The reviewer annotates while the revision loads, after its job has read the annotations:
    // the UI thread processes no events meanwhile, so the load's result waits in the queue,
    // and the pause lets the job finish its read first (on a slow machine the edit may come
    // first instead; the outcome must be the same). The window has the context read again.
    QThread::msleep(1500);
    const QString id = annotate(context, QStringLiteral("Made while the revision loads"));
    QVERIFY(!id.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 60000);
    QVERIFY(context.reviewWork()->findAnnotation(id.toStdString()));
}

void TestReviewSnapshot::changesMadeElsewhereAreTakenInBeforeSigning()
{
    test::LoadedProject fx;
    ProjectContext &context = *fx.context;
    AnnotationsModel model(&context);
    QSignalSpy annotationsChanged(&context, &ProjectContext::annotationsChanged);
    QSignalSpy reviewsChanged(&context, &ProjectContext::reviewsChanged);

    // Nothing changed: nothing is announced.
    QVERIFY(context.reloadReviewWork());
    QVERIFY(annotationsChanged.isEmpty() && reviewsChanged.isEmpty());

    // Another program (`mltrl annotate`) adds an annotation: the snapshot does not know yet…
    Problems problems;
    const auto added = AnnotationStore(fx.store().db())
                           .add(fx.projectId, fx.revision().overview.revisionId, {{"project", true}}, "major",
                                "Added from the command line", "cli", problems);
    QVERIFY(added);
    QCOMPARE(model.rowCount(), 0);
    // …until it is reloaded (as the review form does before signing): then every view.
    QVERIFY(context.reloadReviewWork());
    QCOMPARE(annotationsChanged.size(), 1);
    QVERIFY(reviewsChanged.isEmpty());
    QCOMPARE(listedIds(model), QStringList{QString::fromStdString(added->id)});
}

QTEST_MAIN(TestReviewSnapshot)
#include "tst_review_snapshot.moc"
