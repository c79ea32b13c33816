#include "core/review/ReviewDraft.h"

#include "core/common/Rfc3339.h"
#include "core/review/AnnotationStore.h"
#include "core/review/AuditLog.h"
#include "core/store/RevisionData.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace mltrl {

const DraftVerdict *ReviewDraft::verdictFor(const std::string &criterion) const
{
    const auto it =
        std::find_if(verdicts.begin(), verdicts.end(), [&](const DraftVerdict &v) { return v.criterion == criterion; });
    return it == verdicts.end() ? nullptr : &*it;
}

bool ReviewDraft::isAcknowledged(const std::string &annotationId) const
{
    return std::find(acknowledged.begin(), acknowledged.end(), annotationId) != acknowledged.end();
}

bool ReviewDraft::isEmpty() const
{
    return verdicts.empty() && !outcome && !toLevel && conditions.empty() && rationale.empty() && acknowledged.empty();
}

ReviewInput toReviewInput(const ReviewDraft &draft)
{
    ReviewInput in;
    in.gate = draft.gate;
    for (const DraftVerdict &v : draft.verdicts) {
        if (!v.verdict)
            continue;
        in.verdicts.push_back(
            {v.criterion, *v.verdict, v.note.empty() ? std::nullopt : std::optional(v.note), v.fromSuggestion});
    }
    in.outcome = draft.outcome.value_or("");
    in.toLevel = draft.toLevel;
    in.conditions = draft.conditions;
    if (!draft.rationale.empty())
        in.rationale = draft.rationale;
    return in;
}

std::vector<std::string> unacknowledgedBlockers(const ReviewDraft &draft, const std::vector<Annotation> &annotations)
{
    std::vector<std::string> out;
    for (const Annotation &a : annotations)
        if (a.status == "open" && a.severity == "blocker" && !draft.isAcknowledged(a.id))
            out.push_back(a.id);
    return out;
}

bool checkBlockersAcknowledged(const ReviewDraft &draft, const std::vector<Annotation> &annotations, Problems &problems)
{
    if (!draft.outcome || !isAdvancing(*draft.outcome))
        return true;
    const std::vector<std::string> open = unacknowledgedBlockers(draft, annotations);
    for (const std::string &id : open)
        problems.error(fmt::format("annotation {}", id),
                       "an open blocker must be acknowledged (or resolved) before an advance");
    return open.empty();
}

// ---- store ------------------------------------------------------------------------------

ReviewDraft ReviewDraftStore::load(std::int64_t revisionId, const std::string &gate) const
{
    ReviewDraft d;
    d.revisionId = revisionId;
    d.gate = gate;
    d.reviewer = m_reviewer;
    auto head = m_db.prepare("SELECT outcome, to_level, conditions_json, rationale, updated FROM review_drafts "
                             "WHERE revision_id = ? AND gate_id = ? AND reviewer = ?");
    head.bindAll(revisionId, gate, m_reviewer);
    if (!head.step())
        return d;
    if (!head.isNull(0))
        d.outcome = head.text(0);
    if (const auto level = head.optInt(1))
        d.toLevel = static_cast<int>(*level);
    d.conditions = nlohmann::json::parse(head.text(2)).get<std::vector<std::string>>();
    d.rationale = head.text(3);
    d.updated = head.text(4);

    auto rows = m_db.prepare("SELECT criterion, verdict, note, from_suggestion FROM review_draft_verdicts "
                             "WHERE revision_id = ? AND gate_id = ? AND reviewer = ? ORDER BY criterion");
    rows.bindAll(revisionId, gate, m_reviewer);
    while (rows.step()) {
        DraftVerdict v;
        v.criterion = rows.text(0);
        if (!rows.isNull(1))
            v.verdict = rows.text(1);
        v.note = rows.text(2);
        v.fromSuggestion = v.verdict && rows.integer(3) != 0;
        d.verdicts.push_back(std::move(v));
    }
    auto acks = m_db.prepare("SELECT annotation_id FROM review_draft_acks "
                             "WHERE revision_id = ? AND gate_id = ? AND reviewer = ? ORDER BY annotation_id");
    acks.bindAll(revisionId, gate, m_reviewer);
    while (acks.step())
        d.acknowledged.push_back(acks.text(0));
    return d;
}

