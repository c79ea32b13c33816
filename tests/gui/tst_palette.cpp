// Light and dark palettes: every custom-painted widget (the MLTRL track, the history plot,
// metric plots of the three kinds with a threshold, the risk matrix and its highlight ring)
// draws text and marks that stand out from the background it paints, and follows a palette
// change (what the system does when it switches between light and dark).
#include "GuiFixture.h"

#include "ui/common/Theme.h"
#include "ui/overview/HistoryPlot.h"
#include "ui/overview/MltrlTrackWidget.h"
#include "ui/panels/RequirementsPanel.h"
#include "ui/panels/RiskHeatMap.h"
#include "ui/plots/MetricPlot.h"

#include "qcustomplot.h"

#include <QApplication>
#include <QtTest>

using namespace mltrl;
using namespace mltrl::ui;

namespace {

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2b, 0x2b), base(0x1e, 0x1e, 0x1e), text(0xe6, 0xe6, 0xe6);
    for (QPalette::ColorGroup g : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        p.setColor(g, QPalette::Window, window);
        p.setColor(g, QPalette::WindowText, text);
        p.setColor(g, QPalette::Base, base);
        p.setColor(g, QPalette::AlternateBase, QColor(0x33, 0x33, 0x33));
        p.setColor(g, QPalette::Text, text);
        p.setColor(g, QPalette::Button, QColor(0x35, 0x35, 0x35));
        p.setColor(g, QPalette::ButtonText, text);
        p.setColor(g, QPalette::Link, QColor(0x2a, 0x82, 0xda));
        p.setColor(g, QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
        p.setColor(g, QPalette::HighlightedText, Qt::white);
    }
    return p;
}

QPalette lightPalette()
{
    QPalette p;
    for (QPalette::ColorGroup g : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        p.setColor(g, QPalette::Window, QColor(0xef, 0xef, 0xef));
        p.setColor(g, QPalette::WindowText, Qt::black);
        p.setColor(g, QPalette::Base, Qt::white);
        p.setColor(g, QPalette::Text, Qt::black);
    }
    return p;
}

/// `fg` drawn with its alpha over the opaque `bg`.
QColor over(const QColor &fg, const QColor &bg)
{
    const double a = fg.alphaF();
    return QColor::fromRgbF(static_cast<float>(fg.redF() * a + bg.redF() * (1 - a)),
                            static_cast<float>(fg.greenF() * a + bg.greenF() * (1 - a)),
                            static_cast<float>(fg.blueF() * a + bg.blueF() * (1 - a)));
}

QString describe(const QColor &fg, const QColor &bg)
{
    return QStringLiteral("%1 on %2: %3").arg(fg.name(), bg.name()).arg(contrastRatio(fg, bg), 0, 'f', 2);
}

#define VERIFY_CONTRAST(fg, bg, min, what)                                                                             \
    QVERIFY2(contrastRatio((fg), (bg)) >= (min), qPrintable(QStringLiteral("%1 — %2").arg(what, describe((fg), (bg)))))

/// Checks the colours of everything QCustomPlot draws against the backgrounds it paints (read
/// from the rendered image: the plot's surround and the inside of the axis rect).
void checkPlot(QCustomPlot *plot)
{
    plot->replot();
    const QImage image = plot->toPixmap(plot->width(), plot->height()).toImage();
    const QColor surround = image.pixelColor(1, 1);
    const QColor inside = image.pixelColor(plot->axisRect()->topLeft() + QPoint(3, 3));
    for (QCPAxis *axis : plot->axisRect()->axes()) {
        VERIFY_CONTRAST(axis->tickLabelColor(), surround, 4.5, QStringLiteral("tick labels"));
        VERIFY_CONTRAST(axis->labelColor(), surround, 4.5, QStringLiteral("axis label"));
        VERIFY_CONTRAST(axis->basePen().color(), surround, 3.0, QStringLiteral("axis line"));
    }
    for (int i = 0; i < plot->plottableCount(); ++i) {
        QCPAbstractPlottable *p = plot->plottable(i);
        const QString name = QStringLiteral("plottable “%1”").arg(p->name());
        // Marker-only graphs and curves draw no line: their pen is not painted.
        const auto *graph = qobject_cast<QCPGraph *>(p);
        const auto *curve = qobject_cast<QCPCurve *>(p);
        const bool noLine =
            (graph && graph->lineStyle() == QCPGraph::lsNone) || (curve && curve->lineStyle() == QCPCurve::lsNone);
        if (p->pen().style() != Qt::NoPen && !noLine)
            VERIFY_CONTRAST(over(p->pen().color(), inside), inside, 3.0, name);
        QCPScatterStyle scatter;
        if (auto *g = qobject_cast<QCPGraph *>(p))
            scatter = g->scatterStyle();
        else if (auto *c = qobject_cast<QCPCurve *>(p))
            scatter = c->scatterStyle();
        if (!scatter.isNone() && scatter.brush().style() != Qt::NoBrush)
            VERIFY_CONTRAST(over(scatter.brush().color(), inside), inside, 3.0, name + QStringLiteral(" marker"));
        if (!scatter.isNone() && scatter.pen().style() != Qt::NoPen && scatter.brush().style() == Qt::NoBrush)
            VERIFY_CONTRAST(over(scatter.pen().color(), inside), inside, 3.0, name + QStringLiteral(" ring"));
    }
    for (int i = 0; i < plot->itemCount(); ++i) {
        QCPAbstractItem *item = plot->item(i);
        if (auto *text = qobject_cast<QCPItemText *>(item); text && !text->text().isEmpty())
            VERIFY_CONTRAST(text->color(), inside, 4.5, QStringLiteral("text “%1”").arg(text->text()));
        if (auto *line = qobject_cast<QCPItemStraightLine *>(item); line && line->visible())
            VERIFY_CONTRAST(over(line->pen().color(), inside), inside, 3.0, QStringLiteral("straight line"));
    }
    if (plot->legend->visible()) {
        const QColor legendBg = over(plot->legend->brush().color(), inside);
        VERIFY_CONTRAST(plot->legend->textColor(), legendBg, 4.5, QStringLiteral("legend text"));
    }
}

} // namespace

