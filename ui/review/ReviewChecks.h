#pragma once
/// The signed reviews of the project on screen, each verified against the revision shown
/// (signature, binding — stale with what changed —, signer trust from the workbench's
/// allowed_signers file), and the gate status derived from them. Verification is a few
/// signature checks per review (any SSH key type): cheap enough to run when the reviews change.
#include "crypto/AllowedSigners.h"
#include "review/GateStatus.h"
#include "review/ReviewStore.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <string>
#include <vector>

namespace mltrl {
class Store;
struct ReviewDraft;
struct ReviewInput;
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

/// What is still missing before `draft` can be signed, one sentence each ("auroc: choose a
/// verdict.", "Choose an outcome.", …; a criterion's sentences start with "<id>: "), and when
/// nothing is: the review input to sign (the metrics' suggested verdicts filled in, the open
/// annotations of the revision attached). The review form and meeting mode both ask this.
[[nodiscard]] std::optional<ReviewInput> signingInput(Store &store, const RevisionData &revision,
                                                      const ReviewDraft &draft, QStringList &problems);

/// The conditions a multi-line text lists: one per non-blank line, trimmed.
[[nodiscard]] std::vector<std::string> conditionLines(const QString &text);

/// Plain words for a signer's trust: "trusted", "unknown signer", "not allowed for this
/// namespace", "not valid at this time".
[[nodiscard]] QString trustText(SignerTrust trust);

} // namespace mltrl::ui
