#pragma once
/// The manifest `mltrl.json` of a project archive, format 1, as typed data.
/// Field meanings follow docs/archive-format.md (the contract plus our decisions).
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace mltrl {

struct Person {
    std::string name;
    std::string email;
    std::string role;
};

struct Link {
    std::string title;
    std::string url;
};

struct ProjectInfo {
    std::string id;
    std::string name;
    std::string summary; ///< Markdown
    std::string domain;
    int currentLevel = 0;
    std::optional<int> targetLevel;
    std::string exportedAt; ///< RFC 3339, as written
    std::vector<Person> owners;
    std::vector<Person> reviewers;
    std::vector<Link> links;
};

struct Component {
    std::string id;
    std::string name;
    int level = 0;
    std::string code;
};

enum class HistoryKind { Start, Advance, Switchback, Hold };
enum class SwitchbackKind { None, Discovery, Embedded, Review };

struct HistoryEntry {
    std::string at; ///< RFC 3339 date or date-time
    std::optional<int> from;
    int to = 0;
    HistoryKind kind = HistoryKind::Advance;
    SwitchbackKind switchback = SwitchbackKind::None;
    std::string reason;
    std::string gate; ///< optional gate id
};

struct DebriefItem {
    std::string question;
    std::string answer;
};

struct Card {
    int level = 0;
    std::string component; ///< empty = whole system
    std::string updated;
    std::string tldr;
    std::string modelInfo;
    std::string intendedUse;
    std::string testingStatus;
    std::string dataConsiderations;
    std::string caveats;
    std::vector<DebriefItem> debrief;
    std::vector<std::string> requirements;
    std::vector<std::string> evidence;
};

enum class VvStatus { Unset, Passed, Failed, Pending, NotApplicable };

struct Requirement {
    std::string id;
    std::string text;
    std::string kind;
    std::optional<int> level;
    std::optional<double> pFailure;
    std::optional<double> impact;
    VvStatus verification = VvStatus::Unset;
    VvStatus validation = VvStatus::Unset;
    std::vector<std::string> evidence;

    /// p_failure × impact, when both are given.
    [[nodiscard]] std::optional<double> riskScore() const;
};

enum class Aggregate { Last, Min, Max, Mean };
enum class CompareOp { Ge, Gt, Le, Lt, Eq };

struct Criterion {
    std::string id;
    std::string text;
    std::string metric; ///< empty = qualitative
    Aggregate aggregate = Aggregate::Last;
    CompareOp op = CompareOp::Ge;
    std::optional<double> threshold;
    std::string series; ///< optional sub-series name
    std::vector<std::string> evidence;

    [[nodiscard]] bool isQuantitative() const { return !metric.empty(); }
};

struct Signoff {
    std::string role;
    int min = 1;
};

struct Gate {
    std::string id;
    int level = 0;
    std::string title;
    std::vector<Signoff> signoffs;
    std::vector<Criterion> criteria;
};

struct Evidence {
    std::string id;
    std::string path;
    std::string title;
    std::string kind;
    std::optional<int> level;
    std::string mediaType;
    std::string sha256; ///< declared (lowercase hex) or empty when not declared
    std::string created;
};

enum class MetricKind { Series, Curve, Groups };
enum class MetricFormat { Csv, Mlflow };

struct Metric {
    std::string id;
    std::string title;
    std::string path;
    MetricKind kind = MetricKind::Series;
    MetricFormat format = MetricFormat::Csv;
    std::optional<int> level;
    std::string better; ///< "higher", "lower" or empty
    std::string unit;
    std::string xLabel;
    std::string yLabel;
};

struct Manifest {
    int formatVersion = 1;
    ProjectInfo project;
    std::vector<Component> components;
    std::vector<HistoryEntry> history;
    std::vector<Card> cards;
    std::vector<Requirement> requirements;
    std::vector<Gate> gates;
    std::vector<Evidence> evidence;
    std::vector<Metric> metrics;

    /// The parsed JSON document, kept whole: unknown keys survive, the UI can show anything.
    nlohmann::json raw;

    [[nodiscard]] const Evidence *findEvidence(std::string_view id) const;
    [[nodiscard]] const Metric *findMetric(std::string_view id) const;
    [[nodiscard]] const Gate *findGate(std::string_view id) const;
    [[nodiscard]] const Requirement *findRequirement(std::string_view id) const;
    [[nodiscard]] const Component *findComponent(std::string_view id) const;
};

// Text forms used in the manifest, the store and the CLI's JSON.
std::string_view toString(HistoryKind k);
std::string_view toString(SwitchbackKind k);
std::string_view toString(VvStatus s);
std::string_view toString(Aggregate a);
std::string_view toString(CompareOp op);
std::string_view toString(MetricKind k);
std::string_view toString(MetricFormat f);

} // namespace mltrl
