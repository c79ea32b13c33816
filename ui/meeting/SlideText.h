#pragma once
// Internal to meeting mode: the small text and plot helpers every slide uses.
#include "core/common/QtText.h"
#include "ui/meeting/MeetingStyle.h"

#include <QString>

#include <string>

namespace mltrl {
struct Criterion;
}

namespace mltrl::ui {

class MetricPlot;

namespace slides {

/// "min of sensitivity_by_site (series p95) ≥ 0.9".
[[nodiscard]] QString thresholdText(const Criterion &c);
/// The reviewer's note in italics ("" when there is none).
[[nodiscard]] QString noteHtml(const std::string &note);
/// Axis labels and ticks large enough for the back of the room.
void enlargePlot(MetricPlot *plot, const meeting::Style &style);

} // namespace slides

} // namespace mltrl::ui
