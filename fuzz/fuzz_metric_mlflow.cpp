// parseMlflowMetric (MLflow file-store metric lines: "<timestamp> <value> <step>").
#include "MetricChecks.h"
#include "core/metrics/MetricParser.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);
    mltrl::Problems problems;
    const auto metric = mltrl::parseMlflowMetric(bytes, "mlruns/1/r/metrics/fuzz", problems);
    FUZZ_CHECK(metric.has_value() == !problems.hasErrors());
    if (metric)
        mltrl::fuzz::checkMetric(*metric);
    return 0;
}
