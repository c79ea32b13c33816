#include "ui/common/SafeImage.h"

#include "ui/common/Counted.h"

#include <QBuffer>
#include <QImageReader>
#include <QPainter>
#include <QSvgRenderer>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <algorithm>
#include <cmath>

namespace mltrl::ui {

namespace {

/// Longest side of an SVG drawing (QImage and QPainter stay well inside their limits).
constexpr int kMaxSvgSide = 16384;
/// Pixels an image embedded in an SVG as `data:` may declare.
constexpr qint64 kMaxEmbeddedPixels = 16LL * 1000 * 1000;

QByteArray pluginName(SafeImage::Format format)
{
    switch (format) {
    case SafeImage::Format::Png:
        return QByteArrayLiteral("png");
    case SafeImage::Format::Jpeg:
        return QByteArrayLiteral("jpeg");
    case SafeImage::Format::Gif:
        return QByteArrayLiteral("gif");
    case SafeImage::Format::Bmp:
        return QByteArrayLiteral("bmp");
    case SafeImage::Format::Webp:
        return QByteArrayLiteral("webp");
    case SafeImage::Format::Svg:
    case SafeImage::Format::Unknown:
        break;
    }
    return {};
}

/// The format the bytes start with (magic numbers; SVG when the first non-blank byte is '<').
SafeImage::Format sniff(const QByteArray &bytes)
{
    if (bytes.startsWith("\x89PNG\r\n\x1a\n"))
        return SafeImage::Format::Png;
    if (bytes.startsWith("\xff\xd8\xff"))
        return SafeImage::Format::Jpeg;
    if (bytes.startsWith("GIF87a") || bytes.startsWith("GIF89a"))
        return SafeImage::Format::Gif;
    if (bytes.startsWith("BM"))
        return SafeImage::Format::Bmp;
    if (bytes.size() >= 12 && bytes.startsWith("RIFF") && bytes.mid(8, 4) == "WEBP")
        return SafeImage::Format::Webp;
    QByteArray head = bytes.left(256);
    if (head.startsWith("\xef\xbb\xbf"))
        head = head.mid(3);
    if (head.trimmed().startsWith('<'))
        return SafeImage::Format::Svg;
    return SafeImage::Format::Unknown;
}

QString sizeText(QSize s)
{
    return QStringLiteral("%1 × %2 px").arg(s.width()).arg(s.height());
}

SafeImage::Result decodeRaster(const QByteArray &bytes, SafeImage::Format format, qint64 budget)
{
    SafeImage::Result r;
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, pluginName(format));
    // Only the declared type's decoder: never content sniffing into another plugin.
    reader.setAutoDetectImageFormat(false);
    reader.setAutoTransform(true);
    // Qt's own backstop (MiB of the decoded image), in case a header lies about the size.
    reader.setAllocationLimit(static_cast<int>(std::min<qint64>(budget * 4 / (1024 * 1024) + 1, 2047)));
    const QSize size = reader.size();
    r.naturalSize = size;
    const qint64 pixels = size.isValid() ? qint64(size.width()) * size.height() : 0;
    if (pixels > budget) {
        // JPEG decodes at 1/2, 1/4 or 1/8 directly (libjpeg's DCT scaling: no full-size
        // intermediate). Other scalable decoders still read every pixel: only up to four
        // times the budget. Beyond that, nothing is decoded.
        QSize scaled;
        if (format == SafeImage::Format::Jpeg) {
            for (int k : {2, 4, 8}) {
                const QSize s((size.width() + k - 1) / k, (size.height() + k - 1) / k);
                if (qint64(s.width()) * s.height() <= budget) {
                    scaled = s;
                    break;
                }
            }
        } else if (reader.supportsOption(QImageIOHandler::ScaledSize) && pixels <= 4 * budget) {
            const double f = std::sqrt(double(budget) / double(pixels));
            scaled = QSize(std::max(1, int(size.width() * f)), std::max(1, int(size.height() * f)));
        }
        if (!scaled.isValid()) {
            r.error = QStringLiteral("The image is %1, more than the %2 decoding limit; it is not shown here.")
                          .arg(sizeText(size), SafeImage::budgetText(budget));
            return r;
        }
        reader.setScaledSize(scaled);
        r.note = QStringLiteral("Shown at %1 of its %2 (decoding limit %3).")
                     .arg(sizeText(scaled), sizeText(size), SafeImage::budgetText(budget));
    }
    r.image = reader.read();
    if (r.image.isNull()) {
        r.error = reader.errorString();
        r.note.clear();
    }
    return r;
}

/// Whether an SVG `href` may stay: a fragment of the same document, or a small embedded PNG,
/// JPEG or GIF. Otherwise `why` says what it is.
bool allowedReference(const QString &value, QString *why)
{
    const QString v = value.trimmed();
    if (v.startsWith(QLatin1Char('#')))
        return true;
    if (!v.startsWith(QLatin1String("data:"), Qt::CaseInsensitive)) {
        *why = QStringLiteral("a file or address outside the image");
        return false;
    }
    const qsizetype comma = v.indexOf(QLatin1Char(','));
    if (comma < 0) {
        *why = QStringLiteral("malformed embedded data");
        return false;
    }
    const QString header = v.mid(5, comma - 5);
    const QByteArray payload = v.mid(comma + 1).toLatin1();
    const QByteArray data = header.endsWith(QLatin1String(";base64"), Qt::CaseInsensitive)
                                ? QByteArray::fromBase64(payload)
                                : QByteArray::fromPercentEncoding(payload);
    // QtSvg hands embedded data to QImage without a format: only these, checked here.
    const SafeImage::Format f = sniff(data);
    if (f != SafeImage::Format::Png && f != SafeImage::Format::Jpeg && f != SafeImage::Format::Gif) {
        *why = QStringLiteral("embedded data that is not a PNG, JPEG or GIF image");
        return false;
    }
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, pluginName(f));
    reader.setAutoDetectImageFormat(false);
    const QSize size = reader.size();
    if (!size.isValid() || qint64(size.width()) * size.height() > kMaxEmbeddedPixels) {
        *why = QStringLiteral("an embedded image larger than %1").arg(SafeImage::budgetText(kMaxEmbeddedPixels));
        return false;
    }
    return true;
}

