#pragma once
/// The reviewer's unsigned work on one revision — its annotations and its review drafts —
/// read from the store in one go. The workbench keeps it beside the loaded RevisionData
/// (ProjectContext::reviewWork()), loads it with the revision off the UI thread and refreshes
/// it once after every edit, so the views that list, draw or check annotations and drafts read
/// this value instead of the store.
#include "core/review/AnnotationStore.h"
#include "core/review/ReviewDraft.h"
#include "core/sqlite/Database.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mltrl {

struct ReviewWork {
    std::int64_t revisionId = 0;
    /// Every annotation of the revision, open and resolved, oldest first (as
    /// AnnotationStore::forRevision returns them).
    std::vector<Annotation> annotations;
    /// Every stored draft of the revision, whoever fills it in, by gate then reviewer label.
    std::vector<ReviewDraft> drafts;

    /// The draft of `gate` by `reviewer` ("" = the workbench's user): the stored one, or an
    /// empty draft (isEmpty()) of this revision when none is stored.
    [[nodiscard]] ReviewDraft draft(const std::string &gate, const std::string &reviewer = {}) const;
    /// The annotation `id` of this revision, or nullptr.
    [[nodiscard]] const Annotation *findAnnotation(const std::string &id) const;
};

/// Every stored draft of `revisionId` (all gates, all reviewer labels), by gate then reviewer.
/// Throws sql::SqliteError when the store cannot be read.
[[nodiscard]] std::vector<ReviewDraft> loadDrafts(sql::Database &db, std::int64_t revisionId);

/// The annotations and drafts of `revisionId`. Throws sql::SqliteError when the store cannot
/// be read.
[[nodiscard]] ReviewWork loadReviewWork(sql::Database &db, std::int64_t revisionId);

} // namespace mltrl
