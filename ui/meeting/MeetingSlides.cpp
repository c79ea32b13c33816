// The meeting's slides: the base class, the helpers they share (meeting/SlideText.h) and
// createSlide(). Each slide type has a source file of its own (TitleSlide.cpp,
// CriterionSlide.cpp, AnnotationsSlide.cpp, DecisionSlide.cpp).
#include "ui/meeting/MeetingSlides.h"

#include "ui/meeting/MeetingSession.h"
#include "ui/meeting/SlideText.h"
#include "ui/plots/MetricPlot.h"

#include "qcustomplot.h"

#include <QLabel>

namespace mltrl::ui {

using meeting::Text;

namespace slides {

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
    return note.empty() ? QString()
                        : QStringLiteral("<i>Note: %1</i>")
                              .arg(htmlEscaped(note).replace(QLatin1Char('\n'), QStringLiteral("<br>")));
}

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
    legend.setPixelSize(style.px(14)); // the legend must not hide the curve it explains
    p->legend->setFont(legend);
}

} // namespace slides

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

MeetingSlide *createSlide(MeetingSession *session, const meeting::Style &style, int index, QWidget *parent)
{
    const AgendaItem &item = session->agenda().at(static_cast<std::size_t>(index));
    switch (item.kind) {
    case AgendaItem::Kind::Title:
        return new TitleSlide(session, style, parent);
    case AgendaItem::Kind::Criterion:
        return new CriterionSlide(session, style, item, parent);
    case AgendaItem::Kind::Annotations:
        return new AnnotationsSlide(session, style, item, parent);
    case AgendaItem::Kind::Decision:
        return new DecisionSlide(session, style, item, parent);
    }
    return nullptr;
}

} // namespace mltrl::ui
