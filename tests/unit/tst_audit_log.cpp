// The audit log's hash chain: appended entries link up; changing, removing or forging an
// entry is found at the first broken link.
#include "TempStore.h"
#include "core/review/AuditLog.h"

#include <QTest>

using namespace mltrl;

class TestAuditLog : public QObject {
    Q_OBJECT

    /// Three entries in a fresh store, with the append-only triggers removed so the test
    /// can play the attacker who edits the database file directly.
    static void fill(Store &store)
    {
        AuditLog log(store.db());
        log.append("import", "p", {{"revision", 1}});
        log.append("annotate", "p", {{"annotation", "a1"}, {"text", "Grüße"}});
        log.append("sign", "q", {{"review", "r1"}});
        store.db().exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
    }

private slots:
    void appendedEntriesChain()
    {
        test::TempStore ts;
        AuditLog log(ts.store().db());
        QVERIFY(!log.check());
        const AuditEntry a = log.append("import", "p", {{"revision", 1}});
        const AuditEntry b = log.append("export", "p", {{"file", "x.mltrl"}});
        QCOMPARE(a.seq, std::int64_t(1));
        QCOMPARE(a.prevSha256, std::string(AuditLog::kGenesis));
        QCOMPARE(b.prevSha256, a.entrySha256);
        QCOMPARE(b.entrySha256, b.computeHash());
        QVERIFY(!log.check());
        QCOMPARE(log.entries().size(), std::size_t(2));
        QCOMPARE(log.entries(std::string("q")).size(), std::size_t(0));
    }

    void theStoreRefusesEdits()
    {
        test::TempStore ts;
        AuditLog(ts.store().db()).append("import", "p", {});
        QVERIFY_THROWS_EXCEPTION(sql::SqliteError, ts.store().db().exec("UPDATE audit_log SET action = 'x'"));
        QVERIFY_THROWS_EXCEPTION(sql::SqliteError, ts.store().db().exec("DELETE FROM audit_log"));
    }

    void tampering_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<int>("brokenAt");
        QTest::addColumn<QString>("what");
        QTest::newRow("changed details") << QStringLiteral("UPDATE audit_log SET details_json = '{}' WHERE seq = 2")
                                         << 2 << QStringLiteral("was changed");
        QTest::newRow("changed action") << QStringLiteral("UPDATE audit_log SET action = 'export' WHERE seq = 1") << 1
                                        << QStringLiteral("was changed");
        QTest::newRow("removed entry") << QStringLiteral("DELETE FROM audit_log WHERE seq = 2") << 3
                                       << QStringLiteral("missing");
        QTest::newRow("removed first entry")
            << QStringLiteral("DELETE FROM audit_log WHERE seq = 1") << 2 << QStringLiteral("missing");
        QTest::newRow("relinked after removal")
            << QStringLiteral("DELETE FROM audit_log WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 2") << 3
            << QStringLiteral("missing");
        QTest::newRow("rehashed entry, next link breaks")
            << QStringLiteral("UPDATE audit_log SET details_json = '{}', entry_sha256 = '"
                              "1111111111111111111111111111111111111111111111111111111111111111' WHERE seq = 2")
            << 2 << QStringLiteral("was changed");
        QTest::newRow("wrong previous hash")
            << QStringLiteral("UPDATE audit_log SET prev_sha256 = "
                              "'2222222222222222222222222222222222222222222222222222222222222222' WHERE seq = 3")
            << 3 << QStringLiteral("previous hash");
    }

    void tampering()
    {
        QFETCH(QString, sql);
        QFETCH(int, brokenAt);
        QFETCH(QString, what);
        test::TempStore ts;
        fill(ts.store());
        QVERIFY(!AuditLog(ts.store().db()).check());
        ts.store().db().exec(sql.toStdString());
        const auto broken = AuditLog(ts.store().db()).check();
        QVERIFY(broken);
        QCOMPARE(broken->seq, std::int64_t(brokenAt));
        QVERIFY2(QString::fromStdString(broken->what).contains(what), broken->what.c_str());
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_audit_log.moc"
