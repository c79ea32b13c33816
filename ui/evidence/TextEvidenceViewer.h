#pragma once
/// Plain text and logs: monospace, read-only, no wrapping (log lines keep their columns).
#include "evidence/EvidenceViewer.h"

class QPlainTextEdit;

namespace mltrl::ui {

class TextEvidenceViewer : public EvidenceViewer {
    Q_OBJECT
public:
    explicit TextEvidenceViewer(const EvidenceSource &source, QWidget *parent = nullptr);
    ~TextEvidenceViewer() override;
    [[nodiscard]] QPlainTextEdit *editor() const { return m_editor; }
    /// Text files are shown up to this size; the rest is cut with a note.
    static qint64 maxBytes() { return 32LL * 1024 * 1024; }

private:
    QPlainTextEdit *m_editor = nullptr;
};

} // namespace mltrl::ui
