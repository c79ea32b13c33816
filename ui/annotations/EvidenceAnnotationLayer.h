#pragma once
/// Annotations in place on an evidence viewer, kept apart from the viewers themselves: a
/// layer attaches to a viewer, draws the revision's annotations on that evidence (coloured
/// by severity, text on hover) and offers a mode to annotate a region (PDF page, image) or
/// a line (text). The viewers know nothing of annotations.
///
/// What a viewer cannot draw in place — annotations on the whole document or on a page only,
/// and lines or regions on viewers without lines or regions — is listed by an
/// AnnotationBanner above the viewer's content, on every viewer type (PDFs also mark an
/// annotated page along its left edge). Going to an annotation from the list reveals it
/// (ProjectContext::revealAnnotation): a text viewer scrolls to its line and selects it, a PDF
/// or image viewer brings its region into view.
///
/// Targets follow the archive contract (§4): a PDF region is {"evidence", "page" (from 1),
/// "rect": [x, y, width, height]} in PDF points from the page's top-left corner; an image
/// region is {"evidence", "rect"} in image pixels from the top-left; a text line is
/// {"evidence", "line" (from 1)}.
#include "core/review/AnnotationStore.h"

#include <QObject>
#include <QPointer>

#include <vector>

class QAction;

namespace mltrl::ui {

class AnnotationBanner;
class EvidenceViewer;
class ProjectContext;

class EvidenceAnnotationLayer : public QObject {
    Q_OBJECT
public:
    /// A layer for `viewer`, owned by the viewer: PDF, image and plain text get one that draws
    /// and annotates in place (its mode action is added to the viewer's tool bar); the other
    /// types one that only keeps the banner.
    static EvidenceAnnotationLayer *attach(EvidenceViewer &viewer, ProjectContext &context);

    /// The checkable "Annotate region" / "Annotate line" action (Ctrl+Shift+A); null on
    /// viewers that annotate nothing finer than the whole document.
    [[nodiscard]] QAction *modeAction() const { return m_mode; }
    /// The strip listing what is not drawn in place (hidden when that is nothing).
    [[nodiscard]] AnnotationBanner *banner() const { return m_banner; }
    /// Whether this layer draws `annotation` on the content itself (a region, a line).
    [[nodiscard]] virtual bool drawsInPlace(const Annotation &annotation) const;
    [[nodiscard]] bool isDrawing() const;
    void setDrawing(bool on);
    /// The annotations drawn now (those on this evidence).
    [[nodiscard]] const std::vector<Annotation> &shown() const { return m_shown; }

protected:
    /// `modeText` empty: no annotate mode (the viewer shows no lines or regions).
    EvidenceAnnotationLayer(EvidenceViewer &viewer, ProjectContext &context, const QString &modeText);
    /// Re-reads the annotations of this evidence and redraws them.
    void reload();
    /// Asks for severity and text, then adds an annotation on `target`; leaves the mode.
    void annotateTarget(const nlohmann::json &target);
    virtual void redraw() {}
    virtual void modeChanged(bool on) { Q_UNUSED(on); }
    /// Scrolls to and marks `annotation` (one of shown()); the user went to it from the list.
    /// By default shows its page and region (EvidenceViewer::showRegion), if it has them.
    virtual void reveal(const Annotation &annotation);

    EvidenceViewer &m_viewer;
    ProjectContext &m_context;
    std::vector<Annotation> m_shown;

private:
    QAction *m_mode = nullptr;
    AnnotationBanner *m_banner = nullptr;
};

} // namespace mltrl::ui
