#include "MetricTestUtil.h"
#include "core/metrics/MetricParser.h"

#include <QtTest>

using namespace mltrl;
using mltrl::test::dump;
using mltrl::test::texts;
using mltrl::test::view;

class TestMetricMlflow : public QObject {
    Q_OBJECT
private slots:
    void parsesPoints_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("three fields") << QByteArray("1732000001000 0.71 1\n1732000002000 0.52 2\n")
                                      << QStringLiteral("-: 1,0.71,1732000001 2,0.52,1732000002");
        QTest::newRow("two fields mean step 0")
            << QByteArray("1500 0.5\n2500 0.25 3\n") << QStringLiteral("-: 0,0.5,1.5 3,0.25,2.5");
        QTest::newRow("out of order and repeated steps kept in file order")
            << QByteArray("1000 0.3 3\n2000 0.1 1\n3000 0.2 1\n") << QStringLiteral("-: 3,0.3,1 1,0.1,2 1,0.2,3");
        QTest::newRow("CRLF and blank trailing lines")
            << QByteArray("1000 1 1\r\n2000 2 2\r\n\r\n\n") << QStringLiteral("-: 1,1,1 2,2,2");
        QTest::newRow("no final line end") << QByteArray("1000 1 1\n2000 2 2") << QStringLiteral("-: 1,1,1 2,2,2");
        QTest::newRow("special values") << QByteArray("1000 nan 1\n2000 -inf 2\n3000 1e-3 3\n4000 Infinity 4\n")
                                        << QStringLiteral("-: 1,nan,1 2,-inf,2 3,0.001,3 4,inf,4");
        QTest::newRow("negative step") << QByteArray("1000 1 -1\n") << QStringLiteral("-: -1,1,1");
    }
    void parsesPoints()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        Problems problems;
        const auto data = parseMlflowMetric(view(text), "loss", problems);
        QVERIFY2(data, qPrintable(texts(problems.items()).join(QLatin1Char('\n'))));
        QVERIFY(problems.empty());
        QVERIFY(data->kind == MetricKind::Series);
        QCOMPARE(dump(*data), expected);
    }

    void emptyFileHasNoPointsAndAWarning()
    {
        Problems problems;
        const auto data = parseMlflowMetric("\n", "loss", problems);
        QVERIFY(data);
        QCOMPARE(data->pointCount(), std::size_t(0));
        QCOMPARE(texts(problems.items()), QStringList(QStringLiteral("loss: the MLflow metric file holds no points")));
    }

    void rejectsBadLines_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QStringList>("errors");
        QTest::newRow("bad value") << QByteArray("1000 0.5 1\n2000 abc 2\n")
                                   << QStringList{QStringLiteral("loss:2:2: \"abc\" is not a number in column value")};
        QTest::newRow("bad timestamp and step")
            << QByteArray("x 0.5 1.2.3\n")
            << QStringList{QStringLiteral("loss:1:1: \"x\" is not a number in column timestamp"),
                           QStringLiteral("loss:1:3: \"1.2.3\" is not a number in column step")};
        QTest::newRow("one field") << QByteArray("1000\n")
                                   << QStringList{QStringLiteral(
                                          "loss:1:2: expected \"<timestamp_ms> <value> <step>\", found 1 field")};
        QTest::newRow("four fields") << QByteArray("1000 1 2 3\n")
                                     << QStringList{QStringLiteral(
                                            "loss:1:4: expected \"<timestamp_ms> <value> <step>\", found 4 fields")};
        QTest::newRow("nan step") << QByteArray("1000 1 nan\n")
                                  << QStringList{QStringLiteral(
                                         "loss:1:3: \"nan\" in column step: it must be a finite number")};
        QTest::newRow("inf timestamp") << QByteArray("\n\ninf 1 1\n")
                                       << QStringList{QStringLiteral(
                                              "loss:3:1: \"inf\" in column timestamp: it must be a finite number")};
    }
    void rejectsBadLines()
    {
        QFETCH(QByteArray, text);
        QFETCH(QStringList, errors);
        Problems problems;
        QVERIFY(!parseMlflowMetric(view(text), "loss", problems));
        QCOMPARE(texts(problems.errors()), errors);
    }

    void errorsAreCapped()
    {
        QByteArray text;
        for (int i = 0; i < 25; ++i)
            text += "1000 x 1\n";
        Problems problems;
        QVERIFY(!parseMlflowMetric(view(text), "loss", problems));
        QCOMPARE(problems.errorCount(), std::size_t(21));
        QCOMPARE(QString::fromStdString(problems.errors().back().toString()),
                 QStringLiteral("loss: … and 5 more errors"));
    }
};

QTEST_GUILESS_MAIN(TestMetricMlflow)
#include "tst_metric_mlflow.moc"
