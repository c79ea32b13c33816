#include "ui/evidence/DicomFrame.h"

#include "core/dicom/DcmtkSetup.h"
#include "ui/evidence/DicomJpeg2000.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dccodec.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcvr.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmimage/diregist.h> // registers colour image support with dcmimgle
#include <dcmtk/dcmimgle/dcmimage.h>
#include <dcmtk/dcmimgle/dipixel.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>

#include <algorithm>
#include <cmath>
#include <mutex>

namespace mltrl::ui {

namespace {

/// Element values above this many bytes are left on disk until needed (pixel data).
constexpr Uint32 kMaxReadLength = 4096;
/// Values longer than this are cut in the tag panel.
constexpr int kMaxValueChars = 256;
constexpr int kMaxDepth = 16;

void registerCodecs()
{
    static std::once_flag once;
    std::call_once(once, [] {
        dicom::setUpDcmtk();
        DJDecoderRegistration::registerCodecs();
        DJLSDecoderRegistration::registerCodecs();
        DcmRLEDecoderRegistration::registerCodecs();
        registerJpeg2000Decoder(); // OpenJPEG (evidence/DicomJpeg2000)
    });
}

QString text(const OFString &s)
{
    return QString::fromUtf8(s.c_str(), static_cast<qsizetype>(s.length()));
}

template <typename T>
void copyValues(const void *data, unsigned long count, std::vector<float> &out)
{
    const T *p = static_cast<const T *>(data);
    out.assign(p, p + count);
}

bool monochromeValues(const DiPixel &pixel, unsigned long count, std::vector<float> &out)
{
    const void *data = pixel.getData();
    if (!data || pixel.getCount() < count)
        return false;
    switch (pixel.getRepresentation()) {
    case EPR_Uint8:
        copyValues<Uint8>(data, count, out);
        return true;
    case EPR_Sint8:
        copyValues<Sint8>(data, count, out);
        return true;
    case EPR_Uint16:
        copyValues<Uint16>(data, count, out);
        return true;
    case EPR_Sint16:
        copyValues<Sint16>(data, count, out);
        return true;
    case EPR_Uint32:
        copyValues<Uint32>(data, count, out);
        return true;
    case EPR_Sint32:
        copyValues<Sint32>(data, count, out);
        return true;
    }
    return false;
}

QString valueText(DcmElement *el)
{
    const DcmEVR vr = el->ident();
    const Uint32 length = el->getLength();
    if (el->getTag() == DCM_PixelData || vr == EVR_OB || vr == EVR_OW || vr == EVR_OF || vr == EVR_OD || vr == EVR_OL ||
        vr == EVR_OV || vr == EVR_UN || vr == EVR_pixelSQ)
        return length == DCM_UndefinedLength ? QStringLiteral("(encapsulated)")
                                             : QStringLiteral("(%1 bytes)").arg(length);
    if (length > 64 * 1024)
        return QStringLiteral("(%1 bytes)").arg(length);
    OFString value;
    if (el->getOFStringArray(value).bad())
        return QStringLiteral("(unreadable)");
    QString v = text(value);
    if (v.size() > kMaxValueChars)
        v = v.left(kMaxValueChars) + QStringLiteral("…");
    return v;
}

void listItem(DcmItem &item, int depth, int maxRows, std::vector<DicomTagRow> &rows)
{
    const QString indent = QStringLiteral("> ").repeated(depth);
    for (unsigned long i = 0; i < item.card() && int(rows.size()) < maxRows; ++i) {
        DcmElement *el = item.getElement(i);
        if (!el)
            continue;
        DcmTag tag = el->getTag();
        const QString keyword = QString::fromLatin1(tag.getTagName());
        DicomTagRow row{indent + keyword,
                        QStringLiteral("(%1,%2)")
                            .arg(tag.getGTag(), 4, 16, QLatin1Char('0'))
                            .arg(tag.getETag(), 4, 16, QLatin1Char('0'))
                            .toUpper(),
                        QString::fromLatin1(DcmVR(el->ident()).getVRName()),
                        {}};
        if (el->ident() == EVR_SQ) {
            auto *seq = static_cast<DcmSequenceOfItems *>(el);
            row.value =
                QStringLiteral("(%1 item%2)").arg(seq->card()).arg(seq->card() == 1 ? QString() : QStringLiteral("s"));
            rows.push_back(std::move(row));
            if (depth < kMaxDepth)
                for (unsigned long j = 0; j < seq->card(); ++j)
                    if (DcmItem *child = seq->getItem(j))
                        listItem(*child, depth + 1, maxRows, rows);
            continue;
        }
        row.value = valueText(el);
        rows.push_back(std::move(row));
    }
}

} // namespace

DicomFrame decodeDicomFrame(const QString &path, int frame, qint64 pixelBudget)
{
    registerCodecs();
    DicomFrame out;
    out.frame = frame;
    DcmFileFormat file;
    const OFCondition status = file.loadFile(OFFilename(path.toLocal8Bit().constData()), EXS_Unknown, EGL_noChange,
                                             kMaxReadLength, ERM_autoDetect);
    if (status.bad()) {
        out.error = QStringLiteral("the file is not readable DICOM (%1)").arg(QString::fromLatin1(status.text()));
        return out;
    }
    DcmDataset *dataset = file.getDataset();
    E_TransferSyntax xfer = dataset->getOriginalXfer();
    out.transferSyntax = QString::fromLatin1(DcmXfer(xfer).getXferName());
    Uint16 rows = 0, columns = 0;
    dataset->findAndGetUint16(DCM_Rows, rows);
    dataset->findAndGetUint16(DCM_Columns, columns);
    if (!dataset->tagExists(DCM_PixelData) || rows == 0 || columns == 0) {
        out.error = QStringLiteral("the object holds no image (no Pixel Data, Rows or Columns)");
        return out;
    }
    if (qint64(rows) * columns > pixelBudget) {
        out.error = QStringLiteral("a frame is %1 × %2 pixels; the viewer shows frames up to %3 megapixels")
                        .arg(columns)
                        .arg(rows)
                        .arg(pixelBudget / 1000000);
        return out;
    }
    Sint32 frames = 1;
    if (dataset->findAndGetSint32(DCM_NumberOfFrames, frames).bad() || frames < 1)
        frames = 1;
    out.frameCount = frames;
    if (frame < 0 || frame >= frames) {
        out.error = QStringLiteral("there is no frame %1 (the object has %2)").arg(frame + 1).arg(frames);
        return out;
    }

    // Transfer syntaxes newer than DCMTK 3.6.7: it reads the data set but has no name, and no
    // codec, for them. High-Throughput JPEG 2000 (.201–.203) is decoded here, frame by frame,
    // by OpenJPEG (evidence/DicomJpeg2000); any other is "no decoder".
    OFString metaSyntax;
    unsigned long imageFrame = static_cast<unsigned long>(frame);
    if (DcmMetaInfo *meta = file.getMetaInfo();
        meta && meta->findAndGetOFString(DCM_TransferSyntaxUID, metaSyntax).good() && !metaSyntax.empty() &&
        DcmXfer(metaSyntax.c_str()).getXfer() == EXS_Unknown) {
        static const std::pair<const char *, const char *> kHighThroughput[] = {
            {"1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 (Lossless only)"},
            {"1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL (Lossless only)"},
            {"1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000"}};
        const auto known = std::find_if(std::begin(kHighThroughput), std::end(kHighThroughput),
                                        [&](const auto &k) { return metaSyntax == k.first; });
        if (known == std::end(kHighThroughput)) {
            out.transferSyntax = text(metaSyntax);
            out.error = QStringLiteral("no decoder for the transfer syntax %1 (unknown to DCMTK 3.6.7)")
                            .arg(out.transferSyntax);
            return out;
        }
        out.transferSyntax = QString::fromLatin1(known->second);
        const std::string error = decodeFrameToNativePixelData(*dataset, imageFrame);
        if (!error.empty()) {
            out.error = QStringLiteral("the High-Throughput JPEG 2000 pixel data cannot be decoded: %1")
                            .arg(QString::fromStdString(error));
            return out;
        }
        xfer = EXS_LittleEndianExplicit; // the data set now holds that one frame, native
        imageFrame = 0;
    }
    const DcmXfer syntax(xfer);
    if (syntax.isEncapsulated() && !DcmCodecList::canChangeCoding(xfer, EXS_LittleEndianExplicit)) {
        // High-Throughput JPEG 2000 and other syntaxes DCMTK 3.6.7 does not know (docs/dicom.md).
        out.error = QStringLiteral("no decoder for the transfer syntax %1 (%2)")
                        .arg(out.transferSyntax, QString::fromLatin1(syntax.getXferID()));
        return out;
    }
    clearJpeg2000Error();
    DicomImage image(&file, xfer, CIF_UsePartialAccessToPixelData, imageFrame, 1);
    if (image.getStatus() != EIS_Normal) {
        // DicomImage names only the kind of failure; the JPEG 2000 decoder keeps the reason.
        const QString reason = lastJpeg2000Error();
        out.error = reason.isEmpty() ? QString::fromLatin1(DicomImage::getString(image.getStatus()))
                                     : QStringLiteral("the JPEG 2000 pixel data cannot be decoded: %1").arg(reason);
        return out;
    }
    out.columns = static_cast<int>(image.getWidth());
    out.rows = static_cast<int>(image.getHeight());
    const unsigned long count = static_cast<unsigned long>(out.columns) * static_cast<unsigned long>(out.rows);
    if (image.isMonochrome()) {
        const DiPixel *pixel = image.getInterData();
        if (!pixel || !monochromeValues(*pixel, count, out.values)) {
            out.error = QStringLiteral("the pixel data cannot be decoded");
            return out;
        }
        out.monochrome1 = image.getPhotometricInterpretation() == EPI_Monochrome1;
        const auto [lo, hi] = std::minmax_element(out.values.begin(), out.values.end());
        out.minValue = *lo;
        out.maxValue = *hi;
        for (unsigned long i = 0; i < image.getWindowCount(); ++i) {
            double center = 0, width = 0;
            if (!image.setWindow(i) || !image.getWindow(center, width) || width < 1)
                continue;
            OFString explanation;
            image.getVoiWindowExplanation(i, explanation);
            const QString name =
                explanation.empty() ? QStringLiteral("File") : QStringLiteral("File: ") + text(explanation);
            out.fileWindows.push_back({center, width, name});
        }
        return out;
    }
    const void *rgb = image.getOutputData(8, 0, 0);
    if (!rgb) {
        out.error = QStringLiteral("the colour pixel data cannot be decoded");
        return out;
    }
    QImage color(out.columns, out.rows, QImage::Format_RGB888);
    const auto *src = static_cast<const uchar *>(rgb);
    for (int y = 0; y < out.rows; ++y)
        std::copy_n(src + qsizetype(y) * out.columns * 3, out.columns * 3, color.scanLine(y));
    out.color = std::move(color);
    return out;
}

QImage applyWindow(const DicomFrame &frame, double center, double width)
{
    if (!frame.isMonochrome())
        return frame.color;
    if (frame.values.empty())
        return {};
    QImage out(frame.columns, frame.rows, QImage::Format_Grayscale8);
    width = std::max(width, 1.0);
    // PS3.3 C.11.2.1.2.1: linear VOI function.
    const double low = center - 0.5 - (width - 1) / 2;
    const double high = center - 0.5 + (width - 1) / 2;
    const double scale = width > 1 ? 255.0 / (width - 1) : 0.0;
    for (int y = 0; y < frame.rows; ++y) {
        uchar *line = out.scanLine(y);
        const float *v = frame.values.data() + qsizetype(y) * frame.columns;
        for (int x = 0; x < frame.columns; ++x) {
            const double value = v[x];
            double grey;
            if (value <= low)
                grey = 0;
            else if (value > high)
                grey = 255;
            else
                grey = ((value - (center - 0.5)) * scale) + 127.5;
            int g = std::clamp(static_cast<int>(std::lround(grey)), 0, 255);
            line[x] = static_cast<uchar>(frame.monochrome1 ? 255 - g : g);
        }
    }
    return out;
}

std::vector<DicomTagRow> readDicomTags(const QString &path, QString *error, int maxRows)
{
    registerCodecs();
    std::vector<DicomTagRow> rows;
    DcmFileFormat file;
    const OFCondition status = file.loadFileUntilTag(OFFilename(path.toLocal8Bit().constData()), EXS_Unknown,
                                                     EGL_noChange, kMaxReadLength, ERM_autoDetect, DCM_PixelData);
    if (status.bad() && error)
        *error = QStringLiteral("the header cannot be read whole: %1").arg(QString::fromLatin1(status.text()));
    if (DcmMetaInfo *meta = file.getMetaInfo())
        listItem(*meta, 0, maxRows, rows);
    if (DcmDataset *dataset = file.getDataset())
        listItem(*dataset, 0, maxRows, rows);
    return rows;
}

} // namespace mltrl::ui
