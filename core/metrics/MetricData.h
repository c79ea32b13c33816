#pragma once
/// Metric points parsed from a metric file, column-wise (packed doubles, no per-point objects).
#include "manifest/Manifest.h"

#include <string>
#include <vector>

namespace mltrl {

/// One line of a plot. Columns are parallel; an optional column is either empty (absent
/// in the file) or as long as `x`, with NaN for an empty cell.
struct SeriesData {
    std::string name;              ///< sub-series name ("" when the file has no `series` column)
    std::vector<double> x;         ///< series: step; curve: x; groups: group index 0..n-1
    std::vector<double> y;         ///< series/groups: value; curve: y
    std::vector<double> lower;     ///< confidence band (series, groups)
    std::vector<double> upper;
    std::vector<double> timestamp; ///< series: Unix seconds (RFC 3339 converted), MLflow: ms/1000
    std::vector<double> count;     ///< groups: `n`

    [[nodiscard]] std::size_t size() const { return x.size(); }
};

struct MetricData {
    MetricKind kind = MetricKind::Series;
    std::vector<SeriesData> series;        ///< sub-series in order of first appearance
    std::vector<std::string> groupLabels;  ///< groups: label of x = i

    [[nodiscard]] std::size_t pointCount() const;
    [[nodiscard]] const SeriesData *findSeries(std::string_view name) const;
};

} // namespace mltrl
