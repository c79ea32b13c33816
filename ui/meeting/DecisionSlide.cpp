// The decision slide: verdicts so far, outcome, details and what is missing before signing.
#include "ui/meeting/MeetingSlides.h"

#include "core/review/ReviewDraft.h"
#include "ui/common/Levels.h"
#include "ui/common/StatusColours.h"
#include "ui/meeting/MeetingSession.h"
#include "ui/meeting/SlideText.h"
#include "ui/review/ReviewChecks.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace mltrl::ui {

using meeting::Text;
using namespace slides;

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
                            .arg(htmlEscaped(*o->suggested));
        } else if (row->fromSuggestion) {
            shown += QStringLiteral(" <span style=\"color:#505050\">(suggestion accepted)</span>");
        }
        const QString problem = problemOf(c.id);
        flagged += problem.isEmpty() ? 0 : 1;
        html +=
            QStringLiteral(
                "<tr><td style=\"white-space:nowrap\">%1</td><td style=\"white-space:nowrap\"><b>%2</b>%3</td></tr>")
                .arg(shown, htmlEscaped(c.id),
                     problem.isEmpty()
                         ? (row && !row->note.empty() ? QStringLiteral(" <i>(note)</i>") : QString())
                         : QStringLiteral(" <span style=\"color:%1\">⚠ %2</span>")
                               .arg(status::css(status::failText()), problem.contains(QStringLiteral("note"))
                                                                         ? QStringLiteral("note needed")
                                                                         : QStringLiteral("verdict needed")));
    }
    html += QStringLiteral("</table>");
    m_verdicts->setText(html);

    const QString outcome = draft.outcome ? qs(*draft.outcome) : QString();
    m_outcome->setText(QStringLiteral("Outcome:<br>%1").arg(meeting::outcomeCue(outcome).html()));

    QStringList details;
    if (outcome.isEmpty())
        details << QStringLiteral(
            "Keys: 1 advance · 2 with conditions · 3 hold · 4 switchback · S accept all suggestions");
    if (outcome == QLatin1String("switchback") || draft.toLevel)
        details << (draft.toLevel ? QStringLiteral("To level <b>%1</b> — %2")
                                        .arg(*draft.toLevel)
                                        .arg(levelName(*draft.toLevel).toHtmlEscaped())
                                  : QStringLiteral("To level: — <span style=\"color:#505050\">(key T)</span>"));
    if (outcome == QLatin1String("advance_with_conditions") || !draft.conditions.empty()) {
        if (draft.conditions.empty()) {
            details << QStringLiteral("Conditions: — <span style=\"color:#505050\">(key C)</span>");
        } else {
            QString list = QStringLiteral("Conditions:");
            for (const std::string &c : draft.conditions)
                list += QStringLiteral("<br>• %1").arg(htmlEscaped(c));
            details << list;
        }
    }
    details << (draft.rationale.empty()
                    ? QStringLiteral("Rationale: — <span style=\"color:#505050\">(key N)</span>")
                    : QStringLiteral("Rationale: <i>%1</i>")
                          .arg(htmlEscaped(draft.rationale).replace(QLatin1Char('\n'), QStringLiteral("<br>"))));
    m_details->setText(details.join(QStringLiteral("<br>")));

    if (problems.isEmpty()) {
        m_missing->setText(QStringLiteral("<span style=\"color:%1\"><b>✓ Ready to sign</b></span> in the review form: "
                                          "%2 of %3 verdicts entered.")
                               .arg(status::css(status::passText()))
                               .arg(decided)
                               .arg(gate.criteria.size()));
        return;
    }
    QStringList items;
    if (flagged > 0)
        items << (flagged == 1 ? QStringLiteral("1 criterion marked ⚠ above")
                               : QStringLiteral("%1 criteria marked ⚠ above").arg(flagged));
    for (const QString &p : problems) {
        bool ofCriterion = false;
        for (const Criterion &c : gate.criteria)
            ofCriterion = ofCriterion || criterionOfProblem(p) == qs(c.id);
        if (!ofCriterion)
            items << p.toHtmlEscaped();
    }
    m_missing->setText(QStringLiteral("<b style=\"color:%1\">⚠ Before signing:</b><br>• %2")
                           .arg(status::css(status::failText()), items.join(QStringLiteral("<br>• "))));
}

} // namespace mltrl::ui
