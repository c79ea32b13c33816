#pragma once
/// Annotations on plain-text evidence: annotated lines get a severity-coloured background
/// (text on hover); "Annotate line" (tool button, Ctrl+Shift+A, or the context menu)
/// annotates the line under the cursor.
#include "ui/annotations/EvidenceAnnotationLayer.h"

namespace mltrl::ui {

class TextEvidenceViewer;

class TextAnnotationLayer : public EvidenceAnnotationLayer {
    Q_OBJECT
public:
    TextAnnotationLayer(TextEvidenceViewer &viewer, ProjectContext &context);
    /// Annotates line `line` (1-based).
    void annotateLine(int line);
    /// Lines; whole-document annotations are listed in the banner.
    [[nodiscard]] bool drawsInPlace(const Annotation &annotation) const override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void redraw() override;
    void modeChanged(bool on) override;
    void reveal(const Annotation &annotation) override;

private:
    [[nodiscard]] const Annotation *annotationOnLine(int line) const;
    /// Scrolls to m_revealLine and selects it, once the text is there.
    void scrollToRevealed();

    TextEvidenceViewer &m_text;
    int m_revealLine = 0; ///< 1-based; 0: nothing to reveal
    /// The revealed line stays centred while the new viewer is laid out, until the reviewer
    /// clicks or scrolls.
    bool m_keepCentred = false;
};

} // namespace mltrl::ui
