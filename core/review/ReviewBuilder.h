#pragma once
/// Builds the record of a new review from a stored revision and the reviewer's decision:
/// every evidence and metric file of the revision is bound (sorted by id), with the
/// manifest's SHA-256; observed values come from the stored criteria. Validation faults are
/// returned as Problems; nothing is signed or stored here.
#include "common/Problems.h"
#include "review/ReviewRecord.h"
#include "review/ReviewVerifier.h"

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

    /// `CRITERION=VERDICT[:NOTE]` (the note may contain further colons).
    [[nodiscard]] static std::optional<VerdictInput> parse(std::string_view spec, Problems &problems);
};

struct ReviewInput {
    std::string gate;
    std::vector<VerdictInput> verdicts;   ///< one per criterion of the gate
    std::string outcome;
    std::optional<int> toLevel;
    std::vector<std::string> conditions;
    std::optional<std::string> rationale;
    ReviewerIdentity reviewer;
    std::vector<RecordAnnotation> annotations;
    std::optional<std::string> supersedes;
    std::optional<std::string> id;        ///< default: a fresh UUID
    std::optional<std::string> signedAt;  ///< default: now (UTC)
};

/// What a review of `revision` is checked against.
[[nodiscard]] ReviewContext contextOf(const RevisionData &revision);

class ReviewBuilder {
public:
    explicit ReviewBuilder(const RevisionData &revision) : m_revision(revision) {}

    /// The record, or nullopt with every fault in `problems`.
    [[nodiscard]] std::optional<ReviewRecord> build(const ReviewInput &input, Problems &problems) const;

private:
    void buildVerdicts(const ReviewInput &input, const Gate &gate, ReviewRecord &record,
                       Problems &problems) const;
    const RevisionData &m_revision;
};

} // namespace mltrl