bool isReferenceAttribute(QStringView name)
{
    return name == QLatin1String("href") || name.endsWith(QLatin1String(":href"));
}

SafeImage::Result decodeSvg(const QByteArray &bytes, qint64 budget)
{
    SafeImage::Result r;
    if (bytes.size() > SafeImage::kMaxSvgBytes) {
        r.error = QStringLiteral("The SVG file is larger than %1 MiB; it is not shown here.")
                      .arg(SafeImage::kMaxSvgBytes / (1024 * 1024));
        return r;
    }
    QString error;
    const std::optional<QByteArray> clean = SafeImage::sanitizeSvg(bytes, &r.blocked, &error);
    if (!clean) {
        r.error = QStringLiteral("Not a valid SVG image (%1).").arg(error);
        return r;
    }
    QSvgRenderer renderer(*clean);
    if (!renderer.isValid()) {
        r.error = QStringLiteral("Not a valid SVG image.");
        return r;
    }
    QSizeF size = renderer.defaultSize();
    r.naturalSize = renderer.defaultSize();
    if (!(size.width() >= 1 && size.height() >= 1))
        size = QSizeF(1024, 768);
    // Drawn large enough to stay sharp when zoomed in a little, within the budget.
    QSizeF target = size * (size.width() < 1024 ? 1024 / size.width() : 1.0);
    const qint64 limit = std::min(budget, SafeImage::kSvgPixelBudget);
    const double area = target.width() * target.height();
    if (area > double(limit))
        target *= std::sqrt(double(limit) / area);
    if (target.width() > kMaxSvgSide || target.height() > kMaxSvgSide)
        target.scale(kMaxSvgSide, kMaxSvgSide, Qt::KeepAspectRatio);
    const QSize pixels(std::max(1, int(target.width())), std::max(1, int(target.height())));
    if (qint64(r.naturalSize.width()) * r.naturalSize.height() > limit)
        r.note = QStringLiteral("Drawn at %1; it declares %2 (drawing limit %3).")
                     .arg(sizeText(pixels), sizeText(r.naturalSize), SafeImage::budgetText(limit));
    if (!r.blocked.isEmpty())
        r.note = (r.note.isEmpty() ? QString() : r.note + QLatin1Char(' ')) +
                 QStringLiteral("Blocked %1 to content outside the image: %2")
                     .arg(counted(r.blocked.size(), QStringLiteral("reference")))
                     .arg(r.blocked.join(QStringLiteral("; ")));
    r.image = QImage(pixels, QImage::Format_ARGB32_Premultiplied);
    if (r.image.isNull()) {
        r.error = QStringLiteral("Not enough memory to draw this SVG.");
        return r;
    }
    r.image.fill(Qt::white);
    QPainter painter(&r.image);
    renderer.render(&painter, QRectF(QPointF(0, 0), QSizeF(pixels)));
    return r;
}

} // namespace

