#pragma once
/// Evidence of a type the workbench cannot show: its facts plus a hex and text dump of the
/// first 4 KiB, so the reviewer can at least see what the file is.
#include "ui/evidence/EvidenceViewer.h"

class QPlainTextEdit;

namespace mltrl::ui {

class BinaryEvidenceViewer : public EvidenceViewer {
    Q_OBJECT
public:
    explicit BinaryEvidenceViewer(const EvidenceSource &source, QWidget *parent = nullptr);
    [[nodiscard]] QPlainTextEdit *dump() const { return m_dump; }
    static constexpr qint64 kPreviewBytes = 4096;
    /// Classic 16-bytes-a-line hex dump: offset, hex bytes, printable ASCII.
    static QString hexDump(const QByteArray &bytes);

private:
    QPlainTextEdit *m_dump = nullptr;
};

} // namespace mltrl::ui
