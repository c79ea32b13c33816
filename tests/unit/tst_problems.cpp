#include "core/common/Problems.h"

#include <QtTest>

using namespace mltrl;

class TestProblems : public QObject {
    Q_OBJECT
private slots:
    void collectsErrorsAndWarnings()
    {
        Problems p;
        p.error("mltrl.json#/gates/1", "missing \"id\"");
        p.warning("extra.txt", "not named in the manifest");
        p.error("metrics/a.csv:3:2", "not a number");
        QCOMPARE(p.errorCount(), std::size_t(2));
        QCOMPARE(p.warningCount(), std::size_t(1));
        QVERIFY(p.hasErrors());
        QCOMPARE(QString::fromStdString(p.errors()[1].toString()), QStringLiteral("metrics/a.csv:3:2: not a number"));
    }
    void noLocationMeansJustTheMessage()
    {
        QCOMPARE(QString::fromStdString(Problem{Severity::Error, "", "empty"}.toString()), QStringLiteral("empty"));
    }
    void diagnosticForm_data()
    {
        QTest::addColumn<QString>("where");
        QTest::addColumn<bool>("error");
        QTest::addColumn<QString>("expected");
        QTest::newRow("line and column") << QStringLiteral("mltrl.json:5:6") << true
                                         << QStringLiteral("mltrl.json:5:6: error: bad");
        QTest::newRow("csv cell") << QStringLiteral("metrics/a.csv:3:2") << true
                                  << QStringLiteral("metrics/a.csv:3:2: error: bad");
        QTest::newRow("json pointer") << QStringLiteral("mltrl.json#/gates/1/id") << true
                                      << QStringLiteral("mltrl.json:/gates/1/id: error: bad");
        QTest::newRow("nested manifest") << QStringLiteral("inner/mltrl.json#/project/name") << false
                                         << QStringLiteral("inner/mltrl.json:/project/name: warning: bad");
        QTest::newRow("pointer only") << QStringLiteral("#/decision/outcome") << true
                                      << QStringLiteral("/decision/outcome: error: bad");
        QTest::newRow("file only") << QStringLiteral("evidence/a.pdf") << false
                                   << QStringLiteral("evidence/a.pdf: warning: bad");
        QTest::newRow("no location") << QStringLiteral("") << true << QStringLiteral("error: bad");
    }
    void diagnosticForm()
    {
        QFETCH(QString, where);
        QFETCH(bool, error);
        QFETCH(QString, expected);
        const Problem p{error ? Severity::Error : Severity::Warning, where.toStdString(), "bad"};
        QCOMPARE(QString::fromStdString(p.toDiagnostic()), expected);
    }
};

QTEST_GUILESS_MAIN(TestProblems)
#include "tst_problems.moc"