bool ReviewDraftStore::gateExists(std::int64_t revisionId, const std::string &gate, Problems &problems) const
{
    auto st = m_db.prepare("SELECT 1 FROM gates WHERE revision_id = ? AND id = ?");
    st.bindAll(revisionId, gate);
    if (st.step())
        return true;
    problems.error(gate, "the revision has no such gate");
    return false;
}

bool ReviewDraftStore::criterionExists(std::int64_t revisionId, const std::string &gate, const std::string &criterion,
                                       Problems &problems) const
{
    auto st = m_db.prepare("SELECT 1 FROM criteria WHERE revision_id = ? AND gate_id = ? AND id = ?");
    st.bindAll(revisionId, gate, criterion);
    if (st.step())
        return true;
    problems.error(fmt::format("{}/{}", gate, criterion), "the gate has no such criterion");
    return false;
}

void ReviewDraftStore::ensureDraft(std::int64_t revisionId, const std::string &gate)
{
    m_db.prepare("INSERT INTO review_drafts (revision_id, gate_id, reviewer, updated) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT DO UPDATE SET updated = excluded.updated")
        .bindAll(revisionId, gate, m_reviewer, utcNow())
        .run();
}

void ReviewDraftStore::writeVerdict(std::int64_t revisionId, const std::string &gate, const DraftVerdict &row)
{
    // A row with neither verdict nor note says nothing: it is removed, so an undone first
    // edit leaves the draft exactly as it was.
    if (!row.verdict && row.note.empty()) {
        m_db.prepare("DELETE FROM review_draft_verdicts WHERE revision_id = ? AND gate_id = ? AND reviewer = ? "
                     "AND criterion = ?")
            .bindAll(revisionId, gate, m_reviewer, row.criterion)
            .run();
        return;
    }
    m_db.prepare("INSERT OR REPLACE INTO review_draft_verdicts (revision_id, gate_id, reviewer, criterion, verdict, "
                 "note, from_suggestion) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bindAll(revisionId, gate, m_reviewer, row.criterion, row.verdict, row.note,
                 static_cast<std::int64_t>(row.verdict && row.fromSuggestion ? 1 : 0))
        .run();
}

DraftVerdict ReviewDraftStore::currentRow(std::int64_t revisionId, const std::string &gate,
                                          const std::string &criterion) const
{
    auto st = m_db.prepare("SELECT verdict, note, from_suggestion FROM review_draft_verdicts WHERE revision_id = ? "
                           "AND gate_id = ? AND reviewer = ? AND criterion = ?");
    st.bindAll(revisionId, gate, m_reviewer, criterion);
    DraftVerdict row{criterion, {}, {}};
    if (st.step()) {
        if (!st.isNull(0))
            row.verdict = st.text(0);
        row.note = st.text(1);
        row.fromSuggestion = row.verdict && st.integer(2) != 0;
    }
    return row;
}

template <typename Write>
bool ReviewDraftStore::edit(std::int64_t revisionId, const std::string &gate, Problems &problems, Write &&write)
{
    try {
        if (!gateExists(revisionId, gate, problems))
            return false;
        sql::Transaction tx(m_db);
        ensureDraft(revisionId, gate);
        write();
        tx.commit();
        return true;
    } catch (const sql::SqliteError &e) {
        problems.error("store", fmt::format("the review draft could not be saved: {}", e.what()));
        return false;
    }
}

