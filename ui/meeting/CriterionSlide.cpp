// A criterion's slide: facts, decision, the metric plot and the first linked evidence.
#include "ui/meeting/MeetingSlides.h"

#include "core/review/ReviewDraft.h"
#include "ui/annotations/AnnotationPlace.h"
#include "ui/annotations/EvidenceAnnotationLayer.h"
#include "ui/common/Counted.h"
#include "ui/evidence/EvidenceSource.h"
#include "ui/evidence/EvidenceViewer.h"
#include "ui/meeting/MeetingSession.h"
#include "ui/meeting/SlideText.h"
#include "ui/plots/MetricPlot.h"
#include "ui/session/ProjectContext.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>

namespace mltrl::ui {

using meeting::Text;
using namespace slides;

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
                          .arg(htmlEscaped(c.id)));
    QLabel *text = label(Text::Heading, true, QStringLiteral("meetingCriterionText"));
    text->setText(htmlEscaped(c.text));
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
        const QString suggested =
            o && o->suggested ? meeting::verdictCue(qs(*o->suggested)).html() : QStringLiteral("no observed value");
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
        hint = canAccept
                   ? QStringLiteral(" <span style=\"font-weight:normal\">(keys 1–4, S accepts the suggestion)</span>")
                   : QStringLiteral(" <span style=\"font-weight:normal\">(keys 1–4)</span>");
    else if (row->fromSuggestion)
        hint = QStringLiteral(" <span style=\"font-weight:normal\">— suggestion accepted</span>");
    m_decision->setText(QStringLiteral("Verdict: %1%2").arg(meeting::verdictCue(verdict).html(), hint));
    QStringList remarks;
    if (row && !row->note.empty())
        remarks << noteHtml(row->note);
    const auto annotations = m_session->openOnCriterion(c.id);
    if (!annotations.empty())
        remarks << QStringLiteral("%1 on this criterion")
                       .arg(counted(static_cast<qsizetype>(annotations.size()), QStringLiteral("open annotation")));
    m_remarks->setText(remarks.join(QStringLiteral("<br>")));
    m_remarks->setVisible(!remarks.isEmpty());
}

} // namespace mltrl::ui
