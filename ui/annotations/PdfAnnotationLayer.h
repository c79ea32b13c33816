#pragma once
/// Annotations on PDF pages: highlights painted by a mouse-transparent overlay over the
/// page view's viewport, regions drawn by dragging in annotate mode. Page geometry is the
/// view's (PdfPageView: pages stacked with pageSpacing inside documentMargins, each centred
/// horizontally, sized points × zoom × logical DPI / 72).
#include "ui/annotations/EvidenceAnnotationLayer.h"

#include <QPoint>
#include <QRectF>
#include <QWidget>

#include <optional>

namespace mltrl::ui {

class PdfEvidenceViewer;

class PdfAnnotationLayer : public EvidenceAnnotationLayer {
    Q_OBJECT
public:
    PdfAnnotationLayer(PdfEvidenceViewer &viewer, ProjectContext &context);
    /// Regions on a page. Page-only annotations are listed in the banner and also marked by a
    /// severity-coloured strip along the page's left edge (pageMark highlights).
    [[nodiscard]] bool drawsInPlace(const Annotation &annotation) const override;

    /// Where page `page` (0-based) is in viewport coordinates now.
    [[nodiscard]] QRectF pageRect(int page) const;
    /// Viewport pixels per PDF point at the current zoom.
    [[nodiscard]] qreal pixelsPerPoint() const;
    /// A rectangle in PDF points on `page` (0-based) → viewport coordinates.
    [[nodiscard]] QRectF toViewport(int page, const QRectF &points) const;
    /// The page under a viewport point, if any.
    [[nodiscard]] std::optional<int> pageAt(const QPointF &pos) const;
    /// Highlights in viewport coordinates with their annotation (what the overlay paints):
    /// a region, or the strip marking a page annotated as a whole.
    struct Highlight {
        QRectF rect;
        const Annotation *annotation = nullptr;
        bool pageMark = false;
    };
    /// Width of a page mark, in viewport pixels.
    static constexpr qreal kPageMarkWidth = 7;
    [[nodiscard]] std::vector<Highlight> highlights() const;
    /// The rectangle being dragged (viewport coordinates), empty when none.
    [[nodiscard]] QRectF dragRect() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void redraw() override;
    void modeChanged(bool on) override;

private:
    void finishDrag();

    PdfEvidenceViewer &m_pdf;
    QWidget *m_overlay = nullptr;
    std::optional<int> m_dragPage;
    QPointF m_dragStart;
    QPointF m_dragNow;
};

} // namespace mltrl::ui
