// Review drafts (schema v3): migration, every edit durable across a reopen of the store,
// validation, undo-style clearing, per-reviewer separation, mapping to ReviewInput (which
// then builds a valid record) and the blocker-acknowledgement rule.
#include "TempStore.h"
#include "TestData.h"
#include "core/crypto/Ed25519Key.h"
#include "core/import/Importer.h"
#include "core/review/AnnotationStore.h"
#include "core/review/OpenAnnotations.h"
#include "core/review/ReviewBuilder.h"
#include "core/review/ReviewDraft.h"
#include "core/store/RevisionData.h"
#include "core/store/Schema.h"

#include <QTemporaryDir>
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

std::string blocker(test::TempStore &ts, std::int64_t revisionId, const std::string &severity = "blocker")
{
    Problems problems;
    const auto a = AnnotationStore(ts.store().db())
                       .add("derm-triage", revisionId, {{"project", true}}, severity, "Data leak?", "tester", problems);
    return a ? a->id : std::string();
}

bool containsError(const Problems &problems, const QString &text)
{
    for (const Problem &p : problems.errors())
        if (QString::fromStdString(p.toString()).contains(text))
            return true;
    return false;
}

} // namespace

class TestReviewDraft : public QObject {
    Q_OBJECT

private slots:
    void migratesFromEveryOlderVersion_data()
    {
        QTest::addColumn<int>("from");
        QTest::newRow("version 1") << 1;
        QTest::newRow("version 2") << 2;
        QTest::newRow("version 3") << 3;
        QTest::newRow("version 4") << 4;
        QTest::newRow("version 5") << 5;
    }

    void migratesFromEveryOlderVersion()
    {
        QFETCH(int, from);
        QTemporaryDir dir;
        const std::filesystem::path storeDir = dir.path().toStdString();
        {
            sql::Database db((storeDir / "store.sqlite").string());
            for (int v = 0; v < from; ++v)
                db.exec(schema::migrations()[static_cast<std::size_t>(v)]);
            db.exec("PRAGMA user_version=" + std::to_string(from));
        }
        Problems problems;
        auto store = Store::open(storeDir, problems);
        QVERIFY(store);
        QVERIFY(schema::currentVersion() >= 4);
        QCOMPARE(store->db().queryInt("PRAGMA user_version"), std::int64_t(schema::currentVersion()));
        QVERIFY(std::filesystem::exists(storeDir / ("store.sqlite.v" + std::to_string(from) + ".bak")));
        QCOMPARE(store->db().queryInt("SELECT COUNT(*) FROM review_drafts"), std::int64_t(0));
        QCOMPARE(store->db().queryInt("SELECT COUNT(*) FROM review_draft_verdicts"), std::int64_t(0));
        QCOMPARE(store->db().queryInt("SELECT COUNT(*) FROM review_draft_acks"), std::int64_t(0));
        QCOMPARE(store->db().queryInt("SELECT COUNT(*) FROM search_index"), std::int64_t(0));
        QCOMPARE(store->db().queryInt("SELECT COUNT(*) FROM search_indexed"), std::int64_t(0));
    }

    // Before version 6 the workbench made the search tables itself on first use: such a store
    // keeps its index through the migration.
    void migrationKeepsASearchIndexMadeBefore()
    {
        QTemporaryDir dir;
        const std::filesystem::path storeDir = dir.path().toStdString();
        {
            sql::Database db((storeDir / "store.sqlite").string());
            for (int v = 0; v < 5; ++v)
                db.exec(schema::migrations()[static_cast<std::size_t>(v)]);
            db.exec("PRAGMA user_version=5");
            db.exec("CREATE VIRTUAL TABLE search_index USING fts5(revision_id UNINDEXED, kind UNINDEXED, "
                    "item_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')");
            db.exec("CREATE TABLE search_indexed (revision_id INTEGER PRIMARY KEY)");
            db.exec("INSERT INTO search_index VALUES (7, 'evidence', 'ev-1', 'Calibration report', 'reliability')");
            db.exec("INSERT INTO search_indexed VALUES (7)");
        }
        Problems problems;
        auto store = Store::open(storeDir, problems);
        QVERIFY(store);
        QCOMPARE(store->db().queryInt("PRAGMA user_version"), std::int64_t(schema::currentVersion()));
        QCOMPARE(store->db().queryInt("SELECT COUNT(*) FROM search_index WHERE search_index MATCH 'reliability'"),
                 std::int64_t(1));
        QCOMPARE(store->db().queryInt("SELECT COUNT(*) FROM search_indexed"), std::int64_t(1));
    }

