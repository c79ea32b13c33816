#pragma once
/// The signed reviews of the project on screen, each verified against the revision shown
/// (signature, binding — stale with what changed —, signer trust from the workbench's
/// allowed_signers file), and the gate status derived from them. Verification is a few
/// signature checks per review (any SSH key type): cheap enough to run when the reviews change.
#include "core/crypto/AllowedSigners.h"
#include "core/review/GateStatus.h"
#include "core/review/KeyRing.h"
#include "core/review/ProjectReviews.h"
#include "core/review/ReviewRules.h"
#include "core/review/ReviewStore.h"
#include "core/review/ReviewerRoles.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <string>
#include <vector>

namespace mltrl {
class Store;
struct Annotation;
struct ReviewDraft;
struct ReviewInput;
struct RevisionData;
} // namespace mltrl

namespace mltrl::ui {

using mltrl::VerifiedReviews;

/// The verifier's trust of the workbench: KeyRing's allowed_signers (who may sign) and
/// reviewer_roles (which roles they hold, G4), each when it exists and parses.
using WorkbenchTrust = KeyRingTrust;
[[nodiscard]] WorkbenchTrust workbenchTrust();

/// core's verifyProjectReviews with the workbench's trust.
[[nodiscard]] VerifiedReviews verifyProjectReviews(Store &store, const RevisionData &revision,
                                                   const WorkbenchTrust &trust);

/// "approved", "open — missing: clinical reviewer: 0 of 1", … for one gate; with G7's
/// "passed without a signed review in this store" when the history passed the gate.
[[nodiscard]] QString gateStatusText(const GateStatus &status, bool passedWithoutReview = false);

/// The rule book's words for one problem: "G2 decision/rationale: every outcome needs a rationale".
[[nodiscard]] QString ruleProblemText(const RuleProblem &problem);

/// The status of `gateId` on the revision with the workbench's trust, and whether the
/// history passed it without a counted review (G7).
struct CurrentGateStatus {
    GateStatus status;
    bool passedWithoutReview = false;
};
[[nodiscard]] std::optional<CurrentGateStatus> currentGateStatus(Store &store, const RevisionData &revision,
                                                                 const std::string &gateId);

/// What is still missing before `draft` can be signed, one sentence each — the rule book's
/// problems ("G1 verdicts/auroc: …", "G2 decision/rationale: …"), then unacknowledged
/// blockers — and when nothing is: the review input to sign (the open ones of `annotations`,
/// the revision's, attached). The review form and meeting mode both ask this, with the
/// annotations of ProjectContext::reviewWork(); it reads no store.
[[nodiscard]] std::optional<ReviewInput> signingInput(const RevisionData &revision,
                                                      const std::vector<Annotation> &annotations,
                                                      const ReviewDraft &draft, QStringList &problems);

/// The criterion a problem of signingInput() is about ("auroc" for "G1 verdicts/auroc: …"),
/// or empty.
[[nodiscard]] QString criterionOfProblem(const QString &problem);

/// The conditions a multi-line text lists: one per non-blank line, trimmed.
[[nodiscard]] std::vector<std::string> conditionLines(const QString &text);

/// Plain words for a signer's trust: "trusted", "unknown signer", "not allowed for this
/// namespace", "not valid at this time".
[[nodiscard]] QString trustText(SignerTrust trust);

} // namespace mltrl::ui
