#pragma once
/// The verifier's trust as the CLI takes it (amendment 1.1, G4): `--allowed-signers FILE` (who
/// may sign) and `--reviewer-roles FILE` (which roles they hold), each defaulting to the file
/// of that name in the keys folder when it exists; and the reviews of a project as a verifier
/// sees them — checked, with their standing (G3, G4) and the gate statuses (G6, G7) — shared
/// by `reviews`, `show` and `verify`.
#include "CommandLine.h"
#include "core/crypto/AllowedSigners.h"
#include "core/review/GateStatus.h"
#include "core/review/ProjectReviews.h"
#include "core/review/ReviewStore.h"
#include "core/review/ReviewerRoles.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace mltrl {
struct RevisionData;
class Store;
} // namespace mltrl

namespace mltrl::cli {

struct CliTrust {
    std::optional<AllowedSigners> signers;
    std::optional<ReviewerRoles> roles;
    bool signersGiven = false; ///< --allowed-signers was on the command line (not a default)

    [[nodiscard]] const AllowedSigners *signersPtr() const { return signers ? &*signers : nullptr; }
    [[nodiscard]] const ReviewerRoles *rolesPtr() const { return roles ? &*roles : nullptr; }
};

/// Reads the two files (problems printed); nullopt when a file given cannot be read.
[[nodiscard]] std::optional<CliTrust> loadTrust(const CommandLine &cl);

struct GateReport {
    const Gate *gate = nullptr;
    GateStatus status;
    bool unreviewedPassage = false; ///< G7
};

struct ProjectReviews : VerifiedReviews {
    std::vector<GateReport> gates; ///< manifest order
};

/// Every review of the project checked against `revision`, with standings and gate statuses.
[[nodiscard]] ProjectReviews projectReviews(Store &store, const RevisionData &revision, const CliTrust &trust);

/// One gate's status as JSON: status, counted, roles, missing, unreviewed_passage.
[[nodiscard]] nlohmann::json gateJson(const GateReport &g);

/// "approved", "open — missing: R&D reviewer: 0 of 1", with G7's sentence when it applies.
[[nodiscard]] std::string gateText(const GateReport &g);

/// The sentence for a superseded review: "superseded by 4f7c…, a@b.org, 2026-11-21T14:02:11Z".
[[nodiscard]] std::string supersededText(const StoredReview &by);

} // namespace mltrl::cli
