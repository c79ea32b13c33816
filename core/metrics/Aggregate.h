#pragma once
/// A criterion's observed value: its aggregate run over a metric's points (contract §2).
#include "core/metrics/MetricData.h"

#include <optional>
#include <string_view>

namespace mltrl {

/// What `observedValue` found.
struct Observation {
    /// The exact double computed (never rounded); null when no non-NaN value is left.
    std::optional<double> value;
    /// False when the series filter names no sub-series of the metric (the importer reports
    /// that; `value` is then null).
    bool seriesFound = true;
};

/// Runs `aggregate` over the metric's values — a series metric's `value`s, a curve metric's
/// `y`s, a groups metric's group values — of the sub-series `seriesFilter`, or of all points
/// when it is empty. NaN values are skipped.
///  - `last`: the value at the greatest x (step; curve x; for groups the group index, so the
///    last group row); on a tie, the later row in the file, across sub-series too. Points
///    whose x is NaN are skipped.
///  - `min` / `max`: over the values; ±infinity count as values. For groups, `min` is the
///    worst group.
///  - `mean`: a Neumaier-compensated sum divided by the count, so the rounding error does
///    not grow with the number of points. +inf with -inf has no mean: null. A sum that would
///    overflow is computed scaled by 2^-64 (exact for normal doubles) and scaled back.
[[nodiscard]] Observation observedValue(const MetricData &data, Aggregate aggregate,
                                        std::string_view seriesFilter = {});

} // namespace mltrl