QString SafeImage::budgetText(qint64 pixels)
{
    return QStringLiteral("%1 Mpx").arg(double(pixels) / 1e6, 0, 'g', 3);
}

SafeImage::Format SafeImage::formatFor(const QString &mediaType, const QString &suffix)
{
    const QString mt = mediaType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    if (mt == QLatin1String("image/png"))
        return Format::Png;
    if (mt == QLatin1String("image/jpeg") || mt == QLatin1String("image/jpg"))
        return Format::Jpeg;
    if (mt == QLatin1String("image/gif"))
        return Format::Gif;
    if (mt == QLatin1String("image/bmp"))
        return Format::Bmp;
    if (mt == QLatin1String("image/webp"))
        return Format::Webp;
    if (mt == QLatin1String("image/svg+xml"))
        return Format::Svg;
    const QString s = suffix.toLower();
    if (s == QLatin1String("png"))
        return Format::Png;
    if (s == QLatin1String("jpg") || s == QLatin1String("jpeg"))
        return Format::Jpeg;
    if (s == QLatin1String("gif"))
        return Format::Gif;
    if (s == QLatin1String("bmp"))
        return Format::Bmp;
    if (s == QLatin1String("webp"))
        return Format::Webp;
    if (s == QLatin1String("svg"))
        return Format::Svg;
    return Format::Unknown;
}

SafeImage::Result SafeImage::decode(const QByteArray &bytes, Format format, qint64 pixelBudget)
{
    if (format == Format::Unknown)
        format = sniff(bytes);
    switch (format) {
    case Format::Svg:
        return decodeSvg(bytes, pixelBudget);
    case Format::Unknown: {
        Result r;
        r.error = QStringLiteral("Not a PNG, JPEG, GIF, BMP, WebP or SVG image.");
        return r;
    }
    default:
        return decodeRaster(bytes, format, pixelBudget);
    }
}

std::optional<QByteArray> SafeImage::sanitizeSvg(const QByteArray &svg, QStringList *blocked, QString *error)
{
    QXmlStreamReader reader(svg);
    // Names are copied as written (prefix included): QtSvg looks attributes up by them.
    reader.setNamespaceProcessing(false);
    QByteArray out;
    QXmlStreamWriter writer(&out);
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartDocument:
            writer.writeStartDocument();
            break;
        case QXmlStreamReader::StartElement: {
            const QString element = reader.qualifiedName().toString();
            if (element.count(QLatin1Char(':')) > 1) {
                if (error)
                    *error = QStringLiteral("element name %1").arg(element);
                return std::nullopt;
            }
            writer.writeStartElement(element);
            for (const QXmlStreamAttribute &a : reader.attributes()) {
                const QStringView name = a.qualifiedName();
                QString why;
                if (name.count(QLatin1Char(':')) > 1)
                    continue;
                if (isReferenceAttribute(name) && !allowedReference(a.value().toString(), &why)) {
                    if (blocked)
                        *blocked << QStringLiteral("<%1 %2=\"%3\"> (%4)")
                                        .arg(element, name.toString(), a.value().left(120).toString(), why);
                    continue;
                }
                writer.writeAttribute(name.toString(), a.value().toString());
            }
            break;
        }
        case QXmlStreamReader::EndElement:
            writer.writeEndElement();
            break;
        case QXmlStreamReader::Characters:
            if (reader.isCDATA())
                writer.writeCDATA(reader.text().toString());
            else
                writer.writeCharacters(reader.text().toString());
            break;
        case QXmlStreamReader::EndDocument:
            writer.writeEndDocument();
            break;
        default:
            // The DTD (with its entity declarations, already expanded by the reader),
            // processing instructions (xml-stylesheet), comments, unresolved entity
            // references: none of them is copied.
            break;
        }
    }
    if (reader.hasError()) {
        if (error)
            *error = QStringLiteral("line %1, column %2: %3")
                         .arg(reader.lineNumber())
                         .arg(reader.columnNumber())
                         .arg(reader.errorString());
        return std::nullopt;
    }
    return out;
}

} // namespace mltrl::ui
