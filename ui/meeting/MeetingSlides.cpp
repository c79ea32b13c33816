#include "meeting/MeetingSlides.h"

#include "annotations/AnnotationEditor.h"
#include "annotations/AnnotationPlace.h"
#include "common/Levels.h"
#include "annotations/EvidenceAnnotationLayer.h"
#include "evidence/EvidenceSource.h"
#include "evidence/EvidenceViewer.h"
#include "meeting/MeetingSession.h"
#include "overview/MltrlTrackWidget.h"
#include "plots/MetricPlot.h"
#include "review/ReviewChecks.h"
#include "review/ReviewDraft.h"
#include "session/ProjectContext.h"

#include "qcustomplot.h"

#include <QHBoxLayout>
#include <QRectF>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>

namespace mltrl::ui {

using meeting::Text;

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

QString esc(const std::string &s)
{
    return qs(s).toHtmlEscaped();
}

/// "min of sensitivity_by_site (series p95) ≥ 0.9".
QString thresholdText(const Criterion &c)
{
    QString text = QStringLiteral("%1 of %2").arg(QString::fromUtf8(toString(c.aggregate).data()), qs(c.metric));
    if (!c.series.empty())
        text += QStringLiteral(" (%1)").arg(qs(c.series));
    const QString op = QString::fromUtf8(toString(c.op).data())
                           .replace(QStringLiteral(">="), QStringLiteral("≥"))
                           .replace(QStringLiteral("<="), QStringLiteral("≤"));
    return QStringLiteral("%1 %2 %3").arg(text, op, c.threshold ? exactNumber(*c.threshold) : QStringLiteral("—"));
}

QString noteHtml(const std::string &note)
{
    return note.empty() ? QString() : QStringLiteral("<i>Note: %1</i>").arg(esc(note).replace(QLatin1Char('\n'), QStringLiteral("<br>")));
}

/// Axis labels and ticks large enough for the back of the room.
void enlargePlot(MetricPlot *plot, const meeting::Style &style)
{
    QCustomPlot *p = plot->plot();
    QFont ticks;
    ticks.setPixelSize(style.px(18));
    QFont labels = ticks;
    labels.setPixelSize(style.px(20));
    for (QCPAxis *axis : {p->xAxis, p->yAxis}) {
        axis->setTickLabelFont(ticks);
        axis->setLabelFont(labels);
    }
    QFont legend = ticks;
    legend.setPixelSize(style.px(14));   // the legend must not hide the curve it explains
    p->legend->setFont(legend);
}

} // namespace

// ---------------------------------------------------------------------------------------------

MeetingSlide::MeetingSlide(MeetingSession *session, const meeting::Style &style, AgendaItem item, QWidget *parent)
    : QWidget(parent), m_session(session), m_style(style), m_item(item)
{
    setAutoFillBackground(true);
    setPalette(meeting::Style::palette());
}

nlohmann::json MeetingSlide::annotationTarget() const
{
    return {{"project", true}};
}

QLabel *MeetingSlide::label(Text role, bool bold, const QString &objectName)
{
    auto *l = new QLabel(this);
    l->setFont(m_style.font(role, bold));
    l->setWordWrap(true);
    l->setTextFormat(Qt::RichText);
    l->setObjectName(objectName);
    return l;
}

// ---------------------------------------------------------------------------------------------