    void freshDraftIsEmpty()
    {
        test::TempStore ts;
        const std::int64_t rev = importExample(ts);
        QVERIFY(rev);
        const ReviewDraft d = ReviewDraftStore(ts.store().db()).load(rev, "gate-5");
        QVERIFY(d.isEmpty());
        QCOMPARE(d.revisionId, rev);
        QCOMPARE(d.gate, std::string("gate-5"));
        QVERIFY(d.updated.empty());
    }

    void everyEditIsDurable_data()
    {
        QTest::addColumn<QString>("edit");
        QTest::newRow("verdict") << QStringLiteral("verdict");
        QTest::newRow("note") << QStringLiteral("note");
        QTest::newRow("outcome") << QStringLiteral("outcome");
        QTest::newRow("to_level") << QStringLiteral("to_level");
        QTest::newRow("conditions") << QStringLiteral("conditions");
        QTest::newRow("rationale") << QStringLiteral("rationale");
        QTest::newRow("acknowledge") << QStringLiteral("acknowledge");
    }

    void everyEditIsDurable()
    {
        QFETCH(QString, edit);
        test::TempStore ts;
        const std::int64_t rev = importExample(ts);
        QVERIFY(rev);
        const std::string annotation = blocker(ts, rev);
        Problems problems;
        {
            ReviewDraftStore drafts(ts.store().db());
            bool ok = false;
            if (edit == QStringLiteral("verdict"))
                ok = drafts.setVerdict(rev, "gate-5", "auroc", "met", problems);
            else if (edit == QStringLiteral("note"))
                ok = drafts.setNote(rev, "gate-5", "worst-group", "Subgroup n=40 — too small.", problems);
            else if (edit == QStringLiteral("outcome"))
                ok = drafts.setOutcome(rev, "gate-5", "switchback", problems);
            else if (edit == QStringLiteral("to_level"))
                ok = drafts.setToLevel(rev, "gate-5", 3, problems);
            else if (edit == QStringLiteral("conditions"))
                ok = drafts.setConditions(rev, "gate-5", {"Re-run on site B", "Übersetzung prüfen"}, problems);
            else if (edit == QStringLiteral("rationale"))
                ok = drafts.setRationale(rev, "gate-5", "Good enough.", problems);
            else if (edit == QStringLiteral("acknowledge"))
                ok = drafts.acknowledgeBlocker(rev, "gate-5", annotation, problems);
            QVERIFY2(ok, problems.empty() ? "" : problems.items().front().toString().c_str());
        }
        // Reopening the store is what a killed and restarted process sees.
        ts.reopen();
        const ReviewDraft d = ReviewDraftStore(ts.store().db()).load(rev, "gate-5");
        QVERIFY(!d.isEmpty());
        QVERIFY(!d.updated.empty());
        if (edit == QStringLiteral("verdict")) {
            QVERIFY(d.verdictFor("auroc"));
            QCOMPARE(d.verdictFor("auroc")->verdict, std::optional<std::string>("met"));
        } else if (edit == QStringLiteral("note")) {
            QVERIFY(d.verdictFor("worst-group"));
            QVERIFY(!d.verdictFor("worst-group")->verdict);
            QCOMPARE(d.verdictFor("worst-group")->note, std::string("Subgroup n=40 — too small."));
        } else if (edit == QStringLiteral("outcome"))
            QCOMPARE(d.outcome, std::optional<std::string>("switchback"));
        else if (edit == QStringLiteral("to_level"))
            QCOMPARE(d.toLevel, std::optional<int>(3));
        else if (edit == QStringLiteral("conditions"))
            QVERIFY(d.conditions == (std::vector<std::string>{"Re-run on site B", "Übersetzung prüfen"}));
        else if (edit == QStringLiteral("rationale"))
            QCOMPARE(d.rationale, std::string("Good enough."));
        else if (edit == QStringLiteral("acknowledge"))
            QVERIFY(d.isAcknowledged(annotation));
    }

