#pragma once
/// Shared by the metric fuzz targets: the shape invariants of MetricData and every
/// aggregate run over it (all points and each sub-series).
#include "FuzzCheck.h"
#include "core/metrics/Aggregate.h"
#include "core/metrics/MetricData.h"

#include <cmath>

namespace mltrl::fuzz {

inline void checkColumn(const std::vector<double> &column, std::size_t n)
{
    FUZZ_CHECK(column.empty() || column.size() == n);
}

inline void checkMetric(const MetricData &data)
{
    for (const SeriesData &s : data.series) {
        const std::size_t n = s.size();
        FUZZ_CHECK(s.y.size() == n);
        checkColumn(s.lower, n);
        checkColumn(s.upper, n);
        checkColumn(s.timestamp, n);
        checkColumn(s.count, n);
        FUZZ_CHECK(s.row.empty() || s.row.size() == n);
    }
    if (data.kind == MetricKind::Groups)
        FUZZ_CHECK(data.groupLabels.size() == data.pointCount());

    for (const Aggregate aggregate : {Aggregate::Last, Aggregate::Min, Aggregate::Max, Aggregate::Mean}) {
        const Observation all = observedValue(data, aggregate);
        FUZZ_CHECK(all.seriesFound);
        FUZZ_CHECK(!all.value || !std::isnan(*all.value));
        for (const SeriesData &s : data.series) {
            const Observation one = observedValue(data, aggregate, s.name);
            FUZZ_CHECK(one.seriesFound || s.name.empty());
        }
    }
}

} // namespace mltrl::fuzz