TitleSlide::TitleSlide(MeetingSession *session, const meeting::Style &style, QWidget *parent)
    : MeetingSlide(session, style, {AgendaItem::Kind::Title, -1}, parent), m_track(new MltrlTrackWidget(this))
{
    setObjectName(QStringLiteral("meetingTitleSlide"));
    const RevisionData &r = session->revision();
    const RevisionOverview &o = r.overview;
    const Gate &gate = session->gate();

    QLabel *project = label(Text::Title, true, QStringLiteral("meetingProject"));
    project->setText(esc(r.manifest.project.name));
    QLabel *gateLabel = label(Text::Heading, true, QStringLiteral("meetingGateTitle"));
    gateLabel->setText(esc(gate.title));
    QLabel *where = label(Text::Body);
    where->setText(QStringLiteral("%1 · revision %2 of %3 · %4")
                       .arg(esc(o.id))
                       .arg(o.revision)
                       .arg(o.revisions)
                       .arg(esc(gate.id)));

    QList<TrackComponent> components;
    QStringList holders;
    for (const Component &c : r.manifest.components) {
        const bool held = std::find(o.heldBackBy.begin(), o.heldBackBy.end(), c.id) != o.heldBackBy.end();
        components.append({qs(c.id), qs(c.name), c.level, held});
        if (held)
            holders << QStringLiteral("<b>◆ %1</b>").arg(esc(c.id));
    }
    m_track->setObjectName(QStringLiteral("meetingTrack"));
    // The track across the slide at projector size: its distances × 1.5, its type the
    // meeting's (the component and level labels at 85 % of it).
    m_track->setScale(1.5 * style.scale());
    QFont trackFont;
    trackFont.setPixelSize(style.px(23));
    m_track->setFont(trackFont);
    m_track->setCalloutShown(false);
    m_track->setTrack(o.currentLevel, o.targetLevel, o.systemLevel, components);
    m_track->setMinimumHeight(m_track->sizeHint().height());
    m_track->setMinimumWidth(0);

    // Where the project stands and what holds it back, said in large type (the track's own
    // sentence is too long for the back of the room).
    m_standing = label(Text::Heading, false, QStringLiteral("meetingStanding"));
    QString standing = QStringLiteral("At level <b>%1</b>").arg(o.currentLevel);
    if (o.targetLevel)
        standing += QStringLiteral(" · target <b>%1</b>").arg(*o.targetLevel);
    if (o.systemLevel && !holders.isEmpty())
        standing += QStringLiteral(" · held back by %1 (level %2)").arg(holders.join(QStringLiteral(", "))).arg(*o.systemLevel);
    m_standing->setText(standing);

    m_summary = label(Text::Body, false, QStringLiteral("meetingTitleSummary"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(style.px(40), style.px(16), style.px(40), style.px(12));
    layout->setSpacing(style.px(6));
    layout->addWidget(project);
    layout->addWidget(gateLabel);
    layout->addWidget(where);
    layout->addStretch(1);
    layout->addWidget(m_track);
    layout->addWidget(m_standing);
    layout->addStretch(1);
    layout->addWidget(m_summary);
    refresh();
}

QString TitleSlide::standingText() const
{
    return m_standing->text();
}

QString TitleSlide::summaryText() const
{
    return m_summary->text();
}

void TitleSlide::refresh()
{
    const RevisionData &r = m_session->revision();
    const Gate &gate = m_session->gate();
    int quantitative = 0, met = 0, notMet = 0, decided = 0;
    const ReviewDraft &draft = m_session->draft();
    for (const Criterion &c : gate.criteria) {
        if (const DraftVerdict *v = draft.verdictFor(c.id); v && v->verdict)
            ++decided;
        if (!c.isQuantitative())
            continue;
        ++quantitative;
        const CriterionOverview *o = r.criterion(gate.id, c.id);
        if (o && o->suggested == std::optional<std::string>("met"))
            ++met;
        else if (o && o->suggested == std::optional<std::string>("not_met"))
            ++notMet;
    }
    int blockers = 0;
    for (const Annotation &a : m_session->openSerious())
        blockers += a.severity == "blocker" ? 1 : 0;
    const int majors = static_cast<int>(m_session->openSerious().size()) - blockers;
    m_summary->setText(
        QStringLiteral("%1 criteria, %2 with a metric: %3 · %4 · verdicts entered: %7 of %1<br>Open annotations: %5 · %6")
            .arg(gate.criteria.size())
            .arg(quantitative)
            .arg(meeting::verdictCue(QStringLiteral("met")).html() + QStringLiteral(" %1").arg(met),
                 meeting::verdictCue(QStringLiteral("not_met")).html() + QStringLiteral(" %1").arg(notMet))
            .arg(meeting::severityCue(QStringLiteral("blocker")).html() + QStringLiteral(" %1").arg(blockers),
                 meeting::severityCue(QStringLiteral("major")).html() + QStringLiteral(" %1").arg(majors))
            .arg(decided));
}

// ---------------------------------------------------------------------------------------------

CriterionSlide::CriterionSlide(MeetingSession *session, const meeting::Style &style, AgendaItem item, QWidget *parent)
    : MeetingSlide(session, style, item, parent)
{
    setObjectName(QStringLiteral("meetingCriterionSlide"));
    const Criterion &c = criterion();
    const RevisionData &r = session->revision();

    QLabel *position = label(Text::Small);
    position->setText(QStringLiteral("Criterion %1 of %2 · <b>%3</b>")
                          .arg(item.criterion + 1)
                          .arg(session->gate().criteria.size())
                          .arg(esc(c.id)));
    QLabel *text = label(Text::Heading, true, QStringLiteral("meetingCriterionText"));
    text->setText(esc(c.text));
    m_facts = label(Text::Body, false, QStringLiteral("meetingCriterionFacts"));
    m_decision = label(Text::Heading, true, QStringLiteral("meetingVerdict"));
    m_remarks = label(Text::Body, false, QStringLiteral("meetingNote"));

    auto *content = new QHBoxLayout;
    content->setSpacing(style.px(20));
    if (const Metric *metric = c.isQuantitative() ? r.manifest.findMetric(c.metric) : nullptr) {
        m_plot = new MetricPlot(this);
        m_plot->setObjectName(QStringLiteral("meetingPlot"));
        enlargePlot(m_plot, style);
        std::optional<PlotThreshold> threshold;
        if (c.threshold)
            threshold = PlotThreshold{*c.threshold, c.op};
        m_plot->load(session->context()->store(), r.overview.revisionId, *metric, threshold, qs(c.series));
        content->addWidget(m_plot, 1);
    }
    auto *evidenceColumn = new QWidget(this);
    addEvidence(evidenceColumn);
    if (m_viewer)
        content->addWidget(evidenceColumn, 1);
    else
        evidenceColumn->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(style.px(40), style.px(14), style.px(40), style.px(10));
    layout->setSpacing(style.px(6));
    layout->addWidget(position);
    layout->addWidget(text);
    layout->addWidget(m_facts);
    layout->addWidget(m_decision);
    layout->addWidget(m_remarks);
    if (m_plot || m_viewer)
        layout->addLayout(content, 1);
    else
        layout->addStretch(1);
    refresh();
}

const Criterion &CriterionSlide::criterion() const
{
    return m_session->gate().criteria.at(static_cast<std::size_t>(m_item.criterion));
}

namespace {
int severityRank(const std::string &severity)
{
    if (severity == "blocker")
        return 0;
    if (severity == "major")
        return 1;
    if (severity == "minor")
        return 2;
    return 3;
}
} // namespace

void CriterionSlide::addEvidence(QWidget *column)
{
    const Criterion &c = criterion();
    const RevisionData &r = m_session->revision();
    // The place a reviewer annotated (the most severe open annotation with a page or a
    // region) is what the meeting needs to see; else the first linked evidence, from its start.
    const Evidence *chosen = nullptr;
    std::optional<AnnotationPlace> place;
    int bestRank = 99;
    for (const std::string &id : c.evidence) {
        const Evidence *e = r.manifest.findEvidence(id);
        if (!e)
            continue;
        if (!chosen)
            chosen = e;
        for (const Annotation &a : m_session->openOnEvidence(id)) {
            const auto at = placeOf(a);
            if (at && severityRank(a.severity) < bestRank) {
                bestRank = severityRank(a.severity);
                chosen = e;
                place = at;
                m_annotationId = qs(a.id);
            }
        }
    }
    if (!chosen)
        return;
    m_evidenceId = qs(chosen->id);
    const EvidenceSource source = EvidenceSource::resolve(r, *m_session->context()->store(), *chosen);
    m_viewer = EvidenceViewer::create(source, column);
    // Annotated regions drawn in place, as in the Evidence panel.
    EvidenceAnnotationLayer::attach(*m_viewer, *m_session->context());
    if (place) {
        m_page = place->page;
        m_region = place->rect;
        m_viewer->showRegion(std::max(0, m_page - 1), m_region);
    }

    QLabel *caption = new QLabel(column);
    caption->setObjectName(QStringLiteral("meetingEvidenceCaption"));
    caption->setFont(m_style.font(Text::Small, true));
    caption->setWordWrap(true);
    QString text = QStringLiteral("Evidence: %1").arg(qs(chosen->title.empty() ? chosen->id : chosen->title));
    if (m_page > 0)
        text += QStringLiteral(", page %1").arg(m_page);
    if (place)
        text += m_region.isEmpty() ? QStringLiteral(" (annotated)") : QStringLiteral(" (annotated region)");
    if (c.evidence.size() > 1)
        text += QStringLiteral(" · %1 more linked").arg(c.evidence.size() - 1);
    caption->setText(text);
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(caption);
    layout->addWidget(m_viewer, 1);
}

QString CriterionSlide::factsText() const
{
    return m_facts->text();
}

nlohmann::json CriterionSlide::annotationTarget() const
{
    return {{"criterion", criterion().id}, {"gate", m_session->gate().id}};
}

void CriterionSlide::refresh()
{
    const Criterion &c = criterion();
    if (c.isQuantitative()) {
        const CriterionOverview *o = m_session->revision().criterion(m_session->gate().id, c.id);
        const QString observed = o && o->observed ? exactNumber(*o->observed) : QStringLiteral("none");
        const QString suggested = o && o->suggested ? meeting::verdictCue(qs(*o->suggested)).html()
                                                    : QStringLiteral("no observed value");
        m_facts->setText(QStringLiteral("Threshold: %1 &nbsp;·&nbsp; observed <b>%2</b> &nbsp;·&nbsp; suggested %3")
                             .arg(thresholdText(c).toHtmlEscaped(), observed, suggested));
    } else {
        m_facts->setText(QStringLiteral("Qualitative: the reviewers decide from the evidence."));
    }
    const DraftVerdict *row = m_session->draft().verdictFor(c.id);
    const QString verdict = row && row->verdict ? qs(*row->verdict) : QString();
    const CriterionOverview *overview = m_session->revision().criterion(m_session->gate().id, c.id);
    const bool canAccept = verdict.isEmpty() && overview && overview->suggested;
    QString hint;
    if (verdict.isEmpty())
        hint = canAccept ? QStringLiteral(" <span style=\"font-weight:normal\">(keys 1–4, S accepts the suggestion)</span>")
                         : QStringLiteral(" <span style=\"font-weight:normal\">(keys 1–4)</span>");
    else if (row->fromSuggestion)
        hint = QStringLiteral(" <span style=\"font-weight:normal\">— suggestion accepted</span>");
    m_decision->setText(QStringLiteral("Verdict: %1%2").arg(meeting::verdictCue(verdict).html(), hint));
    QStringList remarks;
    if (row && !row->note.empty())
        remarks << noteHtml(row->note);
    const auto annotations = m_session->openOnCriterion(c.id);
    if (!annotations.empty())
        remarks << QStringLiteral("%1 open annotation(s) on this criterion").arg(annotations.size());
    m_remarks->setText(remarks.join(QStringLiteral("<br>")));
    m_remarks->setVisible(!remarks.isEmpty());
}

// ---------------------------------------------------------------------------------------------

AnnotationsSlide::AnnotationsSlide(MeetingSession *session, const meeting::Style &style, AgendaItem item, QWidget *parent)
    : MeetingSlide(session, style, item, parent)
{
    setObjectName(QStringLiteral("meetingAnnotationsSlide"));
    QLabel *title = label(Text::Title, true);
    title->setText(QStringLiteral("Open blockers and majors"));
    m_list = label(Text::Body, false, QStringLiteral("meetingAnnotationList"));
    m_list->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(style.px(48), style.px(28), style.px(48), style.px(20));
    layout->setSpacing(style.px(16));
    layout->addWidget(title);
    layout->addWidget(m_list, 1);
    refresh();
}

QString AnnotationsSlide::listText() const
{
    return m_list->text();
}

void AnnotationsSlide::refresh()
{
    const auto &all = m_session->openSerious();
    if (all.empty()) {
        m_list->setText(QStringLiteral("None: no open blocker or major annotation on this revision."));
        return;
    }
    // What fits a 720-line screen; the rest is counted, and listed in the workbench.
    constexpr std::size_t kShown = 7;
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"6\">");
    for (std::size_t i = 0; i < std::min(all.size(), kShown); ++i) {
        const Annotation &a = all[i];
        html += QStringLiteral("<tr><td style=\"white-space:nowrap\">%1</td><td><b>%2</b> — %3</td></tr>")
                    .arg(meeting::severityCue(qs(a.severity)).html(), describeTarget(a.target).toHtmlEscaped(), esc(a.text));
    }
    html += QStringLiteral("</table>");
    if (all.size() > kShown)
        html += QStringLiteral("<p>… and %1 more (Annotations in the workbench).</p>").arg(all.size() - kShown);
    m_list->setText(html);
}

// ---------------------------------------------------------------------------------------------

DecisionSlide::DecisionSlide(MeetingSession *session, const meeting::Style &style, AgendaItem item, QWidget *parent)
    : MeetingSlide(session, style, item, parent)
{
    setObjectName(QStringLiteral("meetingDecisionSlide"));
    // The header names the gate: the title stays one line.
    QLabel *title = label(Text::Title, true);
    title->setText(QStringLiteral("Decision"));
    m_verdicts = label(Text::Body, false, QStringLiteral("meetingVerdicts"));
    m_verdicts->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_outcome = label(Text::Heading, true, QStringLiteral("meetingOutcome"));
    m_details = label(Text::Body, false, QStringLiteral("meetingDecisionDetails"));
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_missing = label(Text::Small, false, QStringLiteral("meetingMissing"));
    m_missing->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    // Long conditions or a long rationale wrap inside their column, never widen it.
    for (QLabel *l : {m_verdicts, m_outcome, m_details, m_missing})
        l->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    auto *right = new QVBoxLayout;
    right->setSpacing(style.px(10));
    right->addWidget(m_outcome);
    right->addWidget(m_details);
    right->addWidget(m_missing);
    right->addStretch(1);
    auto *columns = new QHBoxLayout;
    columns->setSpacing(style.px(32));
    columns->addWidget(m_verdicts, 11);
    columns->addLayout(right, 9);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(style.px(40), style.px(16), style.px(40), style.px(12));
    layout->setSpacing(style.px(10));
    layout->addWidget(title);
    layout->addLayout(columns, 1);
    refresh();
}

QString DecisionSlide::verdictsText() const
{
    return m_verdicts->text();
}

QString DecisionSlide::outcomeText() const
{
    return m_outcome->text();
}

QString DecisionSlide::detailsText() const
{
    return m_details->text();
}

QString DecisionSlide::missingText() const
{
    return m_missing->text();
}

void DecisionSlide::refresh()
{
    const ReviewDraft &draft = m_session->draft();
    const Gate &gate = m_session->gate();
    const RevisionData &r = m_session->revision();
    // The same checks as the review form: what is still missing before signing.
    const QStringList problems = m_session->signingProblems();
    const auto problemOf = [&problems](const std::string &criterion) {
        for (const QString &p : problems)
            if (criterionOfProblem(p) == qs(criterion))
                return p;
        return QString();
    };

    const int rowPx = m_style.px(gate.criteria.size() > 12 ? 18 : 22);
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\" style=\"font-size:%1px\">").arg(rowPx);
    int decided = 0;
    int flagged = 0;
    for (const Criterion &c : gate.criteria) {
        const DraftVerdict *row = draft.verdictFor(c.id);
        const QString verdict = row && row->verdict ? qs(*row->verdict) : QString();
        decided += verdict.isEmpty() ? 0 : 1;
        QString shown = meeting::verdictCue(verdict).html();
        if (verdict.isEmpty()) {
            // A suggestion is not a verdict until accepted (G1): shown as one, greyed.
            const CriterionOverview *o = r.criterion(gate.id, c.id);
            if (o && o->suggested)
                shown = QStringLiteral("<span style=\"color:#505050\">suggested %1 — not accepted</span>")
                            .arg(esc(*o->suggested));
        } else if (row->fromSuggestion) {
            shown += QStringLiteral(" <span style=\"color:#505050\">(suggestion accepted)</span>");
        }
        const QString problem = problemOf(c.id);
        flagged += problem.isEmpty() ? 0 : 1;
        html += QStringLiteral("<tr><td style=\"white-space:nowrap\">%1</td><td style=\"white-space:nowrap\"><b>%2</b>%3</td></tr>")
                    .arg(shown, esc(c.id),
                         problem.isEmpty()
                             ? (row && !row->note.empty() ? QStringLiteral(" <i>(note)</i>") : QString())
                             : QStringLiteral(" <span style=\"color:#A04000\">⚠ %1</span>")
                                   .arg(problem.contains(QStringLiteral("note")) ? QStringLiteral("note needed")
                                                                                 : QStringLiteral("verdict needed")));
    }
    html += QStringLiteral("</table>");
    m_verdicts->setText(html);

    const QString outcome = draft.outcome ? qs(*draft.outcome) : QString();
    m_outcome->setText(QStringLiteral("Outcome:<br>%1").arg(meeting::outcomeCue(outcome).html()));

    QStringList details;
    if (outcome.isEmpty())
        details << QStringLiteral("Keys: 1 advance · 2 with conditions · 3 hold · 4 switchback · S accept all suggestions");
    if (outcome == QLatin1String("switchback") || draft.toLevel)
        details << (draft.toLevel ? QStringLiteral("To level <b>%1</b> — %2").arg(*draft.toLevel).arg(levelName(*draft.toLevel).toHtmlEscaped())
                                  : QStringLiteral("To level: — <span style=\"color:#505050\">(key T)</span>"));
    if (outcome == QLatin1String("advance_with_conditions") || !draft.conditions.empty()) {
        if (draft.conditions.empty()) {
            details << QStringLiteral("Conditions: — <span style=\"color:#505050\">(key C)</span>");
        } else {
            QString list = QStringLiteral("Conditions:");
            for (const std::string &c : draft.conditions)
                list += QStringLiteral("<br>• %1").arg(esc(c));
            details << list;
        }
    }
    details << (draft.rationale.empty() ? QStringLiteral("Rationale: — <span style=\"color:#505050\">(key N)</span>")
                                        : QStringLiteral("Rationale: <i>%1</i>").arg(esc(draft.rationale).replace(QLatin1Char('\n'), QStringLiteral("<br>"))));
    m_details->setText(details.join(QStringLiteral("<br>")));

    if (problems.isEmpty()) {
        m_missing->setText(QStringLiteral("<span style=\"color:#006B4E\"><b>✓ Ready to sign</b></span> in the review form: "
                                          "%1 of %2 verdicts entered.")
                               .arg(decided)
                               .arg(gate.criteria.size()));
        return;
    }
    QStringList items;
    if (flagged > 0)
        items << QStringLiteral("%1 criteria marked ⚠ above").arg(flagged);
    for (const QString &p : problems) {
        bool ofCriterion = false;
        for (const Criterion &c : gate.criteria)
            ofCriterion = ofCriterion || criterionOfProblem(p) == qs(c.id);
        if (!ofCriterion)
            items << p.toHtmlEscaped();
    }
    m_missing->setText(QStringLiteral("<b style=\"color:#A04000\">⚠ Before signing:</b><br>• %1").arg(items.join(QStringLiteral("<br>• "))));
}

// ---------------------------------------------------------------------------------------------

MeetingSlide *createSlide(MeetingSession *session, const meeting::Style &style, int index, QWidget *parent)
{
    const AgendaItem &item = session->agenda().at(static_cast<std::size_t>(index));
    switch (item.kind) {
    case AgendaItem::Kind::Title: return new TitleSlide(session, style, parent);
    case AgendaItem::Kind::Criterion: return new CriterionSlide(session, style, item, parent);
    case AgendaItem::Kind::Annotations: return new AnnotationsSlide(session, style, item, parent);
    case AgendaItem::Kind::Decision: return new DecisionSlide(session, style, item, parent);
    }
    return nullptr;
}

} // namespace mltrl::ui
