#include "TempStore.h"
#include "core/import/Importer.h"
#include "core/store/ProjectQueries.h"
#include "core/store/UnsettledBlobs.h"

#include <QtTest>

#include <fstream>

using namespace mltrl;
using namespace mltrl::test;
using Outcome = ImportResult::Outcome;

namespace {

QStringList wheres(const Problems &problems)
{
    QStringList out;
    for (const Problem &p : problems.errors())
        out << QString::fromStdString(p.where);
    return out;
}

QString dump(const Problems &problems)
{
    QStringList out;
    for (const Problem &p : problems.items())
        out << QString::fromStdString(p.toString());
    return out.join(QLatin1Char('\n'));
}

} // namespace

class TestImport : public QObject {
    Q_OBJECT
private slots:
    void importsTheExample()
    {
        TempStore ts;
        ExampleCopy ex;
        Problems problems;
        const ImportResult r = importArchive(ts.store(), ex.dir(), problems);
        QVERIFY2(r.outcome == Outcome::Imported, qPrintable(dump(problems)));
        QCOMPARE(QString::fromStdString(r.projectId), QStringLiteral("derm-triage"));
        QCOMPARE(r.revision, 1);

        const auto o = loadOverview(ts.store().db(), "derm-triage");
        QVERIFY(o);
        QCOMPARE(o->systemLevel, std::optional<int>(5));
        QCOMPARE(o->heldBackBy, std::vector<std::string>{"classifier"});
        QCOMPARE(o->counts.evidence, 3);
        QCOMPARE(o->counts.metrics, 5);
        // Every named file is stored byte for byte under its hash.
        auto st = ts.store().db().prepare("SELECT path, sha256 FROM files WHERE revision_id = ?");
        st.bindAll(o->revisionId);
        int files = 0;
        while (st.step()) {
            ++files;
            std::ifstream a(ex.dir() / st.text(0), std::ios::binary),
                b(ts.store().blobs().pathFor(st.text(1)), std::ios::binary);
            const std::string original((std::istreambuf_iterator<char>(a)), {}),
                stored((std::istreambuf_iterator<char>(b)), {});
            QCOMPARE(stored, original);
        }
        QCOMPARE(files, 1 + 3 + 5);
        QCOMPARE(ts.store().db().queryInt("SELECT COUNT(*) FROM metric_series WHERE metric_id = 'loss'"), 2);

        // Derived facts stored with the revision: risk = p_failure × impact, suggested verdicts.
        auto risk = ts.store().db().prepare("SELECT id, risk FROM requirements WHERE revision_id = ? ORDER BY ord");
        risk.bindAll(o->revisionId);
        QVERIFY(risk.step());
        QCOMPARE(risk.real(1), 0.2 * 0.8);
        QVERIFY(risk.step());
        QCOMPARE(risk.real(1), 0.5 * 0.9);
        const auto &gate5 = o->gates.back();
        QCOMPARE(gate5.criteria[0].observed, std::optional<double>(0.91));
        QCOMPARE(gate5.criteria[0].suggested, std::optional<std::string>("met"));
        QCOMPARE(gate5.criteria[1].suggested, std::optional<std::string>("not_met"));
        QVERIFY(!gate5.criteria[2].observed);
    }

    void invalidSwitchbacksAreFlagged()
    {
        TempStore ts;
        ExampleCopy ex;
        nlohmann::json m = ex.manifest();
        // Back into level 1, which the project (started at 2) never completed.
        m["history"].push_back({{"at", "2025-11-01"},
                                {"from", 5},
                                {"to", 1},
                                {"kind", "switchback"},
                                {"switchback", "review"},
                                {"reason", "Start over"}});
        ex.setManifest(m);
        Problems problems;
        QVERIFY(importArchive(ts.store(), ex.dir(), problems).ok());
        QCOMPARE(ts.store().db().queryInt("SELECT COUNT(*) FROM history WHERE invalid_reason IS NOT NULL"), 1);
        QCOMPARE(ts.store().db().queryInt("SELECT ord FROM history WHERE invalid_reason IS NOT NULL"), 6);
    }

