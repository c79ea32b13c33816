#pragma once
/// A picture that can be zoomed (wheel, Ctrl+wheel, zoomIn/zoomOut), panned by dragging and
/// fitted to the window. "Fit" stays on while the window resizes until the user zooms.
#include <QGraphicsView>

#include <optional>

class QBoxLayout;
class QGraphicsPixmapItem;

namespace mltrl::ui {

class ZoomableImageView : public QGraphicsView {
    Q_OBJECT
public:
    explicit ZoomableImageView(QWidget *parent = nullptr);

    void setImage(const QImage &image);
    /// Swaps the picture for one of the same size (a new window/level) keeping zoom and scroll.
    void replaceImage(const QImage &image);
    [[nodiscard]] QSize imageSize() const;
    [[nodiscard]] qreal zoom() const;
    [[nodiscard]] bool fits() const { return m_fit; }

    void zoomIn();
    void zoomOut();
    void fitToWindow();
    /// Zooms to `region` (image pixels) with some of its surroundings and centres it; it stays
    /// in view through resizes until the user zooms or fits. Works before the image is set.
    void showRegion(const QRectF &region);
    [[nodiscard]] std::optional<QRectF> region() const { return m_region; }
    void setZoom(qreal factor);

signals:
    void zoomChanged(qreal factor);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void applyZoom(qreal factor);
    /// Fits the whole image, or the region when one is shown.
    void fit();
    QGraphicsPixmapItem *m_item = nullptr;
    bool m_fit = true;
    std::optional<QRectF> m_region;
};

/// Adds the zoom buttons of an image viewer to `bar`: − (zoom out), + (zoom in), Fit and 1:1,
/// children of `owner`, acting on `view`.
void addZoomButtons(QBoxLayout *bar, ZoomableImageView *view, QWidget *owner);

} // namespace mltrl::ui
