#include "shell/PanelSetup.h"

#include "overview/OverviewPanel.h"
#include "session/ProjectContext.h"
#include "shell/WorkbenchWindow.h"

namespace mltrl::ui {

void installPanels(WorkbenchWindow &window, ProjectContext &context)
{
    window.addPanel(QStringLiteral("Overview"), QStringLiteral("go-home"), new OverviewPanel(&context));
}

} // namespace mltrl::ui
