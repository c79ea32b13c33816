#include "ui/packet/PacketWriter.h"

#include "core/review/ReviewRecord.h"
#include "ui/common/Levels.h"
#include "ui/packet/PacketFigures.h"
#include "ui/packet/PacketSections.h"
#include "ui/packet/PageFlow.h"

#include <QBuffer>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>
#include <array>

namespace mltrl::packet {

QString statusWords(ReviewStatus status)
{
    switch (status) {
    case ReviewStatus::Valid:
        return QStringLiteral("valid");
    case ReviewStatus::ValidUnknownSigner:
        return QStringLiteral("unknown signer");
    case ReviewStatus::Stale:
        return QStringLiteral("stale");
    case ReviewStatus::Invalid:
        return QStringLiteral("invalid");
    }
    return {};
}

std::optional<PaperSize> paperSizeFrom(std::string_view text)
{
    const QString t = QString::fromUtf8(text.data(), qsizetype(text.size())).toLower();
    if (t == QStringLiteral("a4"))
        return PaperSize::A4;
    if (t == QStringLiteral("letter"))
        return PaperSize::Letter;
    return std::nullopt;
}

namespace {

struct Cancelled {};

QString levelText(int level)
{
    return QStringLiteral("%1 — %2").arg(level).arg(ui::levelName(level));
}

QString sizeText(std::uint64_t bytes)
{
    return QLocale::c().toString(qulonglong(bytes)) + QStringLiteral(" B");
}

/// A target as plain words, e.g. "evidence ev-eval-report, page 2".
QString targetText(const nlohmann::json &t)
{
    if (t.contains("evidence")) {
        QString s = QStringLiteral("evidence %1").arg(qs(t["evidence"].get<std::string>()));
        if (t.contains("page"))
            s += QStringLiteral(", page %1").arg(t["page"].get<int>());
        if (t.contains("line"))
            s += QStringLiteral(", line %1").arg(t["line"].get<int>());
        return s;
    }
    if (t.contains("metric"))
        return QStringLiteral("metric %1").arg(qs(t["metric"].get<std::string>()));
    if (t.contains("criterion"))
        return QStringLiteral("criterion %1/%2").arg(qs(t.value("gate", "")), qs(t["criterion"].get<std::string>()));
    if (t.contains("requirement"))
        return QStringLiteral("requirement %1").arg(qs(t["requirement"].get<std::string>()));
    if (t.contains("card"))
        return QStringLiteral("card of level %1").arg(t["card"].get<int>());
    return QStringLiteral("the project");
}

QColor verdictColor(const std::string &v)
{
    if (v == "met")
        return QColor(0xe3, 0xf4, 0xe1);
    if (v == "not_met")
        return QColor(0xfb, 0xe3, 0xe1);
    return Qt::transparent;
}

class Composer {
public:
    Composer(PageFlow &flow, const PacketModel &m, const PacketFonts &fonts, const CancelToken *cancel)
          : f(flow), m(m), fonts(fonts), cancel(cancel)
    {
    }

    void compose()
    {
        cover();
        summary();
        changesSection(f, m, fonts);
        figures();
        card();
        requirements();
        criteria();
        traceabilitySection(f, m, fonts);
        annotations();
        f.pageBreak();
        reviewHistorySection(f, m, fonts);
        evidenceIndex();
        signatures();
        check();
        verificationSection(f, m, fonts);
    }

private:
    void check() const
    {
        if (cancel && cancel->isCancelled())
            throw Cancelled{};
    }

    const ProjectInfo &project() const { return m.revision.manifest.project; }

    QString scope() const
    {
        if (m.gate) {
            const Gate *g = m.revision.manifest.findGate(*m.gate);
            return QStringLiteral("gate %1 (level %2): %3").arg(qs(g->id)).arg(g->level).arg(qs(g->title));
        }
        const std::size_t gates = m.revision.manifest.gates.size();
        return gates == 1 ? QStringLiteral("whole project (1 gate)")
                          : QStringLiteral("whole project (%1 gates)").arg(gates);
    }

