#pragma once
/// The pages of a PDF, continuous, drawn from images the PDF's decoder process renders
/// (PdfProcess): only the pages in view are asked for, one request at a time, each within
/// pdf::kRenderPixelBudget (a page larger than that at the current zoom is rendered only
/// around the part in view). While a page is being rendered at a new zoom, its last image is
/// drawn scaled. Images of pages far from the view are dropped.
///
/// The layout is QPdfView's MultiPage one, which the annotation layer and the tests rely on:
/// pages stacked from the top document margin with pageSpacing() between them, each centred
/// horizontally, sized points × zoom × the primary screen's logical DPI / 72.
#include <QAbstractScrollArea>
#include <QHash>
#include <QImage>
#include <QPointer>

namespace mltrl::ui {

class PdfProcess;

class PdfPageView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit PdfPageView(QWidget *parent = nullptr);

    /// The document to show (its pages once it is ready).
    void setDocument(PdfProcess *document);
    /// Forgets every rendered image (after the decoder restarted) and relayouts.
    void reset();

    [[nodiscard]] qreal zoomFactor() const { return m_zoom; }
    void setZoomFactor(qreal zoom);
    [[nodiscard]] QMargins documentMargins() const { return {6, 6, 6, 6}; }
    [[nodiscard]] int pageSpacing() const { return 3; }
    /// Viewport pixels per PDF point at the current zoom.
    [[nodiscard]] qreal pixelsPerPoint() const;
    /// Page `page`'s size in viewport pixels at the current zoom.
    [[nodiscard]] QSize pageSize(int page) const;
    /// Where page `page` is in the viewport now; empty for a page that does not exist.
    [[nodiscard]] QRect viewportPageRect(int page) const;
    /// The page's top in document coordinates (before scrolling).
    [[nodiscard]] int pageTop(int page) const;
    /// The page shown at the upper part of the viewport.
    [[nodiscard]] int pageInView() const;
    /// Pages that have a rendered image now, and renders asked for so far (for tests).
    [[nodiscard]] int renderedPages() const;
    [[nodiscard]] int renderRequests() const { return m_requests; }
    /// True when every page in view has its image at the current zoom (nothing to render).
    [[nodiscard]] bool isUpToDate() const;
    /// The error of the last render of `page` that failed (empty when none).
    [[nodiscard]] QString renderError(int page) const;

signals:
    void zoomFactorChanged(qreal zoom);
    /// A page image arrived (the view repaints by itself).
    void pageRendered(int page);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    struct Rendered {
        QSize scaledSize; ///< the whole page's size in device pixels when rendered
        QRect clip;       ///< the part rendered, in those pixels
        QImage image;
        QString error;
    };
    /// What page `page` needs now: its device-pixel size and the part to render.
    struct Want {
        QSize scaledSize;
        QRect clip;
        QRect visible; ///< the part in view, in scaledSize's pixels
    };

    void relayout();
    void scheduleRender();
    void renderNext();
    [[nodiscard]] Want wantFor(int page) const;
    [[nodiscard]] bool satisfied(int page, const Want &want) const;
    [[nodiscard]] std::pair<int, int> visiblePages() const;
    void dropFarPages();

    QPointer<PdfProcess> m_document;
    qreal m_zoom = 1.0;
    QList<int> m_tops; ///< each page's top, document coordinates
    int m_height = 0;
    int m_widest = 0;
    QHash<int, Rendered> m_rendered;
    bool m_inFlight = false;
    bool m_scheduled = false;
    int m_requests = 0;
    quint64 m_generation = 0; ///< bumped by reset(): replies to older requests are dropped
};

} // namespace mltrl::ui
