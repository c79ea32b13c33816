// Reviews in the store: schema migration, building (validation), signing, immutability,
// idempotent insertion, annotations, export and verification of the exported archive.
#include "TempStore.h"
#include "TestData.h"
#include "core/crypto/Ed25519Key.h"
#include "core/import/Importer.h"
#include "core/review/AnnotationStore.h"
#include "core/review/ArchiveExporter.h"
#include "core/review/ArchiveVerifier.h"
#include "core/review/AuditLog.h"
#include "core/review/ReviewBuilder.h"
#include "core/review/ReviewSigner.h"
#include "core/review/ReviewStore.h"
#include "core/store/RevisionData.h"
#include "core/store/Schema.h"

#include <QTemporaryDir>
#include <QTest>

using namespace mltrl;

namespace {

std::optional<RevisionData> importExample(test::TempStore &ts)
{
    Problems problems;
    const ImportResult r =
        importArchive(ts.store(), test::dataPath(QStringLiteral("example-min")).toStdString(), problems);
    if (!r.ok())
        return std::nullopt;
    return loadRevision(ts.store(), "derm-triage", std::nullopt, problems);
}

ReviewInput goodInput(const Ed25519Key &key)
{
    ReviewInput in;
    in.gate = "gate-5";
    in.outcome = "advance";
    in.rationale = "Good enough to build on.";
    in.verdicts = {{"auroc", "met", std::nullopt},
                   {"worst-group", "waived", "Accepted for now."},
                   {"ethics", "met", std::nullopt}};
    in.reviewer = {"R. D.", "rd@example.org", "R&D reviewer", key.publicKey().toOpenSsh()};
    return in;
}

} // namespace

class TestReviewStore : public QObject {
    Q_OBJECT

private slots:
    void versionOneStoreIsBackedUpAndMigrated()
    {
        QTemporaryDir dir;
        const std::filesystem::path storeDir = dir.path().toStdString();
        {
            sql::Database db((storeDir / "store.sqlite").string());
            db.exec(schema::migrations()[0]);
            db.exec("PRAGMA user_version=1");
        }
        Problems problems;
        auto store = Store::open(storeDir, problems);
        QVERIFY(store);
        QCOMPARE(store->db().queryInt("PRAGMA user_version"), std::int64_t(schema::currentVersion()));
        QVERIFY(std::filesystem::exists(storeDir / "store.sqlite.v1.bak"));
        QCOMPARE(store->db().queryInt("SELECT COUNT(*) FROM reviews"), std::int64_t(0));
    }