    void cover()
    {
        const RevisionOverview &o = m.revision.overview;
        f.space(40);
        f.paragraph(QStringLiteral("MLTRL review packet"), fonts.heading, QColor(0x55, 0x55, 0x55));
        f.paragraph(qs(project().name), fonts.title);
        f.space(12);
        std::vector<std::pair<QString, QString>> rows{
            {QStringLiteral("Project id"), qs(project().id)},
            {QStringLiteral("Domain"), qs(project().domain)},
            {QStringLiteral("Scope"), scope()},
            {QStringLiteral("Revision"),
             QStringLiteral("%1 of %2 (imported %3)").arg(o.revision).arg(o.revisions).arg(qs(o.importedAt))},
            {QStringLiteral("Exported by the team"), qs(o.exportedAt)},
            {QStringLiteral("Current level"), levelText(o.currentLevel)},
            {QStringLiteral("Manifest SHA-256"), qs(o.manifestSha256)},
            {QStringLiteral("Packet made"), qs(m.generatedAt)},
        };
        std::vector<const QFont *> fontsOf(rows.size(), nullptr);
        fontsOf[0] = &fonts.mono;
        fontsOf[6] = &fonts.mono;
        for (const auto &[gate, status] : m.gateStatus)
            rows.emplace_back(QStringLiteral("Gate %1 status").arg(qs(gate)), gateStatusLine(m, gate));
        // Only the reviews in effect; superseded ones are in the review history (G3).
        QStringList signers;
        for (std::size_t i : reviewsInEffect(m)) {
            const ReviewCheck &c = m.checks[i];
            const QString who = c.record ? qs(c.record->reviewer.name) : QString();
            signers << QStringLiteral("%1 <%2>%3 — %4, %5, %6")
                           .arg(who, qs(m.reviews[i].reviewerEmail),
                                m.reviews[i].reviewerRole.empty()
                                    ? QString()
                                    : QStringLiteral(", ") + qs(m.reviews[i].reviewerRole),
                                qs(m.reviews[i].gateId), qs(m.reviews[i].outcome), statusWords(c.status));
        }
        rows.emplace_back(QStringLiteral("Signers"), signers.isEmpty() ? QStringLiteral("no signed reviews yet")
                                                                       : signers.join(QStringLiteral("\n")));
        if (const std::size_t superseded = m.reviews.size() - reviewsInEffect(m).size(); superseded > 0)
            rows.emplace_back(QStringLiteral("Superseded"),
                              QStringLiteral("%1 review%2 taken back by the signer: see Review history")
                                  .arg(superseded)
                                  .arg(superseded == 1 ? QString() : QStringLiteral("s")));
        if (m.changes)
            rows.emplace_back(QStringLiteral("Last signed review"),
                              QStringLiteral("on revision %1: see Changes since the last signed review")
                                  .arg(m.changes->fromRevision));
        f.keyValues(rows, fontsOf, 140);
        f.space(10);
        f.paragraph(QStringLiteral("Hashes, fingerprints and ids are set in a monospaced face: what you copy or "
                                   "extract from this PDF is exactly what to type. Every page names the first 16 hex "
                                   "digits of the manifest SHA-256 it was made from."),
                    fonts.small, QColor(0x55, 0x55, 0x55));
    }