    void editsAreChecked_data()
    {
        QTest::addColumn<QString>("edit");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown verdict") << QStringLiteral("verdict") << QStringLiteral("is not met");
        QTest::newRow("unknown criterion") << QStringLiteral("criterion") << QStringLiteral("no such criterion");
        QTest::newRow("unknown gate") << QStringLiteral("gate") << QStringLiteral("no such gate");
        QTest::newRow("unknown outcome") << QStringLiteral("outcome") << QStringLiteral("is not advance");
        QTest::newRow("level out of range") << QStringLiteral("level") << QStringLiteral("0..9");
        QTest::newRow("unknown annotation") << QStringLiteral("ack") << QStringLiteral("no such annotation");
    }

    void editsAreChecked()
    {
        QFETCH(QString, edit);
        QFETCH(QString, message);
        test::TempStore ts;
        const std::int64_t rev = importExample(ts);
        QVERIFY(rev);
        ReviewDraftStore drafts(ts.store().db());
        Problems problems;
        bool ok = true;
        if (edit == QStringLiteral("verdict"))
            ok = drafts.setVerdict(rev, "gate-5", "auroc", "fine", problems);
        else if (edit == QStringLiteral("criterion"))
            ok = drafts.setVerdict(rev, "gate-5", "nope", "met", problems);
        else if (edit == QStringLiteral("gate"))
            ok = drafts.setRationale(rev, "gate-9", "x", problems);
        else if (edit == QStringLiteral("outcome"))
            ok = drafts.setOutcome(rev, "gate-5", "maybe", problems);
        else if (edit == QStringLiteral("level"))
            ok = drafts.setToLevel(rev, "gate-5", 10, problems);
        else if (edit == QStringLiteral("ack"))
            ok = drafts.acknowledgeBlocker(rev, "gate-5", "00000000-0000-0000-0000-000000000000", problems);
        QVERIFY(!ok);
        QVERIFY2(containsError(problems, message),
                 problems.empty() ? "no error" : problems.items().front().toString().c_str());
        // A refused edit writes nothing.
        QVERIFY(drafts.load(rev, "gate-5").isEmpty());
        QCOMPARE(ts.store().db().queryInt("SELECT COUNT(*) FROM review_drafts"), std::int64_t(0));
    }