    void identicalContentIsTheSameRevision()
    {
        TempStore ts;
        ExampleCopy ex;
        Problems p1, p2;
        QCOMPARE(importArchive(ts.store(), ex.dir(), p1).revision, 1);
        const std::string before = ts.snapshot();
        const ImportResult again = importArchive(ts.store(), ex.dir(), p2);
        QVERIFY(again.outcome == Outcome::AlreadyPresent);
        QCOMPARE(again.revision, 1);
        QCOMPARE(ts.snapshot(), before);
    }

    void changedBytesMakeANewRevisionSharingBlobs()
    {
        TempStore ts;
        ExampleCopy ex;
        Problems problems;
        QCOMPARE(importArchive(ts.store(), ex.dir(), problems).revision, 1);
        const auto blobsBefore = ts.store().db().queryInt("SELECT COUNT(*) FROM blobs");
        ex.writeFile("evidence/sample.csv", "id,label\n1,benign\n");
        const ImportResult r = importArchive(ts.store(), ex.dir(), problems);
        QVERIFY(r.outcome == Outcome::Imported);
        QCOMPARE(r.revision, 2);
        // Only the changed file adds a blob: the rest is deduplicated.
        QCOMPARE(ts.store().db().queryInt("SELECT COUNT(*) FROM blobs"), blobsBefore + 1);
    }

    void fiveFaultsFiveMessages()
    {
        TempStore ts;
        ExampleCopy ex;
        nlohmann::json m = ex.manifest();
        m["components"][1]["level"] = 11;                           // 1: out of range
        m["components"][1]["id"] = "classifier";                    // 2: duplicate id
        m["gates"][2]["criteria"][2]["evidence"][0] = "ev-missing"; // 3: dangling reference
        m["evidence"][1]["sha256"] = std::string(64, 'a');          // 4: hash mismatch
        ex.setManifest(m);
        ex.writeFile("metrics/roc.csv", "x,y\n0,0\n0.1,zero\n"); // 5: bad metric row
        const std::string before = ts.snapshot();
        Problems problems;
        const ImportResult r = importArchive(ts.store(), ex.dir(), problems);
        QVERIFY(r.outcome == Outcome::Rejected);
        QCOMPARE(problems.errorCount(), std::size_t(5));
        const QStringList w = wheres(problems);
        QVERIFY2(w.contains(QStringLiteral("mltrl.json#/components/1/level")), qPrintable(dump(problems)));
        QVERIFY2(w.contains(QStringLiteral("mltrl.json#/components/1/id")), qPrintable(dump(problems)));
        QVERIFY2(w.contains(QStringLiteral("mltrl.json#/gates/2/criteria/2/evidence/0")), qPrintable(dump(problems)));
        QVERIFY2(w.contains(QStringLiteral("mltrl.json#/evidence/1/sha256")), qPrintable(dump(problems)));
        QVERIFY2(w.contains(QStringLiteral("metrics/roc.csv:3:2")), qPrintable(dump(problems)));
        QCOMPARE(ts.snapshot(), before);
    }

    void unnamedFilesAreWarnedAboutAndNotStored()
    {
        TempStore ts;
        ExampleCopy ex;
        ex.writeFile("notes/scratch.txt", "left over");
        Problems problems;
        QVERIFY(importArchive(ts.store(), ex.dir(), problems).outcome == Outcome::Imported);
        QCOMPARE(problems.warningCount(), std::size_t(1));
        QVERIFY(
            QString::fromStdString(problems.warnings()[0].toString()).contains(QStringLiteral("notes/scratch.txt")));
        QCOMPARE(ts.store().db().queryInt("SELECT COUNT(*) FROM files WHERE path LIKE 'notes/%'"), 0);
        const auto o = loadOverview(ts.store().db(), "derm-triage");
        QCOMPARE(o->warnings.size(), std::size_t(1));
    }

