#include "evidence/ImageEvidenceViewer.h"

#include "evidence/ZoomableImageView.h"

#include <QBuffer>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QPainter>
#include <QSvgRenderer>
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
    if (suffix == QLatin1String("svg") || mediaType == QLatin1String("image/svg+xml")) {
        QSvgRenderer renderer(bytes);
        if (!renderer.isValid()) {
            if (error)
                *error = QStringLiteral("Not a valid SVG image.");
            return {};
        }
        QSizeF size = renderer.defaultSize();
        if (size.isEmpty())
            size = QSizeF(1024, 768);
        // Render large enough to stay sharp when zoomed in a little.
        const qreal scale = size.width() < 1024 ? 1024 / size.width() : 1.0;
        QImage image((size * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter painter(&image);
        renderer.render(&painter);
        return image;
    }
    QBuffer buffer;
    buffer.setData(bytes);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    QImage image = reader.read();
    if (image.isNull() && error)
        *error = reader.errorString();
    return image;
}

ImageEvidenceViewer::ImageEvidenceViewer(const EvidenceSource &source, QWidget *parent)
    : EvidenceViewer(source, parent), m_view(new ZoomableImageView(this)), m_info(new QLabel(this))
{
    setObjectName(QStringLiteral("imageViewer"));
    auto *bar = new QHBoxLayout;
    const auto button = [this, bar](const QString &text, const QString &tip, auto slot) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, m_view, slot);
        bar->addWidget(b);
        return b;
    };
    button(QStringLiteral("−"), QStringLiteral("Zoom out"), &ZoomableImageView::zoomOut);
    button(QStringLiteral("+"), QStringLiteral("Zoom in"), &ZoomableImageView::zoomIn);
    button(QStringLiteral("Fit"), QStringLiteral("Fit the image to the window"), &ZoomableImageView::fitToWindow);
    button(QStringLiteral("1:1"), QStringLiteral("Actual size"), [this] { m_view->setZoom(1.0); });
    bar->addStretch();
    bar->addWidget(m_info);
    connect(m_view, &ZoomableImageView::zoomChanged, this, &ImageEvidenceViewer::updateZoomLabel);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    readBytes(kMaxImageBytes, [this](const QByteArray &bytes, const QString &readError) {
        QString error = readError;
        const QImage image = error.isEmpty() ? decode(bytes, this->source().suffix(), this->source().mediaType, &error)
                                             : QImage();
        if (image.isNull()) {
            m_info->setText(QStringLiteral("Cannot show this image: %1").arg(error));
            return;
        }
        m_view->setImage(image);
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
    m_info->setText(QStringLiteral("%1 × %2 px · %3 %").arg(size.width()).arg(size.height()).arg(std::lround(factor * 100)));
}

} // namespace mltrl::ui
