// mltrl-decode's DICOM requests: the workbench's DICOM viewer asks for every frame and for the
// header here (ui/evidence/DicomProcess), so DCMTK and its decoders (IJG JPEG, CharLS JPEG-LS,
// RLE, zlib; OpenJPEG for JPEG 2000, itself in a forked child per codestream) never run on
// evidence in the workbench (docs/dicom.md, "Where decoding runs").
//
//     mltrl-decode --dicom-frame FILE FRAME PIXEL-BUDGET > answer
//     mltrl-decode --dicom-tags FILE > answer
//
// The answer is the frame's modality values (not a windowed image: the viewer applies the
// window itself, so dragging it never asks again) or the header's rows, as in
// ui/evidence/DicomProtocol.h. A file that cannot be decoded is an answer with its reason
// (exit 0); a usage error is exit 2, an output error exit 3. main() has set the address-space
// and CPU limits before this runs.
#include "app/decode/DicomDecode.h"
#include "app/decode/StdIo.h"

#include "ui/evidence/DicomFrame.h"
#include "ui/evidence/DicomProtocol.h"

#include <QByteArray>
#include <QString>

#include <unistd.h>

#include <cstdio>
#include <cstring>

using mltrl::decode::readFully;
using mltrl::decode::writeFully;

namespace {

int usage()
{
    std::fputs("usage: mltrl-decode --dicom-frame FILE FRAME PIXEL-BUDGET > answer\n"
               "       mltrl-decode --dicom-tags FILE > answer\n",
               stderr);
    return 2;
}

} // namespace

bool handleDicomRequest(int argc, char **argv, int &exitCode)
{
    using namespace mltrl::ui;
    if (argc < 2 || (std::strcmp(argv[1], "--dicom-frame") != 0 && std::strcmp(argv[1], "--dicom-tags") != 0))
        return false;
    if (std::strcmp(argv[1], "--dicom-tags") == 0) {
        if (argc != 3) {
            exitCode = usage();
            return true;
        }
        QString error;
        const std::vector<DicomTagRow> rows = readDicomTags(QString::fromLocal8Bit(argv[2]), &error);
        exitCode = writeFully(dicomwire::encodeTags(rows, error)) ? 0 : 3;
        return true;
    }
    if (argc != 5) {
        exitCode = usage();
        return true;
    }
    bool frameOk = false, budgetOk = false;
    const int frame = QByteArray(argv[3]).toInt(&frameOk);
    const qint64 budget = QByteArray(argv[4]).toLongLong(&budgetOk);
    if (!frameOk || frame < 0 || !budgetOk || budget <= 0 || budget > kDicomPixelBudget) {
        std::fputs("mltrl-decode: FRAME must be 0 or more, PIXEL-BUDGET positive and at most 40 Mpx\n", stderr);
        exitCode = 2;
        return true;
    }
    const DicomFrame decoded = decodeDicomFrame(QString::fromLocal8Bit(argv[2]), frame, budget);
    exitCode = writeFully(dicomwire::encodeFrame(decoded)) ? 0 : 3;
    return true;
}
