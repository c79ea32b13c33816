#pragma once
/// Several untrusted images decoded by one `mltrl-decode --image-batch` process (docs/security.md):
/// the images of a Markdown document (ArchiveDocument), the two sides of the Changes panel's
/// image diff and the packet's crops of image evidence. The decoding is SafeImage's, in the
/// child, each image within the pixel budget its request names; a crash, hang or runaway
/// allocation there ends that process, and the image it was decoding gets an error ("the image
/// decoder crashed on this file") while the workbench lives on.
///
/// Requests go one at a time (so a crash names its image) on the process's stdin, replies come
/// on its stdout, each a frame of a 32-bit big-endian length and a QDataStream payload; each
/// reply is bounded by its request's budget (at most 64 Mpx, 256 MB) and checked before it is
/// used. After a crash or a timeout a new process decodes the next image, at most
/// kMaxProcessFailures times per batch; the images after that are not decoded.
///
/// Blocking: call decode() from a worker thread. When no decoder is installed (a build
/// without it, `$MLTRL_DECODER` unset and nothing beside the program) the images are decoded
/// in this process by the same SafeImage code within the same budgets. Part of the packet
/// library (QtGui), so `mltrl packet` decodes its crops the same way.
#include "ui/common/SafeImage.h"

#include <functional>
#include <optional>
#include <vector>

namespace mltrl::ui::imagebatch {

/// One image to decode: a stored file (read by the decoder, at most `maxBytes`) or bytes.
struct Item {
    QString path;     ///< the file to read; empty: `bytes`
    QByteArray bytes; ///< the image itself when `path` is empty
    qint64 maxBytes = 256LL * 1024 * 1024;
    QString mediaType; ///< declared type (empty: from the suffix)
    QString suffix;    ///< file suffix without the dot
    qint64 pixelBudget = SafeImage::kPixelBudget;
};

/// Largest image file read for one request.
constexpr qint64 kMaxInputBytes = 256LL * 1024 * 1024;
/// Largest request frame (bytes sent inline: `data:` images of a document).
constexpr quint32 kMaxRequestBytes = 64U * 1024 * 1024;
/// Largest reply frame: a 64 Mpx image of 4 bytes a pixel and its texts.
constexpr quint32 kMaxReplyBytes = quint32(SafeImage::kPixelBudget * 4 + 1024 * 1024);
/// Decoder processes that may crash or time out in one batch before the rest is given up.
constexpr int kMaxProcessFailures = 3;
/// Batches decoded at the same time in one workbench (each a process or, without a decoder,
/// a thread decoding); further callers wait, polling `cancelled`.
constexpr int kMaxBatchesAtOnce = 4;

/// Called with each image's result, in order, on the calling thread.
using Deliver = std::function<void(std::size_t index, SafeImage::Result result)>;
/// Polled while waiting; true ends the batch (the decoder is stopped, nothing more delivered).
using Cancelled = std::function<bool()>;
/// Asked just before item `index` is sent: the pixel budget to decode it with (at most the
/// item's own; callers sharing a budget among items give what is left). 0: not decoded, its
/// result says so.
using Budget = std::function<qint64(std::size_t index)>;

/// Decodes `items` in order in one decoder process (see above). `timeoutMs` bounds each image.
/// Every item is delivered exactly once unless the batch is cancelled.
void decode(const std::vector<Item> &items, const Deliver &deliver, const Cancelled &cancelled = {},
            int timeoutMs = 30000, const Budget &budget = {});
/// The same, collecting the results.
std::vector<SafeImage::Result> decodeAll(const std::vector<Item> &items, const Cancelled &cancelled = {},
                                         int timeoutMs = 30000);

/// The decoder's side and the wire format (app/decode/ImageBatch.cpp, and tests).
QByteArray frame(const QByteArray &payload);
/// Takes one whole frame off the front of `buffer`; nullopt when incomplete, or (with `bad`)
/// when it announces more than `maxBytes`.
std::optional<QByteArray> takeFrame(QByteArray &buffer, quint32 maxBytes, bool *bad);
QByteArray encodeRequest(const Item &item);
std::optional<Item> decodeRequest(const QByteArray &payload);
/// The decoder's answer: `r` with its image as ARGB32_Premultiplied or RGB32.
QByteArray encodeResult(const SafeImage::Result &r);
/// The answer in `payload`; nullopt (with `why`) when malformed or beyond `pixelBudget`.
std::optional<SafeImage::Result> decodeResult(const QByteArray &payload, qint64 pixelBudget, QString *why);
/// What the decoder does for one request (in whichever process runs it).
SafeImage::Result run(const Item &item);

} // namespace mltrl::ui::imagebatch
