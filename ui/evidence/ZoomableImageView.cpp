#include "ui/evidence/ZoomableImageView.h"

#include <QBoxLayout>
#include <QGraphicsPixmapItem>
#include <QGraphicsScene>
#include <QToolButton>
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
    m_fit = true;
    fit();
}

void ZoomableImageView::replaceImage(const QImage &image)
{
    m_item->setPixmap(QPixmap::fromImage(image));
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
    m_region.reset();
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
    m_region.reset();
    fit();
}

void ZoomableImageView::showRegion(const QRectF &region)
{
    m_fit = true;
    m_region = region.normalized();
    fit();
}

void ZoomableImageView::fit()
{
    const QSize size = imageSize();
    if (size.isEmpty())
        return;
    const QSize room = viewport()->size() - QSize(4, 4);
    // Never enlarge small images beyond 1:1 when fitting: blurry pixels help nobody.
    const qreal whole = std::min({1.0, room.width() / qreal(size.width()), room.height() / qreal(size.height())});
    if (!m_region || m_region->isEmpty()) {
        applyZoom(whole);
        centerOn(m_item);
        return;
    }
    // The region with half its size again on every side: enough surroundings to place it.
    const QRectF shown = m_region->adjusted(-m_region->width() / 2, -m_region->height() / 2, m_region->width() / 2,
                                            m_region->height() / 2);
    const qreal factor = std::min(room.width() / shown.width(), room.height() / shown.height());
    applyZoom(std::clamp(factor, whole, std::max(whole, 4.0)));
    centerOn(m_region->center());
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
        fit();
}

void addZoomButtons(QBoxLayout *bar, ZoomableImageView *view, QWidget *owner)
{
    const auto button = [view, bar, owner](const QString &text, const QString &tip, auto slot) {
        auto *b = new QToolButton(owner);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        QObject::connect(b, &QToolButton::clicked, view, slot);
        bar->addWidget(b);
    };
    button(QStringLiteral("−"), QStringLiteral("Zoom out"), &ZoomableImageView::zoomOut);
    button(QStringLiteral("+"), QStringLiteral("Zoom in"), &ZoomableImageView::zoomIn);
    button(QStringLiteral("Fit"), QStringLiteral("Fit the image to the window"), &ZoomableImageView::fitToWindow);
    button(QStringLiteral("1:1"), QStringLiteral("Actual size"), [view] { view->setZoom(1.0); });
}

} // namespace mltrl::ui
