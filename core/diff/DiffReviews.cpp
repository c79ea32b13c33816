// The review side of a revision diff: which reviews are the user's, the default pair of
// revisions, and which reviews of the older revision the changes make stale. Staleness itself
// is the review verifier's (ReviewVerifier::verify against the newer revision); this file
// only maps its verdict onto the changes.
#include "core/diff/RevisionDiff.h"

#include "core/crypto/Ed25519Key.h"
#include "core/crypto/SshPublicKey.h"
#include "core/review/ReviewBuilder.h"
#include "core/review/ReviewStore.h"
#include "core/review/ReviewVerifier.h"
#include "core/store/RevisionData.h"
#include "core/store/Store.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

namespace mltrl {

namespace {

using json = nlohmann::json;

/// The fingerprint of the key a stored record names as its reviewer ("" when unreadable).
std::string reviewerFingerprint(const StoredReview &review)
{
    Problems ignored;
    const std::optional<ReviewRecord> record = ReviewRecord::parse(review.record, ignored);
    if (!record)
        return {};
    const auto key = SshPublicKey::fromOpenSsh(record->reviewer.publicKey);
    return key ? key->fingerprint() : std::string();
}

bool isUsers(const StoredReview &review, const std::string &userFingerprint)
{
    return userFingerprint.empty() ? review.origin == "signed" : reviewerFingerprint(review) == userFingerprint;
}

/// The changes a review bound: its evidence and metric files (by hash, so those added since
/// count too, as the verifier says), its gate and the gate's criteria.
std::vector<std::size_t> boundChanges(const ReviewRecord &record, const std::vector<Change> &changes)
{
    std::unordered_set<std::string> evidence, metrics;
    for (const FileBinding &b : record.evidence)
        evidence.insert(b.id);
    for (const FileBinding &b : record.metrics)
        metrics.insert(b.id);
    const std::string criterionPrefix = record.gate + "/";
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const Change &c = changes[i];
        bool bound = false;
        switch (c.kind) {
        case ChangeKind::Evidence:
            bound = evidence.count(c.id) || c.what == "added";
            break;
        case ChangeKind::Metric:
            bound = metrics.count(c.id) || c.what == "added";
            break;
        case ChangeKind::Gate:
            bound = c.id == record.gate;
            break;
        case ChangeKind::Criterion:
            bound = c.id.rfind(criterionPrefix, 0) == 0;
            break;
        default:
            break;
        }
        if (bound)
            out.push_back(i);
    }
    return out;
}

} // namespace

std::vector<std::string> userReviews(Store &store, const std::string &projectId, const std::string &userFingerprint)
{
    std::vector<std::string> out;
    for (const StoredReview &r : ReviewStore(store.db()).forProject(projectId))
        if (isUsers(r, userFingerprint))
            out.push_back(r.id);
    return out;
}

std::optional<DiffPair> defaultDiffPair(Store &store, const std::string &projectId, const std::string &userFingerprint)
{
    const std::vector<RevisionListEntry> revisions = listRevisions(store, projectId);
    if (revisions.empty())
        return std::nullopt;
    DiffPair pair;
    pair.to = revisions.back().number;
    const std::vector<StoredReview> reviews = ReviewStore(store.db()).forProject(projectId);
    for (auto it = reviews.rbegin(); it != reviews.rend(); ++it) {
        if (isUsers(*it, userFingerprint)) {
            pair.from = it->revisionNumber;
            pair.basis = "last signed review";
            pair.reviewId = it->id;
            return pair;
        }
    }
    if (revisions.size() > 1) {
        pair.from = revisions[revisions.size() - 2].number;
        pair.basis = "previous revision";
    } else {
        pair.from = pair.to;
        pair.basis = "only revision";
    }
    return pair;
}

std::optional<RevisionDiff> diffRevisions(Store &store, const std::string &projectId, int from, int to,
                                          Problems &problems, const std::string &userFingerprint)
{
    const std::optional<RevisionData> a = loadRevision(store, projectId, from, problems);
    if (!a)
        return std::nullopt;
    if (from == to) // one revision in memory, not two equal copies
        return diffRevisions(store, *a, *a, problems, userFingerprint);
    const std::optional<RevisionData> b = loadRevision(store, projectId, to, problems);
    if (!b)
        return std::nullopt;
    return diffRevisions(store, *a, *b, problems, userFingerprint);
}

std::optional<RevisionDiff> diffRevisions(Store &store, const RevisionData &a, const RevisionData &b,
                                          Problems & /*problems*/, const std::string &userFingerprint)
{
    RevisionDiff diff;
    diff.projectId = b.overview.id;
    diff.fromRevision = a.overview.revision;
    diff.toRevision = b.overview.revision;
    diff.changes = compareRevisions(a, b, &store);

    const ReviewContext context = contextOf(b);
    const ReviewVerifier verifier; // trust is not the question here: only binding and signature
    for (const StoredReview &r : ReviewStore(store.db()).forRevision(a.overview.revisionId)) {
        const ReviewCheck check = verifier.verify(r.record, r.signature, r.id, context);
        ReviewImpact &impact = diff.reviews.emplace_back();
        impact.reviewId = r.id;
        impact.gate = r.gateId;
        impact.reviewerEmail = r.reviewerEmail;
        impact.fingerprint = check.fingerprint;
        impact.signedAt = r.signedAt;
        impact.mine = userFingerprint.empty() ? r.origin == "signed" : check.fingerprint == userFingerprint;
        impact.status = std::string(toString(check.status));
        impact.reasons = check.reasons;
        if (check.record)
            impact.changes = boundChanges(*check.record, diff.changes);
    }
    return diff;
}

json toJson(const RevisionDiff &diff)
{
    json changes = json::array();
    for (const Change &c : diff.changes)
        changes.push_back(toJson(c));
    json reviews = json::array();
    for (const ReviewImpact &r : diff.reviews) {
        json bound = json::array();
        for (const std::size_t i : r.changes)
            bound.push_back(json{
                {"kind", toString(diff.changes[i].kind)}, {"id", diff.changes[i].id}, {"what", diff.changes[i].what}});
        reviews.push_back(json{{"id", r.reviewId},
                               {"gate", r.gate},
                               {"reviewer", r.reviewerEmail},
                               {"signed_at", r.signedAt},
                               {"mine", r.mine},
                               {"status", r.status},
                               {"reasons", r.reasons},
                               {"changed", std::move(bound)}});
    }
    return json{{"project", diff.projectId},
                {"from", diff.fromRevision},
                {"to", diff.toRevision},
                {"changes", std::move(changes)},
                {"reviews", std::move(reviews)}};
}

} // namespace mltrl