    void clearingRestoresTheEarlierDraft()
    {
        test::TempStore ts;
        const std::int64_t rev = importExample(ts);
        QVERIFY(rev);
        const std::string annotation = blocker(ts, rev);
        ReviewDraftStore drafts(ts.store().db());
        Problems problems;
        QVERIFY(drafts.setVerdict(rev, "gate-5", "auroc", "not_met", problems));
        QVERIFY(drafts.setNote(rev, "gate-5", "auroc", "0.91 is below the bar", problems));
        // The verdict changes; the note stays.
        QVERIFY(drafts.setVerdict(rev, "gate-5", "auroc", "waived", problems));
        QCOMPARE(drafts.load(rev, "gate-5").verdictFor("auroc")->note, std::string("0.91 is below the bar"));
        // Undoing in reverse order leaves no verdict row behind.
        QVERIFY(drafts.setVerdict(rev, "gate-5", "auroc", std::nullopt, problems));
        QVERIFY(drafts.setNote(rev, "gate-5", "auroc", "", problems));
        QVERIFY(drafts.acknowledgeBlocker(rev, "gate-5", annotation, problems));
        QVERIFY(drafts.acknowledgeBlocker(rev, "gate-5", annotation, problems)); // idempotent
        QVERIFY(drafts.unacknowledgeBlocker(rev, "gate-5", annotation, problems));
        QVERIFY(drafts.setOutcome(rev, "gate-5", "hold", problems));
        QVERIFY(drafts.setOutcome(rev, "gate-5", std::nullopt, problems));
        QVERIFY(drafts.setToLevel(rev, "gate-5", 2, problems));
        QVERIFY(drafts.setToLevel(rev, "gate-5", std::nullopt, problems));
        QVERIFY2(problems.empty(), problems.empty() ? "" : problems.items().front().toString().c_str());
        QVERIFY(drafts.load(rev, "gate-5").isEmpty());
        QCOMPARE(ts.store().db().queryInt("SELECT COUNT(*) FROM review_draft_verdicts"), std::int64_t(0));
    }

    void saveAndDiscard()
    {
        test::TempStore ts;
        const std::int64_t rev = importExample(ts);
        QVERIFY(rev);
        const std::string annotation = blocker(ts, rev);
        ReviewDraftStore drafts(ts.store().db());
        ReviewDraft d;
        d.revisionId = rev;
        d.gate = "gate-5";
        d.verdicts = {{"auroc", "met", ""}, {"ethics", std::nullopt, "ask the board"}};
        d.outcome = "advance_with_conditions";
        d.conditions = {"monitor drift"};
        d.rationale = "why";
        d.acknowledged = {annotation};
        Problems problems;
        QVERIFY(drafts.save(d, problems));
        ReviewDraft back = drafts.load(rev, "gate-5");
        back.updated.clear();
        d.reviewer = drafts.reviewer();
        QCOMPARE(back, d);
        QCOMPARE(drafts.gatesWithDrafts(rev), std::vector<std::string>{"gate-5"});
        QVERIFY(drafts.discard(rev, "gate-5", problems));
        QVERIFY(drafts.load(rev, "gate-5").isEmpty());
        QVERIFY(drafts.gatesWithDrafts(rev).empty());
        // Children go with the draft.
        QCOMPARE(ts.store().db().queryInt("SELECT COUNT(*) FROM review_draft_verdicts"), std::int64_t(0));
        QCOMPARE(ts.store().db().queryInt("SELECT COUNT(*) FROM review_draft_acks"), std::int64_t(0));
    }

    void reviewersHaveTheirOwnDrafts()
    {
        test::TempStore ts;
        const std::int64_t rev = importExample(ts);
        QVERIFY(rev);
        ReviewDraftStore mine(ts.store().db());
        ReviewDraftStore alice(ts.store().db(), "alice@example.org");
        Problems problems;
        QVERIFY(mine.setVerdict(rev, "gate-5", "auroc", "met", problems));
        QVERIFY(alice.setVerdict(rev, "gate-5", "auroc", "not_met", problems));
        QCOMPARE(mine.load(rev, "gate-5").verdictFor("auroc")->verdict, std::optional<std::string>("met"));
        QCOMPARE(alice.load(rev, "gate-5").verdictFor("auroc")->verdict, std::optional<std::string>("not_met"));
        QCOMPARE(alice.load(rev, "gate-5").reviewer, std::string("alice@example.org"));
        QVERIFY(alice.discard(rev, "gate-5", problems));
        QVERIFY(!mine.load(rev, "gate-5").isEmpty());
    }

