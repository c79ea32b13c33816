#pragma once
/// `mltrl verify`: checks an archive without any store — container, manifest, every evidence
/// and metric file against its declared hash, metric files — and every review it carries
/// (signature, namespace, key, project, gate, file name, binding to this archive's bytes),
/// with the gate statuses those reviews give.
#include "core/common/Problems.h"
#include "core/crypto/AllowedSigners.h"
#include "core/review/GateStatus.h"
#include "core/review/ReviewMerge.h"
#include "core/review/ReviewerRoles.h"

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace mltrl {

struct ArchiveVerification {
    bool archiveOk = false; ///< the archive itself is acceptable (no errors)
    Problems problems;      ///< what the archive check found
    std::vector<ArchiveReview> reviews;
    std::vector<ReviewStanding> standings;                 ///< parallel to `reviews` (G3 supersession, G4 roles)
    std::vector<std::pair<std::string, GateStatus>> gates; ///< gate id → status, manifest order
    std::vector<std::string> unreviewedPassages;           ///< gates the history passed without a counted review (G7)
    bool signersChecked = false;                           ///< an allowed-signers list was given

    /// The contract's exit rule: the archive is acceptable, no review is invalid or stale,
    /// and — when an allowed-signers list was given — every signer is allowed.
    [[nodiscard]] bool passed() const;
};

/// `roles` may be null: then no sign-off role is granted (G4).
[[nodiscard]] ArchiveVerification verifyArchive(const std::filesystem::path &source, const AllowedSigners *signers,
                                                const ReviewerRoles *roles = nullptr);

} // namespace mltrl
