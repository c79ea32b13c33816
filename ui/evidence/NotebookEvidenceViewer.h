#pragma once
/// A Jupyter notebook as a reader sees it in Jupyter: Markdown cells rendered, code cells in a
/// monospace font with their execution count, then their outputs: text (terminal colours
/// rendered), images (PNG, JPEG, SVG), HTML tables and text (sanitized) and error tracebacks.
#include "ui/common/SafeImage.h"
#include "ui/evidence/EvidenceViewer.h"
#include "ui/evidence/Notebook.h"

#include <QHash>
#include <QImage>

#include <optional>
#include <vector>

class QVBoxLayout;
class QLabel;

namespace mltrl::ui {

class FindBar;

class NotebookEvidenceViewer : public EvidenceViewer {
    Q_OBJECT
public:
    explicit NotebookEvidenceViewer(const EvidenceSource &source, QWidget *parent = nullptr);
    [[nodiscard]] int cellCount() const { return m_cellCount; }
    [[nodiscard]] int imageCount() const { return m_imageCount; }
    [[nodiscard]] FindBar *findBar() const { return m_find; }

private:
    struct Loaded {
        std::optional<Notebook> notebook;
        std::vector<SafeImage::Result> images; ///< one per output, in order (null image: none)
        /// Per cell, its decoded attachments by the name the Markdown uses ("attachment:x.png").
        std::vector<QHash<QString, QImage>> attachments;
        QString error;
    };
    void build(const Notebook &notebook, const std::vector<SafeImage::Result> &images,
               const std::vector<QHash<QString, QImage>> &attachments);
    QWidget *markdownCell(const QString &markdown, const QHash<QString, QImage> &attachments);
    QWidget *codeCell(const QString &source, const QString &prompt);
    /// An output shown as the workbench's own rich text (sanitized HTML, coloured terminal text).
    QWidget *richOutput(const QString &html, const QString &objectName, bool monospace);

    QVBoxLayout *m_cells = nullptr;
    QLabel *m_error = nullptr;
    FindBar *m_find = nullptr;
    int m_cellCount = 0;
    int m_imageCount = 0;
};

} // namespace mltrl::ui