    void draftBuildsAValidRecord()
    {
        test::TempStore ts;
        const std::int64_t rev = importExample(ts);
        QVERIFY(rev);
        ReviewDraftStore drafts(ts.store().db());
        Problems problems;
        QVERIFY(drafts.setVerdict(rev, "gate-5", "auroc", "met", problems));
        QVERIFY(drafts.setNote(rev, "gate-5", "auroc", "", problems));
        QVERIFY(drafts.setVerdict(rev, "gate-5", "worst-group", "waived", problems));
        QVERIFY(drafts.setNote(rev, "gate-5", "worst-group", "Accepted for now.", problems));
        QVERIFY(drafts.setNote(rev, "gate-5", "ethics", "pending", problems)); // note, no verdict yet
        QVERIFY(drafts.setOutcome(rev, "gate-5", "advance_with_conditions", problems));
        QVERIFY(drafts.setConditions(rev, "gate-5", {"monitor drift"}, problems));

        const auto revision = loadRevision(ts.store(), "derm-triage", std::nullopt, problems);
        QVERIFY(revision);
        const auto key = Ed25519Key::generate();
        ReviewInput in = toReviewInput(drafts.load(rev, "gate-5"));
        QCOMPARE(in.gate, std::string("gate-5"));
        QCOMPARE(in.verdicts.size(), std::size_t(2)); // ethics has no verdict yet
        QVERIFY(!in.verdicts[0].note);                // an empty note is no note
        QVERIFY(!in.rationale);
        in.reviewer = {"R. D.", "rd@example.org", "R&D reviewer", key->publicKey().toOpenSsh()};
        Problems missing;
        QVERIFY(!ReviewBuilder(*revision).build(in, missing));
        QVERIFY(containsError(missing, QStringLiteral("G1: criterion \"ethics\" has no verdict set or confirmed")));

        QVERIFY(drafts.setVerdict(rev, "gate-5", "ethics", "met", problems));
        QVERIFY(drafts.setRationale(rev, "gate-5", "All criteria hold.", problems));
        in = toReviewInput(drafts.load(rev, "gate-5"));
        in.reviewer = {"R. D.", "rd@example.org", "R&D reviewer", key->publicKey().toOpenSsh()};
        const auto record = ReviewBuilder(*revision).build(in, problems);
        QVERIFY2(record, problems.empty() ? "" : problems.items().front().toString().c_str());
        QCOMPARE(record->verdicts.size(), std::size_t(3));
        QCOMPARE(record->verdicts[1].verdict, std::string("waived"));
        QCOMPARE(record->verdicts[1].note, std::optional<std::string>("Accepted for now."));
        QCOMPARE(record->verdicts[2].note, std::optional<std::string>("pending"));
        QCOMPARE(record->decision.outcome, std::string("advance_with_conditions"));
        QVERIFY(record->decision.conditions == std::vector<std::string>{"monitor drift"});
        QCOMPARE(record->decision.rationale, std::optional<std::string>("All criteria hold."));
    }

    void suggestionsAreAcceptedOnlyExplicitly()
    {
        test::TempStore ts;
        const std::int64_t rev = importExample(ts);
        QVERIFY(rev);
        Problems problems;
        const auto revision = loadRevision(ts.store(), "derm-triage", std::nullopt, problems);
        QVERIFY(revision);
        ReviewDraftStore drafts(ts.store().db());
        QVERIFY(drafts.setVerdict(rev, "gate-5", "worst-group", "waived", problems));
        // Until accepted, a suggestion is not a verdict (G1).
        QVERIFY(!drafts.load(rev, "gate-5").verdictFor("auroc"));
        const auto accepted = drafts.acceptSuggestions(*revision, "gate-5", problems);
        QVERIFY(accepted);
        // The reviewer's own verdict stays; the quantitative auroc gets the stored suggestion,
        // marked; the qualitative "ethics" has none and stays open.
        QCOMPARE(*accepted, std::vector<std::string>{"auroc"});
        const ReviewDraft d = drafts.load(rev, "gate-5");
        QCOMPARE(d.verdictFor("auroc")->verdict, revision->criterion("gate-5", "auroc")->suggested);
        QVERIFY(d.verdictFor("auroc")->fromSuggestion);
        QVERIFY(!d.verdictFor("worst-group")->fromSuggestion);
        QVERIFY(!d.verdictFor("ethics"));
        // Choosing a verdict by hand clears the mark, even the same one.
        QVERIFY(
            drafts.setVerdict(rev, "gate-5", "auroc", *revision->criterion("gate-5", "auroc")->suggested, problems));
        QVERIFY(!drafts.load(rev, "gate-5").verdictFor("auroc")->fromSuggestion);

        ReviewInput in = toReviewInput(drafts.load(rev, "gate-5"));
        const std::vector<std::string> again = acceptSuggestions(in, *revision);
        QVERIFY(again.empty()); // nothing left to accept
        QCOMPARE(in.verdicts.size(), std::size_t(2));
    }

