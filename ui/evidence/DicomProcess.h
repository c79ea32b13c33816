#pragma once
/// DICOM frames and headers shown in the workbench are decoded by `mltrl-decode` (address
/// space 2 GiB, 20 s of CPU; app/decode/DicomDecode.cpp), one process per request: DCMTK and
/// its decoders (IJG JPEG, CharLS, RLE, zlib, OpenJPEG) never run on evidence in the workbench.
/// A crash, hang or limit there, or an answer that does not hold together (DicomProtocol.h),
/// gives a frame with `processFailed` and "This DICOM image could not be shown: …"; the
/// workbench lives on. Call from a worker thread (it waits).
///
/// When no decoder is installed (a build without it; DecoderProcess::helperPath) the same
/// functions run in this process, within the same pixel budget.
#include "ui/evidence/DicomFrame.h"

namespace mltrl::ui {

class DicomProcess {
public:
    /// decodeDicomFrame() in the decoder process. `timeoutMs` bounds the wait.
    static DicomFrame frame(const QString &path, int frame, qint64 pixelBudget = kDicomPixelBudget,
                            int timeoutMs = 30000);
    /// readDicomTags() in the decoder process. When the decoder fails, no rows and `error` says
    /// why; `processFailed` (if given) is set then.
    static std::vector<DicomTagRow> tags(const QString &path, QString *error, bool *processFailed = nullptr,
                                         int timeoutMs = 30000);
};

} // namespace mltrl::ui
