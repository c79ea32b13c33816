#include "core/review/ReviewStore.h"

#include "core/common/Rfc3339.h"
#include "core/crypto/Sha256.h"
#include "core/review/AuditLog.h"

#include <fmt/format.h>

#include <span>

namespace mltrl {

namespace {

std::string toText(std::span<const std::byte> bytes)
{
    return std::string(reinterpret_cast<const char *>(bytes.data()), bytes.size());
}

} // namespace

ReviewStore::Insert ReviewStore::insert(std::int64_t revisionId, const ReviewRecord &record, const std::string &bytes,
                                        const std::string &signature, const std::string &origin)
{
    if (const auto existing = find(record.id))
        return existing->record == bytes && existing->signature == signature ? Insert::AlreadyPresent
                                                                             : Insert::Conflict;
    auto st = m_db.prepare("INSERT INTO reviews (id, project_id, revision_id, gate_id, record, signature, "
                           "reviewer_email, reviewer_role, outcome, signed_at, supersedes, origin, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bindAll(record.id, record.project, revisionId, record.gate);
    st.bindBlob(5, std::as_bytes(std::span(bytes.data(), bytes.size())));
    st.bind(6, signature);
    st.bind(7, record.reviewer.email);
    st.bind(8, record.reviewer.role);
    st.bind(9, record.decision.outcome);
    st.bind(10, record.signedAt);
    st.bind(11, record.supersedes);
    st.bind(12, origin);
    st.bind(13, utcNow());
    st.run();
    return Insert::Added;
}

bool ReviewStore::addSigned(std::int64_t revisionId, const SignedReview &review, Problems &problems)
{
    try {
        sql::Transaction tx(m_db);
        if (insert(revisionId, review.record, review.bytes, review.signature, "signed") != Insert::Added) {
            problems.error(review.record.id, "a review with this id is already stored");
            return false;
        }
        AuditLog(m_db).append("sign", review.record.project,
                              {{"review", review.record.id},
                               {"gate", review.record.gate},
                               {"outcome", review.record.decision.outcome},
                               {"reviewer", review.record.reviewer.email},
                               {"record_sha256", sha256Hex(review.bytes)}});
        tx.commit();
        return true;
    } catch (const sql::SqliteError &e) {
        problems.error("store", fmt::format("the review could not be stored: {}", e.what()));
        return false;
    }
}

std::vector<StoredReview> ReviewStore::query(const std::string &where, const std::string &param) const
{
    std::vector<StoredReview> out;
    auto st = m_db.prepare(
        "SELECT r.id, r.project_id, r.revision_id, v.number, r.gate_id, r.record, r.signature, r.reviewer_email, "
        "r.reviewer_role, r.outcome, r.signed_at, r.supersedes, r.origin, r.created_at "
        "FROM reviews r JOIN revisions v ON v.id = r.revision_id WHERE " +
        where + " ORDER BY r.signed_at, r.id");
    st.bindAll(param);
    while (st.step()) {
        StoredReview r;
        r.id = st.text(0);
        r.projectId = st.text(1);
        r.revisionId = st.int64(2);
        r.revisionNumber = st.integer(3);
        r.gateId = st.text(4);
        r.record = toText(st.blob(5));
        r.signature = st.text(6);
        r.reviewerEmail = st.text(7);
        r.reviewerRole = st.text(8);
        r.outcome = st.text(9);
        r.signedAt = st.text(10);
        if (!st.isNull(11))
            r.supersedes = st.text(11);
        r.origin = st.text(12);
        r.createdAt = st.text(13);
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<StoredReview> ReviewStore::forProject(const std::string &projectId) const
{
    return query("r.project_id = ?", projectId);
}

std::vector<StoredReview> ReviewStore::forRevision(std::int64_t revisionId) const
{
    return query("r.revision_id = CAST(? AS INTEGER)", std::to_string(revisionId));
}

std::optional<StoredReview> ReviewStore::find(const std::string &id) const
{
    auto found = query("r.id = ?", id);
    if (found.empty())
        return std::nullopt;
    return std::move(found.front());
}

} // namespace mltrl
