#pragma once
/// PNG, JPEG, SVG (rendered through QtSvg) and other raster images: zoom, pan, fit.
#include "ui/evidence/EvidenceViewer.h"

class QLabel;

namespace mltrl::ui {

class ZoomableImageView;

class ImageEvidenceViewer : public EvidenceViewer {
    Q_OBJECT
public:
    explicit ImageEvidenceViewer(const EvidenceSource &source, QWidget *parent = nullptr);
    ~ImageEvidenceViewer() override;

    [[nodiscard]] ZoomableImageView *view() const { return m_view; }
    [[nodiscard]] QLabel *note() const { return m_note; }
    /// Zooms to `points` (image pixels); see ZoomableImageView::showRegion().
    void showRegion(int page, const QRectF &points) override;
    /// Decodes image bytes with SafeImage (pixel budget; SVG without external references,
    /// drawn at its natural size, at least 1024 px wide, within the budget).
    static QImage decode(const QByteArray &bytes, const QString &suffix, const QString &mediaType, QString *error);

private:
    void updateZoomLabel(qreal factor);
    ZoomableImageView *m_view = nullptr;
    QLabel *m_info = nullptr;
    QLabel *m_note = nullptr; ///< what SafeImage changed (scaled down, references blocked)
};

} // namespace mltrl::ui
