#pragma once
/// Signed reviews in the store. Record bytes and the armored signature are kept verbatim;
/// there is no update path (the schema's trigger refuses one too): a correction is a new
/// review that supersedes the old one.
#include "core/common/Problems.h"
#include "core/review/ReviewSigner.h"
#include "core/sqlite/Database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mltrl {

class Store;

struct StoredReview {
    std::string id;
    std::string projectId;
    std::int64_t revisionId = 0;
    int revisionNumber = 0;
    std::string gateId;
    std::string record;    ///< the signed bytes
    std::string signature; ///< armored SSHSIG
    std::string reviewerEmail;
    std::string reviewerRole;
    std::string outcome;
    std::string signedAt;
    std::optional<std::string> supersedes;
    std::string origin; ///< "signed" here or "imported"
    std::string createdAt;
};

class ReviewStore {
public:
    explicit ReviewStore(sql::Database &db) : m_db(db) {}

    /// Stores a review signed here, with its audit entry, in one transaction.
    bool addSigned(std::int64_t revisionId, const SignedReview &review, Problems &problems);

    enum class Insert { Added, AlreadyPresent, Conflict };
    /// Inserts one row inside the caller's transaction. The same id with the same bytes and
    /// signature is AlreadyPresent (idempotent); with other bytes it is a Conflict and the
    /// stored review is kept.
    Insert insert(std::int64_t revisionId, const ReviewRecord &record, const std::string &bytes,
                  const std::string &signature, const std::string &origin);

    /// The reviews of a project (all revisions), in signing order.
    [[nodiscard]] std::vector<StoredReview> forProject(const std::string &projectId) const;
    /// The reviews stored with one revision.
    [[nodiscard]] std::vector<StoredReview> forRevision(std::int64_t revisionId) const;
    [[nodiscard]] std::optional<StoredReview> find(const std::string &id) const;

private:
    std::vector<StoredReview> query(const std::string &where, const std::string &param) const;
    sql::Database &m_db;
};

} // namespace mltrl
