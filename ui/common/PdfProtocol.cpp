#include "ui/common/PdfProtocol.h"

#include <QDataStream>
#include <QIODevice>
#include <QtEndian>

namespace mltrl::ui::pdf {

namespace {

constexpr quint32 kRequestMagic = 0x4d4c5052; // "MLPR"
constexpr quint32 kReplyMagic = 0x4d4c5041;   // "MLPA"

QDataStream &versioned(QDataStream &s)
{
    s.setVersion(QDataStream::Qt_6_4);
    return s;
}

} // namespace

QByteArray encode(const Request &r)
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    versioned(s) << kRequestMagic << r.id << quint8(r.op) << r.page << r.scaledSize << r.clip << r.needle << r.maxHits;
    return out;
}

std::optional<Request> decodeRequest(const QByteArray &payload)
{
    QDataStream s(payload);
    versioned(s);
    quint32 magic = 0;
    quint8 op = 0;
    Request r;
    s >> magic >> r.id >> op >> r.page >> r.scaledSize >> r.clip >> r.needle >> r.maxHits;
    if (s.status() != QDataStream::Ok || magic != kRequestMagic || op > quint8(Op::AllText))
        return std::nullopt;
    r.op = static_cast<Op>(op);
    return r;
}

QByteArray encode(const Reply &r)
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    versioned(s) << kReplyMagic << r.id << quint8(r.op) << r.error;
    switch (r.op) {
    case Op::Info:
        s << r.pageCount << r.pageSizes;
        break;
    case Op::Render: {
        s << r.page << r.scaledSize << r.clip;
        const QImage image = r.image.isNull() || r.image.format() == QImage::Format_ARGB32_Premultiplied
                                 ? r.image
                                 : r.image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
        s << qint32(image.width()) << qint32(image.height());
        // Row by row: the raw pixels, without padding (width × 4 bytes a row).
        for (int y = 0; y < image.height(); ++y)
            s.writeRawData(reinterpret_cast<const char *>(image.constScanLine(y)), image.width() * 4);
        break;
    }
    case Op::PageText:
        s << r.page << r.text;
        break;
    case Op::AllText:
        s << r.texts;
        break;
    case Op::Search:
        s << qint32(r.hits.size());
        for (const Hit &h : r.hits)
            s << h.page << h.rects;
        s << r.hitsCut;
        break;
    }
    return out;
}

std::optional<Reply> decodeReply(const QByteArray &payload, QString *why)
{
    const auto bad = [why](const char *what) -> std::optional<Reply> {
        if (why)
            *why = QString::fromLatin1(what);
        return std::nullopt;
    };
    QDataStream s(payload);
    versioned(s);
    quint32 magic = 0;
    quint8 op = 0;
    Reply r;
    s >> magic >> r.id >> op >> r.error;
    if (s.status() != QDataStream::Ok || magic != kReplyMagic || op > quint8(Op::AllText))
        return bad("not a reply");
    r.op = static_cast<Op>(op);
    switch (r.op) {
    case Op::Info:
        s >> r.pageCount >> r.pageSizes;
        if (r.pageCount < 0 || r.pageSizes.size() > kMaxPages || r.pageSizes.size() > r.pageCount)
            return bad("inconsistent page count");
        // The layout multiplies these: finite, not negative, at most 100 000 pt (PDF's own
        // limit is 14 400 pt) whatever the decoder says.
        for (const QSizeF &size : r.pageSizes)
            if (!(size.width() >= 0 && size.width() <= kMaxPagePoints && size.height() >= 0 &&
                  size.height() <= kMaxPagePoints))
                return bad("impossible page size");
        break;
    case Op::Render: {
        qint32 width = 0, height = 0;
        s >> r.page >> r.scaledSize >> r.clip >> width >> height;
        if (s.status() != QDataStream::Ok)
            return bad("truncated image");
        if (width == 0 && height == 0)
            break; // nothing rendered: error says why
        if (width <= 0 || height <= 0 || qint64(width) * height > kRenderPixelBudget || width != r.clip.width() ||
            height != r.clip.height() || s.device()->bytesAvailable() < qint64(width) * height * 4)
            return bad("inconsistent image");
        QImage image(width, height, QImage::Format_ARGB32_Premultiplied);
        if (image.isNull())
            return bad("no memory for the image");
        for (int y = 0; y < height; ++y)
            s.readRawData(reinterpret_cast<char *>(image.scanLine(y)), width * 4);
        r.image = std::move(image);
        break;
    }
    case Op::PageText:
        s >> r.page >> r.text;
        break;
    case Op::AllText:
        s >> r.texts;
        break;
    case Op::Search: {
        qint32 count = 0;
        s >> count;
        if (count < 0 || count > 1000000)
            return bad("inconsistent hit count");
        for (qint32 i = 0; i < count && s.status() == QDataStream::Ok; ++i) {
            Hit h;
            s >> h.page >> h.rects;
            r.hits.append(std::move(h));
        }
        s >> r.hitsCut;
        break;
    }
    }
    if (s.status() != QDataStream::Ok)
        return bad("truncated reply");
    return r;
}

QByteArray frame(const QByteArray &payload)
{
    QByteArray out(4, '\0');
    qToBigEndian(quint32(payload.size()), out.data());
    return out + payload;
}

std::optional<QByteArray> takeFrame(QByteArray &buffer, bool *bad)
{
    if (buffer.size() < 4)
        return std::nullopt;
    const quint32 length = qFromBigEndian<quint32>(buffer.constData());
    if (length > kMaxFrameBytes) {
        if (bad)
            *bad = true;
        return std::nullopt;
    }
    if (quint64(buffer.size()) < 4 + quint64(length))
        return std::nullopt;
    QByteArray payload = buffer.mid(4, length);
    buffer.remove(0, 4 + length);
    return payload;
}

} // namespace mltrl::ui::pdf
