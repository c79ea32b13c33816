#include "core/review/ReviewWork.h"

#include <algorithm>
#include <utility>

namespace mltrl {

ReviewDraft ReviewWork::draft(const std::string &gate, const std::string &reviewer) const
{
    const auto it = std::find_if(drafts.begin(), drafts.end(),
                                 [&](const ReviewDraft &d) { return d.gate == gate && d.reviewer == reviewer; });
    if (it != drafts.end())
        return *it;
    ReviewDraft empty;
    empty.revisionId = revisionId;
    empty.gate = gate;
    empty.reviewer = reviewer;
    return empty;
}

const Annotation *ReviewWork::findAnnotation(const std::string &id) const
{
    const auto it =
        std::find_if(annotations.begin(), annotations.end(), [&](const Annotation &a) { return a.id == id; });
    return it == annotations.end() ? nullptr : &*it;
}

std::vector<ReviewDraft> loadDrafts(sql::Database &db, std::int64_t revisionId)
{
    std::vector<std::pair<std::string, std::string>> keys; // gate, reviewer
    {
        auto st = db.prepare("SELECT gate_id, reviewer FROM review_drafts WHERE revision_id = ? "
                             "ORDER BY gate_id, reviewer");
        st.bindAll(revisionId);
        while (st.step())
            keys.emplace_back(st.text(0), st.text(1));
    }
    std::vector<ReviewDraft> out;
    out.reserve(keys.size());
    for (const auto &[gate, reviewer] : keys)
        out.push_back(ReviewDraftStore(db, reviewer).load(revisionId, gate));
    return out;
}

ReviewWork loadReviewWork(sql::Database &db, std::int64_t revisionId)
{
    ReviewWork work;
    work.revisionId = revisionId;
    work.annotations = AnnotationStore(db).forRevision(revisionId);
    work.drafts = loadDrafts(db, revisionId);
    return work;
}

} // namespace mltrl
