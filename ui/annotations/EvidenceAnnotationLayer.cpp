#include "ui/annotations/EvidenceAnnotationLayer.h"

#include "ui/annotations/AnnotationBanner.h"
#include "ui/annotations/AnnotationEditor.h"
#include "ui/annotations/AnnotationPlace.h"
#include "ui/annotations/ImageAnnotationLayer.h"
#include "ui/annotations/PdfAnnotationLayer.h"
#include "ui/annotations/TextAnnotationLayer.h"
#include "ui/evidence/EvidenceViewer.h"
#include "ui/evidence/ImageEvidenceViewer.h"
#include "ui/evidence/PdfEvidenceViewer.h"
#include "ui/evidence/TextEvidenceViewer.h"
#include "ui/session/ProjectContext.h"

#include <QAction>
#include <QBoxLayout>
#include <QToolButton>

#include <algorithm>

namespace mltrl::ui {

namespace {

/// Puts `action`'s button into the viewer's tool row (before its stretch), or a new row on top
/// when the viewer has none. The viewers build that row as the first item of their layout.
void addToToolRow(EvidenceViewer &viewer, QAction *action)
{
    auto *button = new QToolButton(&viewer);
    button->setObjectName(QStringLiteral("annotateModeButton"));
    button->setDefaultAction(action);
    button->setAutoRaise(true);
    auto *outer = qobject_cast<QBoxLayout *>(viewer.layout());
    if (!outer)
        return;
    auto *row = outer->count() > 0 ? qobject_cast<QHBoxLayout *>(outer->itemAt(0)->layout()) : nullptr;
    if (!row) {
        row = new QHBoxLayout;
        row->addStretch();
        outer->insertLayout(0, row);
    }
    int at = row->count();
    for (int i = 0; i < row->count(); ++i) {
        if (row->itemAt(i)->spacerItem()) {
            at = i;
            break;
        }
    }
    row->insertWidget(at, button);
}

} // namespace

EvidenceAnnotationLayer *EvidenceAnnotationLayer::attach(EvidenceViewer &viewer, ProjectContext &context)
{
    EvidenceAnnotationLayer *layer = nullptr;
    if (auto *pdf = qobject_cast<PdfEvidenceViewer *>(&viewer))
        layer = new PdfAnnotationLayer(*pdf, context);
    else if (auto *image = qobject_cast<ImageEvidenceViewer *>(&viewer))
        layer = new ImageAnnotationLayer(*image, context);
    else if (auto *text = qobject_cast<TextEvidenceViewer *>(&viewer))
        layer = new TextAnnotationLayer(*text, context);
    else
        layer = new EvidenceAnnotationLayer(viewer, context, {});
    layer->reload();
    return layer;
}

EvidenceAnnotationLayer::EvidenceAnnotationLayer(EvidenceViewer &viewer, ProjectContext &context,
                                                 const QString &modeText)
      : QObject(&viewer), m_viewer(viewer), m_context(context)
{
    viewer.addHelper(this); // deleted before the viewer's widgets go (WidgetHelpers)
    setObjectName(QStringLiteral("annotationLayer"));
    if (!modeText.isEmpty()) {
        m_mode = new QAction(modeText, this);
        m_mode->setObjectName(QStringLiteral("annotateModeAction"));
        m_mode->setCheckable(true);
        m_mode->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
        m_mode->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_mode->setToolTip(
            QStringLiteral("%1 (%2)").arg(modeText, m_mode->shortcut().toString(QKeySequence::NativeText)));
        viewer.addAction(m_mode);
        addToToolRow(viewer, m_mode);
        connect(m_mode, &QAction::toggled, this, [this](bool on) { modeChanged(on); });
    }
    // The banner goes under the tool row (when there is one) and above the content. Its filter
    // asks drawsInPlace(), which is only overridden once construction is over: reload() (called
    // by attach()) refreshes it then.
    const std::string id = viewer.source().id.toStdString();
    m_banner = new AnnotationBanner(
        context,
        [this, id](const Annotation &a) { return a.target.value("evidence", std::string()) == id && !drawsInPlace(a); },
        &viewer);
    if (auto *outer = qobject_cast<QBoxLayout *>(viewer.layout()))
        outer->insertWidget(m_mode ? 1 : 0, m_banner);
    connect(&context, &ProjectContext::annotationsChanged, this, &EvidenceAnnotationLayer::reload);
    connect(&context, &ProjectContext::revealAnnotation, this, [this](const QString &annotationId) {
        for (const Annotation &a : m_shown)
            if (a.id == annotationId.toStdString()) {
                reveal(a);
                return;
            }
    });
}

void EvidenceAnnotationLayer::reveal(const Annotation &annotation)
{
    const auto place = placeOf(annotation);
    if (place && !place->rect.isEmpty())
        m_viewer.showRegion(std::max(0, place->page - 1), place->rect);
}

bool EvidenceAnnotationLayer::drawsInPlace(const Annotation &) const
{
    return false;
}

bool EvidenceAnnotationLayer::isDrawing() const
{
    return m_mode && m_mode->isChecked();
}

void EvidenceAnnotationLayer::setDrawing(bool on)
{
    if (m_mode)
        m_mode->setChecked(on);
}

void EvidenceAnnotationLayer::reload()
{
    m_shown.clear();
    const std::string id = m_viewer.source().id.toStdString();
    const auto work = m_context.reviewWork();
    for (const Annotation &a : work->annotations)
        if (a.target.contains("evidence") && a.target["evidence"] == id)
            m_shown.push_back(a);
    m_banner->refresh();
    redraw();
}

void EvidenceAnnotationLayer::annotateTarget(const nlohmann::json &target)
{
    // One region per activation: a stray click after it must not start another annotation.
    setDrawing(false);
    annotate(m_context, target, &m_viewer);
}

} // namespace mltrl::ui
