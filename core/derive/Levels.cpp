#include "core/derive/Levels.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace mltrl {

SystemLevel systemLevel(const std::vector<Component> &components)
{
    SystemLevel result;
    if (components.empty())
        return result;
    const auto lowest = std::min_element(components.begin(), components.end(),
                                         [](const Component &a, const Component &b) { return a.level < b.level; });
    result.level = lowest->level;
    for (const Component &c : components) {
        if (c.level == lowest->level)
            result.heldBackBy.push_back(c.id);
    }
    return result;
}

std::vector<InvalidSwitchback> invalidSwitchbacks(const std::vector<HistoryEntry> &history)
{
    std::vector<InvalidSwitchback> invalid;
    std::set<int> advancedFrom; // levels the project has completed so far
    std::optional<int> previousTo;
    for (std::size_t i = 0; i < history.size(); ++i) {
        const HistoryEntry &h = history[i];
        if (h.kind == HistoryKind::Switchback && h.to >= 0 && h.to <= kHighestResearchLevel &&
            !advancedFrom.contains(h.to)) {
            invalid.push_back({i, fmt::format("switchback to research level {}, but the project never advanced from "
                                              "level {} (it never completed it)",
                                              h.to, h.to)});
        }
        if (h.kind == HistoryKind::Advance) {
            if (const auto from = h.from ? h.from : previousTo)
                advancedFrom.insert(*from);
        }
        previousTo = h.to;
    }
    return invalid;
}

} // namespace mltrl
