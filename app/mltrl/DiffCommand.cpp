// `mltrl diff`: what changed between two revisions of a project, and which reviews of the
// older one it makes stale.
#include "Commands.h"
#include "Output.h"
#include "core/diff/RevisionDiff.h"
#include "core/diff/WordDiff.h"
#include "core/store/RevisionData.h"
#include "core/store/Store.h"

#include <fmt/format.h>

#include <algorithm>

namespace mltrl::cli {

namespace {

std::string changeLine(const Change &c)
{
    const std::size_t width = c.what == "bytes" ? 12 : 60;
    // Text that does not fit on a line: the words that differ, not both sides cut to a width
    // (which showed a changed summary as unchanged when the change came after the cut).
    if (c.oldValue.is_string() && c.newValue.is_string()) {
        const auto &before = c.oldValue.get_ref<const std::string &>();
        const auto &after = c.newValue.get_ref<const std::string &>();
        const auto multiLine = [](const std::string &s) { return s.find('\n') != std::string::npos; };
        if (c.what != "bytes" &&
            (before.size() > width || after.size() > width || multiLine(before) || multiLine(after)))
            return fmt::format("  {}  {}: {}", c.id, c.what, wordDiffLine(before, after));
    }
    if (c.what == "added")
        return fmt::format("  {}  added: {}", c.id, displayValue(c.newValue, width));
    if (c.what == "removed")
        return fmt::format("  {}  removed (was {})", c.id, displayValue(c.oldValue, width));
    return fmt::format("  {}  {}: {} → {}", c.id, c.what, displayValue(c.oldValue, width),
                       displayValue(c.newValue, width));
}

void printHuman(const RevisionDiff &diff, const std::string &basis)
{
    out("{}: revision {} → {}{}, {}\n", diff.projectId, diff.fromRevision, diff.toRevision,
        basis.empty() ? "" : fmt::format(" ({})", basis), counted(diff.changes.size(), "change"));
    std::optional<ChangeKind> group;
    for (const Change &c : diff.changes) {
        if (c.kind != group) {
            group = c.kind;
            out("\n{}\n", toString(c.kind));
        }
        out("{}\n", changeLine(c));
    }
    if (diff.reviews.empty())
        return;
    out("\nreviews of revision {} checked against revision {}\n", diff.fromRevision, diff.toRevision);
    for (const ReviewImpact &r : diff.reviews) {
        out("  {} {} {}{}: {}\n", r.reviewId, r.gate, r.reviewerEmail, r.mine ? " (yours)" : "", r.status);
        for (const std::string &reason : r.reasons)
            out("    {}\n", reason);
        if (!r.changes.empty()) {
            std::vector<std::string> items;
            for (const std::size_t i : r.changes) {
                const Change &c = diff.changes[i];
                items.push_back(fmt::format("{} {} ({})", toString(c.kind), c.id, c.what));
            }
            out("    changed items it bound: {}\n", joined(items));
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
        printJson(toJson(*diff));
    else
        printHuman(*diff, basis);
    return 0;
}

} // namespace mltrl::cli
