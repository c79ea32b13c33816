#include "ui/evidence/DicomProtocol.h"

#include <QDataStream>
#include <QIODevice>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace mltrl::ui::dicomwire {

namespace {

enum Kind : quint8 { None = 0, Monochrome = 1, Rgb = 2 };

QString bounded(const QString &s)
{
    return s.size() > kMaxStringChars ? s.left(kMaxStringChars) : s;
}

bool readString(QDataStream &s, QString &out)
{
    s >> out;
    return s.status() == QDataStream::Ok && out.size() <= kMaxStringChars;
}

std::optional<DicomFrame> refuse(QString *why, const QString &reason)
{
    if (why)
        *why = reason;
    return std::nullopt;
}

} // namespace

qint64 maxFrameBytes(qint64 pixelBudget)
{
    return pixelBudget * qint64(sizeof(float)) + 1024 * 1024;
}

QByteArray encodeFrame(const DicomFrame &frame)
{
    QByteArray bytes;
    QDataStream s(&bytes, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    const bool ok = frame.ok();
    const Kind kind = !ok ? None : frame.isMonochrome() ? Monochrome : Rgb;
    s << kFrameMagic << bounded(frame.error) << bounded(frame.transferSyntax) << qint32(frame.frame)
      << qint32(frame.frameCount) << qint32(kind == None ? 0 : frame.columns) << qint32(kind == None ? 0 : frame.rows)
      << quint8(kind) << frame.monochrome1;
    const qsizetype windows = std::min<qsizetype>(qsizetype(frame.fileWindows.size()), kMaxWindows);
    s << qint32(kind == Monochrome ? windows : 0);
    for (qsizetype i = 0; kind == Monochrome && i < windows; ++i) {
        const DicomWindow &w = frame.fileWindows[size_t(i)];
        s << w.center << w.width << bounded(w.name);
    }
    if (kind == Monochrome) {
        s.writeRawData(reinterpret_cast<const char *>(frame.values.data()), int(frame.values.size() * sizeof(float)));
    } else if (kind == Rgb) {
        const QImage rgb = frame.color.convertToFormat(QImage::Format_RGB888);
        for (int y = 0; y < rgb.height(); ++y)
            s.writeRawData(reinterpret_cast<const char *>(rgb.constScanLine(y)), rgb.width() * 3);
    }
    return bytes;
}

std::optional<DicomFrame> decodeFrame(const QByteArray &bytes, int frame, qint64 pixelBudget, QString *why)
{
    if (bytes.size() > maxFrameBytes(pixelBudget))
        return refuse(why, QStringLiteral("the answer is larger than any frame within the pixel budget"));
    QDataStream s(bytes);
    s.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0;
    qint32 number = 0, frames = 0, columns = 0, rows = 0, windows = 0;
    quint8 kind = None;
    DicomFrame out;
    s >> magic;
    if (s.status() != QDataStream::Ok || magic != kFrameMagic)
        return refuse(why, QStringLiteral("the answer is unreadable"));
    if (!readString(s, out.error) || !readString(s, out.transferSyntax))
        return refuse(why, QStringLiteral("the answer is unreadable"));
    s >> number >> frames >> columns >> rows >> kind >> out.monochrome1 >> windows;
    if (s.status() != QDataStream::Ok)
        return refuse(why, QStringLiteral("the answer is unreadable"));
    out.frame = number;
    out.frameCount = frames;
    if (kind == None) {
        if (out.error.isEmpty() || columns != 0 || rows != 0 || windows != 0 || !s.atEnd())
            return refuse(why, QStringLiteral("the answer does not hold together (no image and no reason)"));
        return out;
    }
    if (!out.error.isEmpty() || (kind != Monochrome && kind != Rgb))
        return refuse(why, QStringLiteral("the answer does not hold together (an image and an error)"));
    if (number != frame || frames < 1 || number >= frames)
        return refuse(why, QStringLiteral("the answer does not hold together (frame %1 of %2, asked for %3)")
                               .arg(number + 1)
                               .arg(frames)
                               .arg(frame + 1));
    if (columns < 1 || rows < 1 || columns > 65535 || rows > 65535 || qint64(columns) * rows > pixelBudget)
        return refuse(why, QStringLiteral("the answer does not hold together (%1 × %2 pixels, budget %3 megapixels)")
                               .arg(columns)
                               .arg(rows)
                               .arg(double(pixelBudget) / 1e6));
    if (windows < 0 || windows > kMaxWindows || (kind == Rgb && windows != 0))
        return refuse(why, QStringLiteral("the answer does not hold together (%1 windows)").arg(windows));
    out.columns = columns;
    out.rows = rows;
    for (int i = 0; i < windows; ++i) {
        DicomWindow w;
        s >> w.center >> w.width;
        if (!readString(s, w.name) || !std::isfinite(w.center) || !std::isfinite(w.width) || w.width < 1)
            return refuse(why, QStringLiteral("the answer does not hold together (a window is not a window)"));
        out.fileWindows.push_back(std::move(w));
    }
    const qint64 pixels = qint64(columns) * rows;
    const qint64 payload = kind == Monochrome ? pixels * qint64(sizeof(float)) : pixels * 3;
    if (s.device()->bytesAvailable() != payload)
        return refuse(why, QStringLiteral("the answer does not hold together (%1 bytes of pixels for %2 × %3, "
                                          "expected %4)")
                               .arg(s.device()->bytesAvailable())
                               .arg(columns)
                               .arg(rows)
                               .arg(payload));
    const char *data = bytes.constData() + (bytes.size() - payload);
    if (kind == Monochrome) {
        out.values.resize(size_t(pixels));
        std::memcpy(out.values.data(), data, size_t(payload));
        if (!std::all_of(out.values.begin(), out.values.end(), [](float v) { return std::isfinite(v); }))
            return refuse(why, QStringLiteral("the answer does not hold together (a pixel value is not a number)"));
        const auto [lo, hi] = std::minmax_element(out.values.begin(), out.values.end());
        out.minValue = *lo;
        out.maxValue = *hi;
        return out;
    }
    QImage color(columns, rows, QImage::Format_RGB888);
    if (color.isNull())
        return refuse(why, QStringLiteral("not enough memory for the frame"));
    for (int y = 0; y < rows; ++y)
        std::memcpy(color.scanLine(y), data + qint64(y) * columns * 3, size_t(columns) * 3);
    out.color = std::move(color);
    return out;
}

QByteArray encodeTags(const std::vector<DicomTagRow> &rows, const QString &error)
{
    QByteArray bytes;
    QDataStream s(&bytes, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    const qsizetype n = std::min<qsizetype>(qsizetype(rows.size()), kMaxTagRows);
    s << kTagsMagic << bounded(error) << qint32(n);
    for (qsizetype i = 0; i < n; ++i) {
        const DicomTagRow &r = rows[size_t(i)];
        s << bounded(r.keyword) << bounded(r.tag) << bounded(r.vr) << bounded(r.value);
    }
    return bytes;
}

std::optional<std::vector<DicomTagRow>> decodeTags(const QByteArray &bytes, QString *error, QString *why)
{
    const auto bad = [why](const QString &reason) -> std::optional<std::vector<DicomTagRow>> {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    if (bytes.size() > kMaxTagsBytes)
        return bad(QStringLiteral("the answer is too large"));
    QDataStream s(bytes);
    s.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0;
    QString problem;
    qint32 n = 0;
    s >> magic;
    if (s.status() != QDataStream::Ok || magic != kTagsMagic || !readString(s, problem))
        return bad(QStringLiteral("the answer is unreadable"));
    s >> n;
    if (s.status() != QDataStream::Ok || n < 0 || n > kMaxTagRows)
        return bad(QStringLiteral("the answer does not hold together (%1 rows)").arg(n));
    std::vector<DicomTagRow> rows;
    rows.reserve(size_t(n));
    for (qint32 i = 0; i < n; ++i) {
        DicomTagRow r;
        if (!readString(s, r.keyword) || !readString(s, r.tag) || !readString(s, r.vr) || !readString(s, r.value))
            return bad(QStringLiteral("the answer is unreadable"));
        rows.push_back(std::move(r));
    }
    if (!s.atEnd())
        return bad(QStringLiteral("the answer does not hold together (bytes after the last row)"));
    if (error)
        *error = problem;
    return rows;
}

} // namespace mltrl::ui::dicomwire
