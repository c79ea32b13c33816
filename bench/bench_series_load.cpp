// Loads a 10-million-point series back from the store: imports a generated archive (one
// `series` metric of N points) into a temporary store, then times loadMetricData() against
// a plain read of the same number of bytes from a file (the reference, measured in this run).
//   bench_series_load [POINTS]   (default 10000000)
#include "import/Importer.h"
#include "store/RevisionData.h"
#include "store/Store.h"

#include <QTemporaryDir>

#include <fmt/format.h>

#include <chrono>
#include <fstream>

using namespace mltrl;
using Clock = std::chrono::steady_clock;

static double msSince(Clock::time_point t)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

int main(int argc, char **argv)
{
    const long points = argc > 1 ? std::atol(argv[1]) : 10'000'000;
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

    double best = 1e9;
    std::size_t loaded = 0;
    for (int run = 0; run < 5; ++run) {
        const auto t = Clock::now();
        const auto data = loadMetricData(*store, overview->revisionId, "big");
        best = std::min(best, msSince(t));
        loaded = data->pointCount();
    }
    // Reference: reading the same number of bytes (two float64 columns) from a file.
    {
        std::ofstream raw(root / "raw.bin", std::ios::binary);
        std::vector<double> col(static_cast<std::size_t>(points), 1.0);
        raw.write(reinterpret_cast<const char *>(col.data()), static_cast<std::streamsize>(col.size() * 8));
        raw.write(reinterpret_cast<const char *>(col.data()), static_cast<std::streamsize>(col.size() * 8));
    }
    double refBest = 1e9;
    for (int run = 0; run < 5; ++run) {
        const auto t = Clock::now();
        std::ifstream in(root / "raw.bin", std::ios::binary);
        std::vector<double> x(static_cast<std::size_t>(points)), y(static_cast<std::size_t>(points));
        in.read(reinterpret_cast<char *>(x.data()), static_cast<std::streamsize>(x.size() * 8));
        in.read(reinterpret_cast<char *>(y.data()), static_cast<std::streamsize>(y.size() * 8));
        refBest = std::min(refBest, msSince(t));
    }
    fmt::print("series-load: {} points imported in {:.0f} ms; loaded back in {:.1f} ms (best of 5); "
               "reading the same bytes from a file: {:.1f} ms; ratio {:.2f}\n",
               loaded, importMs, best, refBest, best / refBest);
    return loaded == static_cast<std::size_t>(points) ? 0 : 1;
}
