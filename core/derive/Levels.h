#pragma once
/// Facts derived from a manifest's levels (MLTRL): the system level and invalid switchbacks.
#include "core/manifest/Manifest.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace mltrl {

/// The system level is the lowest component level; the components at it hold the system back.
struct SystemLevel {
    std::optional<int> level;            ///< nullopt when there are no components
    std::vector<std::string> heldBackBy; ///< ids of the components at `level`, in manifest order
};

[[nodiscard]] SystemLevel systemLevel(const std::vector<Component> &components);

/// A history entry flagged as an invalid switchback (kept in the history, shown as flagged).
struct InvalidSwitchback {
    std::size_t index = 0; ///< position in Manifest::history
    std::string reason;    ///< plain words, e.g. why level 1 was never completed
    bool operator==(const InvalidSwitchback &) const = default;
};

/// MLTRL research levels are 0, 1 and 2; a switchback to one of them must return to a level
/// the project once completed.
constexpr int kHighestResearchLevel = 2;

/// A switchback to a research level L (0–2) is invalid unless an earlier history entry
/// (earlier in list order) advanced from L. An entry of kind `advance` without `from`
/// advances from the previous entry's `to`.
[[nodiscard]] std::vector<InvalidSwitchback> invalidSwitchbacks(const std::vector<HistoryEntry> &history);

} // namespace mltrl
