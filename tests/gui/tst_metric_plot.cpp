// MetricPlot: every stored point drawn, thresholds, groups, curves, the exact min/max envelope
// for huge series, crosshair values and export.
#include "GuiFixture.h"

#include "ui/plots/MetricPlot.h"
#include "ui/plots/PreparedMetricCache.h"

#include "qcustomplot.h"

#include <QtTest>

#include <atomic>
#include <cmath>
#include <random>
#include <set>
#include <thread>

using namespace mltrl;
using namespace mltrl::ui;

namespace {

/// Loads `metricId` of the project into `plot` and waits for it.
bool loadInto(MetricPlot &plot, test::LoadedProject &project, const std::string &metricId,
              std::optional<PlotThreshold> threshold = std::nullopt, const QString &series = {})
{
    const Metric *m = project.revision().manifest.findMetric(metricId);
    if (!m)
        return false;
    QSignalSpy spy(&plot, &MetricPlot::loaded);
    plot.load(&project.store(), project.revision().overview.revisionId, *m, threshold, series);
    if (!spy.wait(20000))
        return false;
    plot.replotNow();
    return true;
}

} // namespace

class TestMetricPlot : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { m_project = std::make_unique<test::LoadedProject>(); }
    void cleanupTestCase() { m_project.reset(); }

    void seriesHoldsEveryStoredPoint_data()
    {
        QTest::addColumn<QString>("metric");
        QTest::newRow("loss (sub-series, bands)") << QStringLiteral("loss");
        QTest::newRow("val_auroc (band)") << QStringLiteral("val_auroc");
        QTest::newRow("ece (two sub-series)") << QStringLiteral("ece");
        QTest::newRow("inference_latency") << QStringLiteral("inference_latency");
        QTest::newRow("mlflow") << QStringLiteral("train_loss_mlflow");
    }
    void seriesHoldsEveryStoredPoint()
    {
        QFETCH(QString, metric);
        MetricPlot plot;
        plot.resize(1000, 600);
        plot.QWidget::show();
        QVERIFY(loadInto(plot, *m_project, metric.toStdString()));
        const auto stored =
            loadMetricData(m_project->store(), m_project->revision().overview.revisionId, metric.toStdString());
        QVERIFY(stored);
        QCOMPARE(plot.subSeriesCount(), static_cast<int>(stored->series.size()));
        for (std::size_t i = 0; i < stored->series.size(); ++i) {
            QCOMPARE(plot.pointsDrawn(static_cast<int>(i)), static_cast<int>(stored->series[i].size()));
            // Same points, not just as many.
            const QVector<QPointF> drawn = plot.drawnPoints(static_cast<int>(i));
            double sumDrawn = 0, sumStored = 0;
            for (const QPointF &p : drawn)
                sumDrawn += std::isnan(p.y()) ? 0 : p.y();
            for (double y : stored->series[i].y)
                sumStored += std::isnan(y) ? 0 : y;
            QCOMPARE(sumDrawn, sumStored);
        }
        QVERIFY(!plot.envelopeInUse());
        QCOMPARE(plot.legendTexts().size() >= static_cast<int>(stored->series.size()), true);
        if (stored->series.size() > 1)
            for (const SeriesData &s : stored->series)
                QVERIFY(plot.legendTexts().contains(QString::fromStdString(s.name)));
    }

    void thresholdLineAtCriterionThreshold_data()
    {
        QTest::addColumn<QString>("gate");
        QTest::addColumn<QString>("criterion");
        QTest::newRow("gate-5/auroc") << QStringLiteral("gate-5") << QStringLiteral("auroc");
        QTest::newRow("gate-5/calibration (<=, series)") << QStringLiteral("gate-5") << QStringLiteral("calibration");
        QTest::newRow("gate-5/latency") << QStringLiteral("gate-5") << QStringLiteral("latency");
        QTest::newRow("gate-4/worst-site (groups)") << QStringLiteral("gate-4") << QStringLiteral("worst-site");
    }
    void thresholdLineAtCriterionThreshold()
    {
        QFETCH(QString, gate);
        QFETCH(QString, criterion);
        const Gate *g = m_project->revision().manifest.findGate(gate.toStdString());
        QVERIFY(g);
        const auto it = std::find_if(g->criteria.begin(), g->criteria.end(),
                                     [&](const Criterion &c) { return c.id == criterion.toStdString(); });
        QVERIFY(it != g->criteria.end() && it->threshold);
        MetricPlot plot;
        plot.resize(900, 500);
        plot.QWidget::show();
        QVERIFY(loadInto(plot, *m_project, it->metric, PlotThreshold{*it->threshold, it->op},
                         QString::fromStdString(it->series)));
        QVERIFY(plot.thresholdDrawn());
        QCOMPARE(*plot.thresholdDrawn(), *it->threshold);
        const QString op = it->op == CompareOp::Ge ? QStringLiteral("≥") : QStringLiteral("≤");
        QVERIFY2(
            plot.legendTexts().contains(QStringLiteral("gate threshold %1 %2").arg(op, exactNumber(*it->threshold))),
            qPrintable(plot.legendTexts().join(QLatin1Char('|'))));
        // The threshold is inside the visible range.
        const QCPRange y = plot.plot()->yAxis->range();
        QVERIFY(y.contains(*it->threshold));
    }

    void groupsDrawOneBarPerGroup_data()
    {
        QTest::addColumn<QString>("metric");
        QTest::newRow("auroc_by_site") << QStringLiteral("auroc_by_site");
        QTest::newRow("auroc_by_subgroup") << QStringLiteral("auroc_by_subgroup");
        QTest::newRow("sensitivity_by_site") << QStringLiteral("sensitivity_by_site");
    }
    void groupsDrawOneBarPerGroup()
    {
        QFETCH(QString, metric);
        MetricPlot plot;
        plot.resize(900, 500);
        plot.QWidget::show();
        QVERIFY(loadInto(plot, *m_project, metric.toStdString(), PlotThreshold{0.85, CompareOp::Ge}));
        const auto stored =
            loadMetricData(m_project->store(), m_project->revision().overview.revisionId, metric.toStdString());
        QVERIFY(stored && !stored->groupLabels.empty());
        int bars = 0;
        for (int i = 0; i < plot.subSeriesCount(); ++i)
            bars += plot.pointsDrawn(i);
        QCOMPARE(bars, static_cast<int>(stored->groupLabels.size()));
        // One error bar plottable per bars plottable with an interval.
        int errorBars = 0;
        for (int i = 0; i < plot.plot()->plottableCount(); ++i)
            if (qobject_cast<QCPErrorBars *>(plot.plot()->plottable(i)))
                ++errorBars;
        QCOMPARE(errorBars, plot.subSeriesCount());
        auto ticker = plot.plot()->xAxis->ticker().dynamicCast<QCPAxisTickerText>();
        QVERIFY(ticker);
        QCOMPARE(ticker->ticks().size(), static_cast<int>(stored->groupLabels.size()));
        // The group name, then its n on a second line when the file has an `n` column.
        QCOMPARE(ticker->ticks().value(0).section(QLatin1Char('\n'), 0, 0),
                 QString::fromStdString(stored->groupLabels[0]));
    }

    void curvesDrawReferenceLines_data()
    {
        QTest::addColumn<QString>("metric");
        QTest::addColumn<QString>("reference");
        QTest::newRow("roc") << QStringLiteral("roc_by_site") << QStringLiteral("chance (diagonal)");
        QTest::newRow("calibration") << QStringLiteral("calibration") << QStringLiteral("perfect calibration (y = x)");
    }
    void curvesDrawReferenceLines()
    {
        QFETCH(QString, metric);
        QFETCH(QString, reference);
        MetricPlot plot;
        plot.resize(700, 600);
        plot.QWidget::show();
        QVERIFY(loadInto(plot, *m_project, metric.toStdString()));
        QVERIFY2(plot.legendTexts().contains(reference), qPrintable(plot.legendTexts().join(QLatin1Char('|'))));
        const auto stored =
            loadMetricData(m_project->store(), m_project->revision().overview.revisionId, metric.toStdString());
        for (std::size_t i = 0; i < stored->series.size(); ++i)
            QCOMPARE(plot.pointsDrawn(static_cast<int>(i)), static_cast<int>(stored->series[i].size()));
    }

    void millionPointsUseTheExactEnvelope()
    {
        // A copy of example-min whose val_auroc holds 1.2 million noisy points.
        test::ExampleCopy copy;
        const std::size_t n = 1'200'000;
        std::string csv = "step,value\n";
        csv.reserve(n * 24);
        std::mt19937_64 rng(7);
        std::normal_distribution<double> noise(0, 0.02);
        std::vector<double> ys(n);
        for (std::size_t i = 0; i < n; ++i) {
            ys[i] = 0.8 + 0.1 * std::sin(static_cast<double>(i) / 40000.0) + noise(rng);
            char line[64];
            const int len = std::snprintf(line, sizeof line, "%zu,%.17g\n", i + 1, ys[i]);
            csv.append(line, static_cast<std::size_t>(len));
        }
        copy.writeFile("metrics/val_auroc.csv", csv);
        test::LoadedProject big(copy.dir());

        MetricPlot plot;
        plot.resize(1000, 600);
        plot.QWidget::show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        QVERIFY(loadInto(plot, big, "val_auroc", PlotThreshold{0.9, CompareOp::Ge}));
        plot.replotNow();
        QVERIFY(plot.envelopeInUse());
        const QStringList legend = plot.legendTexts();
        QVERIFY2(legend.filter(QStringLiteral("min/max envelope of")).size() == 1,
                 qPrintable(legend.join(QLatin1Char('|'))));
        QVERIFY(legend.filter(QStringLiteral("points per pixel column")).size() == 1);
        QVERIFY(plot.pointsDrawn(0) <= 2 * plot.pixelColumns() + 4);

        auto checkColumns = [&] {
            const auto &columns = plot.drawnColumns(0);
            QVERIFY(!columns.empty());
            QCOMPARE(static_cast<int>(columns.size()), plot.pixelColumns());
            // Brute force in one pass over the points (sorted by step): each point goes to the
            // column whose [xFrom, xTo) holds it (the last column also takes x == xTo).
            const double nan = std::numeric_limits<double>::quiet_NaN();
            std::vector<double> lo(columns.size(), nan), hi(columns.size(), nan);
            std::vector<std::size_t> count(columns.size(), 0);
            std::size_t c = 0;
            for (std::size_t i = 0; i < n; ++i) {
                const double x = static_cast<double>(i + 1);
                if (x < columns.front().xFrom || x > columns.back().xTo)
                    continue;
                while (c + 1 < columns.size() && x >= columns[c].xTo)
                    ++c;
                ++count[c];
                lo[c] = std::isnan(lo[c]) ? ys[i] : std::min(lo[c], ys[i]);
                hi[c] = std::isnan(hi[c]) ? ys[i] : std::max(hi[c], ys[i]);
            }
            std::size_t covered = 0;
            for (std::size_t k = 0; k < columns.size(); ++k) {
                QCOMPARE(columns[k].count, count[k]);
                covered += count[k];
                if (count[k] > 0) {
                    QCOMPARE(columns[k].yMin, lo[k]);
                    QCOMPARE(columns[k].yMax, hi[k]);
                }
            }
            QVERIFY(covered > 0);
            // The drawn graph holds exactly those column extremes (plus the neighbours beyond the edges).
            const QVector<QPointF> drawn = plot.drawnPoints(0);
            std::multiset<double> drawnY, expectedY;
            for (const QPointF &p : drawn)
                drawnY.insert(p.y());
            for (const Envelope::Column &c : columns)
                if (c.count > 0) {
                    expectedY.insert(c.yMin);
                    expectedY.insert(c.yMax);
                }
            for (double y : expectedY)
                QVERIFY(drawnY.count(y) >= 1);
        };
        checkColumns();
        // Zoom: the columns follow the visible range.
        plot.setXRange(300000.5, 700000.25);
        plot.replotNow();
        QVERIFY(plot.envelopeInUse());
        checkColumns();
        // Zoomed in far enough, every point is drawn again and the legend no longer mentions the envelope.
        plot.setXRange(500001, 500400);
        plot.replotNow();
        QVERIFY(!plot.envelopeInUse());
        QCOMPARE(plot.pointsDrawn(0), 400 + 2);
        QVERIFY(plot.legendTexts().filter(QStringLiteral("envelope")).isEmpty());
        // Reset shows the whole series as an envelope again.
        QTest::keyClick(&plot, Qt::Key_R);
        plot.replotNow();
        QVERIFY(plot.envelopeInUse());
        QCOMPARE(plot.plot()->xAxis->range().lower, 1.0);
        QCOMPARE(plot.plot()->xAxis->range().upper, static_cast<double>(n));
    }

    /// Plots of the same metric (Gates panel, Metrics panel, meeting slides) share one copy of
    /// its points and envelopes; the envelopes read the points in place; when the last plot
    /// lets go, the points go.
    void plotsOfOneMetricShareItsPoints()
    {
        auto a = std::make_unique<MetricPlot>();
        auto b = std::make_unique<MetricPlot>();
        QVERIFY(loadInto(*a, *m_project, "val_auroc"));
        QVERIFY(loadInto(*b, *m_project, "val_auroc", PlotThreshold{0.9, CompareOp::Ge}));
        QVERIFY(a->prepared());
        QCOMPARE(a->prepared().get(), b->prepared().get());
        const std::weak_ptr<const PreparedMetric> shared = a->prepared();
        const PreparedMetric &p = *a->prepared();
        QVERIFY(!p.value.empty());
        for (std::size_t i = 0; i < p.value.size(); ++i) {
            QVERIFY(p.value[i].borrows()); // step order in the file: no second copy of the points
            QCOMPARE(p.value[i].x().data(), p.data.series[i].x.data());
        }
        // Another metric is another entry.
        MetricPlot other;
        QVERIFY(loadInto(other, *m_project, "loss"));
        QVERIFY(other.prepared().get() != a->prepared().get());
        QVERIFY(PreparedMetricCache::instance().liveEntries() >= 2);
        a.reset();
        QVERIFY(!shared.expired()); // b still shows it
        b.reset();
        QVERIFY(shared.expired()); // nobody holds the points any more
        MetricPlot again;          // loaded afresh, every stored point again
        again.resize(1000, 600);
        again.QWidget::show();
        QVERIFY(loadInto(again, *m_project, "val_auroc"));
        const auto stored = loadMetricData(m_project->store(), m_project->revision().overview.revisionId, "val_auroc");
        QCOMPARE(again.pointsDrawn(0), static_cast<int>(stored->series[0].size()));
    }

    /// Concurrent loads of one key run the loader once; a failed load is not remembered.
    void cacheLoadsOnceAndForgetsFailures()
    {
        PreparedMetricCache cache;
        std::atomic_int calls = 0;
        const auto loader = [&]() -> std::shared_ptr<const PreparedMetric> {
            ++calls;
            QThread::msleep(50); // the other threads arrive while this one loads
            auto p = std::make_shared<PreparedMetric>();
            p->metric.kind = MetricKind::Curve;
            return p;
        };
        std::vector<std::shared_ptr<const PreparedMetric>> got(4);
        std::vector<std::thread> threads;
        for (std::size_t i = 0; i < got.size(); ++i)
            threads.emplace_back([&, i] { got[i] = cache.obtain("k", loader); });
        for (std::thread &t : threads)
            t.join();
        QCOMPARE(calls.load(), 1);
        for (const auto &g : got)
            QCOMPARE(g.get(), got[0].get());
        QCOMPARE(cache.liveEntries(), std::size_t(1));
        got.clear();
        QCOMPARE(cache.liveEntries(), std::size_t(0));
        QVERIFY(!cache.obtain("bad", [] { return std::shared_ptr<const PreparedMetric>(); }));
        QVERIFY(cache.obtain("bad", loader)); // tried again, not a remembered failure
    }

    void crosshairShowsExactValues()
    {
        MetricPlot plot;
        plot.resize(900, 500);
        plot.QWidget::show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        QVERIFY(loadInto(plot, *m_project, "val_auroc"));
        const auto stored = loadMetricData(m_project->store(), m_project->revision().overview.revisionId, "val_auroc");
        const SeriesData &s = stored->series.front();
        const std::size_t k = s.size() / 2;
        const QPoint at(qRound(plot.plot()->xAxis->coordToPixel(s.x[k])),
                        qRound(plot.plot()->yAxis->coordToPixel(s.y[k])));
        plot.hoverAt(at);
        const QString text = plot.hoverText();
        QVERIFY2(text.contains(QStringLiteral("step %1").arg(exactNumber(s.x[k]))), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("value %1").arg(exactNumber(s.y[k]))), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("series")));
    }

    void exportFormats_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("magic");
        QTest::newRow("png") << QStringLiteral("PNG") << QByteArray("\x89PNG");
        QTest::newRow("pdf") << QStringLiteral("PDF") << QByteArray("%PDF");
        QTest::newRow("svg") << QStringLiteral("SVG") << QByteArray("<svg");
    }
    void exportFormats()
    {
        QFETCH(QString, format);
        QFETCH(QByteArray, magic);
        MetricPlot plot;
        plot.resize(800, 500);
        plot.QWidget::show();
        QVERIFY(loadInto(plot, *m_project, "loss", PlotThreshold{0.3, CompareOp::Le}));
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("plot.") + format.toLower());
        plot.setNextExportFileName(file);
        QVERIFY(plot.exportWithDialog(format));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.size() > 500);
        QVERIFY2(bytes.contains(magic), qPrintable(format));
    }

private:
    std::unique_ptr<test::LoadedProject> m_project;
};

QTEST_MAIN(TestMetricPlot)
#include "tst_metric_plot.moc"
