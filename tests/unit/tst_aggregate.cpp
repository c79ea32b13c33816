#include "MetricTestUtil.h"
#include "TestData.h"
#include "core/metrics/Aggregate.h"
#include "core/metrics/MetricParser.h"

#include <QFile>
#include <QtTest>

#include <bit>
#include <cmath>
#include <limits>

using namespace mltrl;
using mltrl::test::view;

Q_DECLARE_METATYPE(mltrl::MetricKind)
Q_DECLARE_METATYPE(mltrl::Aggregate)

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
const double kNull = std::numeric_limits<double>::quiet_NaN(); // "expect null" in the tables

MetricData parsed(const QByteArray &csv, MetricKind kind)
{
    Problems problems;
    auto data = parseMetricCsv(view(csv), kind, "m.csv", problems);
    if (!data)
        qFatal("test CSV does not parse");
    return *data;
}

/// Exact comparison: the observed value must be the very double, not a near one.
bool sameDouble(double a, double b)
{
    return std::bit_cast<quint64>(a) == std::bit_cast<quint64>(b);
}
} // namespace

class TestAggregate : public QObject {
    Q_OBJECT
private slots:
    void aggregates_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<MetricKind>("kind");
        QTest::addColumn<Aggregate>("aggregate");
        QTest::addColumn<QString>("series");
        QTest::addColumn<double>("expected");
        const auto S = MetricKind::Series;
        const QByteArray ramp("step,value\n1,0.5\n2,0.25\n3,0.75\n");
        QTest::newRow("last") << ramp << S << Aggregate::Last << QString() << 0.75;
        QTest::newRow("min") << ramp << S << Aggregate::Min << QString() << 0.25;
        QTest::newRow("max") << ramp << S << Aggregate::Max << QString() << 0.75;
        QTest::newRow("mean") << ramp << S << Aggregate::Mean << QString() << 0.5;
        QTest::newRow("last = greatest step, not last line")
            << QByteArray("step,value\n3,0.3\n1,0.1\n2,0.2\n") << S << Aggregate::Last << QString() << 0.3;
        QTest::newRow("last tie: later line")
            << QByteArray("step,value\n1,0.1\n2,0.2\n2,0.25\n1,0.9\n") << S << Aggregate::Last << QString() << 0.25;
        QTest::newRow("last tie across sub-series, a later")
            << QByteArray("step,series,value\n1,a,1\n2,b,2\n2,a,3\n1,b,4\n") << S << Aggregate::Last << QString()
            << 3.0;
        QTest::newRow("last tie across sub-series, b later")
            << QByteArray("step,series,value\n2,a,3\n1,a,1\n2,b,2\n1,b,4\n") << S << Aggregate::Last << QString()
            << 2.0;
        QTest::newRow("last skips NaN at the greatest step")
            << QByteArray("step,value\n1,0.1\n2,nan\n") << S << Aggregate::Last << QString() << 0.1;
        QTest::newRow("min skips NaN") << QByteArray("step,value\n1,nan\n2,0.4\n3,NaN\n4,0.6\n") << S << Aggregate::Min
                                       << QString() << 0.4;
        QTest::newRow("mean skips NaN") << QByteArray("step,value\n1,nan\n2,0.4\n3,NaN\n4,0.6\n") << S
                                        << Aggregate::Mean << QString() << 0.5;
        QTest::newRow("all NaN: null") << QByteArray("step,value\n1,nan\n2,nan\n") << S << Aggregate::Mean << QString()
                                       << kNull;
        QTest::newRow("all NaN last: null")
            << QByteArray("step,value\n1,nan\n") << S << Aggregate::Last << QString() << kNull;
        QTest::newRow("no rows: null") << QByteArray("step,value\n") << S << Aggregate::Max << QString() << kNull;
        QTest::newRow("mean is compensated")
            << QByteArray("step,value\n1,1e16\n2,1\n3,-1e16\n") << S << Aggregate::Mean << QString() << 1.0 / 3.0;
        QTest::newRow("mean that overflows a plain sum")
            << QByteArray("step,value\n1,1.5e308\n2,1.5e308\n") << S << Aggregate::Mean << QString() << 1.5e308;
        QTest::newRow("max with inf") << QByteArray("step,value\n1,1\n2,inf\n") << S << Aggregate::Max << QString()
                                      << kInf;
        QTest::newRow("mean with inf") << QByteArray("step,value\n1,1\n2,inf\n") << S << Aggregate::Mean << QString()
                                       << kInf;
        QTest::newRow("mean of inf and -inf: null")
            << QByteArray("step,value\n1,-inf\n2,inf\n") << S << Aggregate::Mean << QString() << kNull;
        const QByteArray split("step,series,value\n1,train,0.9\n1,val,0.5\n2,train,0.2\n2,val,0.6\n");
        QTest::newRow("series filter last") << split << S << Aggregate::Last << QStringLiteral("val") << 0.6;
        QTest::newRow("series filter min") << split << S << Aggregate::Min << QStringLiteral("val") << 0.5;
        QTest::newRow("all sub-series min") << split << S << Aggregate::Min << QString() << 0.2;
        QTest::newRow("all sub-series last") << split << S << Aggregate::Last << QString() << 0.6;
        const QByteArray groups("group,value,n\nA,0.93,10\nB,0.84,20\nC,0.91,30\n");
        QTest::newRow("groups min = worst group")
            << groups << MetricKind::Groups << Aggregate::Min << QString() << 0.84;
        QTest::newRow("groups max") << groups << MetricKind::Groups << Aggregate::Max << QString() << 0.93;
        QTest::newRow("groups last = last group row")
            << groups << MetricKind::Groups << Aggregate::Last << QString() << 0.91;
        const QByteArray curve("x,y\n0,0\n1,1\n0.5,0.8\n");
        QTest::newRow("curve y max") << curve << MetricKind::Curve << Aggregate::Max << QString() << 1.0;
        QTest::newRow("curve y min") << curve << MetricKind::Curve << Aggregate::Min << QString() << 0.0;
        QTest::newRow("curve y mean") << curve << MetricKind::Curve << Aggregate::Mean << QString() << 0.6;
        QTest::newRow("curve last = y at greatest x")
            << curve << MetricKind::Curve << Aggregate::Last << QString() << 1.0;
    }
    void aggregates()
    {
        QFETCH(QByteArray, csv);
        QFETCH(MetricKind, kind);
        QFETCH(Aggregate, aggregate);
        QFETCH(QString, series);
        QFETCH(double, expected);
        const Observation obs = observedValue(parsed(csv, kind), aggregate, series.toStdString());
        QVERIFY(obs.seriesFound);
        if (std::isnan(expected)) {
            QVERIFY(!obs.value);
            return;
        }
        QVERIFY(obs.value);
        QVERIFY2(sameDouble(*obs.value, expected), qPrintable(QString::number(*obs.value, 'g', 17)));
    }

    void unknownSeriesIsReported()
    {
        const MetricData data = parsed("step,series,value\n1,train,0.9\n", MetricKind::Series);
        const Observation obs = observedValue(data, Aggregate::Last, "val");
        QVERIFY(!obs.seriesFound);
        QVERIFY(!obs.value);
        QVERIFY(observedValue(data, Aggregate::Last, "train").seriesFound);
    }

    /// The mean keeps full precision over many points where a plain sum drifts.
    void meanOfManyPoints()
    {
        QByteArray csv("step,value\n");
        for (int i = 0; i < 100000; ++i)
            csv += QByteArray::number(i) + ",0.1\n";
        const Observation obs = observedValue(parsed(csv, MetricKind::Series), Aggregate::Mean);
        QVERIFY(obs.value);
        QVERIFY2(sameDouble(*obs.value, 0.1), qPrintable(QString::number(*obs.value, 'g', 17)));
    }

    void exampleMin_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<MetricKind>("kind");
        QTest::addColumn<Aggregate>("aggregate");
        QTest::addColumn<QString>("series");
        QTest::addColumn<double>("expected");
        QTest::newRow("val_auroc last") << QStringLiteral("metrics/val_auroc.csv") << MetricKind::Series
                                        << Aggregate::Last << QString() << 0.91;
        QTest::newRow("auroc_by_skin_type min") << QStringLiteral("metrics/auroc_by_skin_type.csv")
                                                << MetricKind::Groups << Aggregate::Min << QString() << 0.84;
        QTest::newRow("loss val last") << QStringLiteral("metrics/loss.csv") << MetricKind::Series << Aggregate::Last
                                       << QStringLiteral("val") << 0.45;
        QTest::newRow("roc max y") << QStringLiteral("metrics/roc.csv") << MetricKind::Curve << Aggregate::Max
                                   << QString() << 1.0;
    }
    void exampleMin()
    {
        QFETCH(QString, file);
        QFETCH(MetricKind, kind);
        QFETCH(Aggregate, aggregate);
        QFETCH(QString, series);
        QFETCH(double, expected);
        QFile f(mltrl::test::dataPath(QStringLiteral("example-min/") + file));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const Observation obs = observedValue(parsed(f.readAll(), kind), aggregate, series.toStdString());
        QVERIFY(obs.value);
        QVERIFY(sameDouble(*obs.value, expected));
    }

    void mlflowLast()
    {
        QFile f(mltrl::test::dataPath(
            QStringLiteral("example-min/mlruns/1/0a1b2c3d4e5f60718293a4b5c6d7e8f9/metrics/train_loss")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        Problems problems;
        const auto data = parseMlflowMetric(view(bytes), "train_loss", problems);
        QVERIFY(data);
        QVERIFY(sameDouble(*observedValue(*data, Aggregate::Last).value, 0.44));
        QVERIFY(sameDouble(*observedValue(*data, Aggregate::Max).value, 0.71));
    }
};

QTEST_GUILESS_MAIN(TestAggregate)
#include "tst_aggregate.moc"