    void summary()
    {
        f.pageBreak();
        f.heading(QStringLiteral("Summary"));
        const RevisionOverview &o = m.revision.overview;
        QString held;
        for (const std::string &id : o.heldBackBy)
            held += (held.isEmpty() ? QString() : QStringLiteral(", ")) + qs(id);
        f.keyValues(
            {{QStringLiteral("Current level"), levelText(o.currentLevel)},
             {QStringLiteral("System level"),
              o.systemLevel ? levelText(*o.systemLevel) : QStringLiteral("no components")},
             {QStringLiteral("Target level"), o.targetLevel ? levelText(*o.targetLevel) : QStringLiteral("not stated")},
             {QStringLiteral("Holding the system back"), held.isEmpty() ? QStringLiteral("—") : held}});
        f.subheading(QStringLiteral("Decisions"));
        bool any = false;
        for (std::size_t i : reviewsInEffect(m)) {
            const ReviewCheck &c = m.checks[i];
            if (!c.record)
                continue;
            any = true;
            const ReviewDecision &d = c.record->decision;
            const Gate *gate = m.revision.manifest.findGate(m.reviews[i].gateId);
            const bool selfDeclared = gate && !gate->signoffs.empty() && c.isValid() && !m.standings[i].roleGranted;
            QString text =
                QStringLiteral("%1 — %2 by %3 (%4, %5)%6, %7")
                    .arg(qs(m.reviews[i].gateId), qs(d.outcome), qs(c.record->reviewer.name),
                         qs(c.record->reviewer.role.empty() ? "no role" : c.record->reviewer.role),
                         statusWords(c.status), selfDeclared ? QStringLiteral(", role self-declared") : QString(),
                         reviewTag(m.reviews[i]));
            if (d.toLevel)
                text += QStringLiteral(", to level %1").arg(*d.toLevel);
            f.paragraph(text, fonts.body);
            for (const std::string &cond : d.conditions)
                f.paragraph(QStringLiteral("Condition: ") + qs(cond), fonts.body, Qt::black, 14);
            if (d.rationale)
                f.paragraph(QStringLiteral("Rationale: ") + qs(*d.rationale), fonts.body, Qt::black, 14);
        }
        if (!any)
            f.paragraph(QStringLiteral("No signed review in effect."), fonts.body);
        for (const Gate *g : m.gates())
            f.paragraph(QStringLiteral("Gate %1: %2").arg(qs(g->id), gateStatusLine(m, g->id)), fonts.body);
        f.subheading(QStringLiteral("Open annotations by severity"));
        std::map<std::string, int> open;
        for (const Annotation &a : m.annotations)
            if (a.status == "open")
                ++open[a.severity];
        f.keyValues({{QStringLiteral("blocker"), QString::number(open["blocker"])},
                     {QStringLiteral("major"), QString::number(open["major"])},
                     {QStringLiteral("minor"), QString::number(open["minor"])},
                     {QStringLiteral("info"), QString::number(open["info"])}});
        f.subheading(QStringLiteral("Quantitative criteria"));
        for (const Gate *g : m.gates()) {
            int met = 0, notMet = 0, unknown = 0;
            if (const GateOverview *go = gateOverview(g->id))
                for (const CriterionOverview &c : go->criteria) {
                    if (c.metric.empty())
                        continue;
                    (c.suggested == "met" ? met : c.suggested == "not_met" ? notMet : unknown)++;
                }
            f.paragraph(QStringLiteral("%1: %2 met, %3 not met, %4 without an observed value (suggested by the "
                                       "workbench; the reviewers decide)")
                            .arg(qs(g->id))
                            .arg(met)
                            .arg(notMet)
                            .arg(unknown),
                        fonts.body);
            if (const GateOverview *go = gateOverview(g->id))
                for (const CriterionOverview &c : go->criteria)
                    if (!c.metric.empty())
                        f.paragraph(QStringLiteral("%1: observed %2, suggested %3")
                                        .arg(qs(c.id),
                                             c.observed ? readableNumber(*c.observed) : QStringLiteral("no value"),
                                             c.suggested ? qs(*c.suggested) : QStringLiteral("—")),
                                    fonts.small, Qt::black, 12);
        }
    }

    const GateOverview *gateOverview(const std::string &id) const
    {
        for (const GateOverview &g : m.revision.overview.gates)
            if (g.id == id)
                return &g;
        return nullptr;
    }

