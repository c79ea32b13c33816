#include "ui/annotations/MetricAnnotationLayer.h"

#include "ui/annotations/AnnotationEditor.h"
#include "ui/annotations/AnnotationStyle.h"
#include "ui/plots/MetricPlot.h"
#include "ui/session/ProjectContext.h"

#include "qcustomplot.h"

#include <QAction>
#include <QBoxLayout>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QToolButton>
#include <QToolTip>

#include <cmath>

namespace mltrl::ui {

namespace {

/// Rounds `v` to a step a thousandth of the visible range wide (a power of ten), so a
/// dragged range reads "120–340", not "119.87266–340.0031".
double roundToView(double v, double visibleWidth)
{
    if (visibleWidth <= 0)
        return v;
    const int exponent = static_cast<int>(std::floor(std::log10(visibleWidth / 1000.0)));
    if (exponent >= 0) {
        const double step = std::pow(10.0, exponent);
        return std::round(v / step) * step;
    }
    // Through decimal text, so 0.3 stays 0.3 and not 0.30000000000000004.
    return QString::number(v, 'f', -exponent).toDouble();
}

void setSpan(QCPItemRect *rect, double from, double to)
{
    rect->topLeft->setTypeX(QCPItemPosition::ptPlotCoords);
    rect->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
    rect->bottomRight->setTypeX(QCPItemPosition::ptPlotCoords);
    rect->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
    rect->topLeft->setCoords(std::min(from, to), 0);
    rect->bottomRight->setCoords(std::max(from, to), 1);
}

} // namespace

MetricAnnotationLayer *MetricAnnotationLayer::attach(MetricPlot &plot, ProjectContext &context)
{
    return new MetricAnnotationLayer(plot, context);
}

MetricAnnotationLayer::MetricAnnotationLayer(MetricPlot &plot, ProjectContext &context)
      : QObject(&plot), m_plot(plot), m_context(context), m_mode(new QAction(QStringLiteral("Annotate range"), this))
{
    setObjectName(QStringLiteral("metricAnnotationLayer"));
    plot.addHelper(this); // deleted before the plot's widgets go (WidgetHelpers)
    m_mode->setObjectName(QStringLiteral("annotateRangeAction"));
    m_mode->setCheckable(true);
    m_mode->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_mode->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_mode->setToolTip(QStringLiteral("Drag across the plot to annotate an x-range (%1)")
                           .arg(m_mode->shortcut().toString(QKeySequence::NativeText)));
    plot.addAction(m_mode);
    if (auto *outer = qobject_cast<QBoxLayout *>(plot.layout()); outer && outer->count() > 0) {
        if (auto *row = qobject_cast<QBoxLayout *>(outer->itemAt(0)->layout())) {
            auto *button = new QToolButton(&plot);
            button->setObjectName(QStringLiteral("annotateRangeButton"));
            button->setDefaultAction(m_mode);
            row->insertWidget(1, button); // after the status text, before the plot's own buttons
        }
    }
    connect(m_mode, &QAction::toggled, this, [this](bool on) {
        m_plot.plot()->setCursor(on ? Qt::SizeHorCursor : Qt::ArrowCursor);
        // Dragging pans the plot normally; while selecting it draws the range.
        m_plot.plot()->setInteraction(QCP::iRangeDrag, !on);
        if (!on && m_selection) {
            m_plot.plot()->removeItem(m_selection.data());
            m_selectFrom.reset();
            m_plot.plot()->replot();
        }
    });
    m_plot.plot()->installEventFilter(this);
    connect(&context, &ProjectContext::annotationsChanged, this, &MetricAnnotationLayer::reload);
    connect(&plot, &MetricPlot::loaded, this, &MetricAnnotationLayer::reload);
    // MetricPlot clears all items when it shows a metric: put the spans back before drawing.
    connect(m_plot.plot(), &QCustomPlot::beforeReplot, this, [this] {
        const bool lost = std::any_of(m_spans.begin(), m_spans.end(), [](const auto &s) { return s.isNull(); });
        if (lost || m_drawnFor != metricId()) {
            m_inReplot = true;
            reload();
            m_inReplot = false;
        }
    });
}

bool MetricAnnotationLayer::isSelecting() const
{
    return m_mode->isChecked();
}

void MetricAnnotationLayer::setSelecting(bool on)
{
    m_mode->setChecked(on);
}

QString MetricAnnotationLayer::metricId() const
{
    const auto prepared = m_plot.prepared();
    return prepared ? QString::fromStdString(prepared->metric.id) : QString();
}

QList<QCPItemRect *> MetricAnnotationLayer::spanItems() const
{
    QList<QCPItemRect *> out;
    for (const auto &s : m_spans)
        if (s)
            out.append(s.data());
    return out;
}

void MetricAnnotationLayer::reload()
{
    m_shown.clear();
    const QString id = metricId();
    if (!id.isEmpty()) {
        const auto work = m_context.reviewWork();
        for (const Annotation &a : work->annotations)
            if (a.target.contains("metric") && a.target["metric"] == id.toStdString() && a.target.contains("x_range"))
                m_shown.push_back(a);
    }
    drawSpans();
}

void MetricAnnotationLayer::drawSpans()
{
    QCustomPlot *plot = m_plot.plot();
    for (const auto &s : m_spans)
        if (s)
            plot->removeItem(s.data());
    m_spans.clear();
    m_drawnFor = metricId();
    for (const Annotation &a : m_shown) {
        const auto &range = a.target["x_range"];
        auto *rect = new QCPItemRect(plot);
        rect->setObjectName(QStringLiteral("annotationSpan"));
        setSpan(rect, range[0].get<double>(), range[1].get<double>());
        QColor colour = severityColor(QString::fromStdString(a.severity));
        const bool resolved = a.status == "resolved";
        QColor fill = colour;
        fill.setAlpha(resolved ? 18 : 45);
        colour.setAlpha(resolved ? 90 : 200);
        rect->setPen(QPen(colour, 1.0, resolved ? Qt::DashLine : Qt::SolidLine));
        rect->setBrush(fill);
        rect->setSelectable(false);
        rect->setClipToAxisRect(true);
        m_spans.append(rect);
    }
    // Called from beforeReplot too: that replot draws the spans, no second one needed then.
    if (!m_inReplot)
        plot->replot(QCustomPlot::rpQueuedReplot);
}

bool MetricAnnotationLayer::eventFilter(QObject *watched, QEvent *event)
{
    QCustomPlot *plot = m_plot.plot();
    if (watched != plot)
        return QObject::eventFilter(watched, event);
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const double x = plot->xAxis->pixelToCoord(help->pos().x());
        QStringList lines;
        if (plot->axisRect()->rect().contains(help->pos())) {
            for (const Annotation &a : m_shown) {
                const double from = a.target["x_range"][0].get<double>();
                const double to = a.target["x_range"][1].get<double>();
                if (x >= std::min(from, to) && x <= std::max(from, to))
                    lines << QStringLiteral("<b>%1</b> (%2) %3<br>%4")
                                 .arg(QString::fromStdString(a.severity), QString::fromStdString(a.status),
                                      describeTarget(a.target).toHtmlEscaped(),
                                      QString::fromStdString(a.text).toHtmlEscaped());
            }
        }
        if (lines.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), lines.join(QStringLiteral("<hr>")), plot);
        return true;
    }
    if (!isSelecting())
        return QObject::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        const auto *me = static_cast<QMouseEvent *>(event);
        if (me->button() == Qt::LeftButton && !metricId().isEmpty() && plot->axisRect()->rect().contains(me->pos())) {
            m_selectFrom = plot->xAxis->pixelToCoord(me->position().x());
            m_selection = new QCPItemRect(plot);
            m_selection->setPen(QPen(plot->palette().highlight().color(), 1.0, Qt::DashLine));
            QColor fill = plot->palette().highlight().color();
            fill.setAlpha(40);
            m_selection->setBrush(fill);
            setSpan(m_selection.data(), *m_selectFrom, *m_selectFrom);
            plot->replot(QCustomPlot::rpQueuedReplot);
        }
        return true;
    }
    case QEvent::MouseMove:
        if (m_selectFrom && m_selection) {
            setSpan(m_selection.data(), *m_selectFrom,
                    plot->xAxis->pixelToCoord(static_cast<QMouseEvent *>(event)->position().x()));
            plot->replot(QCustomPlot::rpQueuedReplot);
        }
        return true;
    case QEvent::MouseButtonRelease:
        if (m_selectFrom)
            finishSelection(plot->xAxis->pixelToCoord(static_cast<QMouseEvent *>(event)->position().x()));
        return true;
    case QEvent::KeyPress:
        if (static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
            setSelecting(false);
            return true;
        }
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void MetricAnnotationLayer::finishSelection(double x)
{
    QCustomPlot *plot = m_plot.plot();
    const double from = std::min(*m_selectFrom, x);
    const double to = std::max(*m_selectFrom, x);
    m_selectFrom.reset();
    if (m_selection)
        plot->removeItem(m_selection.data());
    plot->replot(QCustomPlot::rpQueuedReplot);
    const double pixels = std::abs(plot->xAxis->coordToPixel(to) - plot->xAxis->coordToPixel(from));
    if (pixels < 4)
        return; // a click, not a range
    const double width = plot->xAxis->range().size();
    const nlohmann::json target{{"metric", metricId().toStdString()},
                                {"x_range", {roundToView(from, width), roundToView(to, width)}}};
    setSelecting(false);
    annotate(m_context, target, &m_plot);
}

} // namespace mltrl::ui
