#pragma once
/// The searchable text of an evidence file: Markdown, plain text, CSV as written; JSON's keys
/// and string values; a notebook's cells and text outputs; a PDF's text layer (QtPdf, hence
/// here in ui). Images and unknown types have no text (their title is still indexed).
/// Safe to call on a worker thread.
#include "ui/evidence/EvidenceSource.h"

#include <QString>

namespace mltrl::ui {

class EvidenceText {
public:
    /// Files larger than this are indexed by their first maxBytes() only.
    static qint64 maxBytes() { return 16LL * 1024 * 1024; }
    static QString extract(const EvidenceSource &source);
    static QString pdfText(const QString &path);
    static QString jsonText(const QByteArray &bytes);
};

} // namespace mltrl::ui
