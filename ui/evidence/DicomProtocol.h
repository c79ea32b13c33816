#pragma once
/// What `mltrl-decode --dicom-frame` and `--dicom-tags` (app/decode/DicomDecode.cpp) write on
/// stdout, and how the workbench reads it back (DicomProcess). One QDataStream message each:
///
///   frame: magic "MLDF", error, transfer syntax, frame, frame count, columns, rows, kind
///          (0 none, 1 monochrome, 2 RGB), MONOCHROME1, the file's windows (center, width,
///          name), then the pixels: monochrome as float32 modality values (Rescale Slope and
///          Intercept applied), RGB as 3 bytes a pixel, row by row; nothing after them.
///   tags:  magic "MLDT", error, rows (keyword, tag, VR, value).
///
/// The reader trusts nothing: the pixel bytes must be exactly what the dimensions say, the
/// dimensions within the pixel budget, the frame the one asked for, every value finite, every
/// string and count within its bound. Anything else is refused ("the answer does not hold
/// together") and the frame's range is computed here, not taken from the answer.
#include "ui/evidence/DicomFrame.h"

#include <QByteArray>

#include <optional>

namespace mltrl::ui::dicomwire {

constexpr quint32 kFrameMagic = 0x4d4c4446; // "MLDF"
constexpr quint32 kTagsMagic = 0x4d4c4454;  // "MLDT"
constexpr int kMaxWindows = 64;
constexpr int kMaxTagRows = 20000;
constexpr int kMaxStringChars = 4096;
/// Bytes of a tags answer at most (20 000 rows of bounded strings).
constexpr qint64 kMaxTagsBytes = 64LL * 1024 * 1024;

/// The largest frame answer for a pixel budget (float32 values plus the header).
[[nodiscard]] qint64 maxFrameBytes(qint64 pixelBudget);

[[nodiscard]] QByteArray encodeFrame(const DicomFrame &frame);
/// nullopt, with `why`, when the answer is not a well-formed frame `frame` within `pixelBudget`.
/// A frame the decoder could not decode comes back with its `error` set.
[[nodiscard]] std::optional<DicomFrame> decodeFrame(const QByteArray &bytes, int frame, qint64 pixelBudget,
                                                    QString *why);

[[nodiscard]] QByteArray encodeTags(const std::vector<DicomTagRow> &rows, const QString &error);
[[nodiscard]] std::optional<std::vector<DicomTagRow>> decodeTags(const QByteArray &bytes, QString *error, QString *why);

} // namespace mltrl::ui::dicomwire
