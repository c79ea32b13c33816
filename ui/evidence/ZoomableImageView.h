#pragma once
/// A picture that can be zoomed (wheel, Ctrl+wheel, zoomIn/zoomOut), panned by dragging and
/// fitted to the window. "Fit" stays on while the window resizes until the user zooms.
#include <QGraphicsView>

class QGraphicsPixmapItem;

namespace mltrl::ui {

class ZoomableImageView : public QGraphicsView {
    Q_OBJECT
public:
    explicit ZoomableImageView(QWidget *parent = nullptr);

    void setImage(const QImage &image);
    [[nodiscard]] QSize imageSize() const;
    [[nodiscard]] qreal zoom() const;
    [[nodiscard]] bool fits() const { return m_fit; }

    void zoomIn();
    void zoomOut();
    void fitToWindow();
    void setZoom(qreal factor);

signals:
    void zoomChanged(qreal factor);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void applyZoom(qreal factor);
    QGraphicsPixmapItem *m_item = nullptr;
    bool m_fit = true;
};

} // namespace mltrl::ui
