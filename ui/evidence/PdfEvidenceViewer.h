#pragma once
/// PDF evidence: continuous pages (QPdfView, MultiPage) with zoom in/out and fit-width.
/// Qt 6.4's QPdfView draws blank pages in its FitToWidth/FitInView modes, so fit-width is
/// done here: the zoom factor is computed from the viewport width on every resize.
#include "evidence/EvidenceViewer.h"

#include <optional>

class QPdfDocument;
class QPdfView;
class QLabel;

namespace mltrl::ui {

class FindBar;

class PdfEvidenceViewer : public EvidenceViewer {
    Q_OBJECT
public:
    explicit PdfEvidenceViewer(const EvidenceSource &source, QWidget *parent = nullptr);
    ~PdfEvidenceViewer() override;

    [[nodiscard]] QPdfDocument *document() const { return m_document; }
    [[nodiscard]] QPdfView *view() const { return m_view; }
    [[nodiscard]] FindBar *findBar() const { return m_find; }
    [[nodiscard]] bool fitsWidth() const { return m_fitWidth; }
    [[nodiscard]] qreal zoomFactor() const;
    /// The zoom that makes the widest page fill the viewport's width.
    [[nodiscard]] qreal fitWidthZoom() const;
    [[nodiscard]] int currentPage() const;
    /// Where page `page` (0-based) is in the view's viewport now (QPdfView's MultiPage layout:
    /// pages stacked with pageSpacing inside documentMargins, each centred horizontally, sized
    /// points × zoom × logical DPI / 72).
    [[nodiscard]] QRectF viewportPageRect(int page) const;
    /// A rectangle in PDF points on `page` → viewport coordinates.
    [[nodiscard]] QRectF viewportRect(int page, const QRectF &points) const;

    void showPage(int page) override;
    /// Scrolls so that `points` (or the page's top when empty) is near the top of the view,
    /// and keeps it there through resizes and fit-width zoom changes until the user scrolls.
    void showRegion(int page, const QRectF &points) override;
    void zoomIn();
    void zoomOut();
    void fitWidth();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setZoom(qreal factor);
    void updatePageLabel();
    void scrollToAnchor();

    /// The region to keep in view (page, PDF points) until the user scrolls.
    struct Anchor {
        int page = 0;
        QRectF points;
    };

    QPdfDocument *m_document = nullptr;
    QPdfView *m_view = nullptr;
    QLabel *m_pageLabel = nullptr;
    FindBar *m_find = nullptr;
    bool m_fitWidth = true;
    std::optional<Anchor> m_anchor;
};

} // namespace mltrl::ui