    void figures()
    {
        f.pageBreak();
        f.heading(QStringLiteral("Figures"));
        f.subheading(QStringLiteral("MLTRL track"));
        f.box(118, [&](QPainter &p, const QRectF &r, double k) { drawTrack(p, r, k, fonts, m.revision); });
        f.subheading(QStringLiteral("Level history"));
        f.box(170, [&](QPainter &p, const QRectF &r, double k) { drawHistory(p, r, k, fonts, m.revision); });
        for (const MetricFigure &fig : m.figures) {
            check();
            f.ensure(250);
            f.subheading(QStringLiteral("Metric %1 — %2").arg(qs(fig.metric.id), qs(fig.metric.title)));
            f.box(190, [&](QPainter &p, const QRectF &r, double k) { drawMetric(p, r, k, fonts, fig); });
            QString crit;
            for (std::size_t i = 0; i < fig.criteria.size(); ++i) {
                const Criterion &c = fig.criteria[i];
                const CriterionOverview *co = m.revision.criterion(fig.gates[i], c.id);
                crit +=
                    QStringLiteral("%1/%2: %3 of %4%5 %6 %7. ")
                        .arg(qs(fig.gates[i]), qs(c.id), qs(std::string(toString(c.aggregate))),
                             c.series.empty() ? QStringLiteral("all points") : QStringLiteral("series ") + qs(c.series),
                             co && co->observed ? QStringLiteral(" = ") + readableNumber(*co->observed) : QString(),
                             qs(std::string(toString(c.op))),
                             c.threshold ? readableNumber(*c.threshold) : QStringLiteral("(no threshold)"));
            }
            f.paragraph(metricCaption(fig) +
                            QStringLiteral(" Shading: green passes, red fails the first threshold; "
                                           "dashed lines are thresholds; values rounded for reading (exact ones in the "
                                           "criteria table). ") +
                            crit,
                        fonts.small, QColor(0x44, 0x44, 0x44));
        }
    }

    void card()
    {
        const int level = m.gate ? m.revision.manifest.findGate(*m.gate)->level : m.revision.overview.currentLevel;
        const Card *c = nullptr;
        for (const Card &x : m.revision.manifest.cards)
            if (x.level == level && x.component.empty())
                c = &x;
        f.pageBreak();
        f.heading(QStringLiteral("MLTRL card of level %1").arg(levelText(level)));
        if (!c) {
            f.paragraph(QStringLiteral("The project has no card for this level."), fonts.body);
            return;
        }
        f.keyValues({{QStringLiteral("Updated"), qs(c->updated)}});
        const std::array<std::pair<const char *, const std::string *>, 6> sections{
            {{"TL;DR", &c->tldr},
             {"Model / algorithm", &c->modelInfo},
             {"Intended use", &c->intendedUse},
             {"Testing status", &c->testingStatus},
             {"Data considerations", &c->dataConsiderations},
             {"Caveats", &c->caveats}}};
        // Every section, an empty one printed as "(empty)": a reader must see it was left empty.
        const QString empty = QStringLiteral("(empty)");
        for (const auto &[title, text] : sections) {
            f.subheading(QString::fromUtf8(title));
            f.paragraph(text->empty() ? empty : qs(*text), fonts.body,
                        text->empty() ? QColor(0x77, 0x77, 0x77) : Qt::black);
        }
        f.subheading(QStringLiteral("Stage debrief"));
        if (c->debrief.empty())
            f.paragraph(empty, fonts.body, QColor(0x77, 0x77, 0x77));
        for (const DebriefItem &d : c->debrief) {
            f.paragraph(qs(d.question), fonts.bold);
            f.paragraph(d.answer.empty() ? empty : qs(d.answer), fonts.body, Qt::black, 10);
        }
        for (const auto &[title, list] : {std::pair(QStringLiteral("Requirements of the card"), &c->requirements),
                                          std::pair(QStringLiteral("Evidence of the card"), &c->evidence)}) {
            f.subheading(title);
            QStringList items;
            for (const std::string &id : *list)
                items << qs(id);
            f.paragraph(items.isEmpty() ? empty : items.join(QStringLiteral(", ")),
                        items.isEmpty() ? fonts.body : fonts.mono,
                        items.isEmpty() ? QColor(0x77, 0x77, 0x77) : Qt::black);
        }
    }

