#include "ui/meeting/PresenterView.h"

#include "core/common/QtText.h"
#include "ui/common/Levels.h"
#include "ui/meeting/MeetingSession.h"
#include "ui/meeting/MeetingStyle.h"
#include "ui/meeting/MeetingView.h"

#include <QApplication>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>

namespace mltrl::ui {

using meeting::Text;

PresenterView::PresenterView(MeetingSession *session, MeetingView *view, QWidget *parent)
      : QWidget(parent), m_session(session), m_view(view), m_now(new QLabel(this)), m_next(new QLabel(this)),
        m_notes(new QLabel(this)), m_clock(new QLabel(this)), m_times(new QLabel(this))
{
    setObjectName(QStringLiteral("presenterView"));
    setWindowTitle(QStringLiteral("Presenter — %1").arg(qs(session->gate().title)));
    setAutoFillBackground(true);
    setPalette(meeting::Style::palette());
    const meeting::Style style(600); // a laptop screen read from up close
    m_now->setObjectName(QStringLiteral("presenterNow"));
    m_next->setObjectName(QStringLiteral("presenterNext"));
    m_notes->setObjectName(QStringLiteral("presenterNotes"));
    m_clock->setObjectName(QStringLiteral("presenterClock"));
    m_times->setObjectName(QStringLiteral("presenterTimes"));
    for (QLabel *l : {m_now, m_next, m_notes, m_clock, m_times}) {
        l->setWordWrap(true);
        l->setTextFormat(Qt::RichText);
        l->setAlignment(Qt::AlignTop | Qt::AlignLeft);
        l->setFont(style.font(Text::Body));
    }
    m_now->setFont(style.font(Text::Heading, true));
    m_clock->setFont(style.font(Text::Title, true));

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->setHorizontalSpacing(32);
    layout->addWidget(m_now, 0, 0);
    layout->addWidget(m_clock, 0, 1, Qt::AlignRight);
    layout->addWidget(m_next, 1, 0);
    layout->addWidget(m_notes, 2, 0);
    layout->addWidget(m_times, 1, 1, 2, 1);
    layout->setColumnStretch(0, 3);
    layout->setColumnStretch(1, 2);
    layout->setRowStretch(2, 1);

    connect(view, &MeetingView::slideChanged, this, &PresenterView::refresh);
    connect(view, &MeetingView::tick, this, &PresenterView::refresh);
    connect(session, &MeetingSession::draftChanged, this, &PresenterView::refresh);
    connect(session, &MeetingSession::annotationsChanged, this, &PresenterView::refresh);
    resize(1024, 640);
    refresh();
}

QString PresenterView::nowText() const
{
    return m_now->text();
}

QString PresenterView::nextText() const
{
    return m_next->text();
}

QString PresenterView::notesText() const
{
    return m_notes->text();
}

QString PresenterView::timesText() const
{
    return m_times->text();
}

void PresenterView::refresh()
{
    const auto &agenda = m_session->agenda();
    const Gate &gate = m_session->gate();
    const int index = m_view->currentIndex();
    if (index < 0)
        return;
    const AgendaItem &item = agenda[static_cast<std::size_t>(index)];
    m_now->setText(QStringLiteral("Now (%1/%2): %3")
                       .arg(index + 1)
                       .arg(agenda.size())
                       .arg(agendaTitle(gate, item).toHtmlEscaped()));
    m_next->setText(index + 1 < static_cast<int>(agenda.size())
                        ? QStringLiteral("Next: %1")
                              .arg(agendaTitle(gate, agenda[static_cast<std::size_t>(index + 1)]).toHtmlEscaped())
                        : QStringLiteral("Next: — (last slide)"));

    QStringList notes;
    if (item.kind == AgendaItem::Kind::Criterion) {
        const Criterion &c = gate.criteria.at(static_cast<std::size_t>(item.criterion));
        const DraftVerdict *row = m_session->draft().verdictFor(c.id);
        notes << QStringLiteral("<b>Verdict:</b> %1")
                     .arg(meeting::verdictCue(row && row->verdict ? qs(*row->verdict) : QString()).html());
        notes << QStringLiteral("<b>Note:</b> %1")
                     .arg(row && !row->note.empty() ? qs(row->note).toHtmlEscaped() : QStringLiteral("—"));
        for (const Annotation &a : m_session->openOnCriterion(c.id))
            notes << QStringLiteral("%1 %2").arg(meeting::severityCue(qs(a.severity)).html(),
                                                 qs(a.text).toHtmlEscaped());
        for (const std::string &e : c.evidence)
            for (const Annotation &a : m_session->openOnEvidence(e))
                notes << QStringLiteral("%1 %2: %3")
                             .arg(meeting::severityCue(qs(a.severity)).html(), qs(e).toHtmlEscaped(),
                                  qs(a.text).toHtmlEscaped());
    } else if (item.kind == AgendaItem::Kind::Decision) {
        const ReviewDraft &d = m_session->draft();
        // Everything the room decides, so the presenter can read it back before signing.
        notes << QStringLiteral("<b>Outcome:</b> %1")
                     .arg(meeting::outcomeCue(d.outcome ? qs(*d.outcome) : QString()).html());
        // The level and the conditions only with the outcome they belong to (the draft keeps
        // them when the outcome changes, as the review form does).
        if (d.toLevel && d.outcome == "switchback")
            notes << QStringLiteral("<b>To level:</b> %1 — %2")
                         .arg(*d.toLevel)
                         .arg(levelName(*d.toLevel).toHtmlEscaped());
        if (!d.conditions.empty() && d.outcome == "advance_with_conditions") {
            QString list = QStringLiteral("<b>Conditions:</b><ol style=\"margin-top:0; margin-bottom:0\">");
            for (const std::string &c : d.conditions)
                list += QStringLiteral("<li>%1</li>").arg(qs(c).toHtmlEscaped());
            notes << list + QStringLiteral("</ol>");
        }
        notes << QStringLiteral("<b>Rationale:</b> %1")
                     .arg(d.rationale.empty() ? QStringLiteral("—") : qs(d.rationale).toHtmlEscaped());
        const QStringList missing = m_session->signingProblems();
        if (missing.isEmpty()) {
            notes << QStringLiteral("<b>Ready to sign.</b>");
        } else {
            QString list = QStringLiteral("<b>Before signing:</b><ul style=\"margin-top:0; margin-bottom:0\">");
            for (const QString &m : missing)
                list += QStringLiteral("<li>%1</li>").arg(m.toHtmlEscaped());
            notes << list + QStringLiteral("</ul>");
        }
    }
    m_notes->setText(notes.join(QStringLiteral("<br>")));

    m_clock->setText(clockText(m_session->totalElapsed()));
    QString times = QStringLiteral("<b>Time per slide</b><table cellpadding=\"2\">");
    for (int i = 0; i < static_cast<int>(agenda.size()); ++i) {
        const AgendaItem &a = agenda[static_cast<std::size_t>(i)];
        const QString name = a.kind == AgendaItem::Kind::Criterion
                                 ? qs(gate.criteria[static_cast<std::size_t>(a.criterion)].id)
                                 : agendaTitle(gate, a);
        const QString cell = i == index ? QStringLiteral("<b>%1</b>") : QStringLiteral("%1");
        times += QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td></tr>")
                     .arg(cell.arg(name.toHtmlEscaped()), cell.arg(clockText(m_session->elapsedOn(i))));
    }
    m_times->setText(times + QStringLiteral("</table>"));
}

void PresenterView::keyPressEvent(QKeyEvent *event)
{
    // The presenter may have this window focused: its keys drive the meeting all the same.
    QApplication::sendEvent(m_view, event);
}

} // namespace mltrl::ui
