#include "common/Problems.h"

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
};

QTEST_GUILESS_MAIN(TestProblems)
#include "tst_problems.moc"
