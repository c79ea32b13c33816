#pragma once
/// Metric points parsed from a metric file, column-wise (packed doubles, no per-point objects).
#include "core/manifest/Manifest.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mltrl {

/// One line of a plot. Columns are parallel; an optional column is either empty (absent
/// in the file) or as long as `x`, with NaN for an empty cell.
struct SeriesData {
    std::string name;          ///< sub-series name ("" when the file has no `series` column)
    std::vector<double> x;     ///< series: step; curve: x; groups: group index 0..n-1
    std::vector<double> y;     ///< series/groups: value; curve: y
    std::vector<double> lower; ///< confidence band (series, groups)
    std::vector<double> upper;
    std::vector<double> timestamp; ///< series: Unix seconds (RFC 3339 converted), MLflow: ms/1000
    std::vector<double> count;     ///< groups: `n`
    /// File order across sub-series: the 0-based data row of each point. Filled only when the
    /// metric has more than one sub-series; when empty, the point index is the file order
    /// (points of one sub-series are always kept in file order).
    std::vector<std::uint32_t> row;

    [[nodiscard]] std::size_t size() const { return x.size(); }
    /// Data row of point `i` in file order (see `row`).
    [[nodiscard]] std::size_t rowOf(std::size_t i) const { return row.empty() ? i : row[i]; }
};

struct MetricData {
    MetricKind kind = MetricKind::Series;
    std::vector<SeriesData> series;       ///< sub-series in order of first appearance
    std::vector<std::string> groupLabels; ///< groups: label of x = i

    /// Points over all sub-series.
    [[nodiscard]] std::size_t pointCount() const;
    /// The sub-series called `name`, or nullptr.
    [[nodiscard]] const SeriesData *findSeries(std::string_view name) const;
};

} // namespace mltrl
