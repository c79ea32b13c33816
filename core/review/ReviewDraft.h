#pragma once
/// Review drafts: the unsigned review a reviewer is filling in for one gate of one revision,
/// kept in the store (schema v3) and saved by every edit — each setter is one transaction,
/// durable when it returns. A draft is keyed by (revision, gate, reviewer): `reviewer` is a
/// local label for who fills it in (the form's user, a participant of a review meeting),
/// not a signing identity — the key is only chosen when the draft is signed.
#include "core/common/Problems.h"
#include "core/review/ReviewBuilder.h"
#include "core/sqlite/Database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mltrl {

struct Annotation;
struct RevisionData;

/// One criterion's row of a draft: the verdict chosen so far (none yet: nullopt) and its note.
struct DraftVerdict {
    std::string criterion;
    std::optional<std::string> verdict; ///< met | not_met | waived | not_applicable
    std::string note;
    bool fromSuggestion = false; ///< the verdict is the metric's suggestion, accepted (G1)
    bool operator==(const DraftVerdict &) const = default;
};

struct ReviewDraft {
    std::int64_t revisionId = 0;
    std::string gate;
    std::string reviewer;
    std::vector<DraftVerdict> verdicts; ///< only criteria touched so far, sorted by id
    std::optional<std::string> outcome; ///< advance | advance_with_conditions | hold | switchback
    std::optional<int> toLevel;
    std::vector<std::string> conditions;
    std::string rationale;
    std::vector<std::string> acknowledged; ///< blocker annotation ids, sorted
    std::string updated;                   ///< UTC time of the last edit; empty: never edited

    /// The row of `criterion`, or nullptr when it was never touched.
    [[nodiscard]] const DraftVerdict *verdictFor(const std::string &criterion) const;
    [[nodiscard]] bool isAcknowledged(const std::string &annotationId) const;
    /// True when nothing has been entered (a fresh draft).
    [[nodiscard]] bool isEmpty() const;
    bool operator==(const ReviewDraft &) const = default;
};

/// The decision part of a ReviewInput from a draft: gate, the verdicts chosen (notes only
/// when not empty), outcome ("" when none chosen), to_level, conditions, rationale (only when
/// not empty). Reviewer, annotations, supersedes, id and time are the signer's to fill in;
/// ReviewBuilder then reports what is still missing or wrong.
[[nodiscard]] ReviewInput toReviewInput(const ReviewDraft &draft);

/// The open blocker annotations among `annotations` that `draft` has not acknowledged,
/// in the order given.
[[nodiscard]] std::vector<std::string> unacknowledgedBlockers(const ReviewDraft &draft,
                                                              const std::vector<Annotation> &annotations);

/// Adds an error for each open blocker not acknowledged when the draft's outcome advances
/// (advance, advance_with_conditions); true when there is none.
bool checkBlockersAcknowledged(const ReviewDraft &draft, const std::vector<Annotation> &annotations,
                               Problems &problems);

class ReviewDraftStore {
public:
    /// Drafts of `reviewer` (a local label; the default is the workbench's own user).
    explicit ReviewDraftStore(sql::Database &db, std::string reviewer = {}) : m_db(db), m_reviewer(std::move(reviewer))
    {
    }

    [[nodiscard]] const std::string &reviewer() const { return m_reviewer; }

    /// The draft for `gate` of the revision; an empty draft (isEmpty()) when none is stored.
    [[nodiscard]] ReviewDraft load(std::int64_t revisionId, const std::string &gate) const;

    // Each setter checks its value (the gate and criterion must exist in the revision, the
    // enumerations and level range hold), then writes it in one transaction; false with a
    // problem when refused or when the store fails. Setting a value equal to the stored one
    // succeeds and changes nothing but `updated`.

    /// Chooses a verdict (nullopt: none chosen). The note is kept either way. `fromSuggestion`
    /// marks the metric's suggestion accepted unchanged (G1); any other choice clears it.
    bool setVerdict(std::int64_t revisionId, const std::string &gate, const std::string &criterion,
                    const std::optional<std::string> &verdict, Problems &problems, bool fromSuggestion = false);
    /// G1's one explicit action, "Accept all suggestions": every criterion of the gate without
    /// a verdict whose metrics suggest one gets it, marked as accepted — in one transaction.
    /// The criteria accepted (empty when there was nothing to accept), or nullopt on failure.
    std::optional<std::vector<std::string>> acceptSuggestions(const RevisionData &revision, const std::string &gate,
                                                              Problems &problems);
    bool setNote(std::int64_t revisionId, const std::string &gate, const std::string &criterion,
                 const std::string &note, Problems &problems);
    bool setOutcome(std::int64_t revisionId, const std::string &gate, const std::optional<std::string> &outcome,
                    Problems &problems);
    bool setToLevel(std::int64_t revisionId, const std::string &gate, std::optional<int> level, Problems &problems);
    bool setConditions(std::int64_t revisionId, const std::string &gate, const std::vector<std::string> &conditions,
                       Problems &problems);
    bool setRationale(std::int64_t revisionId, const std::string &gate, const std::string &rationale,
                      Problems &problems);
    /// Records that the reviewer has seen the blocker annotation (it must be one of this
    /// revision's). Idempotent.
    bool acknowledgeBlocker(std::int64_t revisionId, const std::string &gate, const std::string &annotationId,
                            Problems &problems);
    bool unacknowledgeBlocker(std::int64_t revisionId, const std::string &gate, const std::string &annotationId,
                              Problems &problems);

    /// Writes `draft` whole (its revision, gate and this store's reviewer), replacing what is
    /// stored: used to restore a draft (undo of a discard). An empty draft removes it.
    bool save(const ReviewDraft &draft, Problems &problems);
    /// Removes the draft (after it has been signed, or when the reviewer starts over).
    bool discard(std::int64_t revisionId, const std::string &gate, Problems &problems);

    /// The gates of a revision that have a draft of this reviewer.
    [[nodiscard]] std::vector<std::string> gatesWithDrafts(std::int64_t revisionId) const;

private:
    bool gateExists(std::int64_t revisionId, const std::string &gate, Problems &problems) const;
    bool criterionExists(std::int64_t revisionId, const std::string &gate, const std::string &criterion,
                         Problems &problems) const;
    void ensureDraft(std::int64_t revisionId, const std::string &gate);
    [[nodiscard]] DraftVerdict currentRow(std::int64_t revisionId, const std::string &gate,
                                          const std::string &criterion) const;
    void writeVerdict(std::int64_t revisionId, const std::string &gate, const DraftVerdict &row);
    template <typename Write>
    bool edit(std::int64_t revisionId, const std::string &gate, Problems &problems, Write &&write);

    sql::Database &m_db;
    std::string m_reviewer;
};

} // namespace mltrl
