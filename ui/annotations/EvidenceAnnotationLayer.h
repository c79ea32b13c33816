#pragma once
/// Annotations in place on an evidence viewer, kept apart from the viewers themselves: a
/// layer attaches to a viewer, draws the revision's annotations on that evidence (coloured
/// by severity, text on hover) and offers a mode to annotate a region (PDF page, image) or
/// a line (text). The viewers know nothing of annotations.
///
/// Targets follow the archive contract (§4): a PDF region is {"evidence", "page" (from 1),
/// "rect": [x, y, width, height]} in PDF points from the page's top-left corner; an image
/// region is {"evidence", "rect"} in image pixels from the top-left; a text line is
/// {"evidence", "line" (from 1)}.
#include "review/AnnotationStore.h"

#include <QObject>
#include <QPointer>

#include <vector>

class QAction;

namespace mltrl::ui {

class EvidenceViewer;
class ProjectContext;

class EvidenceAnnotationLayer : public QObject {
    Q_OBJECT
public:
    /// A layer for `viewer` (PDF, image or plain text; nullptr for other types), owned by the
    /// viewer. Its mode action is added to the viewer's tool bar.
    static EvidenceAnnotationLayer *attach(EvidenceViewer &viewer, ProjectContext &context);

    /// The checkable "Annotate region" / "Annotate line" action (Ctrl+Shift+A).
    [[nodiscard]] QAction *modeAction() const { return m_mode; }
    [[nodiscard]] bool isDrawing() const;
    void setDrawing(bool on);
    /// The annotations drawn now (those on this evidence).
    [[nodiscard]] const std::vector<Annotation> &shown() const { return m_shown; }

protected:
    EvidenceAnnotationLayer(EvidenceViewer &viewer, ProjectContext &context, const QString &modeText);
    /// Re-reads the annotations of this evidence and redraws them.
    void reload();
    /// Asks for severity and text, then adds an annotation on `target`; leaves the mode.
    void annotateTarget(const nlohmann::json &target);
    virtual void redraw() = 0;
    virtual void modeChanged(bool on) { Q_UNUSED(on); }

    EvidenceViewer &m_viewer;
    ProjectContext &m_context;
    std::vector<Annotation> m_shown;

private:
    QAction *m_mode = nullptr;
};

} // namespace mltrl::ui
