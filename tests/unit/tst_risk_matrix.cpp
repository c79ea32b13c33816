// The ISO 14971-style risk chart behind the Requirements panel's heat-map: band edges (a value
// on an edge belongs to the band above it, 1.0 to the last band), the acceptability of every
// cell, and the counts per cell.
#include "core/derive/RiskMatrix.h"

#include <QtTest>

using namespace mltrl;

class TestRiskMatrix : public QObject {
    Q_OBJECT

private slots:
    void band_data();
    void band();
    void level_data();
    void level();
    void levelsGrowWithBothAxes();
    void counts();
    void names();
};

void TestRiskMatrix::band_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("band");
    QTest::newRow("0") << 0.0 << 0;
    QTest::newRow("0.19") << 0.19 << 0;
    QTest::newRow("0.2 edge") << 0.2 << 1;
    QTest::newRow("0.4 edge") << 0.4 << 2;
    QTest::newRow("0.5") << 0.5 << 2;
    QTest::newRow("0.6 edge") << 0.6 << 3;
    QTest::newRow("0.6 from 3 x 0.2") << 3 * 0.2 << 3;
    QTest::newRow("0.79999") << 0.79999 << 3;
    QTest::newRow("0.8 edge") << 0.8 << 4;
    QTest::newRow("1 (last band includes it)") << 1.0 << 4;
    QTest::newRow("below 0 clamps") << -0.5 << 0;
    QTest::newRow("above 1 clamps") << 1.5 << 4;
}

void TestRiskMatrix::band()
{
    QFETCH(double, value);
    QFETCH(int, band);
    QCOMPARE(riskBand(value), band);
    QVERIFY(riskBandLow(band) <= std::clamp(value, 0.0, 1.0));
    QVERIFY(std::clamp(value, 0.0, 1.0) <= riskBandHigh(band));
}

void TestRiskMatrix::level_data()
{
    QTest::addColumn<int>("probability");
    QTest::addColumn<int>("impact");
    QTest::addColumn<int>("level");
    const auto ok = static_cast<int>(RiskLevel::Acceptable);
    const auto alarp = static_cast<int>(RiskLevel::Alarp);
    const auto bad = static_cast<int>(RiskLevel::Unacceptable);
    QTest::newRow("improbable negligible") << 0 << 0 << ok;
    QTest::newRow("improbable catastrophic (1x5)") << 0 << 4 << alarp;
    QTest::newRow("remote minor (2x2)") << 1 << 1 << ok;
    QTest::newRow("frequent negligible (5x1)") << 4 << 0 << alarp;
    QTest::newRow("occasional critical (3x4)") << 2 << 3 << alarp;
    QTest::newRow("occasional catastrophic (3x5)") << 2 << 4 << bad;
    QTest::newRow("probable critical (4x4)") << 3 << 3 << bad;
    QTest::newRow("frequent catastrophic") << 4 << 4 << bad;
}

void TestRiskMatrix::level()
{
    QFETCH(int, probability);
    QFETCH(int, impact);
    QFETCH(int, level);
    QCOMPARE(static_cast<int>(riskLevel({probability, impact})), level);
    // Symmetric: probability and impact weigh the same.
    QCOMPARE(static_cast<int>(riskLevel({impact, probability})), level);
}

void TestRiskMatrix::levelsGrowWithBothAxes()
{
    for (int p = 0; p < kRiskBands; ++p)
        for (int i = 0; i < kRiskBands; ++i) {
            const int here = static_cast<int>(riskLevel({p, i}));
            if (p + 1 < kRiskBands)
                QVERIFY(static_cast<int>(riskLevel({p + 1, i})) >= here);
            if (i + 1 < kRiskBands)
                QVERIFY(static_cast<int>(riskLevel({p, i + 1})) >= here);
        }
}

void TestRiskMatrix::counts()
{
    std::vector<Requirement> reqs(6);
    reqs[0].pFailure = 0.1, reqs[0].impact = 0.9;  // improbable, catastrophic
    reqs[1].pFailure = 0.15, reqs[1].impact = 1.0; // same cell
    reqs[2].pFailure = 0.6, reqs[2].impact = 0.6;  // probable, critical
    reqs[3].pFailure = 0.5;                        // no impact: not assessed
    reqs[5].pFailure = 0.0, reqs[5].impact = 0.0;
    const RiskCounts c = countRiskCells(reqs);
    QCOMPARE(c.at({0, 4}), 2);
    QCOMPARE(c.at({3, 3}), 1);
    QCOMPARE(c.at({0, 0}), 1);
    QCOMPARE(c.notAssessed, 2);
    QCOMPARE(c.assessed(), 4);
    QCOMPARE(c.atLevel(RiskLevel::Unacceptable), 1);
    QCOMPARE(c.atLevel(RiskLevel::Alarp), 2);
    QCOMPARE(c.atLevel(RiskLevel::Acceptable), 1);
    QVERIFY(!riskCell(reqs[3]));
    QCOMPARE(*riskCell(reqs[2]), (RiskCell{3, 3}));
}

void TestRiskMatrix::names()
{
    QVERIFY(probabilityBandName(0) == "improbable");
    QVERIFY(probabilityBandName(4) == "frequent");
    QVERIFY(impactBandName(0) == "negligible");
    QVERIFY(impactBandName(4) == "catastrophic");
    QVERIFY(toString(RiskLevel::Alarp) == "ALARP");
}

QTEST_GUILESS_MAIN(TestRiskMatrix)
#include "tst_risk_matrix.moc"
