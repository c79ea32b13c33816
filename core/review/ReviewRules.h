#pragma once
/// The rule book of review governance (amendment 1.1, docs/archive-format.md §4.1): what a
/// signed review may mean. Every place that lets a reviewer sign (the CLI, the review form,
/// meeting mode) and every verifier (`mltrl verify`, `mltrl reviews`, the import, the packet)
/// asks these functions, so a rule is written once.
///
/// Problems are keyed by the review's own fields ("decision/rationale", "verdicts/auroc",
/// "verdicts/auroc/note", "level"), never by a command-line flag or a widget: each front end
/// says in its own words where the field is.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mltrl {

struct Gate;
struct ReviewRecord;

enum class Verdict { Met, NotMet, Waived, NotApplicable };
enum class Outcome { Advance, AdvanceWithConditions, Hold, Switchback };

[[nodiscard]] std::optional<Verdict> parseVerdict(std::string_view text);
[[nodiscard]] std::optional<Outcome> parseOutcome(std::string_view text);
[[nodiscard]] std::string_view toString(Verdict v); ///< "met", "not_met", …
[[nodiscard]] std::string_view toString(Outcome o); ///< "advance", …
[[nodiscard]] bool needsNote(Verdict v);            ///< not_met and waived

/// Which rule a problem breaks.
enum class Rule {
    Suggestion, ///< G1: a verdict is the reviewer's choice, never a default
    Decision,   ///< G2: the decision agrees with the verdicts
    Level,      ///< the record's level is its gate's level
};

/// "G1", "G2", "level".
[[nodiscard]] std::string_view toString(Rule rule);

struct RuleProblem {
    Rule rule = Rule::Decision;
    std::string field;   ///< the review field, e.g. "decision/rationale"
    std::string message; ///< plain words, no flag names

    /// "G2 decision/rationale: every outcome needs a rationale".
    [[nodiscard]] std::string toString() const;
    bool operator==(const RuleProblem &) const = default;
};

/// A reviewer's decision about one gate as the rules see it, whether it comes from the CLI,
/// a draft being filled in, or a signed record.
struct GateDecision {
    struct Row {
        std::string criterion;
        std::optional<Verdict> verdict; ///< nullopt: nothing set or confirmed yet
        bool fromSuggestion = false;    ///< confirmed from the metric's suggestion unchanged
        std::string note;
    };
    std::vector<Row> verdicts;
    std::optional<Outcome> outcome;
    std::optional<int> toLevel;
    std::vector<std::string> conditions;
    std::string rationale;

    [[nodiscard]] const Row *row(std::string_view criterion) const;
};

/// G1 and G2 before signing: every criterion of `gate` has a verdict the reviewer set or
/// confirmed, not_met and waived verdicts have a note, an outcome is chosen and agrees with
/// the verdicts, with a rationale, conditions or a lower level as it needs. Empty when the
/// decision may be signed. Problems come in the gate's criterion order, then the decision's.
[[nodiscard]] std::vector<RuleProblem> checkDecision(const Gate &gate, const GateDecision &decision);

/// The decision a signed record states.
[[nodiscard]] GateDecision decisionOf(const ReviewRecord &record);

/// What every verifier checks of a signed record beyond its signature and binding: G2 on its
/// decision, and its `level` against the level of its gate (`gateLevel`; nullopt when the gate
/// is unknown, which the verifier reports itself). G1 cannot be checked after signing: a
/// verdict in a record is the signer's by definition.
[[nodiscard]] std::vector<RuleProblem> checkSignedRecord(const ReviewRecord &record, std::optional<int> gateLevel);

} // namespace mltrl
