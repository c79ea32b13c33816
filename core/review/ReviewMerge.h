#pragma once
/// Merges the reviews an archive carries (reviews/<id>.json + .json.sig) into the store on
/// import. Each is verified against the archive it came in; one whose signature or binding
/// to the project is invalid is not stored and is reported as a warning (an invalid review
/// never rejects the archive). The others go to the revision whose manifest_sha256 they
/// name, or — when no revision of the project has that manifest — to the imported revision,
/// where they show as stale. Merging is idempotent. Reviews never create a revision.
#include "core/common/Problems.h"
#include "core/review/ReviewVerifier.h"
#include "core/sqlite/Database.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mltrl {

class StagedArchive;
struct CheckedArchive;

struct ReviewMergeResult {
    int added = 0;
    int alreadyPresent = 0;
    int rejected = 0; ///< invalid or conflicting: not stored (warned about)
};

/// The context of an archive: its manifest and the hashes of its staged files.
[[nodiscard]] ReviewContext contextOf(const StagedArchive &staged, const CheckedArchive &checked);

/// Reads and verifies every review of `checked` from `staged`; the verdict for each, in
/// file order, paired with the bytes read. Missing or oversized files are invalid.
struct ArchiveReview {
    std::string path; ///< reviews/<id>.json
    std::string fileId;
    std::string bytes;
    std::string signature;
    ReviewCheck check;
};
[[nodiscard]] std::vector<ArchiveReview>
verifyArchiveReviews(const StagedArchive &staged, const CheckedArchive &checked, const ReviewVerifier &verifier);

/// Stores the reviews of the archive (inside the caller's transaction).
ReviewMergeResult mergeArchiveReviews(sql::Database &db, const StagedArchive &staged, const CheckedArchive &checked,
                                      std::int64_t importedRevisionId, Problems &problems);

} // namespace mltrl
