#pragma once
/// Annotations on plain-text evidence: annotated lines get a severity-coloured background
/// (text on hover); "Annotate line" (tool button, Ctrl+Shift+A, or the context menu)
/// annotates the line under the cursor.
#include "annotations/EvidenceAnnotationLayer.h"

namespace mltrl::ui {

class TextEvidenceViewer;

class TextAnnotationLayer : public EvidenceAnnotationLayer {
    Q_OBJECT
public:
    TextAnnotationLayer(TextEvidenceViewer &viewer, ProjectContext &context);
    /// Annotates line `line` (1-based).
    void annotateLine(int line);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void redraw() override;
    void modeChanged(bool on) override;

private:
    [[nodiscard]] const Annotation *annotationOnLine(int line) const;
    TextEvidenceViewer &m_text;
};

} // namespace mltrl::ui
