#pragma once
/// The workbench's suggestion for a quantitative criterion; the reviewer decides.
#include "core/manifest/Manifest.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

namespace mltrl {

/// `observed op threshold` on exact doubles (`==` is exact equality: the observed value is
/// never rounded). nullopt when either side is NaN: nothing can be said.
[[nodiscard]] std::optional<bool> compare(double observed, CompareOp op, double threshold);

enum class Suggestion { None, Met, NotMet };

/// Met / NotMet from the comparison; None when there is no observed value (no points, or
/// only NaN points) or the comparison cannot be made.
[[nodiscard]] Suggestion suggestVerdict(std::optional<double> observed, CompareOp op, double threshold);

/// "met", "not_met", or "" for None.
[[nodiscard]] std::string_view toString(Suggestion s);

/// "met", "not_met", or null for None (the form used in JSON output).
[[nodiscard]] nlohmann::json toJson(Suggestion s);

} // namespace mltrl
