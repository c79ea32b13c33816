#include "ui/evidence/ImageEvidenceViewer.h"

#include "ui/common/BackgroundJob.h"
#include "ui/common/SafeImage.h"
#include "ui/evidence/DecoderProcess.h"
#include "ui/evidence/ZoomableImageView.h"

#include <QBuffer>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QPainter>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace mltrl::ui {

namespace {
constexpr qint64 kMaxImageBytes = 256LL * 1024 * 1024;
}

QImage ImageEvidenceViewer::decode(const QByteArray &bytes, const QString &suffix, const QString &mediaType,
                                   QString *error)
{
    SafeImage::Result r = SafeImage::decode(bytes, mediaType, suffix);
    if (r.image.isNull() && error)
        *error = r.error;
    return r.image;
}

ImageEvidenceViewer::ImageEvidenceViewer(const EvidenceSource &source, QWidget *parent)
      : EvidenceViewer(source, parent), m_view(new ZoomableImageView(this)), m_info(new QLabel(this))
{
    setObjectName(QStringLiteral("imageViewer"));
    auto *bar = new QHBoxLayout;
    addZoomButtons(bar, m_view, this);
    bar->addStretch();
    bar->addWidget(m_info);
    connect(m_view, &ZoomableImageView::zoomChanged, this, &ImageEvidenceViewer::updateZoomLabel);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("imageNote"));
    m_note->setWordWrap(true);
    // Blocked references are quoted from the file: never markup (an <img> in an attribute
    // value would otherwise load).
    m_note->setTextFormat(Qt::PlainText);
    m_info->setTextFormat(Qt::PlainText);
    m_note->hide();
    layout->insertWidget(1, m_note);

    // Read and decoded off the UI thread, within SafeImage's pixel budget.
    const QString path = source.blobPath;
    const QString mediaType = source.mediaType;
    const QString suffix = source.suffix();
    runJob<SafeImage::Result>(
        this,
        [path, mediaType, suffix](JobContext &) {
            SafeImage::Result r;
            if (path.isEmpty()) {
                r.error = QStringLiteral("The store holds no file for this evidence.");
                return r;
            }
            const QByteArray bytes = readFileHead(path, kMaxImageBytes, &r.error);
            // In the decoder process: whatever the file does to the decoder stays there.
            return r.error.isEmpty() ? DecoderProcess::decode(bytes, mediaType, suffix) : r;
        },
        [this](JobResult<SafeImage::Result> result) {
            SafeImage::Result r = std::move(result.value).value_or(SafeImage::Result{});
            if (!result.ok())
                r.error = result.error;
            if (!r.note.isEmpty()) {
                m_note->setText(r.note);
                m_note->show();
            }
            if (r.image.isNull())
                m_info->setText(QStringLiteral("Cannot show this image: %1").arg(r.error));
            else
                m_view->setImage(r.image);
            markLoaded();
        });
}

ImageEvidenceViewer::~ImageEvidenceViewer()
{
    deleteHelpers();
}

void ImageEvidenceViewer::showRegion(int page, const QRectF &points)
{
    Q_UNUSED(page);
    m_view->showRegion(points);
}

void ImageEvidenceViewer::updateZoomLabel(qreal factor)
{
    const QSize size = m_view->imageSize();
    m_info->setText(
        QStringLiteral("%1 × %2 px · %3 %").arg(size.width()).arg(size.height()).arg(std::lround(factor * 100)));
}

} // namespace mltrl::ui
