#pragma once
/// Builds the record of a new review from a stored revision and the reviewer's decision:
/// every evidence and metric file of the revision is bound (sorted by id), with the
/// manifest's SHA-256; observed values come from the stored criteria. Validation faults are
/// returned as Problems; nothing is signed or stored here.
#include "core/common/Problems.h"
#include "core/review/ReviewRecord.h"
#include "core/review/ReviewRules.h"
#include "core/review/ReviewVerifier.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mltrl {

struct RevisionData;

/// One verdict as the reviewer gives it.
struct VerdictInput {
    std::string criterion;
    std::string verdict;
    std::optional<std::string> note;
    /// The reviewer confirmed the metric's suggestion unchanged (G1): written as
    /// `"from_suggestion": true`. Only acceptSuggestions() and the front ends' explicit
    /// "accept" actions set it.
    bool fromSuggestion = false;

    /// `CRITERION=VERDICT[:NOTE]` (the note may contain further colons).
    [[nodiscard]] static std::optional<VerdictInput> parse(std::string_view spec, Problems &problems);
};

struct ReviewInput {
    std::string gate;
    std::vector<VerdictInput> verdicts; ///< one per criterion of the gate
    std::string outcome;
    std::optional<int> toLevel;
    std::vector<std::string> conditions;
    std::optional<std::string> rationale;
    ReviewerIdentity reviewer;
    std::vector<RecordAnnotation> annotations;
    std::optional<std::string> supersedes;
    std::optional<std::string> id;       ///< default: a fresh UUID
    std::optional<std::string> signedAt; ///< default: now (UTC)
};

/// G1's one explicit action ("Accept all suggestions", `--accept-suggestions`): adds, for
/// every criterion of the input's gate that has no verdict yet and whose metrics suggest one
/// (the stored `criteria.suggested`: met / not_met), that verdict marked `fromSuggestion`.
/// Returns the criteria it accepted.
std::vector<std::string> acceptSuggestions(ReviewInput &input, const RevisionData &revision);

/// The decision of `input` as the rule book (ReviewRules.h) reads it; unknown verdict or
/// outcome words are left unset (the builder reports them).
[[nodiscard]] GateDecision decisionOf(const ReviewInput &input);

/// What a review of `revision` is checked against.
[[nodiscard]] ReviewContext contextOf(const RevisionData &revision);

class ReviewBuilder {
public:
    explicit ReviewBuilder(const RevisionData &revision) : m_revision(revision) {}

    /// The record, or nullopt with every fault in `problems`, located by the record's field
    /// ("decision/rationale", "verdicts/auroc", "reviewer/email", …; rule faults say their rule,
    /// "G1: …", "G2: …").
    [[nodiscard]] std::optional<ReviewRecord> build(const ReviewInput &input, Problems &problems) const;

private:
    void buildVerdicts(const ReviewInput &input, const Gate &gate, ReviewRecord &record, Problems &problems) const;
    void checkRules(const ReviewInput &input, const Gate &gate, Problems &problems) const;
    const RevisionData &m_revision;
};

} // namespace mltrl