    void requirements()
    {
        f.heading(QStringLiteral("Requirements"));
        const std::optional<int> upTo =
            m.gate ? std::optional(m.revision.manifest.findGate(*m.gate)->level) : std::nullopt;
        std::vector<TableRow> rows;
        for (const Requirement &r : m.revision.manifest.requirements) {
            if (upTo && r.level && *r.level > *upTo)
                continue;
            const std::optional<double> risk = r.riskScore();
            const bool failed = r.verification == VvStatus::Failed || r.validation == VvStatus::Failed;
            const QColor bg = failed ? QColor(0xfb, 0xe3, 0xe1) : Qt::transparent;
            rows.push_back(
                {{qs(r.id), &fonts.monoSmall, bg},
                 {qs(r.text), nullptr, bg},
                 {qs(r.kind) + (r.level ? QStringLiteral(" L%1").arg(*r.level) : QString()), &fonts.small, bg},
                 {qs(std::string(toString(r.verification))), &fonts.small, bg, 1, true},
                 {qs(std::string(toString(r.validation))), &fonts.small, bg, 1, true},
                 {risk ? QString::number(*risk, 'f', 3) : QStringLiteral("—"), &fonts.small, bg, 1, true}});
        }
        if (upTo)
            f.paragraph(QStringLiteral("Requirements of levels up to %1 (and those without a level).").arg(*upTo),
                        fonts.small);
        if (rows.empty()) {
            f.paragraph(QStringLiteral("No requirements."), fonts.body);
            return;
        }
        f.table({0.18, 0.44, 0.11, 0.09, 0.09, 0.09},
                {{QStringLiteral("id")},
                 {QStringLiteral("requirement")},
                 {QStringLiteral("kind")},
                 {QStringLiteral("verif.")},
                 {QStringLiteral("valid.")},
                 {QStringLiteral("risk")}},
                rows);
    }

    void criteria()
    {
        for (const Gate *g : m.gates()) {
            check();
            f.pageBreak();
            f.heading(QStringLiteral("Criteria of %1 (level %2): %3").arg(qs(g->id)).arg(g->level).arg(qs(g->title)));
            const GateOverview *go = gateOverview(g->id);
            std::vector<TableRow> rows;
            for (const Criterion &c : g->criteria) {
                const CriterionOverview *co = nullptr;
                if (go)
                    for (const CriterionOverview &x : go->criteria)
                        if (x.id == c.id)
                            co = &x;
                const QString observed = co && co->observed ? qs(shortestDouble(*co->observed))
                                                            : (c.isQuantitative() ? QStringLiteral("no value")
                                                                                  : QStringLiteral("qualitative"));
                const QString threshold = c.threshold ? qs(std::string(toString(c.op))) + QStringLiteral(" ") +
                                                            qs(shortestDouble(*c.threshold))
                                                      : QStringLiteral("—");
                const std::string suggested = co && co->suggested ? *co->suggested : std::string();
                QString measure =
                    c.isQuantitative()
                        ? qs(std::string(toString(c.aggregate))) + QStringLiteral(" of ") + qs(c.metric) +
                              (c.series.empty() ? QString() : QStringLiteral(" [") + qs(c.series) + QStringLiteral("]"))
                        : QStringLiteral("reviewer judgement");
                // Exact values, in a face and a cell that never break inside a number.
                rows.push_back(
                    {{qs(c.id), &fonts.mono, QColor(0xf2, 0xf2, 0xf2)},
                     {measure, &fonts.small, QColor(0xf2, 0xf2, 0xf2)},
                     {observed, &fonts.mono, QColor(0xf2, 0xf2, 0xf2), 1, true},
                     {threshold, &fonts.mono, QColor(0xf2, 0xf2, 0xf2), 1, true},
                     {suggested.empty() ? QStringLiteral("—") : qs(suggested), &fonts.small, verdictColor(suggested)}});
                rows.push_back({{qs(c.text), nullptr, Qt::transparent, 5}});
                // The verdicts of the reviews in effect, each naming its review (G3: superseded
                // reviews are in the review history).
                for (std::size_t i : reviewsInEffect(m)) {
                    const ReviewCheck &chk = m.checks[i];
                    if (m.reviews[i].gateId != g->id || !chk.record)
                        continue;
                    for (const CriterionVerdict &v : chk.record->verdicts)
                        if (v.criterion == c.id)
                            rows.push_back(
                                {{QStringLiteral("%1 (%2, %3)\n%4")
                                      .arg(qs(chk.record->reviewer.name), qs(chk.record->reviewer.role),
                                           statusWords(chk.status), reviewTag(m.reviews[i])),
                                  &fonts.small, Qt::transparent, 2},
                                 {qs(v.verdict) +
                                      (v.fromSuggestion ? QStringLiteral(" — suggestion accepted") : QString()),
                                  &fonts.small, verdictColor(v.verdict)},
                                 {v.note ? qs(*v.note) : QString(), &fonts.small, Qt::transparent, 2}});
                }
            }
            f.table({0.16, 0.30, 0.17, 0.19, 0.18},
                    {{QStringLiteral("criterion")},
                     {QStringLiteral("measure")},
                     {QStringLiteral("observed")},
                     {QStringLiteral("threshold")},
                     {QStringLiteral("suggested")}},
                    rows);
        }
    }

