#pragma once
/// The signed reviews of the project on screen, each verified against the revision shown
/// (signature, binding — stale with what changed —, signer trust from the workbench's
/// allowed_signers file), and the gate status derived from them. Verification is a few
/// Ed25519 checks per review: cheap enough to run when the reviews change.
#include "crypto/AllowedSigners.h"
#include "review/GateStatus.h"
#include "review/ReviewStore.h"

#include <QString>

#include <optional>
#include <vector>

namespace mltrl {
class Store;
struct RevisionData;
}

namespace mltrl::ui {

struct VerifiedReviews {
    std::vector<StoredReview> stored;
    std::vector<ReviewCheck> checks;   ///< one per stored review, same order
};

/// The allowed_signers file of the workbench (KeyRing's), when it exists and parses.
[[nodiscard]] std::optional<AllowedSigners> workbenchAllowedSigners();

[[nodiscard]] VerifiedReviews verifyProjectReviews(Store &store, const RevisionData &revision,
                                                   const AllowedSigners *signers);

/// "approved", "open — missing: clinical reviewer (0 of 1)", … for one gate.
[[nodiscard]] QString gateStatusText(const GateStatus &status);

/// The status of `gateId` on the revision with the workbench's allowed signers.
[[nodiscard]] std::optional<GateStatus> currentGateStatus(Store &store, const RevisionData &revision,
                                                          const std::string &gateId);

/// Plain words for a signer's trust: "trusted", "unknown signer", "not allowed for this
/// namespace", "not valid at this time".
[[nodiscard]] QString trustText(SignerTrust trust);

} // namespace mltrl::ui