class TestPalette : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_project = std::make_unique<test::LoadedProject>(); }
    void cleanup() { QApplication::setPalette(m_original); }
    void contrastRatioIsWcag();
    void readableOnKeepsHueAndReachesRatio_data();
    void readableOnKeepsHueAndReachesRatio();
    void trackStations_data() { palettes(); }
    void trackStations();
    void historyPlot_data() { palettes(); }
    void historyPlot();
    void metricPlots_data();
    void metricPlots();
    void riskMatrix_data() { palettes(); }
    void riskMatrix();
    void riskHeatMap_data() { palettes(); }
    void riskHeatMap();
    void plotsFollowPaletteChange();

private:
    static void palettes()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    static void usePalette(bool dark) { QApplication::setPalette(dark ? darkPalette() : lightPalette()); }
    std::shared_ptr<const PreparedMetric> prepared(const std::string &metricId) const
    {
        const RevisionData &r = m_project->revision();
        auto data = loadMetricData(m_project->store(), r.overview.revisionId, metricId);
        return data ? PreparedMetric::build(*r.manifest.findMetric(metricId), std::move(*data)) : nullptr;
    }

    std::unique_ptr<test::LoadedProject> m_project;
    QPalette m_original = QApplication::palette();
};

void TestPalette::contrastRatioIsWcag()
{
    QCOMPARE(qRound(contrastRatio(Qt::black, Qt::white) * 10), 210);
    QCOMPARE(contrastRatio(Qt::red, Qt::red), 1.0);
    QVERIFY(isDark(darkPalette()));
    QVERIFY(!isDark(lightPalette()));
    QCOMPARE(textOn(Qt::black).lightness() > 128, true);
    QCOMPARE(textOn(Qt::white).lightness() < 128, true);
}

void TestPalette::readableOnKeepsHueAndReachesRatio_data()
{
    QTest::addColumn<QColor>("accent");
    QTest::addColumn<QColor>("background");
    QTest::newRow("dark grey on dark") << QColor(0x33, 0x33, 0x33) << QColor(0x1e, 0x1e, 0x1e);
    QTest::newRow("blue on dark") << QColor(0x00, 0x72, 0xB2) << QColor(0x1e, 0x1e, 0x1e);
    QTest::newRow("deep blue on black") << QColor(0x00, 0x00, 0x60) << QColor(Qt::black);
    QTest::newRow("yellow on white") << QColor(0xE6, 0x9F, 0x00) << QColor(Qt::white);
    QTest::newRow("green on white") << QColor(0x00, 0x9E, 0x73) << QColor(Qt::white);
}

void TestPalette::readableOnKeepsHueAndReachesRatio()
{
    QFETCH(QColor, accent);
    QFETCH(QColor, background);
    const QColor c = readableOn(accent, background, 4.5);
    QVERIFY2(contrastRatio(c, background) >= 4.5, qPrintable(describe(c, background)));
    if (accent.hsvHue() >= 0 && accent.hsvSaturation() > 0 && c.hsvSaturation() > 60)
        QVERIFY2(std::abs(c.hsvHue() - accent.hsvHue()) <= 12, qPrintable(c.name()));
    // Already readable: unchanged.
    QCOMPARE(readableOn(textOn(background), background, 4.5), textOn(background));
}

void TestPalette::trackStations()
{
    QFETCH(bool, dark);
    usePalette(dark);
    MltrlTrackWidget track;
    track.resize(1100, track.sizeHint().height());
    track.setTrack(5, 7, 4, {{QStringLiteral("a"), QStringLiteral("A"), 4, true}});
    const QColor window = track.palette().color(QPalette::Window);
    VERIFY_CONTRAST(track.palette().color(QPalette::WindowText), window, 4.5, QStringLiteral("names"));
    for (int level = 0; level <= 9; ++level)
        VERIFY_CONTRAST(track.stationTextColour(level), track.stationFill(level), 4.5,
                        QStringLiteral("number of station %1").arg(level));
    // The picture agrees: the pixel at the window's corner is the window colour.
    const QImage image = track.grab().toImage();
    QCOMPARE(image.pixelColor(0, image.height() - 1).rgb(), window.rgb());
}