    void annotations()
    {
        f.pageBreak();
        f.heading(QStringLiteral("Annotations"));
        if (m.annotations.empty())
            f.paragraph(QStringLiteral("No annotations on this revision."), fonts.body);
        for (const char *severity : {"blocker", "major", "minor", "info"}) {
            std::vector<const Annotation *> list;
            for (const Annotation &a : m.annotations)
                if (a.severity == severity)
                    list.push_back(&a);
            if (list.empty())
                continue;
            f.subheading(QStringLiteral("%1 (%2)").arg(QString::fromUtf8(severity)).arg(list.size()));
            for (const Annotation *a : list) {
                check();
                f.paragraph(QStringLiteral("%1 — %2, %3, by %4")
                                .arg(targetText(a->target), qs(a->status), qs(a->created),
                                     a->author.empty() ? QStringLiteral("(author not recorded)") : qs(a->author)),
                            fonts.bold, Qt::black, 6);
                if (const auto line = m.annotatedLines.find(a->id); line != m.annotatedLines.end())
                    f.paragraph(
                        QStringLiteral("Line %1: \u201c%2\u201d").arg(a->target.value("line", 0)).arg(qs(line->second)),
                        fonts.mono, QColor(0x33, 0x33, 0x33), 12);
                f.paragraph(qs(a->text), fonts.body, Qt::black, 6);
                f.paragraph(qs(a->id), fonts.monoSmall, QColor(0x55, 0x55, 0x55), 6);
                if (const auto crop = m.crops.find(a->id); crop != m.crops.end())
                    cropBox(crop->second);
                else if (const auto why = m.cropsNotShown.find(a->id); why != m.cropsNotShown.end())
                    f.paragraph(QStringLiteral("[crop not shown: %1]").arg(why->second), fonts.small,
                                QColor(0x8a, 0x1c, 0x1c), 6);
                f.space(4);
            }
        }
    }

    void cropBox(const EvidenceCrop &crop)
    {
        const QSizeF size = QSizeF(crop.image.size()).scaled(QSizeF(f.contentWidth() - 12, 220), Qt::KeepAspectRatio);
        f.box(size.height() + 4, [&](QPainter &p, const QRectF &r, double k) {
            const QRectF target(r.left() + 6 * k, r.top(), size.width() * k, size.height() * k);
            p.drawImage(target, crop.image);
            p.setPen(QPen(QColor(0x88, 0x88, 0x88), 0.5 * k));
            p.drawRect(target);
        });
        f.paragraph(QStringLiteral("Crop: ") + crop.caption, fonts.small, QColor(0x44, 0x44, 0x44), 6);
    }