    void cancelledImportLeavesTheStoreUnchanged()
    {
        TempStore ts;
        ExampleCopy ex;
        const std::string before = ts.snapshot();
        CancelToken cancel;
        cancel.cancel();
        Problems problems;
        QVERIFY(importArchive(ts.store(), ex.dir(), problems, {}, &cancel).outcome == Outcome::Cancelled);
        QCOMPARE(ts.snapshot(), before);
    }

    void orphansOfAKilledImportAreCollectedOnOpen()
    {
        TempStore ts;
        ExampleCopy ex;
        Problems problems;
        QVERIFY(importArchive(ts.store(), ex.dir(), problems).ok());
        const std::string before = ts.snapshot();
        // What a process killed between publishing and committing leaves behind: a blob no
        // row refers to, and the marker publishing left.
        const std::string orphan(64, 'b');
        std::filesystem::create_directories(ts.store().blobs().pathFor(orphan).parent_path());
        std::ofstream(ts.store().blobs().pathFor(orphan)) << "orphan";
        QVERIFY(blobs::markUnsettled(ts.store().dir()));
        ts.reopen();
        QCOMPARE(ts.snapshot(), before);
        QVERIFY(!std::filesystem::exists(blobs::unsettledMarker(ts.store().dir())));
        // What a process killed while staging leaves behind: a partial temporary.
        std::ofstream(ts.store().blobs().tempDir() / "blob-1-1") << "partial";
        ts.reopen();
        QCOMPARE(ts.snapshot(), before);
    }

    void aCompletedImportLeavesNothingToCollect()
    {
        TempStore ts;
        ExampleCopy ex;
        Problems problems;
        QVERIFY(importArchive(ts.store(), ex.dir(), problems).ok());
        // The commit removed the marker: the next open does not walk blobs/ (so a blob put
        // there by hand, which no import could leave, is not looked at).
        QVERIFY(!std::filesystem::exists(blobs::unsettledMarker(ts.store().dir())));
        QVERIFY(!blobs::mayHoldGarbage(ts.store().dir(), ts.store().blobs().tempDir()));
        const std::string stray(64, 'c');
        std::filesystem::create_directories(ts.store().blobs().pathFor(stray).parent_path());
        std::ofstream(ts.store().blobs().pathFor(stray)) << "stray";
        ts.reopen();
        QVERIFY(std::filesystem::exists(ts.store().blobs().pathFor(stray)));
    }

    void damagedStoresOpenWithAClearMessage_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::newRow("not a database") << QByteArray(4096, 'x') << QStringLiteral("damaged or not a store");
        QTest::newRow("truncated header")
            << QByteArray("SQLite format 3\0\x10", 18) << QStringLiteral("damaged or not a store");
    }
    void damagedStoresOpenWithAClearMessage()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("store.sqlite")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        f.close();
        Problems problems;
        QVERIFY(!Store::open(dir.path().toStdString(), problems));
        QVERIFY2(QString::fromStdString(problems.errors().at(0).toString()).contains(message),
                 qPrintable(dump(problems)));
    }

    void storeFromTheFutureIsRefused()
    {
        QTemporaryDir dir;
        {
            sql::Database db(dir.filePath(QStringLiteral("store.sqlite")).toStdString());
            db.exec("PRAGMA user_version=999");
        }
        Problems problems;
        QVERIFY(!Store::open(dir.path().toStdString(), problems));
        QVERIFY(QString::fromStdString(problems.errors().at(0).what).contains(QStringLiteral("newer")));
    }

    void storeLocationFollowsOptionThenEnvironment()
    {
        qputenv("MLTRL_STORE", "/tmp/from-env");
        QCOMPARE(QString::fromStdString(Store::resolveLocation(std::string("/tmp/explicit")).string()),
                 QStringLiteral("/tmp/explicit"));
        QCOMPARE(QString::fromStdString(Store::resolveLocation(std::nullopt).string()),
                 QStringLiteral("/tmp/from-env"));
        qunsetenv("MLTRL_STORE");
        QVERIFY(QString::fromStdString(Store::resolveLocation(std::nullopt).string())
                    .endsWith(QStringLiteral("mltrl-workbench/store")));
    }
};

QTEST_GUILESS_MAIN(TestImport)
#include "tst_import.moc"
