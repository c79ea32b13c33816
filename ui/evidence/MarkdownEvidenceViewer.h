#pragma once
/// Markdown evidence, rendered (GitHub dialect); images only from the same archive revision,
/// relative to the file (ArchiveTextBrowser).
#include "ui/common/ArchiveTextBrowser.h"
#include "ui/evidence/EvidenceViewer.h"

namespace mltrl::ui {

class FindBar;

class MarkdownEvidenceViewer : public EvidenceViewer {
    Q_OBJECT
public:
    explicit MarkdownEvidenceViewer(const EvidenceSource &source, QWidget *parent = nullptr);
    [[nodiscard]] ArchiveTextBrowser *browser() const { return m_browser; }
    [[nodiscard]] FindBar *findBar() const { return m_find; }

private:
    /// The file's text (or why it cannot be read) into the browser.
    void showText(const QByteArray &bytes, const QString &error);
    ArchiveTextBrowser *m_browser = nullptr;
    FindBar *m_find = nullptr;
};

} // namespace mltrl::ui
