#include "ui/shell/PanelSetup.h"

#include "ui/annotations/AnnotateMenu.h"
#include "ui/annotations/AnnotationsPanel.h"
#include "ui/changes/ChangesPanel.h"
#include "ui/evidence/EvidencePanel.h"
#include "ui/meeting/MeetingMode.h"
#include "ui/overview/OverviewPanel.h"
#include "ui/panels/CardsPanel.h"
#include "ui/panels/GatesPanel.h"
#include "ui/panels/MetricsPanel.h"
#include "ui/panels/RequirementsPanel.h"
#include "ui/review/ReviewForm.h"
#include "ui/session/ProjectContext.h"
#include "ui/shell/WorkbenchWindow.h"

namespace mltrl::ui {

void installPanels(WorkbenchWindow &window, ProjectContext &context)
{
    using Navigation = WorkbenchWindow::Navigation;
    // In the order of the reviewer's walk (ui-sketch.md): where the project stands, the gate,
    // then what the gate points to. Ctrl+1… follow this order.
    auto *overview = new OverviewPanel(&context);
    window.addPanel(QStringLiteral("Overview"), QStringLiteral("go-home"), overview);
    QObject::connect(&context, &ProjectContext::showProject, &window,
                     [&window, overview] { window.showPanel(overview); });

    auto *gates = new GatesPanel(&context);
    window.addPanel(QStringLiteral("Gates"), QStringLiteral("view-task"), gates);
    window.setPanelFor(Navigation::Criterion, gates);

    auto *cards = new CardsPanel(&context);
    window.addPanel(QStringLiteral("Cards"), QStringLiteral("x-office-document"), cards);
    window.setPanelFor(Navigation::Card, cards);

    auto *requirements = new RequirementsPanel(&context);
    window.addPanel(QStringLiteral("Requirements"), QStringLiteral("view-list-details"), requirements);
    window.setPanelFor(Navigation::Requirement, requirements);

    auto *evidence = new EvidencePanel(&context);
    window.addPanel(QStringLiteral("Evidence"), QStringLiteral("folder-documents"), evidence);
    window.setPanelFor(Navigation::Evidence, evidence);

    auto *metrics = new MetricsPanel(&context);
    window.addPanel(QStringLiteral("Metrics"), QStringLiteral("office-chart-line"), metrics);
    window.setPanelFor(Navigation::Metric, metrics);

    // The reviewer's notes across everything above; double-click goes to what each is on.
    auto *annotations = new AnnotationsPanel(&context);
    window.addPanel(QStringLiteral("Annotations"), QStringLiteral("story-editor"), annotations);
    // A chip in a banner (over a document, a card, the summary) opens the list at that note.
    QObject::connect(&context, &ProjectContext::showAnnotation, &window,
                     [&window, annotations] { window.showPanel(annotations); });
    installAnnotationHooks(context, overview, gates, cards, requirements, metrics);

    // Meeting mode (F5) runs the gate selected in the Gates panel.
    auto *meeting = new MeetingMode(&context, &window, [gates] { return gates->currentGate(); });
    window.addModeAction(meeting->action());

    // What changed since the user last signed a review (or between any two revisions).
    window.addPanel(QStringLiteral("Changes"), QStringLiteral("document-compare"), new ChangesPanel(&context));

    // Last in the walk: decide and sign, once the evidence has been seen.
    window.addPanel(QStringLiteral("Review"), QStringLiteral("document-sign"), new ReviewForm(&context));
}

} // namespace mltrl::ui