bool ReviewDraftStore::setVerdict(std::int64_t revisionId, const std::string &gate, const std::string &criterion,
                                  const std::optional<std::string> &verdict, Problems &problems, bool fromSuggestion)
{
    if (verdict && !isVerdict(*verdict)) {
        problems.error(criterion, fmt::format("\"{}\" is not met, not_met, waived or not_applicable", *verdict));
        return false;
    }
    if (!criterionExists(revisionId, gate, criterion, problems))
        return false;
    return edit(revisionId, gate, problems, [&] {
        DraftVerdict row = currentRow(revisionId, gate, criterion);
        row.verdict = verdict;
        row.fromSuggestion = verdict && fromSuggestion;
        writeVerdict(revisionId, gate, row);
    });
}

std::optional<std::vector<std::string>> ReviewDraftStore::acceptSuggestions(const RevisionData &revision,
                                                                            const std::string &gate, Problems &problems)
{
    const std::int64_t revisionId = revision.overview.revisionId;
    ReviewInput input = toReviewInput(load(revisionId, gate));
    input.gate = gate;
    const std::vector<std::string> accepted = mltrl::acceptSuggestions(input, revision);
    const bool ok = edit(revisionId, gate, problems, [&] {
        for (const std::string &criterion : accepted) {
            DraftVerdict row = currentRow(revisionId, gate, criterion);
            const auto v = std::find_if(input.verdicts.begin(), input.verdicts.end(),
                                        [&](const VerdictInput &x) { return x.criterion == criterion; });
            row.verdict = v->verdict;
            row.fromSuggestion = true;
            writeVerdict(revisionId, gate, row);
        }
    });
    if (!ok)
        return std::nullopt;
    return accepted;
}

bool ReviewDraftStore::setNote(std::int64_t revisionId, const std::string &gate, const std::string &criterion,
                               const std::string &note, Problems &problems)
{
    if (!criterionExists(revisionId, gate, criterion, problems))
        return false;
    return edit(revisionId, gate, problems, [&] {
        DraftVerdict row = currentRow(revisionId, gate, criterion);
        row.note = note;
        writeVerdict(revisionId, gate, row);
    });
}

bool ReviewDraftStore::setOutcome(std::int64_t revisionId, const std::string &gate,
                                  const std::optional<std::string> &outcome, Problems &problems)
{
    if (outcome && !isOutcome(*outcome)) {
        problems.error("outcome",
                       fmt::format("\"{}\" is not advance, advance_with_conditions, hold or switchback", *outcome));
        return false;
    }
    return edit(revisionId, gate, problems, [&] {
        m_db.prepare("UPDATE review_drafts SET outcome = ? WHERE revision_id = ? AND gate_id = ? AND reviewer = ?")
            .bindAll(outcome, revisionId, gate, m_reviewer)
            .run();
    });
}

bool ReviewDraftStore::setToLevel(std::int64_t revisionId, const std::string &gate, std::optional<int> level,
                                  Problems &problems)
{
    if (level && (*level < 0 || *level > 9)) {
        problems.error("to_level", "a level is 0..9");
        return false;
    }
    return edit(revisionId, gate, problems, [&] {
        m_db.prepare("UPDATE review_drafts SET to_level = ? WHERE revision_id = ? AND gate_id = ? AND reviewer = ?")
            .bindAll(level, revisionId, gate, m_reviewer)
            .run();
    });
}

bool ReviewDraftStore::setConditions(std::int64_t revisionId, const std::string &gate,
                                     const std::vector<std::string> &conditions, Problems &problems)
{
    std::string json;
    try {
        json = nlohmann::json(conditions).dump();
    } catch (const nlohmann::json::exception &e) {
        problems.error("conditions", e.what()); // invalid UTF-8
        return false;
    }
    return edit(revisionId, gate, problems, [&] {
        m_db.prepare(
                "UPDATE review_drafts SET conditions_json = ? WHERE revision_id = ? AND gate_id = ? AND reviewer = ?")
            .bindAll(json, revisionId, gate, m_reviewer)
            .run();
    });
}

bool ReviewDraftStore::setRationale(std::int64_t revisionId, const std::string &gate, const std::string &rationale,
                                    Problems &problems)
{
    return edit(revisionId, gate, problems, [&] {
        m_db.prepare("UPDATE review_drafts SET rationale = ? WHERE revision_id = ? AND gate_id = ? AND reviewer = ?")
            .bindAll(rationale, revisionId, gate, m_reviewer)
            .run();
    });
}

