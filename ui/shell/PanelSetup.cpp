#include "shell/PanelSetup.h"

#include "evidence/EvidencePanel.h"
#include "overview/OverviewPanel.h"
#include "session/ProjectContext.h"
#include "shell/WorkbenchWindow.h"

namespace mltrl::ui {

void installPanels(WorkbenchWindow &window, ProjectContext &context)
{
    window.addPanel(QStringLiteral("Overview"), QStringLiteral("go-home"), new OverviewPanel(&context));
    auto *evidence = new EvidencePanel(&context);
    window.addPanel(QStringLiteral("Evidence"), QStringLiteral("folder-documents"), evidence);
    window.setPanelFor(WorkbenchWindow::Navigation::Evidence, evidence);
}

} // namespace mltrl::ui
