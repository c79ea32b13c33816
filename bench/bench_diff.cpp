// Diff of two revisions with N evidence files each (default 10 000): generates two archive
// folders (revision 2 changes the bytes of 1 %, renames 1 %, removes 1 % and adds 1 % of the
// files), imports both into a temporary store, then times diffRevisions() — loading both
// revisions from the store and comparing them — against a reference measured in the same run:
// reading both file lists (path, sha256) from the store and matching them in one hash-map pass.
// Prints "diff-ms REF-ms changes" on the last line for scripts/bench.
//   bench_diff [EVIDENCE] [RUNS]   (defaults 10000 and 15)
//   bench_diff --write DIR EVIDENCE   only writes the two archive folders DIR/r1 and DIR/r2 (for
//                                     `mltrl diff` under callgrind in scripts/bench)
#include "core/diff/RevisionDiff.h"
#include "core/import/Importer.h"
#include "core/store/Store.h"

#include <QTemporaryDir>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <string_view>
#include <unordered_map>

using namespace mltrl;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

double msSince(Clock::time_point t)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

/// One archive folder; `revision` 2 applies the changes described above.
void writeArchive(const fs::path &dir, int evidence, int revision)
{
    fs::create_directories(dir / "evidence");
    nlohmann::json list = nlohmann::json::array();
    for (int i = 0; i < evidence + (revision == 2 ? evidence / 100 : 0); ++i) {
        const bool removed = revision == 2 && i % 100 == 1;
        if (removed)
            continue;
        const bool changed = revision == 2 && i % 100 == 0;
        const bool renamed = revision == 2 && i % 100 == 2;
        const std::string path = fmt::format("evidence/{}{:05}.md", renamed ? "moved-" : "file-", i);
        std::ofstream(dir / path) << "# Evidence " << i << "\n\nBody of file " << i
                                  << (changed ? " (revised)\n" : "\n");
        list.push_back({{"id", fmt::format("ev-{:05}", i)},
                        {"path", path},
                        {"title", fmt::format("Evidence {}", i)},
                        {"kind", "report"},
                        {"level", 1 + i % 8},
                        {"media_type", "text/markdown"}});
    }
    const nlohmann::json manifest{{"mltrl_archive", 1},
                                  {"project", {{"id", "bench-diff"}, {"name", "Diff benchmark"}, {"current_level", 4}}},
                                  {"evidence", list}};
    std::ofstream(dir / "mltrl.json") << manifest.dump();
}

/// The reference: both file lists from the store, matched by path in one hash-map pass.
std::size_t referencePass(Store &store)
{
    std::unordered_map<std::string, std::string> old;
    auto a = store.db().prepare(
        "SELECT f.path, f.sha256 FROM files f JOIN revisions r ON r.id = f.revision_id WHERE r.number = 1");
    while (a.step())
        old.emplace(a.text(0), a.text(1));
    std::size_t differ = 0;
    auto b = store.db().prepare(
        "SELECT f.path, f.sha256 FROM files f JOIN revisions r ON r.id = f.revision_id WHERE r.number = 2");
    while (b.step()) {
        const auto it = old.find(b.text(0));
        differ += it == old.end() || it->second != b.text(1);
    }
    return differ;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc == 4 && std::string_view(argv[1]) == "--write") {
        const int evidence = std::atoi(argv[3]);
        writeArchive(fs::path(argv[2]) / "r1", evidence, 1);
        writeArchive(fs::path(argv[2]) / "r2", evidence, 2);
        return 0;
    }
    const int evidence = argc > 1 ? std::atoi(argv[1]) : 10000;
    const int runs = argc > 2 ? std::atoi(argv[2]) : 15;
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    writeArchive(root / "r1", evidence, 1);
    writeArchive(root / "r2", evidence, 2);
    Problems problems;
    auto store = Store::open(root / "store", problems);
    for (const char *r : {"r1", "r2"})
        if (!store || !importArchive(*store, root / r, problems).ok()) {
            fmt::print(stderr, "import failed: {}\n", problems.items().empty() ? "" : problems.items()[0].toString());
            return 1;
        }
    std::vector<double> ours, ref;
    std::size_t changes = 0, differ = 0;
    for (int i = 0; i < runs; ++i) {
        auto t = Clock::now();
        const auto diff = diffRevisions(*store, "bench-diff", 1, 2, problems);
        ours.push_back(msSince(t));
        if (!diff)
            return 1;
        changes = diff->changes.size();
        t = Clock::now();
        differ = referencePass(*store);
        ref.push_back(msSince(t));
    }
    fmt::print("{} evidence files per revision: {} changes ({} paths differ by hash)\n", evidence, changes, differ);
    fmt::print("diffRevisions median {:.1f} ms, reference (file lists + hash-map pass) {:.1f} ms\n", median(ours),
               median(ref));
    fmt::print("{:.1f} {:.1f} {}\n", median(ours), median(ref), changes);
    return 0;
}
