#pragma once
/// Markdown evidence, rendered (QTextBrowser::setMarkdown, GitHub dialect).
#include "evidence/EvidenceViewer.h"

class QTextBrowser;

namespace mltrl::ui {

class MarkdownEvidenceViewer : public EvidenceViewer {
    Q_OBJECT
public:
    explicit MarkdownEvidenceViewer(const EvidenceSource &source, QWidget *parent = nullptr);
    [[nodiscard]] QTextBrowser *browser() const { return m_browser; }

private:
    QTextBrowser *m_browser = nullptr;
};

} // namespace mltrl::ui
