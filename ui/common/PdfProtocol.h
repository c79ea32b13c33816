#pragma once
/// The messages between the workbench and `mltrl-decode --pdf-serve FILE`, the process that
/// parses and renders one PDF for it (docs/security.md): requests on the helper's stdin,
/// replies on its stdout, each a frame of a 32-bit big-endian length and a QDataStream
/// payload. The helper answers requests in order; its first reply (id 0, Op::Info) says
/// whether the file opened and the size of every page. Part of the packet library (QtGui).
#include <QByteArray>
#include <QImage>
#include <QList>
#include <QRect>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <QStringList>

#include <optional>

namespace mltrl::ui::pdf {

enum class Op : quint8 {
    Info = 0,     ///< the document: page count and sizes, or why it does not open
    Render = 1,   ///< page `page` scaled to `scaledSize` pixels, the part `clip` of it
    PageText = 2, ///< the text of page `page`
    Search = 3,   ///< every place `needle` occurs (case-insensitive), at most `maxHits`
    AllText = 4,  ///< the text of every page
};

/// Pixels rendered at most per request (a page, or the part of one in view): 16 Mpx, 64 MB.
constexpr qint64 kRenderPixelBudget = 16LL * 1000 * 1000;
/// Longest side of a scaled page (the part rendered is within the budget).
constexpr int kMaxScaledSide = 1 << 20;
/// Largest page side accepted from the decoder, in points.
constexpr qreal kMaxPagePoints = 100000;
/// Page sizes reported at most (a document with more pages shows these).
constexpr int kMaxPages = 100000;
/// Bytes of text replied at most (AllText, PageText).
constexpr qint64 kMaxTextBytes = 64LL * 1024 * 1024;
/// A frame larger than this is a broken helper.
constexpr quint32 kMaxFrameBytes = 160U * 1024 * 1024;

struct Request {
    quint32 id = 0;
    Op op = Op::Info;
    qint32 page = 0;
    QSize scaledSize;   ///< Render: the whole page's size in pixels
    QRect clip;         ///< Render: the part to render, in scaledSize's pixels (null: all)
    QString needle;     ///< Search
    qint32 maxHits = 0; ///< Search
};

struct Hit {
    qint32 page = 0;
    QList<QRectF> rects; ///< in PDF points from the page's top left
};

struct Reply {
    quint32 id = 0;
    Op op = Op::Info;
    QString error; ///< empty when the request succeeded
    // Info
    qint32 pageCount = 0;
    QList<QSizeF> pageSizes; ///< points
    // Render
    qint32 page = 0;
    QSize scaledSize;
    QRect clip;
    QImage image; ///< ARGB32_Premultiplied, clip.size()
    // PageText, AllText
    QString text;
    QStringList texts;
    // Search
    QList<Hit> hits;
    bool hitsCut = false; ///< more than maxHits
};

[[nodiscard]] QByteArray encode(const Request &request);
[[nodiscard]] std::optional<Request> decodeRequest(const QByteArray &payload);
[[nodiscard]] QByteArray encode(const Reply &reply);
/// The reply in `payload`; nullopt (with `why`) when it is malformed or inconsistent (an image
/// whose size, format or bytes do not match what was asked, beyond the pixel budget).
[[nodiscard]] std::optional<Reply> decodeReply(const QByteArray &payload, QString *why);

/// `payload` with its length in front.
[[nodiscard]] QByteArray frame(const QByteArray &payload);
/// Takes the first complete frame off `buffer`; nullopt when none is complete yet. `bad` is
/// set when the length is beyond kMaxFrameBytes.
[[nodiscard]] std::optional<QByteArray> takeFrame(QByteArray &buffer, bool *bad);

} // namespace mltrl::ui::pdf
