#include "review/ReviewBuilder.h"

#include "crypto/SshPublicKey.h"
#include "crypto/Ed25519Key.h"
#include "manifest/ManifestParser.h"
#include "review/AuditLog.h"
#include "store/RevisionData.h"

#include <QUuid>

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace mltrl {

std::optional<VerdictInput> VerdictInput::parse(std::string_view spec, Problems &problems)
{
    const std::size_t eq = spec.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        problems.error("--verdict", fmt::format("\"{}\" is not CRITERION=VERDICT[:NOTE]", spec));
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
        problems.error("--verdict", fmt::format("\"{}\" is not met, not_met, waived or not_applicable", v.verdict));
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

void ReviewBuilder::buildVerdicts(const ReviewInput &input, const Gate &gate, ReviewRecord &record,
                                  Problems &problems) const
{
    std::set<std::string> seen;
    for (const VerdictInput &v : input.verdicts) {
        const std::string where = fmt::format("--verdict {}", v.criterion);
        const auto crit = std::find_if(gate.criteria.begin(), gate.criteria.end(),
                                       [&](const Criterion &c) { return c.id == v.criterion; });
        if (crit == gate.criteria.end()) {
            problems.error(where, fmt::format("gate \"{}\" has no criterion \"{}\"", gate.id, v.criterion));
            continue;
        }
        if (!seen.insert(v.criterion).second) {
            problems.error(where, "a criterion gets one verdict");
            continue;
        }
        if (!isVerdict(v.verdict))
            problems.error(where, fmt::format("\"{}\" is not met, not_met, waived or not_applicable", v.verdict));
        if ((v.verdict == "waived" || v.verdict == "not_met") && (!v.note || v.note->empty()))
            problems.error(where, fmt::format("a {} verdict needs a note (CRITERION={}:NOTE)", v.verdict, v.verdict));
    }
    // Verdicts in the gate's criterion order, each with the stored observed value.
    for (const Criterion &c : gate.criteria) {
        const auto given = std::find_if(input.verdicts.begin(), input.verdicts.end(),
                                        [&](const VerdictInput &v) { return v.criterion == c.id; });
        if (given == input.verdicts.end()) {
            problems.error(fmt::format("--verdict {}", c.id),
                           fmt::format("criterion \"{}\" of gate \"{}\" needs a verdict", c.id, gate.id));
            continue;
        }
        CriterionVerdict out;
        out.criterion = c.id;
        out.verdict = given->verdict;
        out.note = given->note && !given->note->empty() ? given->note : std::nullopt;
        if (const CriterionOverview *stored = m_revision.criterion(gate.id, c.id))
            out.observed = stored->observed;
        record.verdicts.push_back(std::move(out));
    }
}

std::optional<ReviewRecord> ReviewBuilder::build(const ReviewInput &input, Problems &problems) const
{
    const std::size_t before = problems.errorCount();
    const Manifest &manifest = m_revision.manifest;
    const Gate *gate = manifest.findGate(input.gate);
    if (!gate) {
        problems.error("--gate", fmt::format("project \"{}\" has no gate \"{}\"", manifest.project.id, input.gate));
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
        problems.error("--name", "the reviewer's name is needed");
    if (r.reviewer.email.empty())
        problems.error("--email", "the reviewer's email is needed (it is the allowed-signers principal)");
    std::string keyError;
    if (!SshPublicKey::fromOpenSsh(r.reviewer.publicKey, &keyError))
        problems.error("--key", fmt::format("the reviewer's public key cannot be used: {}", keyError));

    buildVerdicts(input, *gate, r, problems);

    r.decision.outcome = input.outcome;
    r.decision.toLevel = input.toLevel;
    r.decision.conditions = input.conditions;
    r.decision.rationale = input.rationale && !input.rationale->empty() ? input.rationale : std::nullopt;
    if (!isOutcome(input.outcome))
        problems.error("--outcome", fmt::format("\"{}\" is not advance, advance_with_conditions, hold or switchback",
                                                input.outcome));
    if (input.outcome == "advance_with_conditions" && input.conditions.empty())
        problems.error("--condition", "advance_with_conditions needs at least one condition");
    if (input.outcome == "switchback" && (!input.toLevel || *input.toLevel >= gate->level || *input.toLevel < 0))
        problems.error("--to-level",
                       fmt::format("a switchback needs --to-level below the gate's level {}", gate->level));
    if (input.toLevel && (*input.toLevel < 0 || *input.toLevel > 9))
        problems.error("--to-level", "a level is 0..9");
    if (input.supersedes && !isValidId(*input.supersedes))
        problems.error("--supersedes", "not a review id");

    r.annotations = input.annotations;
    r.signedAt = input.signedAt.value_or(utcNow());
    if (problems.errorCount() != before)
        return std::nullopt;
    return r;
}

} // namespace mltrl
