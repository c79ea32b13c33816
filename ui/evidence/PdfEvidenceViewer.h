#pragma once
/// PDF evidence: continuous pages with zoom in/out, fit-width, page navigation and find.
/// The PDF is never parsed in the workbench: its own `mltrl-decode --pdf-serve` process
/// (PdfProcess, started when the viewer opens, ended when it closes) reports the page sizes,
/// renders the pages in view (PdfPageView) and searches the text. When that process crashes,
/// hangs or passes its memory or time limit, the viewer says "This PDF could not be shown: …"
/// with a "Try again" button, and the workbench lives on. loaded() fires when the first page
/// is on screen (or at once for a viewer not shown, or when the PDF cannot be shown).
#include "ui/evidence/EvidenceViewer.h"

#include <optional>

class QLabel;
class QPushButton;

namespace mltrl::ui {

class FindBar;
class PdfPageView;
class PdfProcess;

class PdfEvidenceViewer : public EvidenceViewer {
    Q_OBJECT
public:
    explicit PdfEvidenceViewer(const EvidenceSource &source, QWidget *parent = nullptr);
    ~PdfEvidenceViewer() override;

    /// The document (page count and sizes once open) and its decoder process.
    [[nodiscard]] PdfProcess *document() const { return m_document; }
    [[nodiscard]] PdfPageView *view() const { return m_view; }
    [[nodiscard]] FindBar *findBar() const { return m_find; }
    /// "This PDF could not be shown: …" (hidden while the PDF shows) and its "Try again".
    [[nodiscard]] QLabel *errorLabel() const { return m_error; }
    [[nodiscard]] QPushButton *retryButton() const { return m_retry; }
    [[nodiscard]] bool fitsWidth() const { return m_fitWidth; }
    [[nodiscard]] qreal zoomFactor() const;
    /// The zoom that makes the widest page fill the viewport's width.
    [[nodiscard]] qreal fitWidthZoom() const;
    [[nodiscard]] int currentPage() const;
    /// Where page `page` (0-based) is in the view's viewport now.
    [[nodiscard]] QRectF viewportPageRect(int page) const;
    /// A rectangle in PDF points on `page` → viewport coordinates.
    [[nodiscard]] QRectF viewportRect(int page, const QRectF &points) const;

    void showPage(int page) override;
    /// Scrolls so that `points` (or the page's top when empty) is near the top of the view,
    /// and keeps it there through resizes and fit-width zoom changes until the user scrolls.
    /// Before the document is open, this happens once it is.
    void showRegion(int page, const QRectF &points) override;
    void zoomIn();
    void zoomOut();
    void fitWidth();
    /// Starts the decoder again after it failed.
    void retry();

signals:
    /// The document is open (page sizes known) or failed (errorLabel() says why).
    void documentReady();
    void documentFailed(const QString &reason);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setZoom(qreal factor);
    void updatePageLabel();
    void scrollToAnchor();
    void opened();
    void showFailure(const QString &reason);

    /// The region to keep in view (page, PDF points) until the user scrolls.
    struct Anchor {
        int page = 0;
        QRectF points;
    };

    PdfProcess *m_document = nullptr;
    PdfPageView *m_view = nullptr;
    QWidget *m_errorPanel = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_retry = nullptr;
    QLabel *m_pageLabel = nullptr;
    FindBar *m_find = nullptr;
    bool m_fitWidth = true;
    std::optional<Anchor> m_anchor;
};

} // namespace mltrl::ui
