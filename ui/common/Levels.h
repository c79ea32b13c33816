#pragma once
/// MLTRL levels as the workbench shows them: names, stages and the stage colours used
/// wherever a level appears (track, history, tables), so colour means the same everywhere.
#include <QColor>
#include <QString>

namespace mltrl::ui {

enum class Stage { Research, Prototyping, Productization, Deployment };

constexpr int kLowestLevel = 0;
constexpr int kHighestLevel = 9;

[[nodiscard]] Stage stageOf(int level);
/// "research", "prototyping", "productization", "deployment".
[[nodiscard]] QString stageName(Stage stage);
/// Muted, distinguishable shades of red, orange, yellow and green; dark text reads on all.
[[nodiscard]] QColor stageColor(Stage stage);
[[nodiscard]] inline QColor levelColor(int level)
{
    return stageColor(stageOf(level));
}
/// The framework's name, e.g. "Machine Learning “Capability”"; empty outside 0–9.
[[nodiscard]] QString levelName(int level);
/// A short label that fits under a station, e.g. "ML capability".
[[nodiscard]] QString levelShortName(int level);

} // namespace mltrl::ui
