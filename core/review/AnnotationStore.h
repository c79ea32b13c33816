#pragma once
/// The reviewer's annotations on a revision: added and resolved in the store, each action
/// committed with its audit entry (durable when the call returns). Open annotations are
/// carried into the records of the reviews signed on that revision.
#include "common/Problems.h"
#include "review/ReviewRecord.h"
#include "sqlite/Database.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mltrl {

struct Annotation {
    std::string id;
    std::string projectId;
    std::int64_t revisionId = 0;
    nlohmann::json target;
    std::string severity;
    std::string status;       ///< open | resolved
    std::string text;
    std::string created;
    std::string updated;
    std::string author;

    /// The form a review record carries.
    [[nodiscard]] RecordAnnotation toRecord() const;
};

class AnnotationStore {
public:
    explicit AnnotationStore(sql::Database &db) : m_db(db) {}

    /// Adds an open annotation (target shape and severity are checked; that the target
    /// exists in the revision is the caller's check). nullopt with problems on failure.
    std::optional<Annotation> add(const std::string &projectId, std::int64_t revisionId, const nlohmann::json &target,
                                  const std::string &severity, const std::string &text, const std::string &author,
                                  Problems &problems);

    /// Marks an annotation open or resolved; false when there is no such annotation.
    bool setStatus(const std::string &id, const std::string &status, Problems &problems);

    [[nodiscard]] std::vector<Annotation> forRevision(std::int64_t revisionId) const;

private:
    sql::Database &m_db;
};

} // namespace mltrl
