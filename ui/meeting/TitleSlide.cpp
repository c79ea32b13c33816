// The meeting's title slide: project, level, gate, the MLTRL track and what holds it back.
#include "ui/meeting/MeetingSlides.h"

#include "core/review/ReviewDraft.h"
#include "ui/meeting/MeetingSession.h"
#include "ui/meeting/SlideText.h"
#include "ui/overview/MltrlTrackWidget.h"
#include "ui/session/ProjectContext.h"

#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>

namespace mltrl::ui {

using meeting::Text;
using namespace slides;

TitleSlide::TitleSlide(MeetingSession *session, const meeting::Style &style, QWidget *parent)
      : MeetingSlide(session, style, {AgendaItem::Kind::Title, -1}, parent), m_track(new MltrlTrackWidget(this))
{
    setObjectName(QStringLiteral("meetingTitleSlide"));
    const RevisionData &r = session->revision();
    const RevisionOverview &o = r.overview;
    const Gate &gate = session->gate();

    QLabel *project = label(Text::Title, true, QStringLiteral("meetingProject"));
    project->setText(htmlEscaped(r.manifest.project.name));
    QLabel *gateLabel = label(Text::Heading, true, QStringLiteral("meetingGateTitle"));
    gateLabel->setText(htmlEscaped(gate.title));
    QLabel *where = label(Text::Body);
    where->setText(QStringLiteral("%1 · revision %2 of %3 · %4")
                       .arg(htmlEscaped(o.id))
                       .arg(o.revision)
                       .arg(o.revisions)
                       .arg(htmlEscaped(gate.id)));

    QList<TrackComponent> components;
    QStringList holders;
    for (const Component &c : r.manifest.components) {
        const bool held = std::find(o.heldBackBy.begin(), o.heldBackBy.end(), c.id) != o.heldBackBy.end();
        components.append({qs(c.id), qs(c.name), c.level, held});
        if (held)
            holders << QStringLiteral("<b>◆ %1</b>").arg(htmlEscaped(c.id));
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
        standing +=
            QStringLiteral(" · held back by %1 (level %2)").arg(holders.join(QStringLiteral(", "))).arg(*o.systemLevel);
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
        QStringLiteral("%1 %8, %2 with a metric: %3 · %4 · verdicts entered: %7 of %1<br>Open annotations: %5 · %6")
            .arg(gate.criteria.size())
            .arg(quantitative)
            .arg(meeting::verdictCue(QStringLiteral("met")).html() + QStringLiteral(" %1").arg(met),
                 meeting::verdictCue(QStringLiteral("not_met")).html() + QStringLiteral(" %1").arg(notMet))
            .arg(meeting::severityCue(QStringLiteral("blocker")).html() + QStringLiteral(" %1").arg(blockers),
                 meeting::severityCue(QStringLiteral("major")).html() + QStringLiteral(" %1").arg(majors))
            .arg(decided)
            .arg(gate.criteria.size() == 1 ? QStringLiteral("criterion") : QStringLiteral("criteria")));
}

} // namespace mltrl::ui
