#include "evidence/ZoomableImageView.h"

#include <QGraphicsPixmapItem>
#include <QGraphicsScene>
#include <QWheelEvent>

#include <algorithm>

namespace mltrl::ui {

namespace {
constexpr qreal kStep = 1.25;
constexpr qreal kMin = 0.02;
constexpr qreal kMax = 32.0;
} // namespace

ZoomableImageView::ZoomableImageView(QWidget *parent) : QGraphicsView(parent)
{
    setScene(new QGraphicsScene(this));
    m_item = scene()->addPixmap(QPixmap());
    m_item->setTransformationMode(Qt::SmoothTransformation);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setBackgroundBrush(palette().window());
    setRenderHint(QPainter::SmoothPixmapTransform);
}

void ZoomableImageView::setImage(const QImage &image)
{
    m_item->setPixmap(QPixmap::fromImage(image));
    scene()->setSceneRect(m_item->boundingRect());
    fitToWindow();
}

QSize ZoomableImageView::imageSize() const
{
    return m_item->pixmap().size();
}

qreal ZoomableImageView::zoom() const
{
    return transform().m11();
}

void ZoomableImageView::applyZoom(qreal factor)
{
    factor = std::clamp(factor, kMin, kMax);
    setTransform(QTransform::fromScale(factor, factor));
    emit zoomChanged(factor);
}

void ZoomableImageView::setZoom(qreal factor)
{
    m_fit = false;
    applyZoom(factor);
}

void ZoomableImageView::zoomIn()
{
    setZoom(zoom() * kStep);
}

void ZoomableImageView::zoomOut()
{
    setZoom(zoom() / kStep);
}

void ZoomableImageView::fitToWindow()
{
    m_fit = true;
    const QSize size = imageSize();
    if (size.isEmpty())
        return;
    const QSize room = viewport()->size() - QSize(4, 4);
    // Never enlarge small images beyond 1:1 when fitting: blurry pixels help nobody.
    const qreal factor = std::min({1.0, room.width() / qreal(size.width()), room.height() / qreal(size.height())});
    applyZoom(factor);
    centerOn(m_item);
}

void ZoomableImageView::wheelEvent(QWheelEvent *event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    // Plain wheel and Ctrl+wheel both zoom (as image viewers do); dragging pans.
    setZoom(zoom() * (delta > 0 ? kStep : 1.0 / kStep));
    event->accept();
}

void ZoomableImageView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_fit)
        fitToWindow();
}

} // namespace mltrl::ui
