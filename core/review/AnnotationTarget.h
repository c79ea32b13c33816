#pragma once
/// Annotation targets (§4): a JSON object naming exactly one thing — `evidence` (with
/// optional `page`, `rect`, `line`), `metric` (optional `x_range`), `criterion` (with
/// `gate`), `requirement`, `card` (a level) or `project` (true).
#include "core/common/Problems.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace mltrl {

struct Manifest;

/// Checks the shape of a target; each fault is reported at `where` + a JSON pointer suffix.
bool checkAnnotationTarget(const nlohmann::json &target, const std::string &where, Problems &problems);

/// Reads the command-line form: `evidence:ID[:PAGE]`, `metric:ID`, `criterion:GATE/ID`,
/// `requirement:ID`, `card:LEVEL` or `project`.
[[nodiscard]] std::optional<nlohmann::json> parseTargetSpec(std::string_view spec, Problems &problems);

/// Checks that what a target names exists in `manifest` (ids of evidence, metrics, gates and
/// their criteria, requirements, card levels).
bool checkTargetExists(const nlohmann::json &target, const Manifest &manifest, Problems &problems);

} // namespace mltrl
