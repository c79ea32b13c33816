// The reviewer's work on a revision as one value (ReviewWork, issue 19): every annotation and
// every draft of the revision — all gates, all reviewer labels — read in one go, the value the
// workbench keeps beside the loaded revision; empty drafts for what is not stored.
#include "TempStore.h"
#include "TestData.h"
#include "core/import/Importer.h"
#include "core/review/ReviewWork.h"
#include "core/store/RevisionData.h"

#include <QTest>

using namespace mltrl;

namespace {

std::int64_t importExample(test::TempStore &ts)
{
    Problems problems;
    const ImportResult r =
        importArchive(ts.store(), test::dataPath(QStringLiteral("example-min")).toStdString(), problems);
    if (!r.ok())
        return 0;
    const auto rev = loadRevision(ts.store(), "derm-triage", std::nullopt, problems);
    return rev ? rev->overview.revisionId : 0;
}

} // namespace

class TestReviewWork : public QObject {
    Q_OBJECT

private slots:
    void emptyRevision()
    {
        test::TempStore ts;
        const std::int64_t rev = importExample(ts);
        QVERIFY(rev);
        const ReviewWork work = loadReviewWork(ts.store().db(), rev);
        QCOMPARE(work.revisionId, rev);
        QVERIFY(work.annotations.empty());
        QVERIFY(work.drafts.empty());
        const ReviewDraft none = work.draft("gate-5");
        QVERIFY(none.isEmpty());
        QCOMPARE(none.revisionId, rev);
        QCOMPARE(none.gate, std::string("gate-5"));
        QVERIFY(!work.findAnnotation("no-such-id"));
    }

    void readsEveryAnnotationAndDraft()
    {
        test::TempStore ts;
        const std::int64_t rev = importExample(ts);
        QVERIFY(rev);
        Problems problems;
        AnnotationStore annotations(ts.store().db());
        const auto first =
            annotations.add("derm-triage", rev, {{"project", true}}, "blocker", "Data leak?", "tester", problems);
        const auto second = annotations.add("derm-triage", rev, {{"gate", "gate-5"}, {"criterion", "auroc"}}, "minor",
                                            "Which split?", "tester", problems);
        QVERIFY(first && second);
        QVERIFY(annotations.setStatus(second->id, "resolved", problems));
        ReviewDraftStore mine(ts.store().db());
        ReviewDraftStore alice(ts.store().db(), "alice@example.org");
        QVERIFY(mine.setVerdict(rev, "gate-5", "auroc", "met", problems));
        QVERIFY(mine.acknowledgeBlocker(rev, "gate-5", first->id, problems));
        QVERIFY(mine.setOutcome(rev, "gate-2", "hold", problems));
        QVERIFY(alice.setVerdict(rev, "gate-5", "auroc", "not_met", problems));
        QVERIFY2(problems.items().empty(), problems.items().empty() ? "" : problems.items().front().toString().c_str());

        const ReviewWork work = loadReviewWork(ts.store().db(), rev);
        // The annotations as AnnotationStore lists them: open and resolved, oldest first.
        QVERIFY(work.annotations == annotations.forRevision(rev));
        QCOMPARE(work.annotations.size(), std::size_t(2));
        QCOMPARE(work.findAnnotation(second->id)->status, std::string("resolved"));
        // Every draft, by gate then reviewer, each as ReviewDraftStore loads it.
        QCOMPARE(work.drafts.size(), std::size_t(3));
        QCOMPARE(work.drafts[0].gate, std::string("gate-2"));
        QCOMPARE(work.drafts[1].reviewer, std::string());
        QCOMPARE(work.drafts[2].reviewer, std::string("alice@example.org"));
        QVERIFY(work.draft("gate-5") == mine.load(rev, "gate-5"));
        QVERIFY(work.draft("gate-2") == mine.load(rev, "gate-2"));
        QVERIFY(work.draft("gate-5", "alice@example.org") == alice.load(rev, "gate-5"));
        QVERIFY(work.draft("gate-5").isAcknowledged(first->id));
        QVERIFY(work.draft("gate-4").isEmpty());
        // Only this revision's: another revision id reads nothing.
        const ReviewWork other = loadReviewWork(ts.store().db(), rev + 1000);
        QVERIFY(other.annotations.empty() && other.drafts.empty());
    }
};

QTEST_GUILESS_MAIN(TestReviewWork)
#include "tst_review_work.moc"
