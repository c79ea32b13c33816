// The library view on a large store (issue 7 "Load": 200 projects × 5 revisions; the library
// view, search and `mltrl list` under 200 ms each).
//   gui_bench_library STORE
// Prints medians of 20 runs, in ms, of: loading the library model from the store (what the
// Library view does on open and after an import), loading one project's revision list,
// searching the library (a case-insensitive filter over every column, as a filter line does),
// and the Evidence panel's full-text search (SQLite FTS5) in one revision while every revision
// of the store is indexed — the index is one table for the whole store, so its size grows with
// the store. Revisions not yet indexed are indexed first (kept in the store for the next run).
#include "core/store/RevisionData.h"
#include "core/store/Store.h"
#include "ui/evidence/SearchIndex.h"
#include "ui/evidence/SearchIndexer.h"
#include "ui/library/LibraryModel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSortFilterProxyModel>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

namespace {
double medianMs(const std::function<void()> &run)
{
    std::vector<double> ms;
    for (int i = 0; i < 20; ++i) {
        QElapsedTimer t;
        t.start();
        run();
        ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s STORE\n", argv[0]);
        return 2;
    }
    mltrl::Problems problems;
    auto store = mltrl::Store::open(argv[1], problems);
    if (!store)
        return 3;
    mltrl::ui::LibraryModel library;
    mltrl::ui::RevisionsModel revisions;
    const double load = medianMs([&] { library.refresh(*store); });
    const int projects = library.rowCount();
    if (projects == 0)
        return 4;
    const QString last = QString::fromStdString(library.projects().back().id);
    const double revs = medianMs([&] { revisions.setProject(*store, last); });
    QSortFilterProxyModel search;
    search.setSourceModel(&library);
    search.setFilterKeyColumn(-1);
    search.setFilterCaseSensitivity(Qt::CaseInsensitive);
    int hits = 0;
    int n = 0;
    const double find = medianMs([&] {
        // A different query each run, so nothing is cached between runs.
        search.setFilterFixedString(QStringLiteral("p%1").arg(++n % 9 + 1));
        hits = search.rowCount();
    });

    // Index every revision as the Evidence panel does when a revision is opened.
    mltrl::ui::SearchIndex index(store->db());
    int indexed = 0;
    std::int64_t lastRevision = 0;
    for (const auto &p : library.projects()) {
        for (int number = 1; number <= p.latestRevision; ++number) {
            const auto revision = mltrl::loadRevision(*store, p.id, number, problems);
            if (!revision)
                return 5;
            lastRevision = revision->overview.revisionId;
            if (index.isIndexed(lastRevision))
                continue;
            index.index(lastRevision, mltrl::ui::SearchIndexer::collect(*revision, *store, nullptr, {}));
            ++indexed;
        }
    }
    const QString words[] = {QStringLiteral("requirement"), QStringLiteral("shall"), QStringLiteral("hold"),
                             QStringLiteral("card"), QStringLiteral("evidence")};
    std::size_t textHits = 0;
    const double fts = medianMs([&] { textHits = index.search(lastRevision, words[++n % std::size(words)]).size(); });
    std::printf("projects %d revisions-of-last %d hits %d; newly indexed revisions %d, text hits %zu\n", projects,
                revisions.rowCount(), hits, indexed, textHits);
    std::printf("library-load %.2f\nrevision-list %.2f\nlibrary-search %.2f\nevidence-search %.2f\n", load, revs, find,
                fts);
    return 0;
}
