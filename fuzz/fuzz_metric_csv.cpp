// parseMetricCsv for the three kinds; the first byte picks the kind, the rest is the file.
#include "MetricChecks.h"
#include "core/metrics/MetricParser.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    constexpr mltrl::MetricKind kinds[] = {mltrl::MetricKind::Series, mltrl::MetricKind::Curve,
                                           mltrl::MetricKind::Groups};
    const mltrl::MetricKind kind = kinds[data[0] % 3];
    const std::string_view bytes(reinterpret_cast<const char *>(data + 1), size - 1);

    mltrl::Problems problems;
    const auto metric = mltrl::parseMetricCsv(bytes, kind, "metrics/fuzz.csv", problems);
    FUZZ_CHECK(metric.has_value() == !problems.hasErrors());
    if (metric) {
        FUZZ_CHECK(metric->kind == kind);
        mltrl::fuzz::checkMetric(*metric);
    }
    return 0;
}