void TestPalette::historyPlot()
{
    QFETCH(bool, dark);
    usePalette(dark);
    HistoryPlot history;
    history.resize(900, 320);
    history.show();
    const RevisionData &r = m_project->revision();
    history.setHistory(r.manifest.history, r.invalidSwitchbacks, r.manifest.project.exportedAt);
    QVERIFY(history.plot()->graphCount() > 1);
    checkPlot(history.plot());
}

void TestPalette::metricPlots_data()
{
    QTest::addColumn<bool>("dark");
    QTest::addColumn<QString>("metric");
    for (const bool dark : {false, true})
        for (const char *metric : {"val_auroc", "roc_by_site", "auroc_by_site", "calibration"})
            QTest::addRow("%s %s", dark ? "dark" : "light", metric) << dark << QString::fromLatin1(metric);
}

void TestPalette::metricPlots()
{
    QFETCH(bool, dark);
    QFETCH(QString, metric);
    usePalette(dark);
    MetricPlot plot;
    plot.resize(900, 500);
    plot.QWidget::show();
    auto p = prepared(metric.toStdString());
    QVERIFY(p);
    plot.show(p, PlotThreshold{0.9, CompareOp::Ge}, QString());
    QVERIFY(plot.thresholdDrawn());
    plot.hoverAt(plot.plot()->axisRect()->center()); // crosshair on
    checkPlot(plot.plot());
}

void TestPalette::riskMatrix()
{
    QFETCH(bool, dark);
    usePalette(dark);
    RequirementsPanel panel(m_project->context.get());
    panel.resize(1200, 700);
    panel.show();
    QVERIFY(panel.matrixPointCount() > 0);
    QVERIFY(panel.selectRequirement(panel.matrixIds().front()));
    QCOMPARE(panel.matrixHighlight(), panel.matrixIds().front());
    checkPlot(panel.matrix());
}

void TestPalette::riskHeatMap()
{
    QFETCH(bool, dark);
    usePalette(dark);
    RequirementsPanel panel(m_project->context.get());
    panel.resize(1200, 700);
    panel.setChartMode(RequirementsPanel::ChartMode::HeatMap);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(panel.selectRequirement(panel.matrixIds().front()));
    RiskHeatMap *map = panel.heatMap();
    QVERIFY(map->isVisible());
    for (int p = 0; p < kRiskBands; ++p)
        for (int i = 0; i < kRiskBands; ++i) {
            const RiskCell cell{p, i};
            // A count is bold and large: 4.5 where requirements are, 3 (large text) for a zero.
            VERIFY_CONTRAST(map->countColour(cell), map->cellFill(cell), map->counts().at(cell) > 0 ? 4.5 : 3.0,
                            QStringLiteral("count of cell %1,%2").arg(p).arg(i));
            // A cell with requirements in it stands out from the background it sits on (an
            // empty one is a faint tint on purpose; the grid's frame outlines it).
            if (map->counts().at(cell) > 0)
                VERIFY_CONTRAST(map->cellFill(cell), map->palette().color(QPalette::Window), 1.1,
                                QStringLiteral("cell %1,%2 on the window").arg(p).arg(i));
        }
    VERIFY_CONTRAST(map->palette().color(QPalette::WindowText), map->palette().color(QPalette::Window), 4.5,
                    QStringLiteral("band names"));
    // The picture agrees: the top left corner is the window, a cell's centre is its fill.
    const QImage image = map->grab().toImage();
    QCOMPARE(image.pixelColor(1, 1).rgb(), map->palette().color(QPalette::Window).rgb());
    const QPoint corner = map->cellRect({0, 0}).topLeft().toPoint() + QPoint(4, 4);
    QCOMPARE(image.pixelColor(corner).rgb(), map->cellFill({0, 0}).rgb());
}

void TestPalette::plotsFollowPaletteChange()
{
    usePalette(false);
    MetricPlot plot;
    plot.resize(800, 400);
    plot.QWidget::show();
    plot.show(prepared("val_auroc"), PlotThreshold{0.9, CompareOp::Ge}, QString());
    const QColor lightInside = plot.plot()->axisRect()->backgroundBrush().color();
    QCOMPARE(lightInside, QColor(Qt::white));
    HistoryPlot history;
    history.resize(900, 320);
    history.show();
    const RevisionData &r = m_project->revision();
    history.setHistory(r.manifest.history, r.invalidSwitchbacks, r.manifest.project.exportedAt);

    usePalette(true); // the system switched to dark
    QTRY_COMPARE(plot.plot()->axisRect()->backgroundBrush().color(), darkPalette().color(QPalette::Base));
    QTRY_COMPARE(history.plot()->axisRect()->backgroundBrush().color(), darkPalette().color(QPalette::Base));
    QVERIFY(plot.thresholdDrawn()); // still drawn after the redraw
    checkPlot(plot.plot());
    checkPlot(history.plot());
}

QTEST_MAIN(TestPalette)
#include "tst_palette.moc"
