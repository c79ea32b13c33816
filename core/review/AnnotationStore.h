#pragma once
/// The reviewer's annotations on a revision: added and resolved in the store, each action
/// committed with its audit entry (durable when the call returns). Open annotations are
/// carried into the records of the reviews signed on that revision.
#include "core/common/Problems.h"
#include "core/review/ReviewRecord.h"
#include "core/sqlite/Database.h"

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
    std::string status; ///< open | resolved
    std::string text;
    std::string created;
    std::string updated;
    std::string author;

    /// The form a review record carries.
    [[nodiscard]] RecordAnnotation toRecord() const;
    bool operator==(const Annotation &) const = default;
};

/// Who an annotation is by — a local fact, since review records carry no author (§4): the
/// reviewer's identity, "Name <email>", when `reviewer` is known (the key they sign with);
/// else the login name ($USER, $LOGNAME, or %USERNAME% on Windows); else the passwd entry's
/// name of the process's user (getpwuid); "" only when none of these is known.
[[nodiscard]] std::string annotationAuthor(const ReviewerIdentity *reviewer);

class AnnotationStore {
public:
    explicit AnnotationStore(sql::Database &db) : m_db(db) {}

    /// Adds an open annotation (target shape and severity are checked; that the target
    /// exists in the revision is the caller's check). An empty author is refused. nullopt with
    /// problems on failure.
    std::optional<Annotation> add(const std::string &projectId, std::int64_t revisionId, const nlohmann::json &target,
                                  const std::string &severity, const std::string &text, const std::string &author,
                                  Problems &problems);

    /// Marks an annotation open or resolved; false when there is no such annotation.
    bool setStatus(const std::string &id, const std::string &status, Problems &problems);

    /// Changes an annotation's severity and text (target and status stay); false with a
    /// problem when there is no such annotation or the new values are not acceptable.
    bool edit(const std::string &id, const std::string &severity, const std::string &text, Problems &problems);

    /// Deletes an annotation (the undo of add(), or the user taking it back); its audit entry
    /// records the removal. False with a problem when there is no such annotation.
    bool remove(const std::string &id, Problems &problems);

    /// Puts back an annotation exactly as it was (same id, created time and status): the
    /// undo of remove() and the redo of an undone add(). False when the id is taken.
    bool restore(const Annotation &annotation, Problems &problems);

    /// The annotation with `id`, if stored.
    [[nodiscard]] std::optional<Annotation> find(const std::string &id) const;

    [[nodiscard]] std::vector<Annotation> forRevision(std::int64_t revisionId) const;

private:
    bool insert(const Annotation &a, const nlohmann::json &auditDetails, Problems &problems);
    /// The project of annotation `id` (inside the caller's transaction); nullopt with a problem.
    std::optional<std::string> projectOf(const std::string &id, Problems &problems);

    sql::Database &m_db;
};

} // namespace mltrl
