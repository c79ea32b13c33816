#include "ui/annotations/ImageAnnotationLayer.h"

#include "ui/annotations/AnnotationStyle.h"
#include "ui/evidence/ImageEvidenceViewer.h"
#include "ui/evidence/ZoomableImageView.h"

#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPen>

#include <cmath>

namespace mltrl::ui {

ImageAnnotationLayer::ImageAnnotationLayer(ImageEvidenceViewer &viewer, ProjectContext &context)
      : EvidenceAnnotationLayer(viewer, context, QStringLiteral("Annotate region")), m_image(viewer)
{
    viewer.view()->viewport()->installEventFilter(this);
}

QRectF ImageAnnotationLayer::imageRect() const
{
    return QRectF(QPointF(0, 0), m_image.view()->imageSize());
}

void ImageAnnotationLayer::clearItems()
{
    for (QGraphicsRectItem *item : m_items)
        delete item;
    m_items.clear();
}

bool ImageAnnotationLayer::drawsInPlace(const Annotation &annotation) const
{
    return annotation.target.contains("rect");
}

void ImageAnnotationLayer::redraw()
{
    clearItems();
    QGraphicsScene *scene = m_image.view()->scene();
    for (const Annotation &a : m_shown) {
        const auto &t = a.target;
        if (!t.contains("rect") || !t["rect"].is_array() || t["rect"].size() != 4)
            continue;
        const auto &r = t["rect"];
        const QColor colour = severityColor(QString::fromStdString(a.severity));
        const bool resolved = a.status == "resolved";
        QColor fill = colour;
        fill.setAlpha(resolved ? 20 : 55);
        QPen pen(colour, resolved ? 1.0 : 2.0, resolved ? Qt::DashLine : Qt::SolidLine);
        pen.setCosmetic(true); // the same width at every zoom
        auto *item = scene->addRect(
            QRectF(r[0].get<double>(), r[1].get<double>(), r[2].get<double>(), r[3].get<double>()), pen, fill);
        item->setZValue(1);
        item->setToolTip(QStringLiteral("<b>%1</b> (%2)<br>%3")
                             .arg(QString::fromStdString(a.severity), QString::fromStdString(a.status),
                                  QString::fromStdString(a.text).toHtmlEscaped()));
        item->setData(0, QString::fromStdString(a.id));
        m_items.push_back(item);
    }
}

void ImageAnnotationLayer::modeChanged(bool on)
{
    ZoomableImageView *view = m_image.view();
    // Dragging pans the image normally; in annotate mode it draws.
    view->setDragMode(on ? QGraphicsView::NoDrag : QGraphicsView::ScrollHandDrag);
    view->viewport()->setCursor(on ? Qt::CrossCursor : Qt::OpenHandCursor);
    if (!on && m_drag) {
        delete m_drag;
        m_drag = nullptr;
        m_dragStart.reset();
    }
}

bool ImageAnnotationLayer::eventFilter(QObject *watched, QEvent *event)
{
    ZoomableImageView *view = m_image.view();
    if (watched != view->viewport() || !isDrawing())
        return EvidenceAnnotationLayer::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        const auto *me = static_cast<QMouseEvent *>(event);
        const QPointF at = view->mapToScene(me->position().toPoint());
        if (me->button() == Qt::LeftButton && imageRect().contains(at)) {
            m_dragStart = at;
            QPen pen(view->palette().highlight().color(), 1.5, Qt::DashLine);
            pen.setCosmetic(true);
            m_drag = view->scene()->addRect(QRectF(at, at), pen);
            m_drag->setZValue(2);
        }
        return true;
    }
    case QEvent::MouseMove:
        if (m_dragStart && m_drag) {
            const QPointF at = view->mapToScene(static_cast<QMouseEvent *>(event)->position().toPoint());
            m_drag->setRect(QRectF(*m_dragStart, at).normalized().intersected(imageRect()));
        }
        return true;
    case QEvent::MouseButtonRelease:
        if (m_dragStart)
            finishDrag(view->mapToScene(static_cast<QMouseEvent *>(event)->position().toPoint()));
        return true;
    case QEvent::KeyPress:
        if (static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
            setDrawing(false);
            return true;
        }
        break;
    default:
        break;
    }
    return EvidenceAnnotationLayer::eventFilter(watched, event);
}

void ImageAnnotationLayer::finishDrag(const QPointF &scenePos)
{
    const QRectF drawn = QRectF(*m_dragStart, scenePos).normalized().intersected(imageRect());
    m_dragStart.reset();
    delete m_drag;
    m_drag = nullptr;
    // Under 2 image pixels or 4 screen pixels either way is a click, not a region.
    const qreal zoom = m_image.view()->zoom();
    if (drawn.width() < 2 || drawn.height() < 2 || drawn.width() * zoom < 4 || drawn.height() * zoom < 4)
        return;
    const nlohmann::json target{
        {"evidence", m_viewer.source().id.toStdString()},
        {"rect",
         {std::lround(drawn.x()), std::lround(drawn.y()), std::lround(drawn.width()), std::lround(drawn.height())}}};
    annotateTarget(target);
}

} // namespace mltrl::ui
