// PNG figures. Images are painted at 72 dpi so that font point sizes equal pixels, and the
// pHYs chunk is fixed, so the bytes depend only on Qt, libpng and the font file.
#include "Content.h"
#include "Plot.h"
#include "Rng.h"
#include "Study.h"

#include <QBuffer>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>

namespace gen {
namespace {

constexpr int kDotsPerMeter72Dpi = 2835;

QImage canvas(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.setDotsPerMeterX(kDotsPerMeter72Dpi);
    image.setDotsPerMeterY(kDotsPerMeter72Dpi);
    image.fill(Qt::white);
    return image;
}

QByteArray png(const QImage& image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG")) throw std::runtime_error("PNG encoding failed");
    return bytes;
}

QByteArray chartPng(int width, int height, const QString& title, const QString& subtitle,
                    const std::function<void(QPainter&, QRectF, double)>& draw)
{
    QImage image = canvas(width, height);
    QPainter p(&image);
    p.setRenderHint(QPainter::TextAntialiasing);
    const double fontPx = height / 40.0;
    const QRectF frame(fontPx * 1.5, fontPx * 5, width - fontPx * 3, height - fontPx * 6);
    drawTitle(p, frame, title, subtitle, fontPx);
    draw(p, frame, fontPx);
    p.end();
    return png(image);
}

/// A smooth blob with a flat top (super-Gaussian), the building block of the synthetic
/// radiograph: `power` 1 is a Gaussian, 2 a flatter disc with soft edges.
struct Blob {
    double cx, cy, rx, ry, weight, power;
    double at(double x, double y) const
    {
        const double dx = (x - cx) / rx;
        const double dy = (y - cy) / ry;
        return weight * std::exp(-std::pow(dx * dx + dy * dy, power));
    }
};

QByteArray syntheticRadiograph()
{
    // Clearly synthetic: soft blobs for mediastinum, lungs and ribs, low-frequency noise, one
    // added opacity in the right lower zone, and a banner saying what it is.
    constexpr int size = 512;
    Rng rng(kSeed + 99);
    const std::vector<Blob> blobs{
        {256, 300, 215, 250, 0.62, 2.0},  // thorax soft tissue
        {256, 150, 60, 120, 0.12, 1.0},   // neck and upper mediastinum
        {165, 255, 82, 150, -0.47, 2.0},  // right lung (image left)
        {347, 255, 80, 145, -0.45, 2.0},  // left lung
        {256, 280, 26, 260, 0.10, 2.0},   // spine
        {288, 340, 72, 58, 0.16, 1.5},    // heart shadow
        {170, 470, 120, 40, 0.10, 1.0},   // right hemidiaphragm
        {188, 352, 34, 27, 0.26, 1.0},    // the finding: right lower zone opacity
    };
    constexpr int grid = 33;
    std::vector<double> noise(grid * grid);
    for (double& v : noise) v = rng.normal(0.0, 0.025);
    QImage image(size, size, QImage::Format_RGB32);
    image.setDotsPerMeterX(kDotsPerMeter72Dpi);
    image.setDotsPerMeterY(kDotsPerMeter72Dpi);
    for (int y = 0; y < size; ++y) {
        auto* row = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < size; ++x) {
            double v = 0.06;
            for (const Blob& b : blobs) v += b.at(x, y);
            // Ribs: faint periodic arcs inside the lung fields.
            const double rib = std::sin((y + 0.0016 * (x - 256) * (x - 256)) / 19.0);
            v += 0.05 * std::max(0.0, rib) * std::exp(-std::pow((std::abs(x - 256.0) - 95.0) / 75.0, 2)) *
                 std::exp(-std::pow((y - 250.0) / 170.0, 4));
            // Bilinear low-frequency noise (16 px cells).
            const double gx = x / 16.0, gy = y / 16.0;
            const int ix = std::min(static_cast<int>(gx), grid - 2), iy = std::min(static_cast<int>(gy), grid - 2);
            const double fx = gx - ix, fy = gy - iy;
            v += 0.6 * (1 - fx) * (1 - fy) * noise[iy * grid + ix] + 0.6 * fx * (1 - fy) * noise[iy * grid + ix + 1] +
                 0.6 * (1 - fx) * fy * noise[(iy + 1) * grid + ix] + 0.6 * fx * fy * noise[(iy + 1) * grid + ix + 1];
            const int g = std::clamp(static_cast<int>(std::lround(v * 290.0)), 0, 255);
            row[x] = qRgb(g, g, g);
        }
    }
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    const QColor amber(0xf2, 0xb1, 0x34);
    p.setPen(QPen(amber, 2.5));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(QRectF(140, 312, 96, 82), 6, 6);
    p.setFont(font(12, true));
    p.drawText(QRectF(140, 396, 220, 18), Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("flagged region, score 0.81"));
    p.fillRect(QRectF(0, 0, size, 30), QColor(0x26, 0x32, 0x3f));
    p.setPen(Qt::white);
    p.setFont(font(13, true));
    p.drawText(QRectF(10, 0, size - 20, 30), Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("SYNTHETIC IMAGE, not a patient radiograph"));
    p.setFont(font(11));
    p.drawText(QRectF(10, size - 24, size - 20, 20), Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("cxr-triage demo overlay · PA view · L"));
    p.end();
    return png(image);
}

}  // namespace

QByteArray forestPlotPng(int width, int height)
{
    return chartPng(width, height, QStringLiteral("AUROC by demographic subgroup"),
                    QStringLiteral("Held-out test set, all sites pooled; squares = point estimate"),
                    drawForest);
}

void addFigures(Content& content, Edition edition)
{
    const QString threshold = afterReview(edition)
                                  ? QStringLiteral("threshold %1, site C %2").arg(kThreshold).arg(kSiteCThreshold)
                                  : QStringLiteral("threshold %1").arg(kThreshold);
    content.add("evidence/figures/roc-by-site.png",
                chartPng(800, 640, QStringLiteral("ROC curves by site, held-out test set"),
                         QStringLiteral("Circles mark the deployed operating point (%1)").arg(threshold),
                         [edition](QPainter& p, QRectF frame, double fontPx) { drawRoc(p, frame, fontPx, edition); }));
    content.add("evidence/figures/confusion-matrix.png",
                chartPng(640, 600, QStringLiteral("Confusion matrix at the operating point"),
                         QStringLiteral("Rows: radiologist reference; columns: model flag"),
                         [edition](QPainter& p, QRectF frame, double fontPx) { drawConfusion(p, frame, fontPx, edition); }));
    content.add("evidence/figures/synthetic-radiograph-overlay.png", syntheticRadiograph());
}

}  // namespace gen
