// Two DICOM samples for the de-identification check (docs/dicom.md), written with DCMTK's
// dcmdata so the bytes are the same on every run: a de-identified study sample, and a flagged
// study left identified on purpose (synthetic names, a private tag) so the reviewer sees the
// check at work. Both are in both revisions, byte-identical. The pixels are a smooth synthetic
// chest (no text burnt in), 12-bit.
#include "Content.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcrleerg.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/oflog/oflog.h>

#include <QFile>
#include <QTemporaryDir>

#include <cmath>
#include <stdexcept>
#include <vector>

namespace gen {
namespace {

constexpr int kSize = 256;

/// A super-Gaussian blob (as the PNG overlay's radiograph, in 256-pixel coordinates).
double blob(double x, double y, double cx, double cy, double rx, double ry, double weight, double power)
{
    const double dx = (x - cx) / rx, dy = (y - cy) / ry;
    return weight * std::exp(-std::pow(dx * dx + dy * dy, power));
}

std::vector<Uint16> syntheticChest()
{
    std::vector<Uint16> pixels(kSize * kSize);
    for (int y = 0; y < kSize; ++y)
        for (int x = 0; x < kSize; ++x) {
            double v = 0.06 + blob(x, y, 128, 150, 108, 125, 0.62, 2.0) + blob(x, y, 128, 75, 30, 60, 0.12, 1.0) +
                       blob(x, y, 82, 128, 41, 75, -0.47, 2.0) + blob(x, y, 174, 128, 40, 72, -0.45, 2.0) +
                       blob(x, y, 128, 140, 13, 130, 0.10, 2.0) + blob(x, y, 144, 170, 36, 29, 0.16, 1.5) +
                       blob(x, y, 94, 176, 17, 14, 0.26, 1.0);
            pixels[y * kSize + x] = static_cast<Uint16>(std::clamp(std::lround(v * 3600.0), 0L, 4095L));
        }
    return pixels;
}

void put(DcmDataset &d, const DcmTagKey &key, const char *value)
{
    if (d.putAndInsertString(key, value).bad())
        throw std::runtime_error(std::string("DICOM sample: cannot set ") + DcmTag(key).getTagName());
}

struct Sample {
    const char *sopInstanceUid;
    const char *seriesInstanceUid;
    bool identified;
};

QByteArray writeSample(const Sample &s)
{
    static const std::vector<Uint16> pixels = syntheticChest();
    DcmFileFormat file;
    DcmDataset &d = *file.getDataset();
    // UIDs under 2.25 (UUID-derived, PS3.5 B.2), fixed so the bytes never change.
    put(d, DCM_SOPClassUID, UID_DigitalXRayImageStorageForPresentation);
    put(d, DCM_SOPInstanceUID, s.sopInstanceUid);
    put(d, DCM_StudyInstanceUID, "2.25.178223040619383114271474526958254416517");
    put(d, DCM_SeriesInstanceUID, s.seriesInstanceUid);
    put(d, DCM_Modality, "DX");
    put(d, DCM_ImageType, "ORIGINAL\\PRIMARY");
    put(d, DCM_ViewPosition, "PA");
    put(d, DCM_BodyPartExamined, "CHEST");
    put(d, DCM_Manufacturer, "cxr-triage synthetic sample");
    put(d, DCM_ManufacturerModelName, "SYNTHETIC IMAGE, not a patient");
    if (s.identified) {
        // Left identified on purpose (every value synthetic): what dicom-ingest removes.
        put(d, DCM_PatientName, "SYNTHETIC^TEST PATIENT");
        put(d, DCM_PatientID, "SYN-000417");
        put(d, DCM_PatientBirthDate, "19580101");
        put(d, DCM_PatientSex, "F");
        put(d, DCM_StudyDate, "20261012");
        put(d, DCM_StudyTime, "093012");
        put(d, DCM_AccessionNumber, "SYN-A-0417");
        put(d, DCM_InstitutionName, "Synthetic General Hospital (site C)");
        put(d, DCM_ReferringPhysicianName, "EXAMPLE^REFERRER");
        put(d, DCM_ImageComments, "SYNTHETIC IMAGE, not a patient radiograph");
        put(d, DcmTagKey(0x0029, 0x0010), "SYNTHETIC VENDOR");
        if (d.putAndInsertString(DcmTag(0x0029, 0x1010, EVR_LO), "detector serial SYN-DX-0042").bad())
            throw std::runtime_error("DICOM sample: cannot set the private attribute");
    } else {
        // The profile's Z attributes present and empty (Type 2), the rest removed.
        for (const DcmTagKey &k : {DCM_PatientName, DCM_PatientID, DCM_PatientBirthDate, DCM_PatientSex, DCM_StudyDate,
                                   DCM_StudyTime, DCM_AccessionNumber, DCM_ReferringPhysicianName})
            put(d, k, "");
        put(d, DCM_PatientIdentityRemoved, "YES");
        put(d, DCM_DeidentificationMethod, "dicom-ingest 2.4.1 (DICOM PS3.15 basic profile)");
        put(d, DCM_BurnedInAnnotation, "NO");
    }
    put(d, DCM_PhotometricInterpretation, "MONOCHROME2");
    put(d, DCM_PresentationLUTShape, "IDENTITY");
    put(d, DCM_WindowCenter, "1800");
    put(d, DCM_WindowWidth, "3000");
    put(d, DCM_WindowCenterWidthExplanation, "CHEST");
    d.putAndInsertUint16(DCM_SamplesPerPixel, 1);
    d.putAndInsertUint16(DCM_Rows, kSize);
    d.putAndInsertUint16(DCM_Columns, kSize);
    d.putAndInsertUint16(DCM_BitsAllocated, 16);
    d.putAndInsertUint16(DCM_BitsStored, 12);
    d.putAndInsertUint16(DCM_HighBit, 11);
    d.putAndInsertUint16(DCM_PixelRepresentation, 0);
    if (d.putAndInsertUint16Array(DCM_PixelData, pixels.data(), static_cast<unsigned long>(pixels.size())).bad())
        throw std::runtime_error("DICOM sample: cannot set the pixel data");

    // The identified one is RLE-compressed (a second transfer syntax for the viewer).
    const E_TransferSyntax xfer = s.identified ? EXS_RLELossless : EXS_LittleEndianExplicit;
    if (s.identified && (d.chooseRepresentation(xfer, nullptr).bad() || !d.canWriteXfer(xfer)))
        throw std::runtime_error("DICOM sample: cannot RLE-compress");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sample.dcm"));
    if (!dir.isValid() || file.saveFile(path.toLocal8Bit().constData(), xfer).bad())
        throw std::runtime_error("DICOM sample: cannot write");
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw std::runtime_error("DICOM sample: cannot read back");
    return f.readAll();
}

}  // namespace

void addDicomSamples(Content &content, Edition)
{
    OFLog::configure(OFLogger::OFF_LOG_LEVEL);
    DcmRLEEncoderRegistration::registerCodecs();
    content.add("evidence/imaging/sample-cxr-deidentified.dcm",
                writeSample({"2.25.254601737201853291858734652437207916913", "2.25.30418626813451093716402345520412934573", false}));
    content.add("evidence/imaging/flagged-cxr-identified.dcm",
                writeSample({"2.25.91807367214453839217330916640153046207", "2.25.30418626813451093716402345520412934573", true}));
    DcmRLEEncoderRegistration::cleanup();
}

}  // namespace gen
