#pragma once
/// Annotations on images: highlights are rectangle items in the image view's scene (image
/// pixel coordinates, so they follow zoom and pan), regions are drawn by dragging in
/// annotate mode (which suspends panning).
#include "ui/annotations/EvidenceAnnotationLayer.h"

#include <QPointF>
#include <QRectF>

#include <optional>

class QGraphicsRectItem;

namespace mltrl::ui {

class ImageEvidenceViewer;

class ImageAnnotationLayer : public EvidenceAnnotationLayer {
    Q_OBJECT
public:
    ImageAnnotationLayer(ImageEvidenceViewer &viewer, ProjectContext &context);
    /// Regions; anything else on an image is listed in the banner.
    [[nodiscard]] bool drawsInPlace(const Annotation &annotation) const override;

    /// The highlight items now in the scene (owned by it), in the order of shown().
    [[nodiscard]] const std::vector<QGraphicsRectItem *> &highlightItems() const { return m_items; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void redraw() override;
    void modeChanged(bool on) override;

private:
    [[nodiscard]] QRectF imageRect() const;
    void clearItems();
    void finishDrag(const QPointF &scenePos);

    ImageEvidenceViewer &m_image;
    std::vector<QGraphicsRectItem *> m_items;
    QGraphicsRectItem *m_drag = nullptr;
    std::optional<QPointF> m_dragStart;
};

} // namespace mltrl::ui
