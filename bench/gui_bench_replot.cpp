// Replot time of a 10-million-point series after zoom and pan (target: < 16 ms per replot).
// Run: QT_QPA_PLATFORM=offscreen build/bench/gui_bench_replot [points]
#include "plots/MetricPlot.h"

#include "qcustomplot.h"

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

using namespace mltrl;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10'000'000;

    MetricData data;
    data.kind = MetricKind::Series;
    SeriesData s;
    s.x.resize(n);
    s.y.resize(n);
    std::mt19937_64 rng(1);
    std::normal_distribution<double> noise(0, 0.02);
    for (std::size_t i = 0; i < n; ++i) {
        s.x[i] = static_cast<double>(i);
        s.y[i] = 0.8 + 0.1 * std::sin(static_cast<double>(i) * 1e-5) + noise(rng);
    }
    data.series.push_back(std::move(s));
    Metric metric;
    metric.id = "bench";
    metric.title = "10 M points";

    QElapsedTimer build;
    build.start();
    auto prepared = ui::PreparedMetric::build(metric, std::move(data));
    const double buildMs = static_cast<double>(build.nsecsElapsed()) / 1e6;

    ui::MetricPlot plot;
    plot.resize(1600, 900);
    plot.QWidget::show();
    plot.show(prepared, ui::PlotThreshold{0.85, CompareOp::Ge});
    plot.replotNow();

    // Zoom in and out around a moving centre, then pan: each step changes the visible range.
    std::vector<double> times;
    std::vector<double> phase[3];
    int envelopeSteps = 0;
    const double full = static_cast<double>(n);
    double width = full;
    double centre = full / 2;
    for (int step = 0; step < 200; ++step) {
        if (step < 60)
            width *= 0.85; // zoom in
        else if (step < 120)
            centre += width * 0.07; // pan
        else
            width = std::min(full, width / 0.9); // zoom out
        plot.setXRange(centre - width / 2, centre + width / 2);
        QElapsedTimer t;
        t.start();
        plot.replotNow();
        times.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        phase[step < 60 ? 0 : step < 120 ? 1 : 2].push_back(times.back());
        envelopeSteps += plot.envelopeInUse() ? 1 : 0;
    }
    for (int p = 0; p < 3; ++p) {
        std::sort(phase[p].begin(), phase[p].end());
        std::printf("%-9s median %.2f ms, max %.2f ms\n", p == 0 ? "zoom in" : p == 1 ? "pan" : "zoom out",
                    phase[p][phase[p].size() / 2], phase[p].back());
    }
    std::printf("steps drawn as envelope: %d of %zu\n", envelopeSteps, times.size());
    std::sort(times.begin(), times.end());
    const auto pct = [&](double p) { return times[static_cast<std::size_t>(p * static_cast<double>(times.size() - 1))]; };
    std::printf("points: %zu, envelope build: %.0f ms, plot columns: %d\n", n, buildMs, plot.pixelColumns());
    std::printf("replot after zoom/pan over %zu steps: median %.2f ms, p95 %.2f ms, max %.2f ms (target < 16 ms)\n",
                times.size(), pct(0.5), pct(0.95), times.back());
    return pct(0.95) < 16.0 ? 0 : 1;
}
