// `mltrl diff`: what changed between two revisions of a project, and which reviews of the
// older one it makes stale.
#include "Commands.h"
#include "Output.h"
#include "diff/RevisionDiff.h"
#include "store/RevisionData.h"
#include "store/Store.h"

#include <fmt/format.h>

#include <algorithm>

namespace mltrl::cli {

namespace {

std::string changeLine(const Change &c)
{
    const std::size_t width = c.what == "bytes" ? 12 : 60;
    if (c.what == "added")
        return fmt::format("  {}  added: {}", c.id, displayValue(c.newValue, width));
    if (c.what == "removed")
        return fmt::format("  {}  removed (was {})", c.id, displayValue(c.oldValue, width));
    return fmt::format("  {}  {}: {} → {}", c.id, c.what, displayValue(c.oldValue, width),
                       displayValue(c.newValue, width));
}

void printHuman(const RevisionDiff &diff, const std::string &basis)
{
    fmt::print("{}: revision {} → {}{}, {} change{}\n", diff.projectId, diff.fromRevision, diff.toRevision,
               basis.empty() ? "" : fmt::format(" ({})", basis), diff.changes.size(),
               diff.changes.size() == 1 ? "" : "s");
    std::optional<ChangeKind> group;
    for (const Change &c : diff.changes) {
        if (c.kind != group) {
            group = c.kind;
            fmt::print("\n{}\n", toString(c.kind));
        }
        fmt::print("{}\n", changeLine(c));
    }
    if (diff.reviews.empty())
        return;
    fmt::print("\nreviews of revision {} checked against revision {}\n", diff.fromRevision, diff.toRevision);
    for (const ReviewImpact &r : diff.reviews) {
        fmt::print("  {} {} {}{}: {}\n", r.reviewId, r.gate, r.reviewerEmail, r.mine ? " (yours)" : "", r.status);
        for (const std::string &reason : r.reasons)
            fmt::print("    {}\n", reason);
        if (!r.changes.empty()) {
            std::vector<std::string> items;
            for (const std::size_t i : r.changes) {
                const Change &c = diff.changes[i];
                items.push_back(fmt::format("{} {} ({})", toString(c.kind), c.id, c.what));
            }
            fmt::print("    changed items it bound: {}\n", fmt::join(items, ", "));
        }
    }
}

} // namespace

int runDiff(const CommandLine &cl)
{
    cl.expect({"--json"}, {"--from", "--to"}, 1, 1);
    const std::string &project = cl.positional()[0];
    std::optional<int> from = cl.intValue("--from");
    std::optional<int> to = cl.intValue("--to");
    auto store = openStore(cl);
    if (!store)
        return 1;
    const std::vector<RevisionListEntry> revisions = listRevisions(*store, project);
    if (revisions.empty()) {
        printError(fmt::format("no project \"{}\" in {}", project, store->dir().string()));
        return 1;
    }
    std::string basis;
    if (!from && !to) {
        const std::optional<DiffPair> pair = defaultDiffPair(*store, project);
        from = pair->from;
        to = pair->to;
        basis = pair->reviewId ? fmt::format("since your review {}", *pair->reviewId) : pair->basis;
    } else if (!from) {
        // The revision before --to (or --to itself when it is the first).
        const auto it = std::find_if(revisions.begin(), revisions.end(),
                                     [&](const RevisionListEntry &r) { return r.number == *to; });
        from = it == revisions.end() || it == revisions.begin() ? *to : std::prev(it)->number;
    } else if (!to) {
        to = revisions.back().number;
    }
    Problems problems;
    const std::optional<RevisionDiff> diff = diffRevisions(*store, project, *from, *to, problems);
    if (!diff) {
        printProblems(problems);
        return 1;
    }
    if (cl.flag("--json"))
        fmt::print("{}\n", toJson(*diff).dump(2));
    else
        printHuman(*diff, basis);
    return 0;
}

} // namespace mltrl::cli
