#include "core/review/ReviewBuilder.h"

#include "core/common/Rfc3339.h"
#include "core/crypto/Ed25519Key.h"
#include "core/crypto/SshPublicKey.h"
#include "core/manifest/ManifestParser.h"
#include "core/review/AuditLog.h"
#include "core/store/RevisionData.h"

#include <QUuid>

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace mltrl {

std::optional<VerdictInput> VerdictInput::parse(std::string_view spec, Problems &problems)
{
    const std::size_t eq = spec.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        problems.error("verdicts", fmt::format("\"{}\" is not CRITERION=VERDICT[:NOTE]", spec));
        return std::nullopt;
    }
    VerdictInput v;
    v.criterion = std::string(spec.substr(0, eq));
    const std::string_view rest = spec.substr(eq + 1);
    const std::size_t colon = rest.find(':');
    v.verdict = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos)
        v.note = std::string(rest.substr(colon + 1));
    if (!isVerdict(v.verdict)) {
        problems.error(fmt::format("verdicts/{}", v.criterion),
                       fmt::format("\"{}\" is not met, not_met, waived or not_applicable", v.verdict));
        return std::nullopt;
    }
    return v;
}

ReviewContext contextOf(const RevisionData &revision)
{
    return ReviewContext::from(revision.manifest, revision.overview.manifestSha256,
                               [&](const std::string &path) -> std::optional<std::string> {
                                   const StoredFile *f = revision.fileFor(path);
                                   return f ? std::optional<std::string>(f->sha256) : std::nullopt;
                               });
}

std::vector<std::string> acceptSuggestions(ReviewInput &input, const RevisionData &revision)
{
    std::vector<std::string> accepted;
    const Gate *gate = revision.manifest.findGate(input.gate);
    if (!gate)
        return accepted;
    for (const Criterion &c : gate->criteria) {
        const bool given = std::any_of(input.verdicts.begin(), input.verdicts.end(),
                                       [&](const VerdictInput &v) { return v.criterion == c.id; });
        const CriterionOverview *stored = revision.criterion(gate->id, c.id);
        if (!given && stored && stored->suggested) {
            input.verdicts.push_back({c.id, *stored->suggested, std::nullopt, true});
            accepted.push_back(c.id);
        }
    }
    return accepted;
}

GateDecision decisionOf(const ReviewInput &input)
{
    GateDecision d;
    for (const VerdictInput &v : input.verdicts)
        d.verdicts.push_back({v.criterion, parseVerdict(v.verdict), v.fromSuggestion, v.note.value_or("")});
    d.outcome = parseOutcome(input.outcome);
    d.toLevel = input.toLevel;
    d.conditions = input.conditions;
    d.rationale = input.rationale.value_or("");
    return d;
}

void ReviewBuilder::buildVerdicts(const ReviewInput &input, const Gate &gate, ReviewRecord &record,
                                  Problems &problems) const
{
    std::set<std::string> seen;
    for (const VerdictInput &v : input.verdicts) {
        const std::string where = fmt::format("verdicts/{}", v.criterion);
        if (!seen.insert(v.criterion).second)
            problems.error(where, "a criterion gets one verdict");
        if (!isVerdict(v.verdict))
            problems.error(where, fmt::format("\"{}\" is not met, not_met, waived or not_applicable", v.verdict));
    }
    // Verdicts in the gate's criterion order, each with the stored observed value.
    for (const Criterion &c : gate.criteria) {
        const auto given = std::find_if(input.verdicts.begin(), input.verdicts.end(),
                                        [&](const VerdictInput &v) { return v.criterion == c.id; });
        if (given == input.verdicts.end())
            continue; // G1, reported by checkRules
        CriterionVerdict out;
        out.criterion = c.id;
        out.verdict = given->verdict;
        out.note = given->note && !given->note->empty() ? given->note : std::nullopt;
        const CriterionOverview *stored = m_revision.criterion(gate.id, c.id);
        if (stored)
            out.observed = stored->observed;
        if (given->fromSuggestion) {
            if (stored && stored->suggested == given->verdict)
                out.fromSuggestion = true;
            else
                problems.error(fmt::format("verdicts/{}", c.id),
                               fmt::format("G1: \"{}\" is marked as the accepted suggestion, but the metrics "
                                           "suggest {}",
                                           given->verdict,
                                           stored && stored->suggested ? *stored->suggested : "nothing"));
        }
        record.verdicts.push_back(std::move(out));
    }
}

void ReviewBuilder::checkRules(const ReviewInput &input, const Gate &gate, Problems &problems) const
{
    for (const RuleProblem &p : checkDecision(gate, decisionOf(input))) {
        // An outcome word the rule book does not know is reported once, as such.
        if (p.field == "decision/outcome" && !input.outcome.empty() && !isOutcome(input.outcome))
            continue;
        problems.error(p.field, fmt::format("{}: {}", toString(p.rule), p.message));
    }
}

std::optional<ReviewRecord> ReviewBuilder::build(const ReviewInput &input, Problems &problems) const
{
    const std::size_t before = problems.errorCount();
    const Manifest &manifest = m_revision.manifest;
    const Gate *gate = manifest.findGate(input.gate);
    if (!gate) {
        problems.error("gate", fmt::format("project \"{}\" has no gate \"{}\"", manifest.project.id, input.gate));
        return std::nullopt;
    }
    ReviewRecord r;
    r.id = input.id.value_or(QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString());
    r.supersedes = input.supersedes;
    r.project = manifest.project.id;
    r.gate = gate->id;
    r.level = gate->level;
    const ReviewContext context = contextOf(m_revision);
    r.manifestSha256 = context.manifestSha256;
    r.evidence = context.evidenceBindings();
    r.metrics = context.metricBindings();
    if (r.evidence.size() != manifest.evidence.size() || r.metrics.size() != manifest.metrics.size())
        problems.error(m_revision.overview.id, "the store lacks a file of this revision; it cannot be bound");

    r.reviewer = input.reviewer;
    if (r.reviewer.name.empty())
        problems.error("reviewer/name", "the reviewer's name is needed");
    if (r.reviewer.email.empty())
        problems.error("reviewer/email", "the reviewer's email is needed (it is the allowed-signers principal)");
    std::string keyError;
    if (!SshPublicKey::fromOpenSsh(r.reviewer.publicKey, &keyError))
        problems.error("reviewer/public_key", fmt::format("the reviewer's public key cannot be used: {}", keyError));

    buildVerdicts(input, *gate, r, problems);

    r.decision.outcome = input.outcome;
    r.decision.toLevel = input.toLevel;
    r.decision.conditions = input.conditions;
    r.decision.rationale = input.rationale && !input.rationale->empty() ? input.rationale : std::nullopt;
    if (!input.outcome.empty() && !isOutcome(input.outcome))
        problems.error(
            "decision/outcome",
            fmt::format("\"{}\" is not advance, advance_with_conditions, hold or switchback", input.outcome));
    checkRules(input, *gate, problems);
    if (input.toLevel && (*input.toLevel < 0 || *input.toLevel > 9))
        problems.error("decision/to_level", "a level is 0..9");
    if (input.supersedes && !isValidId(*input.supersedes))
        problems.error("supersedes", "not a review id");

    r.annotations = input.annotations;
    r.signedAt = input.signedAt.value_or(utcNow());
    if (problems.errorCount() != before)
        return std::nullopt;
    return r;
}

} // namespace mltrl
