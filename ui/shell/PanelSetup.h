#pragma once
/// The one place where the workbench's panels are created and registered with the window.

namespace mltrl::ui {

class ProjectContext;
class WorkbenchWindow;

/// Creates every project panel and adds it to `window` (order = navigator order = Ctrl+1…).
void installPanels(WorkbenchWindow &window, ProjectContext &context);

} // namespace mltrl::ui
