#pragma once
/// Decoding untrusted image bytes (evidence, notebook outputs, images in Markdown, packet
/// crops) within a pixel budget and without reaching anything outside the bytes:
/// - raster formats are decoded only by the plugin of the declared type (never content
///   sniffing, so a ".png" holding SVG or a TIFF never reaches another decoder), after the
///   header's size is checked: larger than the budget, a scalable decoder (JPEG) decodes a
///   smaller image, others are refused; Qt's allocation limit backs this up;
/// - SVG is re-serialised first (sanitizeSvg): every external reference (`href` to a file,
///   URL or network path, `data:` that is not a small PNG/JPEG/GIF), processing instructions
///   and the DTD are dropped, so QtSvg never opens a file; it is then drawn within the budget
///   (the declared size is only a number: a 30000 × 30000 px SVG of 120 bytes draws small).
/// Part of the packet library, so the `mltrl packet` command crops images the same way.
#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>

namespace mltrl::ui {

class SafeImage {
public:
    /// Pixels decoded at most for an image shown in a viewer or cropped for a packet.
    static constexpr qint64 kPixelBudget = 64LL * 1000 * 1000;
    /// Pixels drawn at most for an SVG (drawing is slower than decoding).
    static constexpr qint64 kSvgPixelBudget = 16LL * 1000 * 1000;
    /// SVG files larger than this are not parsed.
    static constexpr qint64 kMaxSvgBytes = 32LL * 1024 * 1024;

    enum class Format { Png, Jpeg, Gif, Bmp, Webp, Svg, Unknown };

    struct Result {
        QImage image;        ///< null when not shown (see error)
        QSize naturalSize;   ///< the size the file declares, when known
        QString note;        ///< what was changed, e.g. "shown at 4000 × 4000 of 40000 × 40000 px (limit 64 Mpx)"
        QString error;       ///< why nothing is shown
        QStringList blocked; ///< external references dropped from an SVG
    };

    /// The format from a media type, else the file suffix (no dot), else Unknown.
    static Format formatFor(const QString &mediaType, const QString &suffix);
    /// Decodes `bytes` of `format`; Unknown sniffs among the raster formats and SVG only.
    static Result decode(const QByteArray &bytes, Format format, qint64 pixelBudget = kPixelBudget);
    static Result decode(const QByteArray &bytes, const QString &mediaType, const QString &suffix,
                         qint64 pixelBudget = kPixelBudget)
    {
        return decode(bytes, formatFor(mediaType, suffix), pixelBudget);
    }

    /// `svg` rewritten without external references (each dropped one described in `blocked`);
    /// nullopt with `error` when it is not well-formed XML.
    static std::optional<QByteArray> sanitizeSvg(const QByteArray &svg, QStringList *blocked, QString *error);
    /// "64 Mpx" for a budget.
    static QString budgetText(qint64 pixels);
};

} // namespace mltrl::ui
