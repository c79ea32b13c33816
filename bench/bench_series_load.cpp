// Loads a 10-million-point series back from the store and builds its min/max pyramid: imports a
// generated archive (one `series` metric of N points) into a temporary store, then times, best
// of RUNS, each against a reference measured in this run:
//   - loadMetricData() against a plain read of the same number of bytes (two float64 columns)
//     from a file (and, for instruction counts, copying them out of a mapping: callgrind does not
//     count the kernel's copy in read());
//   - the Envelope (the min/max pyramid the plots zoom on) built from the loaded points against
//     one min/max pass over the same values (touching every point once, the least any
//     envelope must do).
//   bench_series_load [POINTS] [RUNS]   (defaults 10000000 and 5)
// The last two lines, for scripts/bench: "series-load MS REF-MS" and "envelope-build MS REF-MS".
// The four timed steps are separate non-inlined functions so callgrind can count each one alone
// (scripts/bench callgrind: --toggle-collect='*loadSeries*' and so on).
#include "core/import/Importer.h"
#include "core/metrics/Envelope.h"
#include "core/store/RevisionData.h"
#include "core/store/Store.h"

#include <QTemporaryDir>

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <functional>

using namespace mltrl;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

[[gnu::noinline]] std::optional<MetricData> loadSeries(Store &store, std::int64_t revisionId)
{
    return loadMetricData(store, revisionId, "big");
}

[[gnu::noinline]] std::size_t readReference(const std::filesystem::path &file, std::size_t points)
{
    std::ifstream in(file, std::ios::binary);
    std::vector<double> x(points), y(points);
    in.read(reinterpret_cast<char *>(x.data()), static_cast<std::streamsize>(x.size() * 8));
    std::size_t bytes = static_cast<std::size_t>(in.gcount());
    in.read(reinterpret_cast<char *>(y.data()), static_cast<std::streamsize>(y.size() * 8));
    bytes += static_cast<std::size_t>(in.gcount());
    return bytes / 8;
}

/// The least user-space work to get the two columns into vectors: one copy out of a mapping.
/// (A read() copies in the kernel, which callgrind does not count; this is the instruction-count
/// reference.)
[[gnu::noinline]] std::size_t copyReference(const std::filesystem::path &file, std::size_t points)
{
    const int fd = ::open(file.c_str(), O_RDONLY);
    if (fd < 0)
        return 0;
    const std::size_t bytes = 2 * points * sizeof(double);
    void *map = ::mmap(nullptr, bytes, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED)
        return 0;
    std::vector<double> x(points), y(points);
    std::memcpy(x.data(), map, points * sizeof(double));
    std::memcpy(y.data(), static_cast<const char *>(map) + points * sizeof(double), points * sizeof(double));
    ::munmap(map, bytes);
    return x.size() + y.size();
}

[[gnu::noinline]] std::size_t buildPyramid(const SeriesData &s)
{
    const Envelope envelope(s.x, s.y);
    return envelope.size();
}

[[gnu::noinline]] double minMaxPass(const SeriesData &s)
{
    const auto [lo, hi] = std::minmax_element(s.y.begin(), s.y.end());
    return *hi - *lo;
}

/// Best of `runs` timings of `step`, in ms.
double bestOf(int runs, const std::function<void()> &step)
{
    double best = 1e300;
    for (int run = 0; run < runs; ++run) {
        const auto t = Clock::now();
        step();
        best = std::min(best, msSince(t));
    }
    return best;
}

} // namespace

int main(int argc, char **argv)
{
    const long points = argc > 1 ? std::atol(argv[1]) : 10'000'000;
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    QTemporaryDir dir;
    const std::filesystem::path root = dir.path().toStdString();
    std::filesystem::create_directories(root / "archive/metrics");
    {
        std::ofstream csv(root / "archive/metrics/big.csv");
        csv << "step,value\n";
        for (long i = 0; i < points; ++i)
            csv << i << ',' << (0.5 + 1e-9 * static_cast<double>(i)) << '\n';
        std::ofstream(root / "archive/mltrl.json")
            << R"({"mltrl_archive":1,"project":{"id":"big","name":"Big","current_level":4},)"
            << R"("metrics":[{"id":"big","title":"Big","path":"metrics/big.csv","kind":"series"}]})";
    }
    Problems problems;
    auto store = Store::open(root / "store", problems);
    const auto t0 = Clock::now();
    const ImportResult r = importArchive(*store, root / "archive", problems);
    if (!r.ok()) {
        fmt::print(stderr, "import failed: {}\n", problems.items().empty() ? "" : problems.items()[0].toString());
        return 1;
    }
    const double importMs = msSince(t0);
    const auto overview = loadOverview(store->db(), "big");

    std::optional<MetricData> data;
    const double load = bestOf(runs, [&] { data = loadSeries(*store, overview->revisionId); });
    const std::size_t loaded = data ? data->pointCount() : 0;
    // Reference: reading the same number of bytes (two float64 columns) from a file.
    {
        std::ofstream raw(root / "raw.bin", std::ios::binary);
        std::vector<double> col(static_cast<std::size_t>(points), 1.0);
        raw.write(reinterpret_cast<const char *>(col.data()), static_cast<std::streamsize>(col.size() * 8));
        raw.write(reinterpret_cast<const char *>(col.data()), static_cast<std::streamsize>(col.size() * 8));
    }
    std::size_t read = 0, copied = 0;
    const double loadRef =
        bestOf(runs, [&] { read = readReference(root / "raw.bin", static_cast<std::size_t>(points)); });
    const double copyRef =
        bestOf(runs, [&] { copied = copyReference(root / "raw.bin", static_cast<std::size_t>(points)); });

    if (!data || data->series.empty()) {
        fmt::print(stderr, "the series did not load back\n");
        return 1;
    }
    const SeriesData &series = data->series.front();
    std::size_t sorted = 0;
    double spread = 0;
    const double pyramid = bestOf(runs, [&] { sorted = buildPyramid(series); });
    const double pyramidRef = bestOf(runs, [&] { spread = minMaxPass(series); });

    fmt::print(
        "series-load: {} points imported in {:.0f} ms; loaded back in {:.1f} ms (best of {}); "
        "reading the same bytes from a file: {:.1f} ms (copying them out of a mapping: {:.1f} ms); ratio {:.2f}\n",
        loaded, importMs, load, runs, loadRef, copyRef, load / loadRef);
    fmt::print("envelope: min/max pyramid of {} points built in {:.1f} ms (best of {}); one min/max pass "
               "over the values (spread {:.3g}): {:.1f} ms; ratio {:.2f}\n",
               sorted, pyramid, runs, spread, pyramidRef, pyramid / pyramidRef);
    fmt::print("series-load {:.1f} {:.1f}\nenvelope-build {:.1f} {:.1f}\n", load, loadRef, pyramid, pyramidRef);
    const auto expected = static_cast<std::size_t>(points);
    return loaded == expected && read == 2 * expected && copied == 2 * expected && sorted == expected ? 0 : 1;
}