    void evidenceIndex()
    {
        f.pageBreak();
        f.heading(QStringLiteral("Evidence index"));
        const std::size_t files = m.revision.manifest.evidence.size();
        f.paragraph(QStringLiteral("Every evidence file of revision %1 (%2). SHA-256 of the stored bytes; "
                                   "\"declared\" when the manifest states the same hash.")
                        .arg(m.revision.overview.revision)
                        .arg(files == 1 ? QStringLiteral("1 file") : QStringLiteral("%1 files").arg(files)),
                    fonts.small);
        std::vector<TableRow> rows;
        rows.reserve(2 * m.revision.manifest.evidence.size());
        for (const Evidence &e : m.revision.manifest.evidence) {
            const StoredFile *file = m.revision.fileFor(e.path);
            const std::string hash = file ? file->sha256 : e.sha256;
            rows.push_back({{qs(e.id), &fonts.monoSmall},
                            {qs(e.title.empty() ? e.path : e.title), &fonts.small},
                            {qs(e.kind), &fonts.small},
                            {e.level ? QString::number(*e.level) : QStringLiteral("—"), &fonts.small},
                            {file ? sizeText(file->size) : QStringLiteral("missing"), &fonts.small}});
            const QString declared = e.sha256.empty() ? QStringLiteral("  (not declared)")
                                                      : (e.sha256 == hash ? QStringLiteral("  declared")
                                                                          : QStringLiteral("  DECLARED DIFFERS"));
            rows.push_back({{QStringLiteral("SHA-256 ") + qs(hash) + declared, &fonts.monoSmall, Qt::transparent, 5}});
            // DICOM: what the de-identification check found at import (docs/dicom.md).
            if (const dicom::DeidentificationCheck *check = m.revision.dicomCheck(e.id)) {
                const std::optional<bool> id = check->identified();
                const QString what =
                    !id   ? QStringLiteral("DICOM: not checked (%1)").arg(qs(check->problem))
                    : *id ? QStringLiteral("DICOM: IDENTIFIES A PATIENT: %1").arg(qs(check->summary()))
                          : QStringLiteral("DICOM: de-identified (no PS3.15 basic-profile attribute with a value)");
                rows.push_back(
                    {{what, &fonts.small, id.value_or(true) ? QColor(0xfd, 0xe2, 0xe2) : Qt::transparent, 5}});
            }
        }
        f.table({0.22, 0.40, 0.14, 0.08, 0.16},
                {{QStringLiteral("id")},
                 {QStringLiteral("title")},
                 {QStringLiteral("kind")},
                 {QStringLiteral("level")},
                 {QStringLiteral("size")}},
                rows);
    }

    void signatures()
    {
        f.pageBreak();
        f.heading(QStringLiteral("Signatures"));
        f.paragraph(QStringLiteral("Status: valid (signature holds, signer trusted), unknown signer (signature holds, "
                                   "signer not in the allowed signers), stale (signature holds but the evidence or "
                                   "manifest changed since), invalid. To check a review with stock OpenSSH, export the "
                                   "revision (mltrl export %1 -o %1.mltrl), unpack it, and run the command shown in "
                                   "its folder; allowed_signers is your list of trusted reviewer keys.")
                        .arg(qs(project().id)),
                    fonts.small);
        if (m.reviews.empty())
            f.paragraph(QStringLiteral("No signed reviews."), fonts.body);
        for (std::size_t i = 0; i < m.reviews.size(); ++i) {
            check();
            const StoredReview &r = m.reviews[i];
            const ReviewCheck &c = m.checks[i];
            f.ensure(150);
            f.subheading(QStringLiteral("Review of %1 — %2").arg(qs(r.gateId), statusWords(c.status)));
            QString reasons;
            for (const std::string &why : c.reasons)
                reasons += (reasons.isEmpty() ? QString() : QStringLiteral("\n")) + qs(why);
            std::vector<std::pair<QString, QString>> rows{
                {QStringLiteral("Reviewer"),
                 c.record ? qs(c.record->reviewer.name) : QStringLiteral("(unreadable record)")},
                {QStringLiteral("Role"), qs(r.reviewerRole)},
                {QStringLiteral("Email"), qs(r.reviewerEmail)},
                {QStringLiteral("Key fingerprint"), qs(c.fingerprint)},
                {QStringLiteral("Signed at"), qs(r.signedAt)},
                {QStringLiteral("Status"),
                 statusWords(c.status) + (reasons.isEmpty() ? QString() : QStringLiteral("\n") + reasons)},
                {QStringLiteral("Outcome"), qs(r.outcome)},
                {QStringLiteral("Review id"), qs(r.id)},
                {QStringLiteral("Revision signed"), QString::number(r.revisionNumber)}};
            if (m.supersededBy[i])
                rows.emplace_back(QStringLiteral("Superseded"), supersededWords(*m.supersededBy[i]));
            else if (m.standings[i].counted)
                rows.emplace_back(QStringLiteral("Counted"),
                                  QStringLiteral("yes, towards the status of %1").arg(qs(r.gateId)));
            else
                rows.emplace_back(QStringLiteral("Counted"), QStringLiteral("no"));
            std::vector<const QFont *> fontsOf(rows.size(), nullptr);
            fontsOf[2] = &fonts.mono;
            fontsOf[3] = &fonts.mono;
            fontsOf[7] = &fonts.mono;
            f.keyValues(rows, fontsOf, 110);
            f.codeLine(qs(verifyCommand(r.reviewerEmail, r.id)), fonts.monoSmall, QColor(0x1a, 0x2a, 0x44), 6);
        }
    }

