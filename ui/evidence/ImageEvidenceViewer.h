#pragma once
/// PNG, JPEG, SVG (rendered through QtSvg) and other raster images: zoom, pan, fit.
#include "evidence/EvidenceViewer.h"

class QLabel;

namespace mltrl::ui {

class ZoomableImageView;

class ImageEvidenceViewer : public EvidenceViewer {
    Q_OBJECT
public:
    explicit ImageEvidenceViewer(const EvidenceSource &source, QWidget *parent = nullptr);
    ~ImageEvidenceViewer() override;

    [[nodiscard]] ZoomableImageView *view() const { return m_view; }
    /// Zooms to `points` (image pixels); see ZoomableImageView::showRegion().
    void showRegion(int page, const QRectF &points) override;
    /// Decodes image bytes; SVG is rendered at its natural size (at least 1024 px wide).
    static QImage decode(const QByteArray &bytes, const QString &suffix, const QString &mediaType, QString *error);

private:
    void updateZoomLabel(qreal factor);
    ZoomableImageView *m_view = nullptr;
    QLabel *m_info = nullptr;
};

} // namespace mltrl::ui
