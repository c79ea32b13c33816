#pragma once
/// Gate status (amendment 1.1, G3/G4/G6/G7), derived from the reviews of a gate, never stored.
///
/// Which reviews count: valid (signature, binding and the rules of ReviewRules.h hold), not
/// stale, in effect (G3: not superseded by a later review signed with the same key), signed by
/// a trusted signer, and — on a gate with `signoffs` — whose role the verifier's
/// reviewer_roles file grants to the principal (G4; a self-declared role does not count).
#include "core/manifest/Manifest.h"
#include "core/review/ReviewVerifier.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mltrl {

class ReviewerRoles;

enum class GateState { Open, Approved, ApprovedWithConditions, Held, SwitchedBack, Disputed };

/// "open", "approved", "approved with conditions", "held", "switched back", "disputed".
[[nodiscard]] std::string_view toString(GateState state);

/// How one review stands among the others of its project.
struct ReviewStanding {
    /// The review that took this one back (G3: same key, itself valid and not stale), as an
    /// index into the checks; nullopt while the review is in effect.
    std::optional<std::size_t> supersededBy;
    /// Why this review's own `supersedes` has no effect ("names R1 as superseded but was
    /// signed by a different key", …); empty when it has none or it took effect.
    std::vector<std::string> warnings;
    /// The verifier's reviewer_roles grants the role the review claims (false without a file).
    bool roleGranted = false;
    /// The review counts towards its gate's status.
    bool counted = false;
};

/// The standing of every check (same order): supersession (G3), role grants (G4), counting.
/// `gates` are the revision's gates (a review of a gate not among them counts nowhere);
/// `roles` may be null: then no role is granted.
[[nodiscard]] std::vector<ReviewStanding> reviewStandings(const std::vector<ReviewCheck> &checks,
                                                          const std::vector<Gate> &gates, const ReviewerRoles *roles);

struct RoleTally {
    std::string role;
    int required = 0; ///< the sign-off's `min`
    int have = 0;     ///< distinct signers counted towards it with an advancing review
};

struct GateStatus {
    GateState state = GateState::Open;
    int counted = 0;                         ///< reviews that count
    std::vector<std::size_t> countedReviews; ///< their indexes in the checks
    std::vector<RoleTally> roles;            ///< one per `signoffs` entry, in manifest order
    std::vector<std::string> missing;        ///< roles still short, e.g. "R&D reviewer: 0 of 1"
};

/// The status of `gate` from `checks` (the verified reviews of the project; reviews of other
/// gates are ignored) and their standings. A signer — one key or one principal — fills at most
/// one sign-off place of a gate, however many reviews or roles it signs with.
[[nodiscard]] GateStatus gateStatus(const Gate &gate, const std::vector<ReviewCheck> &checks,
                                    const std::vector<ReviewStanding> &standings);

/// Convenience: standings computed for this gate alone.
[[nodiscard]] GateStatus gateStatus(const Gate &gate, const std::vector<ReviewCheck> &checks,
                                    const ReviewerRoles *roles);

/// G7: the project's history advances through the gate's level (an `advance` entry from at
/// most the level to above it, or one naming the gate) while no review of the gate counts.
[[nodiscard]] bool passedWithoutReview(const Manifest &manifest, const Gate &gate, const GateStatus &status);

/// "approved", "open — missing: clinical reviewer: 0 of 1", … in plain text.
[[nodiscard]] std::string describe(const GateStatus &status);

} // namespace mltrl
