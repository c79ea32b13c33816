#pragma once
/// "Annotate …" in the context menus of the panels (criteria, requirements, cards, the
/// project) and the metric plots' range mode, installed from outside so the panels stay
/// unaware of annotations.
#include <nlohmann/json.hpp>

#include <functional>

class QWidget;

namespace mltrl::ui {

class CardsPanel;
class GatesPanel;
class MetricsPanel;
class OverviewPanel;
class ProjectContext;
class RequirementsPanel;

/// Adds "Annotate <what>…" to `widget`'s context menu (after its standard entries for text
/// views; a scroll area's viewport is hooked). `target` names what is under the menu when it
/// opens; a null json shows no entry.
void attachAnnotateMenu(QWidget *widget, ProjectContext &context, std::function<nlohmann::json()> target);

/// Shows which items carry annotations: severity marks on the criteria and requirements
/// tables, banners above the card shown and the project summary. Part of
/// installAnnotationHooks().
void installAnnotationMarks(ProjectContext &context, OverviewPanel *overview, GatesPanel *gates, CardsPanel *cards,
                            RequirementsPanel *requirements);

/// Installs every panel hook: criteria (Gates), requirements, the card shown, the project
/// (Overview), whole metrics (Metrics table) and x-range annotation on both metric plots, and
/// the marks of installAnnotationMarks().
void installAnnotationHooks(ProjectContext &context, OverviewPanel *overview, GatesPanel *gates, CardsPanel *cards,
                            RequirementsPanel *requirements, MetricsPanel *metrics);

} // namespace mltrl::ui
