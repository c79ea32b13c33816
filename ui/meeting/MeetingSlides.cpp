#include "meeting/MeetingSlides.h"

#include "annotations/AnnotationEditor.h"
#include "annotations/EvidenceAnnotationLayer.h"
#include "evidence/EvidenceSource.h"
#include "evidence/EvidenceViewer.h"
#include "meeting/MeetingSession.h"
#include "overview/MltrlTrackWidget.h"
#include "plots/MetricPlot.h"
#include "review/ReviewDraft.h"
#include "session/ProjectContext.h"

#include "qcustomplot.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

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
    QLabel *where = label(Text::Body);
    where->setText(QStringLiteral("%1 · revision %2 of %3 · at level <b>%4</b>")
                       .arg(esc(o.id))
                       .arg(o.revision)
                       .arg(o.revisions)
                       .arg(o.currentLevel));
    QLabel *gateLabel = label(Text::Heading, true, QStringLiteral("meetingGateTitle"));
    gateLabel->setText(QStringLiteral("%1 <span style=\"font-weight:normal\">(%2, level %3)</span>")
                           .arg(esc(gate.title), esc(gate.id))
                           .arg(gate.level));

    QList<TrackComponent> components;
    for (const Component &c : r.manifest.components) {
        const bool held = std::find(o.heldBackBy.begin(), o.heldBackBy.end(), c.id) != o.heldBackBy.end();
        components.append({qs(c.id), qs(c.name), c.level, held});
    }
    m_track->setObjectName(QStringLiteral("meetingTrack"));
    // The track lays its stations out in fixed pixels: it keeps the workbench's type (larger
    // type overlaps its labels) and gets its full height.
    m_track->setFont(QFont());
    m_track->setTrack(o.currentLevel, o.targetLevel, o.systemLevel, components);
    m_track->setMinimumHeight(m_track->sizeHint().height());

    m_summary = label(Text::Body, false, QStringLiteral("meetingTitleSummary"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(style.px(48), style.px(28), style.px(48), style.px(20));
    layout->setSpacing(style.px(14));
    layout->addWidget(project);
    layout->addWidget(where);
    layout->addWidget(gateLabel);
    layout->addSpacing(style.px(8));
    layout->addWidget(m_track);
    layout->addWidget(m_summary);
    layout->addStretch(1);
    refresh();
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
        QStringLiteral("%1 criteria, %2 with a metric: %3 · %4<br>Open annotations: %5 · %6<br>Verdicts entered: %7 of %1")
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

void CriterionSlide::addEvidence(QWidget *column)
{
    const Criterion &c = criterion();
    const RevisionData &r = m_session->revision();
    // The evidence a reviewer annotated (at a page) is what the meeting needs to see; else
    // the first linked evidence.
    const Evidence *chosen = nullptr;
    for (const std::string &id : c.evidence) {
        const Evidence *e = r.manifest.findEvidence(id);
        if (!e)
            continue;
        if (!chosen)
            chosen = e;
        for (const Annotation &a : m_session->openOnEvidence(id)) {
            if (a.target.contains("page") && a.target["page"].is_number_integer()) {
                chosen = e;
                m_page = a.target["page"].get<int>();
                break;
            }
        }
        if (m_page > 0)
            break;
    }
    if (!chosen)
        return;
    m_evidenceId = qs(chosen->id);
    const EvidenceSource source = EvidenceSource::resolve(r, *m_session->context()->store(), *chosen);
    m_viewer = EvidenceViewer::create(source, column);
    // Annotated regions drawn in place, as in the Evidence panel.
    EvidenceAnnotationLayer::attach(*m_viewer, *m_session->context());
    if (m_page > 0)
        m_viewer->showPage(m_page - 1);

    QLabel *caption = new QLabel(column);
    caption->setObjectName(QStringLiteral("meetingEvidenceCaption"));
    caption->setFont(m_style.font(Text::Small, true));
    caption->setWordWrap(true);
    QString text = QStringLiteral("Evidence: %1").arg(qs(chosen->title.empty() ? chosen->id : chosen->title));
    if (m_page > 0)
        text += QStringLiteral(", page %1 (annotated)").arg(m_page);
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
    m_decision->setText(QStringLiteral("Verdict: %1%2")
                            .arg(meeting::verdictCue(verdict).html(),
                                 verdict.isEmpty() ? QStringLiteral(" <span style=\"font-weight:normal\">(keys 1–4)</span>")
                                                   : QString()));
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
    QLabel *title = label(Text::Title, true);
    title->setText(QStringLiteral("Decision — %1").arg(esc(session->gate().title)));
    m_verdicts = label(Text::Body, false, QStringLiteral("meetingVerdicts"));
    m_verdicts->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_outcome = label(Text::Heading, true, QStringLiteral("meetingOutcome"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(style.px(48), style.px(24), style.px(48), style.px(16));
    layout->setSpacing(style.px(12));
    layout->addWidget(title);
    layout->addWidget(m_verdicts, 1);
    layout->addWidget(m_outcome);
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

void DecisionSlide::refresh()
{
    const ReviewDraft &draft = m_session->draft();
    const Gate &gate = m_session->gate();
    const int rowPx = m_style.px(gate.criteria.size() > 10 ? 20 : 24);
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\" style=\"font-size:%1px\">").arg(rowPx);
    int decided = 0;
    for (const Criterion &c : gate.criteria) {
        const DraftVerdict *row = draft.verdictFor(c.id);
        const QString verdict = row && row->verdict ? qs(*row->verdict) : QString();
        decided += verdict.isEmpty() ? 0 : 1;
        QString text = qs(c.text);
        if (text.size() > 70)
            text = text.left(68) + QStringLiteral("…");
        html += QStringLiteral("<tr><td style=\"white-space:nowrap\">%1</td><td><b>%2</b></td><td>%3%4</td></tr>")
                    .arg(meeting::verdictCue(verdict).html(), esc(c.id), text.toHtmlEscaped(),
                         row && !row->note.empty() ? QStringLiteral(" <i>(note)</i>") : QString());
    }
    html += QStringLiteral("</table>");
    m_verdicts->setText(html);

    const QString outcome = draft.outcome ? qs(*draft.outcome) : QString();
    QString line = QStringLiteral("Outcome: %1").arg(meeting::outcomeCue(outcome).html());
    if (draft.toLevel)
        line += QStringLiteral(" to level %1").arg(*draft.toLevel);
    line += QStringLiteral(" <span style=\"font-weight:normal\">· %1 of %2 verdicts").arg(decided).arg(gate.criteria.size());
    if (outcome.isEmpty())
        line += QStringLiteral(" · 1 advance, 2 with conditions, 3 hold, 4 switchback");
    line += QStringLiteral("</span>");
    if (!draft.rationale.empty())
        line += QStringLiteral("<br><span style=\"font-weight:normal\">%1</span>").arg(noteHtml(draft.rationale));
    m_outcome->setText(line);
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
