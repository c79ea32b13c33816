#pragma once
/// Images shown from an archive are decoded by `mltrl-decode`, a process of its own with an
/// address-space and CPU-time limit (app/decode/main.cpp): a crash, hang or runaway allocation
/// in Qt's image plugins or QtSvg ends that process, and the viewer says "This image could not
/// be shown (…)" while the workbench lives on. Call from a worker thread (it waits).
/// The decoder is `$MLTRL_DECODER`, else `mltrl-decode` beside the application or in
/// `../libexec/mltrl/`; when none exists (a build without it) the image is decoded in this
/// process by the same SafeImage code, within the same budgets.
#include "ui/common/SafeImage.h"

namespace mltrl::ui {

class DecoderProcess {
public:
    /// The decoder's path; empty when there is none.
    static QString helperPath();
    /// SafeImage::decode, run in the decoder process. A decoder that crashes, fails or takes
    /// longer than `timeoutMs` gives an error, never an image.
    static SafeImage::Result decode(const QByteArray &bytes, const QString &mediaType, const QString &suffix,
                                    qint64 pixelBudget = SafeImage::kPixelBudget, int timeoutMs = 30000);
    /// The text layer of the PDF at `path`, extracted in the decoder process (in this process
    /// when there is no decoder). Empty, with `error` set, when the decoder crashed, failed or
    /// took longer than `timeoutMs`.
    static QString pdfText(const QString &path, QString *error = nullptr, int timeoutMs = 60000);
};

} // namespace mltrl::ui
