// Plots that read right on a projector: whole-number step axes for step series (a lone point
// no longer gets a 0.6–1.4 axis), a marker on every point when there are few, no empty axis
// frame without data (a qualitative criterion says so in words), the legend outside the
// data, and n under each group when the metric has an `n` column.
#include "GuiFixture.h"

#include "ui/panels/GatesPanel.h"
#include "ui/plots/MetricPlot.h"

#include "qcustomplot.h"

#include <QLabel>
#include <QTableView>
#include <QtTest>

#include <cmath>

using namespace mltrl;
using namespace mltrl::ui;

namespace {

std::shared_ptr<const PreparedMetric> series(const std::vector<double> &steps)
{
    Metric m;
    m.id = "val_loss";
    m.kind = MetricKind::Series;
    MetricData d;
    d.kind = MetricKind::Series;
    SeriesData s;
    for (const double x : steps) {
        s.x.push_back(x);
        s.y.push_back(0.5 + 0.01 * x);
    }
    d.series.push_back(std::move(s));
    return PreparedMetric::build(std::move(m), std::move(d));
}

/// The graph that draws the values (the only one with a legend name).
QCPGraph *valueGraph(MetricPlot &plot)
{
    for (int i = 0; i < plot.plot()->graphCount(); ++i)
        if (!plot.plot()->graph(i)->name().isEmpty())
            return plot.plot()->graph(i);
    return nullptr;
}

} // namespace

class TestPlotReadability : public QObject {
    Q_OBJECT
private slots:
    void stepAxisTicksOnWholeNumbers_data();
    void stepAxisTicksOnWholeNumbers();
    void fractionalStepsKeepTheirTicks();
    void fewPointsEachHaveAMarker_data();
    void fewPointsEachHaveAMarker();
    void legendSitsOutsideTheData();
    void groupsShowTheirN();
    void noFrameWithoutData();
    void qualitativeCriterionSaysSoInWords();
};

void TestPlotReadability::stepAxisTicksOnWholeNumbers_data()
{
    QTest::addColumn<std::vector<double>>("steps");
    QTest::newRow("one point") << std::vector<double>{1};
    QTest::newRow("two points") << std::vector<double>{1, 2};
    QTest::newRow("three points") << std::vector<double>{0, 1, 2};
    std::vector<double> many;
    for (int i = 1; i <= 5000; ++i)
        many.push_back(i);
    QTest::newRow("5000 points") << many;
}

void TestPlotReadability::stepAxisTicksOnWholeNumbers()
{
    QFETCH(std::vector<double>, steps);
    MetricPlot plot;
    plot.resize(1000, 500);
    plot.QWidget::show();
    plot.show(series(steps));
    plot.replotNow();
    if (const QString grabs = qEnvironmentVariable("MLTRL_GRAB_DIR"); !grabs.isEmpty())
        plot.grab().save(QDir(grabs).filePath(QStringLiteral("plot-steps-%1.png").arg(steps.size())));
    const QVector<double> ticks = plot.plot()->xAxis->tickVector();
    QVERIFY(!ticks.isEmpty());
    for (const double t : ticks)
        QVERIFY2(t == std::floor(t), qPrintable(QString::number(t)));
    QVERIFY(plot.plot()->xAxis->range().contains(steps.front()));
    for (const QString &label : plot.plot()->xAxis->tickVectorLabels())
        QVERIFY2(!label.contains(QLatin1Char('.')), qPrintable(label));
}

void TestPlotReadability::fractionalStepsKeepTheirTicks()
{
    MetricPlot plot;
    plot.resize(1000, 500);
    plot.QWidget::show();
    plot.show(series({0.25, 0.5, 0.75}));
    plot.replotNow();
    QVERIFY(!plot.plot()->xAxis->ticker().dynamicCast<QCPAxisTickerFixed>());
}

void TestPlotReadability::fewPointsEachHaveAMarker_data()
{
    QTest::addColumn<int>("points");
    QTest::addColumn<bool>("markers");
    QTest::newRow("1") << 1 << true;
    QTest::newRow("12") << 12 << true;
    QTest::newRow("60") << 60 << true;
    QTest::newRow("61") << 61 << false;
    QTest::newRow("1000") << 1000 << false;
}

void TestPlotReadability::fewPointsEachHaveAMarker()
{
    QFETCH(int, points);
    QFETCH(bool, markers);
    std::vector<double> steps;
    for (int i = 1; i <= points; ++i)
        steps.push_back(i);
    MetricPlot plot;
    plot.resize(1000, 500);
    plot.QWidget::show();
    plot.show(series(steps));
    plot.replotNow();
    QCPGraph *graph = valueGraph(plot);
    QVERIFY(graph);
    QCOMPARE(graph->scatterStyle().shape() != QCPScatterStyle::ssNone, markers);
    if (markers) {
        QVERIFY(graph->scatterStyle().size() >= 6); // visible on a projector
        QCOMPARE(plot.pointsDrawn(0), points);
    }
}

