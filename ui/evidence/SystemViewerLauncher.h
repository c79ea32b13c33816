#pragma once
/// "Open with system viewer": a deliberate act, made safe.
/// - Only media types with a known, passive viewer are handed over: PDF, PNG/JPEG/GIF/BMP/WebP
///   images, plain text, Markdown and CSV (declared by the manifest; an evidence item without
///   a media type counts by its extension only if that is one of these). Executables, scripts,
///   desktop entries and every other type are refused with a message; so is SVG (it may refer
///   to local files and web addresses, which a system viewer would follow).
/// - The copy's name is rebuilt: the evidence id (letters, digits, '-', '_', '.'), then the
///   declared type's own extension. The archive's file name never reaches the opener, so a
///   `report.desktop` or `report.pdf.exe` declared as PDF opens as `<id>.pdf`.
/// - Copies are read-only (0400) in a private folder (0700, fresh name) under $XDG_RUNTIME_DIR,
///   else the user's cache folder, removed when the workbench quits.
#include "ui/evidence/EvidenceSource.h"

#include <optional>

namespace mltrl::ui {

class SystemViewerLauncher {
public:
    /// The extension (no dot) the copy of a `mediaType` evidence file gets, or nullopt with
    /// `refusal` (why it is not handed to the system).
    static std::optional<QString> extensionFor(const QString &mediaType, const QString &suffix, QString *refusal);
    /// The copy's file name: "<id>.<extension>" with the id reduced to safe characters.
    static QString copyName(const QString &id, const QString &extension);
    /// The private folder of this process (created 0700 on first use); empty if none can be made.
    static QString privateFolder();
    /// The read-only copy (made once per SHA-256 and name); empty with `error` on failure or refusal.
    static QString prepareCopy(const EvidenceSource &source, QString *error);
    /// prepareCopy, then open it; false with `error` when either fails.
    static bool open(const EvidenceSource &source, QString *error);
};

} // namespace mltrl::ui