    void buildRejects_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown gate") << QStringLiteral("gate") << QStringLiteral("no gate");
        QTest::newRow("missing verdict") << QStringLiteral("drop-verdict")
                                         << QStringLiteral("G1: criterion \"ethics\" has no verdict");
        QTest::newRow("unknown criterion") << QStringLiteral("extra-verdict") << QStringLiteral("no criterion");
        QTest::newRow("not_met without note") << QStringLiteral("not_met") << QStringLiteral("needs a note");
        QTest::newRow("conditions needed") << QStringLiteral("conditional") << QStringLiteral("at least one condition");
        QTest::newRow("switchback not below")
            << QStringLiteral("switchback") << QStringLiteral("below the gate's level");
        QTest::newRow("bad outcome") << QStringLiteral("outcome") << QStringLiteral("is not advance");
        QTest::newRow("no rationale") << QStringLiteral("rationale")
                                      << QStringLiteral("decision/rationale: G2: every outcome needs a rationale");
        QTest::newRow("advance with not_met")
            << QStringLiteral("advance-not-met") << QStringLiteral("decision/outcome: G2: an unconditional advance");
        QTest::newRow("no email") << QStringLiteral("email") << QStringLiteral("email is needed");
    }

    void buildRejects()
    {
        QFETCH(QString, change);
        QFETCH(QString, message);
        test::TempStore ts;
        const auto rev = importExample(ts);
        QVERIFY(rev);
        const auto key = Ed25519Key::generate();
        ReviewInput in = goodInput(*key);
        if (change == QStringLiteral("gate"))
            in.gate = "gate-x";
        else if (change == QStringLiteral("drop-verdict"))
            in.verdicts.pop_back();
        else if (change == QStringLiteral("extra-verdict"))
            in.verdicts.push_back({"nope", "met", std::nullopt});
        else if (change == QStringLiteral("not_met"))
            in.verdicts[0] = {"auroc", "not_met", std::nullopt};
        else if (change == QStringLiteral("conditional"))
            in.outcome = "advance_with_conditions";
        else if (change == QStringLiteral("switchback")) {
            in.outcome = "switchback";
            in.toLevel = 5;
        } else if (change == QStringLiteral("outcome"))
            in.outcome = "maybe";
        else if (change == QStringLiteral("email"))
            in.reviewer.email.clear();
        else if (change == QStringLiteral("rationale"))
            in.rationale.reset();
        else if (change == QStringLiteral("advance-not-met"))
            in.verdicts[0] = {"auroc", "not_met", "below"};
        Problems problems;
        QVERIFY(!ReviewBuilder(*rev).build(in, problems));
        bool found = false;
        for (const Problem &p : problems.errors())
            found = found || QString::fromStdString(p.toString()).contains(message);
        QVERIFY2(found, problems.errors().empty() ? "no error" : problems.errors().front().toString().c_str());
    }

    void signStoreExportVerify()
    {
        test::TempStore ts;
        const auto rev = importExample(ts);
        QVERIFY(rev);
        const auto key = Ed25519Key::generate();
        Problems problems;
        const auto note = AnnotationStore(ts.store().db())
                              .add("derm-triage", rev->overview.revisionId, {{"metric", "loss"}, {"x_range", {1, 2}}},
                                   "minor", "Bump at step 2.", "tester", problems);
        QVERIFY(note);
        ReviewInput in = goodInput(*key);
        for (const Annotation &a : AnnotationStore(ts.store().db()).forRevision(rev->overview.revisionId))
            in.annotations.push_back(a.toRecord());
        const auto record = ReviewBuilder(*rev).build(in, problems);
        QVERIFY2(record, problems.empty() ? "" : problems.items().front().toString().c_str());
        QCOMPARE(record->evidence.size(), std::size_t(3));
        QCOMPARE(record->metrics.size(), std::size_t(5));
        QVERIFY(std::is_sorted(record->metrics.begin(), record->metrics.end(),
                               [](const FileBinding &a, const FileBinding &b) { return a.id < b.id; }));
        QCOMPARE(*record->verdicts[0].observed, 0.91);
        QVERIFY(!record->verdicts[2].observed);
        QCOMPARE(record->annotations.size(), std::size_t(1));

        const auto signedReview = ReviewSigner::sign(*record, *key, problems);
        QVERIFY(signedReview);
        ReviewStore reviews(ts.store().db());
        QVERIFY(reviews.addSigned(rev->overview.revisionId, *signedReview, problems));
        QCOMPARE(reviews.forRevision(rev->overview.revisionId).size(), std::size_t(2)); // + the example's
        const auto stored = reviews.find(record->id);
        QVERIFY(stored);
        QCOMPARE(stored->record, signedReview->bytes);
        QCOMPARE(stored->signature, signedReview->signature);

        // Immutable; inserting the same again is idempotent, other bytes under the id conflict.
        QVERIFY_THROWS_EXCEPTION(sql::SqliteError, ts.store().db().exec("UPDATE reviews SET outcome = 'hold'"));
        QVERIFY(reviews.insert(rev->overview.revisionId, *record, signedReview->bytes, signedReview->signature,
                               "imported") == ReviewStore::Insert::AlreadyPresent);
        QVERIFY(reviews.insert(rev->overview.revisionId, *record, signedReview->bytes + " ", signedReview->signature,
                               "imported") == ReviewStore::Insert::Conflict);
        QVERIFY(!reviews.addSigned(rev->overview.revisionId, *signedReview, problems));

        // Export and verify the archive: both reviews valid, files intact.
        QTemporaryDir out;
        const std::filesystem::path zip = std::filesystem::path(out.path().toStdString()) / "x.mltrl";
        Problems exportProblems;
        const auto exported =
            ArchiveExporter(ts.store()).exportRevision("derm-triage", std::nullopt, zip, exportProblems);
        QVERIFY(exported);
        QCOMPARE(exported->reviews, 2);
        const ArchiveVerification v = verifyArchive(zip, nullptr);
        QVERIFY(v.archiveOk);
        QCOMPARE(v.reviews.size(), std::size_t(2));
        for (const ArchiveReview &r : v.reviews)
            QVERIFY2(r.check.status == ReviewStatus::ValidUnknownSigner,
                     r.check.reasons.empty() ? "" : r.check.reasons[0].c_str());
        QVERIFY(v.passed());

        // Every action is in the audit log and the chain holds.
        AuditLog log(ts.store().db());
        std::vector<std::string> actions;
        for (const AuditEntry &e : log.entries())
            actions.push_back(e.action);
        QVERIFY(actions == (std::vector<std::string>{"import", "annotate", "sign", "export"}));
        QVERIFY(!log.check());
    }
};

QTEST_GUILESS_MAIN(TestReviewStore)
#include "tst_review_store.moc"