void TestPlotReadability::legendSitsOutsideTheData()
{
    MetricPlot plot;
    plot.resize(900, 500);
    plot.QWidget::show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.show(series({1, 2, 3, 4}), PlotThreshold{0.52, CompareOp::Ge});
    plot.replotNow();
    QVERIFY(plot.plot()->legend->visible());
    QVERIFY(plot.legendTexts().size() >= 2);
    const QRect legend = plot.plot()->legend->outerRect();
    const QRect data = plot.plot()->axisRect()->rect();
    QVERIFY(legend.isValid());
    QVERIFY2(!legend.intersects(data), qPrintable(QStringLiteral("legend %1,%2 %3x%4 over data %5,%6 %7x%8")
                                                      .arg(legend.x())
                                                      .arg(legend.y())
                                                      .arg(legend.width())
                                                      .arg(legend.height())
                                                      .arg(data.x())
                                                      .arg(data.y())
                                                      .arg(data.width())
                                                      .arg(data.height())));
    QVERIFY(plot.plot()->rect().contains(legend));
}

void TestPlotReadability::groupsShowTheirN()
{
    Metric m;
    m.id = "auroc_by_site";
    m.kind = MetricKind::Groups;
    MetricData d;
    d.kind = MetricKind::Groups;
    d.groupLabels = {"Site A", "Site B"};
    SeriesData s;
    s.x = {0, 1};
    s.y = {0.93, 0.91};
    s.count = {2140, 1630};
    d.series.push_back(s);
    MetricPlot plot;
    plot.resize(900, 500);
    plot.QWidget::show();
    plot.show(PreparedMetric::build(m, d));
    plot.replotNow();
    auto ticker = plot.plot()->xAxis->ticker().dynamicCast<QCPAxisTickerText>();
    QVERIFY(ticker);
    QCOMPARE(ticker->ticks().value(0), QStringLiteral("Site A\nn = 2140"));
    QCOMPARE(ticker->ticks().value(1), QStringLiteral("Site B\nn = 1630"));
    if (const QString grabs = qEnvironmentVariable("MLTRL_GRAB_DIR"); !grabs.isEmpty())
        plot.grab().save(QDir(grabs).filePath(QStringLiteral("plot-groups-n.png")));

    // Without an `n` column the label is the name alone.
    d.series[0].count.clear();
    plot.show(PreparedMetric::build(m, d));
    ticker = plot.plot()->xAxis->ticker().dynamicCast<QCPAxisTickerText>();
    QCOMPARE(ticker->ticks().value(0), QStringLiteral("Site A"));
}

void TestPlotReadability::noFrameWithoutData()
{
    MetricPlot plot;
    plot.resize(900, 500);
    plot.QWidget::show();
    // Nothing selected: a sentence, no axes.
    QVERIFY(!plot.plot()->isVisible());
    auto *message = plot.findChild<QLabel *>(QStringLiteral("plotMessage"));
    QVERIFY(message && message->isVisible());
    QCOMPARE(message->text(), QStringLiteral("No metric selected."));
    // A metric without points: the same.
    plot.show(series({}));
    QVERIFY(!plot.plot()->isVisible());
    QVERIFY(message->isVisible());
    QVERIFY(message->text().contains(QStringLiteral("no points")));
    // Data: the plot, no sentence.
    plot.show(series({1, 2}));
    QVERIFY(plot.plot()->isVisible());
    QVERIFY(!message->isVisible());
    QVERIFY(plot.message().isEmpty());
}

void TestPlotReadability::qualitativeCriterionSaysSoInWords()
{
    test::LoadedProject project;
    GatesPanel panel(project.context.get());
    panel.resize(1280, 720);
    panel.show();
    QVERIFY(panel.selectGate(QStringLiteral("gate-4")));
    const Gate *gate = project.revision().manifest.findGate("gate-4");
    int qualitative = -1, quantitative = -1;
    for (int r = 0; r < static_cast<int>(gate->criteria.size()); ++r)
        (gate->criteria[static_cast<std::size_t>(r)].isQuantitative() ? quantitative : qualitative) = r;
    QVERIFY(qualitative >= 0 && quantitative >= 0);
    panel.table()->setCurrentIndex(panel.table()->model()->index(qualitative, 0));
    QVERIFY(!panel.plot()->plot()->isVisible());
    QCOMPARE(panel.plot()->message(), QStringLiteral("No metric for this criterion: it is judged from its evidence."));
    panel.table()->setCurrentIndex(panel.table()->model()->index(quantitative, 0));
    QTRY_VERIFY_WITH_TIMEOUT(panel.plot()->plot()->isVisible(), 20000);
    QVERIFY(panel.plot()->message().isEmpty());
}

QTEST_MAIN(TestPlotReadability)
#include "tst_plot_readability.moc"
