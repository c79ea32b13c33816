#include "core/review/ReviewRules.h"

#include "core/manifest/Manifest.h"
#include "core/review/ReviewRecord.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

namespace mltrl {

namespace {

constexpr std::array<std::pair<Verdict, std::string_view>, 4> kVerdicts{{
    {Verdict::Met, "met"},
    {Verdict::NotMet, "not_met"},
    {Verdict::Waived, "waived"},
    {Verdict::NotApplicable, "not_applicable"},
}};

constexpr std::array<std::pair<Outcome, std::string_view>, 4> kOutcomes{{
    {Outcome::Advance, "advance"},
    {Outcome::AdvanceWithConditions, "advance_with_conditions"},
    {Outcome::Hold, "hold"},
    {Outcome::Switchback, "switchback"},
}};

template <typename E, std::size_t N>
std::optional<E> lookup(const std::array<std::pair<E, std::string_view>, N> &table, std::string_view text)
{
    for (const auto &[value, name] : table)
        if (name == text)
            return value;
    return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view nameOf(const std::array<std::pair<E, std::string_view>, N> &table, E value)
{
    for (const auto &[v, name] : table)
        if (v == value)
            return name;
    return {};
}

bool blank(std::string_view s)
{
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

/// G2 on the decision part, shared by the check before signing and the verifiers.
void checkOutcome(const GateDecision &d, int gateLevel, std::vector<RuleProblem> &out)
{
    if (!d.outcome) {
        out.push_back({Rule::Decision, "decision/outcome", "no outcome is chosen"});
        return;
    }
    if (blank(d.rationale))
        out.push_back({Rule::Decision, "decision/rationale", "every outcome needs a rationale"});
    switch (*d.outcome) {
    case Outcome::Advance:
        for (const GateDecision::Row &r : d.verdicts)
            if (r.verdict == Verdict::NotMet)
                out.push_back({Rule::Decision, "decision/outcome",
                               fmt::format("an unconditional advance cannot have a not_met verdict (criterion "
                                           "\"{}\"); choose advance_with_conditions, hold or switchback",
                                           r.criterion)});
        break;
    case Outcome::AdvanceWithConditions:
        if (std::none_of(d.conditions.begin(), d.conditions.end(), [](const std::string &c) { return !blank(c); }))
            out.push_back(
                {Rule::Decision, "decision/conditions", "advance_with_conditions needs at least one condition"});
        break;
    case Outcome::Switchback:
        if (!d.toLevel || *d.toLevel < 0 || *d.toLevel >= gateLevel)
            out.push_back({Rule::Decision, "decision/to_level",
                           fmt::format("a switchback needs a level below the gate's level {}", gateLevel)});
        break;
    case Outcome::Hold:
        break;
    }
}

void checkNotes(const GateDecision &d, std::vector<RuleProblem> &out)
{
    for (const GateDecision::Row &r : d.verdicts)
        if (r.verdict && needsNote(*r.verdict) && blank(r.note))
            out.push_back({Rule::Decision, fmt::format("verdicts/{}/note", r.criterion),
                           fmt::format("a {} verdict needs a note", toString(*r.verdict))});
}

} // namespace

std::optional<Verdict> parseVerdict(std::string_view text)
{
    return lookup(kVerdicts, text);
}
std::optional<Outcome> parseOutcome(std::string_view text)
{
    return lookup(kOutcomes, text);
}
std::string_view toString(Verdict v)
{
    return nameOf(kVerdicts, v);
}
std::string_view toString(Outcome o)
{
    return nameOf(kOutcomes, o);
}
bool needsNote(Verdict v)
{
    return v == Verdict::NotMet || v == Verdict::Waived;
}

std::string_view toString(Rule rule)
{
    switch (rule) {
    case Rule::Suggestion:
        return "G1";
    case Rule::Decision:
        return "G2";
    case Rule::Level:
        return "level";
    }
    return "G2";
}

std::string RuleProblem::toString() const
{
    return fmt::format("{} {}: {}", mltrl::toString(rule), field, message);
}

const GateDecision::Row *GateDecision::row(std::string_view criterion) const
{
    const auto it =
        std::find_if(verdicts.begin(), verdicts.end(), [&](const Row &r) { return r.criterion == criterion; });
    return it == verdicts.end() ? nullptr : &*it;
}

std::vector<RuleProblem> checkDecision(const Gate &gate, const GateDecision &decision)
{
    std::vector<RuleProblem> out;
    for (const Criterion &c : gate.criteria) {
        const GateDecision::Row *r = decision.row(c.id);
        if (!r || !r->verdict) {
            out.push_back({Rule::Suggestion, fmt::format("verdicts/{}", c.id),
                           fmt::format("criterion \"{}\" has no verdict set or confirmed by the reviewer (a "
                                       "suggestion counts only once accepted)",
                                       c.id)});
            continue;
        }
        if (needsNote(*r->verdict) && blank(r->note))
            out.push_back({Rule::Decision, fmt::format("verdicts/{}/note", c.id),
                           fmt::format("a {} verdict needs a note", toString(*r->verdict))});
    }
    for (const GateDecision::Row &r : decision.verdicts)
        if (std::none_of(gate.criteria.begin(), gate.criteria.end(),
                         [&](const Criterion &c) { return c.id == r.criterion; }))
            out.push_back({Rule::Decision, fmt::format("verdicts/{}", r.criterion),
                           fmt::format("gate \"{}\" has no criterion \"{}\"", gate.id, r.criterion)});
    checkOutcome(decision, gate.level, out);
    return out;
}

GateDecision decisionOf(const ReviewRecord &record)
{
    GateDecision d;
    for (const CriterionVerdict &v : record.verdicts)
        d.verdicts.push_back({v.criterion, parseVerdict(v.verdict), v.fromSuggestion, v.note.value_or("")});
    d.outcome = parseOutcome(record.decision.outcome);
    d.toLevel = record.decision.toLevel;
    d.conditions = record.decision.conditions;
    d.rationale = record.decision.rationale.value_or("");
    return d;
}

std::vector<RuleProblem> checkSignedRecord(const ReviewRecord &record, std::optional<int> gateLevel)
{
    std::vector<RuleProblem> out;
    if (gateLevel && record.level != *gateLevel)
        out.push_back({Rule::Level, "level",
                       fmt::format("the review is for level {} but gate \"{}\" is at level {}", record.level,
                                   record.gate, *gateLevel)});
    const GateDecision d = decisionOf(record);
    checkNotes(d, out);
    checkOutcome(d, gateLevel.value_or(record.level), out);
    return out;
}

} // namespace mltrl
