// The slide of open blocker and major annotations.
#include "ui/meeting/MeetingSlides.h"

#include "ui/annotations/AnnotationEditor.h"
#include "ui/meeting/MeetingSession.h"
#include "ui/meeting/SlideText.h"

#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

namespace mltrl::ui {

using meeting::Text;
using namespace slides;

AnnotationsSlide::AnnotationsSlide(MeetingSession *session, const meeting::Style &style, AgendaItem item,
                                   QWidget *parent)
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
                    .arg(meeting::severityCue(qs(a.severity)).html(), describeTarget(a.target).toHtmlEscaped(),
                         htmlEscaped(a.text));
    }
    html += QStringLiteral("</table>");
    if (all.size() > kShown)
        html += QStringLiteral("<p>… and %1 more (Annotations in the workbench).</p>").arg(all.size() - kShown);
    m_list->setText(html);
}

} // namespace mltrl::ui
