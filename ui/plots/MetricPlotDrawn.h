#pragma once
// Internal to ui/plots: what MetricPlot drew for one sub-series, shared by its source files
// (drawing, hover search, the widget). Not part of the plot's interface.
#include "ui/plots/MetricPlot.h"

#include "core/metrics/Envelope.h"

#include <QString>

#include <algorithm>
#include <cmath>
#include <vector>

class QCPBars;
class QCPCurve;
class QCPGraph;

namespace mltrl::ui {

struct MetricPlot::Drawn {
    QString name;
    bool faint = false;
    QCPGraph *value = nullptr;
    QCPGraph *lower = nullptr;
    QCPGraph *upper = nullptr;
    QCPCurve *curve = nullptr;
    QCPBars *bars = nullptr;
    std::vector<Envelope::Column> columns;
    bool envelope = false;
};

/// True when `v` has a value that is not NaN (a lower/upper band the file really has).
inline bool hasValues(const std::vector<double> &v)
{
    return std::any_of(v.begin(), v.end(), [](double d) { return !std::isnan(d); });
}

} // namespace mltrl::ui
