#include "core/review/ProjectReviews.h"

#include "core/review/ReviewBuilder.h"
#include "core/store/RevisionData.h"
#include "core/store/Store.h"

namespace mltrl {

VerifiedReviews verifyProjectReviews(Store &store, const RevisionData &revision, const AllowedSigners *signers,
                                     const ReviewerRoles *roles)
{
    // Reviews of an earlier revision whose files changed are stale against this one, naming
    // what changed.
    VerifiedReviews out;
    const ReviewContext context = contextOf(revision);
    const ReviewVerifier verifier(signers);
    out.stored = ReviewStore(store.db()).forProject(revision.overview.id);
    out.checks.reserve(out.stored.size());
    for (const StoredReview &r : out.stored)
        out.checks.push_back(verifier.verify(r.record, r.signature, r.id, context));
    out.standings = reviewStandings(out.checks, revision.manifest.gates, roles);
    return out;
}

} // namespace mltrl
