// "Traceability": requirement ↔ criterion ↔ evidence ↔ verdict. A requirement and a criterion
// are linked through the evidence both cite; the verdicts are those of the reviews in effect.
// Flagged: requirements at or below a gate's level whose verification or validation is still
// pending, evidence that nothing cites (requirements, criteria, cards), criteria without
// evidence.
#include "ui/packet/PacketSections.h"
#include "ui/packet/PacketWriter.h"

#include <set>

namespace mltrl::packet {

namespace {

QString joined(const std::vector<std::string> &items, const QString &empty = QStringLiteral("(none)"))
{
    QStringList out;
    for (const std::string &s : items)
        out << qs(s);
    return out.isEmpty() ? empty : out.join(QStringLiteral(", "));
}

bool shares(const std::vector<std::string> &a, const std::vector<std::string> &b)
{
    for (const std::string &x : a)
        for (const std::string &y : b)
            if (x == y)
                return true;
    return false;
}

bool pending(VvStatus s)
{
    return s == VvStatus::Pending || s == VvStatus::Unset;
}

/// "auroc: met (Rhea Search), met (Clint Ician)" from the reviews in effect of `gate`.
QString verdictsOf(const PacketModel &m, const std::vector<std::size_t> &inEffect, const std::string &gate,
                   const std::string &criterion)
{
    QStringList out;
    for (std::size_t i : inEffect) {
        const ReviewCheck &c = m.checks[i];
        if (m.reviews[i].gateId != gate || !c.record)
            continue;
        for (const CriterionVerdict &v : c.record->verdicts)
            if (v.criterion == criterion)
                out << QStringLiteral("%1 (%2%3)")
                           .arg(qs(v.verdict), qs(c.record->reviewer.name),
                                c.isValid() ? QString() : QStringLiteral(", ") + statusWords(c.status));
    }
    return out.isEmpty() ? QStringLiteral("no verdict yet") : out.join(QStringLiteral(", "));
}

} // namespace

void traceabilitySection(PageFlow &f, const PacketModel &m, const PacketFonts &fonts)
{
    const Manifest &man = m.revision.manifest;
    const std::vector<std::size_t> inEffect = reviewsInEffect(m);
    f.pageBreak();
    f.heading(QStringLiteral("Traceability"));
    f.paragraph(QStringLiteral("Requirement ↔ criterion ↔ evidence ↔ verdict. A requirement and a criterion are linked "
                               "when they cite the same evidence; verdicts are those of the reviews in effect."),
                fonts.small);
    for (const Gate *g : m.gates()) {
        f.subheading(QStringLiteral("Gate %1 (level %2)").arg(qs(g->id)).arg(g->level));
        std::vector<TableRow> rows;
        for (const Requirement &r : man.requirements) {
            if (r.level && *r.level > g->level)
                continue;
            QStringList linked;
            for (const Criterion &c : g->criteria)
                if (shares(r.evidence, c.evidence))
                    linked << QStringLiteral("%1: %2").arg(qs(c.id), verdictsOf(m, inEffect, g->id, c.id));
            const bool open = pending(r.verification) || pending(r.validation);
            const QColor bg = open ? QColor(0xfd, 0xf0, 0xd5) : Qt::transparent;
            rows.push_back(
                {{qs(r.id) + (r.level ? QStringLiteral(" L%1").arg(*r.level) : QString()), &fonts.monoSmall, bg},
                 {QStringLiteral("%1 / %2%3")
                      .arg(qs(std::string(toString(r.verification))), qs(std::string(toString(r.validation))),
                           open ? QStringLiteral(" — PENDING") : QString()),
                  &fonts.small, bg},
                 {joined(r.evidence), &fonts.monoSmall, bg},
                 {linked.isEmpty() ? QStringLiteral("(no criterion shares its evidence)")
                                   : linked.join(QStringLiteral("\n")),
                  &fonts.small, bg}});
        }
        if (rows.empty())
            f.paragraph(QStringLiteral("(no requirement at or below level %1)").arg(g->level), fonts.body);
        else
            f.table({0.20, 0.22, 0.26, 0.32},
                    {{QStringLiteral("requirement")},
                     {QStringLiteral("verification / validation")},
                     {QStringLiteral("evidence")},
                     {QStringLiteral("criteria and verdicts")}},
                    rows);
        std::vector<TableRow> crit;
        for (const Criterion &c : g->criteria) {
            std::vector<std::string> reqs;
            for (const Requirement &r : man.requirements)
                if (shares(r.evidence, c.evidence))
                    reqs.push_back(r.id);
            const QColor bg = c.evidence.empty() ? QColor(0xfd, 0xf0, 0xd5) : Qt::transparent;
            crit.push_back({{qs(c.id), &fonts.monoSmall, bg},
                            {joined(c.evidence, QStringLiteral("NO EVIDENCE")), &fonts.monoSmall, bg},
                            {joined(reqs), &fonts.monoSmall, bg},
                            {verdictsOf(m, inEffect, g->id, c.id), &fonts.small, bg}});
        }
        f.table({0.20, 0.26, 0.22, 0.32},
                {{QStringLiteral("criterion")},
                 {QStringLiteral("evidence")},
                 {QStringLiteral("requirements")},
                 {QStringLiteral("verdicts in effect")}},
                crit);

        QStringList stillPending;
        for (const Requirement &r : man.requirements)
            if (r.level && *r.level <= g->level && (pending(r.verification) || pending(r.validation)))
                stillPending << qs(r.id);
        f.paragraph(QStringLiteral("Requirements at or below level %1 still pending: %2")
                        .arg(g->level)
                        .arg(stillPending.isEmpty() ? QStringLiteral("none") : stillPending.join(QStringLiteral(", "))),
                    stillPending.isEmpty() ? fonts.body : fonts.bold);
        QStringList bare;
        for (const Criterion &c : g->criteria)
            if (c.evidence.empty())
                bare << qs(c.id) +
                            (c.isQuantitative() ? QStringLiteral(" (metric %1 only)").arg(qs(c.metric)) : QString());
        f.paragraph(QStringLiteral("Criteria with no evidence: %1")
                        .arg(bare.isEmpty() ? QStringLiteral("none") : bare.join(QStringLiteral(", "))),
                    bare.isEmpty() ? fonts.body : fonts.bold);
    }
    std::set<std::string> cited;
    for (const Requirement &r : man.requirements)
        cited.insert(r.evidence.begin(), r.evidence.end());
    for (const Gate &g : man.gates)
        for (const Criterion &c : g.criteria)
            cited.insert(c.evidence.begin(), c.evidence.end());
    for (const Card &c : man.cards)
        cited.insert(c.evidence.begin(), c.evidence.end());
    QStringList uncited;
    for (const Evidence &e : man.evidence)
        if (!cited.contains(e.id))
            uncited << qs(e.id);
    f.subheading(QStringLiteral("Evidence cited by nothing"));
    f.paragraph(uncited.isEmpty()
                    ? QStringLiteral("none: every evidence file is cited by a requirement, a criterion or a card")
                    : uncited.join(QStringLiteral(", ")),
                uncited.isEmpty() ? fonts.body : fonts.bold);
}

} // namespace mltrl::packet