bool ReviewDraftStore::acknowledgeBlocker(std::int64_t revisionId, const std::string &gate,
                                          const std::string &annotationId, Problems &problems)
{
    auto st = m_db.prepare("SELECT 1 FROM annotations WHERE id = ? AND revision_id = ?");
    st.bindAll(annotationId, revisionId);
    if (!st.step()) {
        problems.error(annotationId, "the revision has no such annotation");
        return false;
    }
    return edit(revisionId, gate, problems, [&] {
        m_db.prepare("INSERT OR IGNORE INTO review_draft_acks (revision_id, gate_id, reviewer, annotation_id) "
                     "VALUES (?, ?, ?, ?)")
            .bindAll(revisionId, gate, m_reviewer, annotationId)
            .run();
    });
}

bool ReviewDraftStore::unacknowledgeBlocker(std::int64_t revisionId, const std::string &gate,
                                            const std::string &annotationId, Problems &problems)
{
    return edit(revisionId, gate, problems, [&] {
        m_db.prepare("DELETE FROM review_draft_acks WHERE revision_id = ? AND gate_id = ? AND reviewer = ? "
                     "AND annotation_id = ?")
            .bindAll(revisionId, gate, m_reviewer, annotationId)
            .run();
    });
}

bool ReviewDraftStore::save(const ReviewDraft &draft, Problems &problems)
{
    try {
        if (!gateExists(draft.revisionId, draft.gate, problems))
            return false;
        const std::string conditions = nlohmann::json(draft.conditions).dump();
        sql::Transaction tx(m_db);
        m_db.prepare("DELETE FROM review_drafts WHERE revision_id = ? AND gate_id = ? AND reviewer = ?")
            .bindAll(draft.revisionId, draft.gate, m_reviewer)
            .run();
        if (!draft.isEmpty()) {
            m_db.prepare("INSERT INTO review_drafts (revision_id, gate_id, reviewer, outcome, to_level, "
                         "conditions_json, rationale, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .bindAll(draft.revisionId, draft.gate, m_reviewer, draft.outcome, draft.toLevel, conditions,
                         draft.rationale, utcNow())
                .run();
            for (const DraftVerdict &v : draft.verdicts)
                writeVerdict(draft.revisionId, draft.gate, v);
            for (const std::string &id : draft.acknowledged)
                m_db.prepare("INSERT OR IGNORE INTO review_draft_acks (revision_id, gate_id, reviewer, annotation_id) "
                             "VALUES (?, ?, ?, ?)")
                    .bindAll(draft.revisionId, draft.gate, m_reviewer, id)
                    .run();
        }
        tx.commit();
        return true;
    } catch (const sql::SqliteError &e) {
        problems.error("store", fmt::format("the review draft could not be saved: {}", e.what()));
    } catch (const nlohmann::json::exception &e) {
        problems.error("conditions", e.what());
    }
    return false;
}

bool ReviewDraftStore::discard(std::int64_t revisionId, const std::string &gate, Problems &problems)
{
    try {
        sql::Transaction tx(m_db);
        m_db.prepare("DELETE FROM review_drafts WHERE revision_id = ? AND gate_id = ? AND reviewer = ?")
            .bindAll(revisionId, gate, m_reviewer)
            .run();
        tx.commit();
        return true;
    } catch (const sql::SqliteError &e) {
        problems.error("store", fmt::format("the review draft could not be removed: {}", e.what()));
        return false;
    }
}

std::vector<std::string> ReviewDraftStore::gatesWithDrafts(std::int64_t revisionId) const
{
    std::vector<std::string> out;
    auto st = m_db.prepare("SELECT gate_id FROM review_drafts WHERE revision_id = ? AND reviewer = ? ORDER BY gate_id");
    st.bindAll(revisionId, m_reviewer);
    while (st.step())
        out.push_back(st.text(0));
    return out;
}

} // namespace mltrl