    void blockersMustBeAcknowledgedBeforeAnAdvance_data()
    {
        QTest::addColumn<QString>("outcome");
        QTest::addColumn<bool>("acknowledge");
        QTest::addColumn<bool>("resolve");
        QTest::addColumn<bool>("passes");
        QTest::newRow("advance, unacknowledged") << QStringLiteral("advance") << false << false << false;
        QTest::newRow("conditional, unacknowledged")
            << QStringLiteral("advance_with_conditions") << false << false << false;
        QTest::newRow("advance, acknowledged") << QStringLiteral("advance") << true << false << true;
        QTest::newRow("advance, resolved") << QStringLiteral("advance") << false << true << true;
        QTest::newRow("hold, unacknowledged") << QStringLiteral("hold") << false << false << true;
        QTest::newRow("switchback, unacknowledged") << QStringLiteral("switchback") << false << false << true;
    }

    void blockersMustBeAcknowledgedBeforeAnAdvance()
    {
        QFETCH(QString, outcome);
        QFETCH(bool, acknowledge);
        QFETCH(bool, resolve);
        QFETCH(bool, passes);
        test::TempStore ts;
        const std::int64_t rev = importExample(ts);
        QVERIFY(rev);
        const std::string block = blocker(ts, rev);
        blocker(ts, rev, "major"); // not a blocker: never needs acknowledging
        ReviewDraftStore drafts(ts.store().db());
        Problems problems;
        QVERIFY(drafts.setOutcome(rev, "gate-5", outcome.toStdString(), problems));
        if (acknowledge)
            QVERIFY(drafts.acknowledgeBlocker(rev, "gate-5", block, problems));
        AnnotationStore annotations(ts.store().db());
        if (resolve)
            QVERIFY(annotations.setStatus(block, "resolved", problems));
        const auto all = annotations.forRevision(rev);
        const ReviewDraft d = drafts.load(rev, "gate-5");
        QCOMPARE(unacknowledgedBlockers(d, all).empty(), acknowledge || resolve);
        Problems check;
        QCOMPARE(checkBlockersAcknowledged(d, all, check), passes);
        QCOMPARE(check.hasErrors(), !passes);
        if (!passes)
            QVERIFY(containsError(check, QStringLiteral("must be acknowledged")));

        // The step the CLI and the workbench share before signing: every open annotation is
        // attached to the record, and the same blockers stand in the way.
        ReviewInput input = toReviewInput(d);
        const auto blockers =
            attachOpenAnnotations(input, all, [&d](const std::string &id) { return d.isAcknowledged(id); });
        QCOMPARE(blockers.empty(), passes);
        if (!passes)
            QCOMPARE(blockers, std::vector<std::string>{block});
        QCOMPARE(input.annotations.size(), std::size_t(resolve ? 1 : 2)); // the major note and the open blocker
        ReviewInput cli = toReviewInput(d);                               // --acknowledge-blockers
        QVERIFY(attachOpenAnnotations(cli, all, [](const std::string &) { return true; }).empty());
    }
};

QTEST_GUILESS_MAIN(TestReviewDraft)
#include "tst_review_draft.moc"
