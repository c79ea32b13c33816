#pragma once
/// What changed between two stored revisions of a project: every project field, level and
/// history entry, component, card section, requirement, gate, criterion, evidence file and
/// metric, as a flat list of changes; and which signed reviews of the older revision the
/// changes make stale. Hash maps throughout: two revisions with ten thousand evidence files
/// each compare in milliseconds.
#include "core/common/Problems.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mltrl {

class Store;
struct RevisionData;

/// In the order changes are listed (and the CLI groups them).
enum class ChangeKind { Project, Level, History, Component, Card, Requirement, Gate, Criterion, Evidence, Metric };

/// "project", "level", "history", "component", "card", "requirement", "gate", "criterion",
/// "evidence", "metric".
[[nodiscard]] std::string_view toString(ChangeKind kind);
[[nodiscard]] std::optional<ChangeKind> changeKindFromString(std::string_view text);
/// Every kind, in list order.
[[nodiscard]] const std::vector<ChangeKind> &allChangeKinds();

/// One change. `what` is the field that changed (manifest spelling, e.g. "threshold",
/// "risk.p_failure", "bytes"), or "added" / "removed" for a whole item. `oldValue` and
/// `newValue` are JSON values (null when absent); file contents are given by SHA-256.
/// Ids: cards are "LEVEL" or "LEVEL/COMPONENT", history entries their 0-based index,
/// criteria "GATE/CRITERION", project and level changes the project id.
struct Change {
    ChangeKind kind = ChangeKind::Project;
    std::string id;
    std::string what;
    nlohmann::json oldValue;
    nlohmann::json newValue;
    std::optional<int> level; ///< the item's MLTRL level (new side, else old), when it has one

    bool operator==(const Change &) const = default;
};

/// A signed review stored with the older revision, checked against the newer one.
struct ReviewImpact {
    std::string reviewId;
    std::string gate;
    std::string reviewerEmail;
    std::string fingerprint; ///< of the signing key ("SHA256:…"), when it parsed
    std::string signedAt;
    bool mine = false;                ///< signed by the user (see userReviews)
    std::string status;               ///< ReviewStatus text against the newer revision
    std::vector<std::string> reasons; ///< the verifier's words: what changed, or why invalid
    /// Indices into RevisionDiff::changes of the items this review bound that changed: its
    /// bound evidence and metric files (and those added since), its gate and the gate's criteria.
    std::vector<std::size_t> changes;
};

struct RevisionDiff {
    std::string projectId;
    int fromRevision = 0;
    int toRevision = 0;
    std::vector<Change> changes;
    std::vector<ReviewImpact> reviews;
};

/// Compares two loaded revisions. With a `store`, metrics whose bytes changed also report
/// their last value (per sub-series); without one, that is skipped.
[[nodiscard]] std::vector<Change> compareRevisions(const RevisionData &from, const RevisionData &to,
                                                   Store *store = nullptr);

/// Loads revisions `from` and `to` of `projectId`, compares them and checks the reviews of
/// `from` against `to`. `userFingerprint` picks the user's reviews (see userReviews).
/// nullopt with problems when a revision is missing.
[[nodiscard]] std::optional<RevisionDiff> diffRevisions(Store &store, const std::string &projectId, int from, int to,
                                                        Problems &problems, const std::string &userFingerprint = {});
/// The same for two revisions already loaded (of one project, from `store`): nothing is read
/// again but the reviews of `from`.
[[nodiscard]] std::optional<RevisionDiff> diffRevisions(Store &store, const RevisionData &from, const RevisionData &to,
                                                        Problems &problems, const std::string &userFingerprint = {});

/// The pair of revisions to compare when the user names none.
struct DiffPair {
    int from = 0;
    int to = 0;
    std::string basis;                   ///< "last signed review", "previous revision", "only revision"
    std::optional<std::string> reviewId; ///< the review that chose `from`
};

/// The latest revision against the revision of the user's last signed review; else against
/// the previous revision; a project with one revision is compared with itself.
/// nullopt when the project is not in the store.
[[nodiscard]] std::optional<DiffPair> defaultDiffPair(Store &store, const std::string &projectId,
                                                      const std::string &userFingerprint = {});

/// Ids of the user's reviews of `projectId`, in signing order. With a `userFingerprint`
/// ("SHA256:…") the reviews signed by that key; without one the reviews signed in this
/// workbench (origin "signed"), as imported reviews were signed by others.
[[nodiscard]] std::vector<std::string> userReviews(Store &store, const std::string &projectId,
                                                   const std::string &userFingerprint = {});

/// The JSON of `mltrl diff --json` (docs/diff.md).
[[nodiscard]] nlohmann::json toJson(const Change &change);
[[nodiscard]] nlohmann::json toJson(const RevisionDiff &diff);

/// A value as one short line for people: strings as they are (first line, cut at `width`
/// characters with "…"), numbers in their shortest form, null as "—", arrays joined by ", ".
[[nodiscard]] std::string displayValue(const nlohmann::json &value, std::size_t width = 60);

} // namespace mltrl
