#pragma once
/// "Open with system viewer": the evidence bytes are copied to a read-only (0444) temporary
/// file named as in the archive (so the system picks the right application, and nobody edits
/// the reviewed bytes by accident), then handed to QDesktopServices::openUrl.
#include "evidence/EvidenceSource.h"

namespace mltrl::ui {

class SystemViewerLauncher {
public:
    /// The read-only copy (made once per SHA-256 and file name); empty with `error` on failure.
    static QString prepareCopy(const EvidenceSource &source, QString *error);
    /// prepareCopy, then open it; false with `error` when either fails.
    static bool open(const EvidenceSource &source, QString *error);
};

} // namespace mltrl::ui