    PageFlow &f;
    const PacketModel &m;
    const PacketFonts &fonts;
    const CancelToken *cancel;
};

void setUp(QPdfWriter &writer, const PacketModel &model, const RenderOptions &options)
{
    writer.setResolution(720); // 10 device units per point: exact positions, unhinted text
    writer.setPageSize(QPageSize(options.paper == PaperSize::A4 ? QPageSize::A4 : QPageSize::Letter));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setTitle(QStringLiteral("MLTRL review packet: %1").arg(qs(model.revision.manifest.project.name)));
    writer.setCreator(QStringLiteral("MLTRL Workbench " MLTRL_VERSION));
    if (options.pdfA1b && !options.attachments)
        writer.setPdfVersion(QPagedPaintDevice::PdfVersion_A1b);
}

PageFrame frameOf(const PacketModel &m)
{
    const RevisionOverview &o = m.revision.overview;
    return {QStringLiteral("%1 · %2 · revision %3")
                .arg(qs(o.id), m.gate ? QStringLiteral("gate ") + qs(*m.gate) : QStringLiteral("all gates"))
                .arg(o.revision),
            QStringLiteral("manifest %1").arg(qs(o.manifestSha256.substr(0, 16)))};
}

} // namespace

std::optional<RenderedPacket> renderPacket(const PacketModel &model, const RenderOptions &options, Problems &problems,
                                           const CancelToken *cancel, const PageProgressFn &progress)
{
    const PacketFonts fonts = PacketFonts::make();
    try {
        // Pass 1: lay out without painting, to know the page count.
        int pages = 0;
        {
            QBuffer scratch;
            scratch.open(QIODevice::WriteOnly);
            QPdfWriter writer(&scratch);
            setUp(writer, model, options);
            PageFlow flow(&writer, nullptr, fonts, frameOf(model), 0, [] {});
            Composer(flow, model, fonts, cancel).compose();
            pages = flow.page();
        }
        // Pass 2: the same layout, painted.
        RenderedPacket out;
        QBuffer buffer(&out.pdf);
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter writer(&buffer);
        setUp(writer, model, options);
        QPainter painter(&writer);
        int page = 1;
        PageFlow flow(&writer, &painter, fonts, frameOf(model), pages, [&] {
            if (progress)
                progress(page, pages);
            ++page;
            writer.newPage();
        });
        Composer(flow, model, fonts, cancel).compose();
        painter.end();
        if (progress)
            progress(pages, pages);
        out.pages = flow.page();
        if (options.attachments) {
            std::string error;
            auto attached = PdfAttachments::embed(out.pdf, packetAttachments(model), error);
            if (!attached) {
                problems.error("packet", error);
                return std::nullopt;
            }
            out.pdf = std::move(*attached);
        }
        return out;
    } catch (const Cancelled &) {
        problems.error("packet", "cancelled");
        return std::nullopt;
    }
}

} // namespace mltrl::packet
