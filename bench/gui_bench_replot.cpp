// Replot time of a 10-million-point series after zoom and pan (target: < 16 ms per replot),
// against a reference measured in the same run: the same MetricPlot (same size, same gate
// threshold, same walk) holding a 1 000-point series, which is what QCustomPlot costs for axes,
// grid, legend, shading and a short line — the fixed cost of any replot. The two plots replot
// alternately at each step, so both see the same machine load.
//   QT_QPA_PLATFORM=offscreen gui_bench_replot [POINTS] [REFERENCE-POINTS]   (10000000, 1000)
// Prints per phase (zoom in, pan, zoom out) and, on the last two lines for scripts/bench:
//   replot POINTS MEDIAN P95 MAX ENVELOPE-STEPS STEPS
//   reference POINTS MEDIAN P95 MAX ENVELOPE-STEPS STEPS
// Exit status 1 when the big series' p95 misses the target.
#include "ui/plots/MetricPlot.h"

#include "qcustomplot.h"

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

using namespace mltrl;

namespace {

constexpr int kSteps = 200;
constexpr double kTargetMs = 16.0;

/// A 'series' metric of `n` points: a slow wave with noise, x = 0 … n-1.
std::shared_ptr<const ui::PreparedMetric> makeSeries(std::size_t n, double *buildMs)
{
    MetricData data;
    data.kind = MetricKind::Series;
    SeriesData s;
    s.x.resize(n);
    s.y.resize(n);
    std::mt19937_64 rng(1);
    std::normal_distribution<double> noise(0, 0.02);
    // The same wave over the whole x range whatever n is, so both plots show the same picture.
    const double scale = 1e-5 * 1e7 / static_cast<double>(n);
    for (std::size_t i = 0; i < n; ++i) {
        s.x[i] = static_cast<double>(i);
        s.y[i] = 0.8 + 0.1 * std::sin(static_cast<double>(i) * scale) + noise(rng);
    }
    data.series.push_back(std::move(s));
    Metric metric;
    metric.id = "bench";
    metric.title = std::to_string(n) + " points";
    QElapsedTimer build;
    build.start();
    auto prepared = ui::PreparedMetric::build(metric, std::move(data));
    *buildMs = static_cast<double>(build.nsecsElapsed()) / 1e6;
    return prepared;
}

/// One plot on the walk: its series length and the replot times so far.
struct Walker {
    std::size_t n = 0;
    ui::MetricPlot plot;
    std::vector<double> times;
    std::array<std::vector<double>, 3> phase;
    int envelopeSteps = 0;

    /// Shows the visible fraction [from, to] of the series (fractions of its x range) and
    /// times the replot.
    void step(int index, double from, double to)
    {
        const double full = static_cast<double>(n);
        plot.setXRange(from * full, to * full);
        QElapsedTimer t;
        t.start();
        plot.replotNow();
        times.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        phase[index < 60 ? 0 : index < 120 ? 1 : 2].push_back(times.back());
        envelopeSteps += plot.envelopeInUse() ? 1 : 0;
    }
};

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

void report(const char *label, const Walker &w)
{
    for (int p = 0; p < 3; ++p)
        std::printf("  %-9s %-9s median %.2f ms, max %.2f ms\n", label,
                    p == 0   ? "zoom in"
                    : p == 1 ? "pan"
                             : "zoom out",
                    percentile(w.phase[static_cast<std::size_t>(p)], 0.5),
                    percentile(w.phase[static_cast<std::size_t>(p)], 1.0));
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10'000'000;
    const std::size_t refN = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1'000;

    double buildMs = 0, refBuildMs = 0;
    Walker big, ref;
    big.n = n;
    ref.n = refN;
    const auto threshold = ui::PlotThreshold{0.85, CompareOp::Ge};
    big.plot.show(makeSeries(n, &buildMs), threshold);
    ref.plot.show(makeSeries(refN, &refBuildMs), threshold);
    for (Walker *w : {&big, &ref}) {
        w->plot.resize(1600, 900);
        w->plot.QWidget::show();
        w->plot.replotNow();
    }

    // Zoom in and out around a moving centre, then pan: each step changes the visible range.
    // In fractions of the x range, so both plots walk the same way.
    double width = 1.0;
    double centre = 0.5;
    for (int step = 0; step < kSteps; ++step) {
        if (step < 60)
            width *= 0.85; // zoom in
        else if (step < 120)
            centre += width * 0.07; // pan
        else
            width = std::min(1.0, width / 0.9); // zoom out
        big.step(step, centre - width / 2, centre + width / 2);
        ref.step(step, centre - width / 2, centre + width / 2);
    }
    report("10M", big);
    report("reference", ref);
    std::printf("points: %zu (envelope build %.0f ms), reference points: %zu (%.1f ms); plot columns: %d\n", n, buildMs,
                refN, refBuildMs, big.plot.pixelColumns());
    std::printf("replot after zoom/pan over %d steps: median %.2f ms, p95 %.2f ms, max %.2f ms (target < %.0f ms); "
                "reference median %.2f ms, p95 %.2f ms\n",
                kSteps, percentile(big.times, 0.5), percentile(big.times, 0.95), percentile(big.times, 1.0), kTargetMs,
                percentile(ref.times, 0.5), percentile(ref.times, 0.95));
    for (const auto &[label, w] : {std::pair{"replot", &big}, std::pair{"reference", &ref}})
        std::printf("%s %zu %.2f %.2f %.2f %d %d\n", label, w->n, percentile(w->times, 0.5), percentile(w->times, 0.95),
                    percentile(w->times, 1.0), w->envelopeSteps, kSteps);
    return percentile(big.times, 0.95) < kTargetMs ? 0 : 1;
}
