#include "core/metrics/Aggregate.h"

#include <cmath>
#include <vector>

namespace mltrl {

namespace {

/// The sub-series the aggregate runs over.
std::vector<const SeriesData *> selected(const MetricData &data, std::string_view filter, bool &found)
{
    std::vector<const SeriesData *> out;
    found = true;
    if (filter.empty()) {
        for (const SeriesData &s : data.series)
            out.push_back(&s);
        return out;
    }
    if (const SeriesData *s = data.findSeries(filter))
        out.push_back(s);
    else
        found = false;
    return out;
}

std::optional<double> last(const std::vector<const SeriesData *> &series)
{
    if (series.size() == 1 && series.front()->row.empty()) {
        // One sub-series in file order: a tie on x goes to the later point, i.e. x >= best.
        const SeriesData &s = *series.front();
        const double *x = s.x.data();
        const double *y = s.y.data();
        std::size_t best = s.size();
        for (std::size_t i = 0; i < s.size(); ++i)
            if (!std::isnan(x[i]) && !std::isnan(y[i]) && (best == s.size() || x[i] >= x[best]))
                best = i;
        return best == s.size() ? std::nullopt : std::optional<double>(y[best]);
    }
    bool any = false;
    double bestX = 0;
    std::size_t bestRow = 0;
    double value = 0;
    for (const SeriesData *s : series) {
        for (std::size_t i = 0; i < s->size(); ++i) {
            const double x = s->x[i];
            const double y = s->y[i];
            if (std::isnan(y) || std::isnan(x))
                continue;
            const std::size_t row = s->rowOf(i);
            if (!any || x > bestX || (x == bestX && row >= bestRow)) {
                any = true;
                bestX = x;
                bestRow = row;
                value = y;
            }
        }
    }
    return any ? std::optional<double>(value) : std::nullopt;
}

std::optional<double> extreme(const std::vector<const SeriesData *> &series, bool wantMin)
{
    bool any = false;
    double best = 0;
    for (const SeriesData *s : series)
        for (double y : s->y) {
            if (std::isnan(y))
                continue;
            if (!any || (wantMin ? y < best : y > best))
                best = y;
            any = true;
        }
    return any ? std::optional<double>(best) : std::nullopt;
}

/// Neumaier's compensated sum of the finite values, each multiplied by `scale` (a power of two).
double compensatedSum(const std::vector<const SeriesData *> &series, double scale)
{
    double sum = 0;
    double compensation = 0;
    for (const SeriesData *s : series)
        for (double y : s->y) {
            if (!std::isfinite(y))
                continue;
            const double v = y * scale;
            const double t = sum + v;
            compensation += std::fabs(sum) >= std::fabs(v) ? (sum - t) + v : (v - t) + sum;
            sum = t;
        }
    return sum + compensation;
}

std::optional<double> mean(const std::vector<const SeriesData *> &series)
{
    std::size_t count = 0;
    bool posInf = false;
    bool negInf = false;
    for (const SeriesData *s : series)
        for (double y : s->y) {
            if (std::isnan(y))
                continue;
            ++count;
            posInf |= y == INFINITY;
            negInf |= y == -INFINITY;
        }
    if (count == 0 || (posInf && negInf))
        return std::nullopt;
    if (posInf)
        return INFINITY;
    if (negInf)
        return -INFINITY;
    const double n = static_cast<double>(count);
    const double sum = compensatedSum(series, 1.0);
    if (std::isfinite(sum))
        return sum / n;
    constexpr double kScale = 0x1p-64; // the true sum overflowed: the mean itself still fits
    return compensatedSum(series, kScale) / n / kScale;
}

} // namespace

Observation observedValue(const MetricData &data, Aggregate aggregate, std::string_view seriesFilter)
{
    Observation result;
    const auto series = selected(data, seriesFilter, result.seriesFound);
    switch (aggregate) {
    case Aggregate::Last:
        result.value = last(series);
        break;
    case Aggregate::Min:
        result.value = extreme(series, true);
        break;
    case Aggregate::Max:
        result.value = extreme(series, false);
        break;
    case Aggregate::Mean:
        result.value = mean(series);
        break;
    }
    return result;
}

} // namespace mltrl
