#pragma once
/// Markdown evidence, rendered (GitHub dialect); images only from the same archive revision,
/// relative to the file (ArchiveTextBrowser).
#include "common/ArchiveTextBrowser.h"
#include "evidence/EvidenceViewer.h"

namespace mltrl::ui {

class MarkdownEvidenceViewer : public EvidenceViewer {
    Q_OBJECT
public:
    explicit MarkdownEvidenceViewer(const EvidenceSource &source, QWidget *parent = nullptr);
    [[nodiscard]] ArchiveTextBrowser *browser() const { return m_browser; }

private:
    ArchiveTextBrowser *m_browser = nullptr;
};

} // namespace mltrl::ui
