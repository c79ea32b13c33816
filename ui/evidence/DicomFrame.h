#pragma once
/// DICOM decoding, behind two functions that take a file path and return plain data:
/// decodeDicomFrame() decodes one frame with DCMTK (dcmimgle/dcmimage with the JPEG, JPEG-LS
/// and RLE decoders; deflated data sets through dcmdata) within a pixel budget; readDicomTags()
/// lists the header. They run in the decoder process `mltrl-decode` (app/decode/DicomDecode.cpp),
/// which the viewer asks through DicomProcess; applyWindow() maps a decoded monochrome frame to
/// 8-bit grey with a window (PS3.3 C.11.2.1.2) in the workbench.
#include <QImage>
#include <QString>

#include <vector>

namespace mltrl::ui {

struct DicomWindow {
    double center = 0;
    double width = 1;
    QString name; ///< "File: SOFT TISSUE", "Lung", …
};

struct DicomFrame {
    int frame = 0;      ///< 0-based
    int frameCount = 0; ///< frames in the object
    int columns = 0;
    int rows = 0;
    /// Monochrome: the frame's values after the modality transformation (Rescale Slope and
    /// Intercept), row by row. Colour frames have `color` instead.
    std::vector<float> values;
    bool monochrome1 = false; ///< MONOCHROME1: low values are shown white
    double minValue = 0;
    double maxValue = 0;
    QImage color;                         ///< RGB frames (RGB, YBR, palette colour)
    std::vector<DicomWindow> fileWindows; ///< Window Center/Width of the file, with explanations
    QString transferSyntax;               ///< its name, e.g. "JPEG-LS Lossless"
    QString error;                        ///< non-empty: "cannot be shown: …" says this
    /// The decoder process failed (crash, limit, time-out, an answer that does not hold
    /// together), not the file: `error` says how, and trying again may work.
    bool processFailed = false;

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
    [[nodiscard]] bool isMonochrome() const { return color.isNull(); }
};

struct DicomTagRow {
    QString keyword; ///< with "> " per sequence level
    QString tag;     ///< "(0010,0010)"
    QString vr;
    QString value; ///< shortened; binary values as "(N bytes)"
};

/// The default limit on a frame's pixels (rows × columns): 40 megapixels.
constexpr qint64 kDicomPixelBudget = 40LL * 1000 * 1000;

/// Decodes frame `frame` (0-based) of the DICOM file at `path`. Never throws; a malformed,
/// truncated or oversized file gives `error`.
[[nodiscard]] DicomFrame decodeDicomFrame(const QString &path, int frame, qint64 pixelBudget = kDicomPixelBudget);

/// Maps a monochrome frame through a linear window to 8-bit grey (inverted for MONOCHROME1);
/// colour frames are returned as they are.
[[nodiscard]] QImage applyWindow(const DicomFrame &frame, double center, double width);

/// The header's attributes (meta header and data set, sequence items indented), at most
/// `maxRows`. Reads no pixel data. `error` is set when the file cannot be read whole (the
/// rows read before are still returned).
[[nodiscard]] std::vector<DicomTagRow> readDicomTags(const QString &path, QString *error, int maxRows = 20000);

} // namespace mltrl::ui
