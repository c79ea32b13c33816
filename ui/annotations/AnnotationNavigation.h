#pragma once
/// From an annotation's target to the place it names: the shell shows the panel and the
/// panel selects the item (through ProjectContext's show* signals).
#include <QString>

#include <nlohmann/json.hpp>

namespace mltrl::ui {

class ProjectContext;

/// Emits the ProjectContext navigation signal for `target` (evidence at its page, metric,
/// criterion, requirement, card, or the project). False when the target names nothing known.
bool navigateToTarget(ProjectContext &context, const nlohmann::json &target);

/// Goes to what annotation `id` is on (navigateToTarget), then asks the views to reveal the
/// annotation itself (ProjectContext::revealAnnotation): a text viewer scrolls to its line.
bool navigateToAnnotation(ProjectContext &context, const QString &id, const nlohmann::json &target);

} // namespace mltrl::ui
