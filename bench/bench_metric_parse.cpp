// Parses a generated 5-million-row series CSV (in memory) and prints rows/s.
// Usage: bench_metric_parse [rows]
#include "core/metrics/MetricParser.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <string>

namespace {

/// `step,value[,lower,upper]` rows with 7 significant digits, like a logged training metric.
std::string makeCsv(std::size_t rows, bool band)
{
    std::string csv = band ? "step,value,lower,upper\n" : "step,value\n";
    csv.reserve(rows * (band ? 40 : 20));
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> dist(0.0, 1.0);
    char buf[64];
    auto append = [&](double v) {
        auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 7);
        csv.append(buf, r.ptr);
    };
    for (std::size_t i = 0; i < rows; ++i) {
        auto r = std::to_chars(buf, buf + sizeof buf, i);
        csv.append(buf, r.ptr);
        const double v = dist(rng);
        csv.push_back(',');
        append(v);
        if (band) {
            csv.push_back(',');
            append(v - 0.01);
            csv.push_back(',');
            append(v + 0.01);
        }
        csv.push_back('\n');
    }
    return csv;
}

int run(std::size_t rows, bool band)
{
    const std::string csv = makeCsv(rows, band);
    // Wall time and this thread's CPU time (the latter is what matters on a shared machine).
    double best = 1e300;
    double bestCpu = 1e300;
    for (int rep = 0; rep < 5; ++rep) {
        mltrl::Problems problems;
        timespec c0{}, c1{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
        const auto t0 = std::chrono::steady_clock::now();
        const auto data = mltrl::parseMetricCsv(csv, mltrl::MetricKind::Series, "bench.csv", problems);
        const auto t1 = std::chrono::steady_clock::now();
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
        if (!data || data->pointCount() != rows) {
            std::fprintf(stderr, "parse failed\n");
            return 1;
        }
        best = std::min(best, std::chrono::duration<double, std::milli>(t1 - t0).count());
        bestCpu = std::min(bestCpu, (c1.tv_sec - c0.tv_sec) * 1e3 + (c1.tv_nsec - c0.tv_nsec) / 1e6);
    }
    std::printf(
        "%-22s %zu rows, %.1f MB: best of 5 wall %.1f ms (%.2f M rows/s), cpu %.1f ms (%.2f M rows/s, %.0f MB/s)\n",
        band ? "step,value,lower,upper" : "step,value", rows, static_cast<double>(csv.size()) / 1e6, best,
        static_cast<double>(rows) / best / 1e3, bestCpu, static_cast<double>(rows) / bestCpu / 1e3,
        static_cast<double>(csv.size()) / bestCpu / 1e3);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    const std::size_t rows = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 5'000'000;
    return run(rows, false) | run(rows, true);
}
