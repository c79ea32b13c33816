#include "core/metrics/MetricData.h"

#include <algorithm>

namespace mltrl {

std::size_t MetricData::pointCount() const
{
    std::size_t n = 0;
    for (const SeriesData &s : series)
        n += s.size();
    return n;
}

const SeriesData *MetricData::findSeries(std::string_view name) const
{
    auto it = std::find_if(series.begin(), series.end(), [&](const SeriesData &s) { return s.name == name; });
    return it == series.end() ? nullptr : &*it;
}

} // namespace mltrl
