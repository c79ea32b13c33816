#pragma once
/// Read-side queries over the store for the CLI and the workbench: the project list and a
/// revision's overview. Overviews read only summary tables (never metric points), so they
/// stay fast with ten thousand evidence files and ten million metric points.
#include "core/sqlite/Database.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace mltrl {

struct ProjectSummary {
    std::string id;
    std::string name;
    std::string domain;
    int latestRevision = 0;
    int revisionCount = 0;
    int currentLevel = 0;
    std::optional<int> systemLevel;
    std::optional<int> targetLevel;
    std::string importedAt;
};

struct CriterionOverview {
    std::string id;
    std::string text;
    std::string metric;
    std::string aggregate;
    std::string op;
    std::optional<double> threshold;
    std::string series;
    std::optional<double> observed;
    std::optional<std::string> suggested; ///< "met" / "not_met"
};

struct GateOverview {
    std::string id;
    int level = 0;
    std::string title;
    std::vector<CriterionOverview> criteria;
};

struct RevisionCounts {
    int components = 0, evidence = 0, metrics = 0, gates = 0, requirements = 0, cards = 0, reviews = 0, annotations = 0;
};

struct RevisionOverview {
    std::int64_t revisionId = 0; ///< row id in the store
    std::string id;
    std::string name;
    std::string domain;
    std::string summary;
    int revision = 0;
    int revisions = 0;
    int currentLevel = 0;
    std::optional<int> systemLevel;
    std::optional<int> targetLevel;
    std::vector<std::string> heldBackBy;
    std::string manifestSha256;
    std::string importedAt;
    std::string exportedAt;
    RevisionCounts counts;
    std::vector<GateOverview> gates;
    std::vector<std::string> warnings;
};

[[nodiscard]] std::vector<ProjectSummary> listProjects(sql::Database &db);

/// The overview of `projectId` at `revision` (default: the latest); nullopt when absent.
[[nodiscard]] std::optional<RevisionOverview> loadOverview(sql::Database &db, const std::string &projectId,
                                                           std::optional<int> revision = std::nullopt);

/// The JSON object printed by `mltrl show --json` (observed values exact, null when none).
[[nodiscard]] nlohmann::json toJson(const RevisionOverview &overview);
[[nodiscard]] nlohmann::json toJson(const ProjectSummary &summary);

} // namespace mltrl
