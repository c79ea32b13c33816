#pragma once
/// Every signed review of a project as a verifier sees it against one stored revision: each
/// checked (signature, binding — stale with what changed —, trust, the rule book), with its
/// standing among the others (G3 supersession, G4 granted role, counted). The CLI (`mltrl
/// reviews`, `show`), the workbench's review form and Gates panel, and the packet all start
/// from this.
#include "core/crypto/AllowedSigners.h"
#include "core/review/GateStatus.h"
#include "core/review/ReviewStore.h"
#include "core/review/ReviewerRoles.h"

#include <vector>

namespace mltrl {

class Store;
struct RevisionData;

struct VerifiedReviews {
    std::vector<StoredReview> stored;      ///< every review of the project, signing order
    std::vector<ReviewCheck> checks;       ///< one per stored review, same order
    std::vector<ReviewStanding> standings; ///< one per stored review: superseded, role granted, counted
};

/// `signers` and `roles` may be null: every valid signer is then unknown, no role granted.
[[nodiscard]] VerifiedReviews verifyProjectReviews(Store &store, const RevisionData &revision,
                                                   const AllowedSigners *signers, const ReviewerRoles *roles);

} // namespace mltrl
