#pragma once
/// The review record of format 1 (docs/archive-format.md §4): what a reviewer decided about a
/// gate, bound to the manifest and to every evidence and metric file by SHA-256. serialize()
/// gives the deterministic bytes that are signed; parse() reads such bytes strictly.
#include "core/common/Problems.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mltrl {

/// The namespace every review signature is made under.
inline constexpr std::string_view kReviewNamespace = "mltrl-gate-review";

/// One bound file: an evidence or metric id and the SHA-256 of its bytes.
struct FileBinding {
    std::string id;
    std::string sha256;
    bool operator==(const FileBinding &) const = default;
};

struct ReviewerIdentity {
    std::string name;
    std::string email;
    std::string role;      ///< optional (omitted when empty)
    std::string publicKey; ///< `ssh-ed25519 AAAA…` (no comment)
    bool operator==(const ReviewerIdentity &) const = default;
};

struct CriterionVerdict {
    std::string criterion;
    std::string verdict;            ///< met | not_met | waived | not_applicable
    std::optional<double> observed; ///< the stored aggregate; omitted when none
    std::optional<std::string> note;
    bool fromSuggestion = false; ///< `"from_suggestion": true` (G1): the suggestion, accepted unchanged
    bool operator==(const CriterionVerdict &) const = default;
};

struct ReviewDecision {
    std::string outcome; ///< advance | advance_with_conditions | hold | switchback
    std::optional<int> toLevel;
    std::vector<std::string> conditions; ///< omitted when empty
    std::optional<std::string> rationale;
    bool operator==(const ReviewDecision &) const = default;
};

/// An annotation as carried in a record. `target` holds exactly one of evidence (with
/// optional page, rect, line), metric (optional x_range), criterion (with gate),
/// requirement, card (a level) or project (true).
struct RecordAnnotation {
    std::string id;
    nlohmann::json target;
    std::string severity; ///< info | minor | major | blocker
    std::string text;
    std::optional<std::string> created;
    bool operator==(const RecordAnnotation &) const = default;
};

struct ReviewRecord {
    std::string id;
    std::optional<std::string> supersedes;
    std::string project;
    std::string gate;
    int level = 0;
    std::string manifestSha256;
    std::vector<FileBinding> evidence; ///< sorted by id
    std::vector<FileBinding> metrics;  ///< sorted by id
    ReviewerIdentity reviewer;
    std::vector<CriterionVerdict> verdicts;
    ReviewDecision decision;
    std::vector<RecordAnnotation> annotations; ///< omitted when empty
    std::string signedAt;                      ///< RFC 3339 date-time, UTC

    /// The deterministic bytes of §4: keys sorted by code point, no insignificant whitespace,
    /// one line without a trailing newline, numbers in their shortest round-trip text,
    /// optional members omitted except `supersedes` (null when nothing is superseded).
    /// Non-ASCII text is written as raw UTF-8. Throws std::invalid_argument for a value
    /// JSON cannot carry (a NaN or infinite number, invalid UTF-8).
    [[nodiscard]] std::string serialize() const;

    /// The record as a JSON value (what serialize() writes).
    [[nodiscard]] nlohmann::json toJson() const;

    /// Strict reading of record bytes: JSON syntax, no duplicate keys, `mltrl_review` == 1,
    /// every required member with its type, enumerations, ids and hashes well formed.
    /// Unknown members are errors (a signed record must mean exactly what it says). Each
    /// problem is located as `<file>#<pointer>`.
    [[nodiscard]] static std::optional<ReviewRecord> parse(std::string_view bytes, Problems &problems,
                                                           std::string_view file = "review");

    bool operator==(const ReviewRecord &) const = default;
};

/// The shortest text that reads back as the same double: the fewest significant digits,
/// then fixed or exponent notation (`1e-7`, `1e21`, no `+`, no leading exponent zeros),
/// whichever is shorter, fixed on a tie. Integral values print without a fraction.
[[nodiscard]] std::string shortestDouble(double value);

/// Writes any JSON value by the §4 rules (see ReviewRecord::serialize).
[[nodiscard]] std::string canonicalJson(const nlohmann::json &value);

/// Enumerations of §4.
[[nodiscard]] bool isVerdict(std::string_view v);
[[nodiscard]] bool isOutcome(std::string_view v);
[[nodiscard]] bool isSeverity(std::string_view v);
[[nodiscard]] bool isAdvancing(std::string_view outcome); ///< advance or advance_with_conditions

} // namespace mltrl
