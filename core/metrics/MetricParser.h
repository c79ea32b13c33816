#pragma once
/// Fast parsers for the metric files of the contract (§3): CSV for `series`, `curve` and
/// `groups`, and MLflow's file-store metric format. std::from_chars, no per-value allocation.
/// A row that does not parse is an error naming `file:line:column`.
#include "core/common/Problems.h"
#include "core/metrics/MetricData.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>

namespace mltrl {

/// Told, every few MiB, how many leading bytes the parser is done with and will not read again,
/// so a caller holding the bytes in a mapping can release them (peak memory = the columns, not
/// the file plus the columns).
using ConsumedFn = std::function<void(std::size_t consumedBytes)>;

/// `fileName` is used in messages (`metrics/loss.csv:12:3: …`).
[[nodiscard]] std::optional<MetricData> parseMetricCsv(std::string_view bytes, MetricKind kind,
                                                       std::string_view fileName, Problems &problems,
                                                       const ConsumedFn &consumed = {});

[[nodiscard]] std::optional<MetricData> parseMlflowMetric(std::string_view bytes, std::string_view fileName,
                                                          Problems &problems, const ConsumedFn &consumed = {});

/// Dispatches on `metric.format`.
[[nodiscard]] std::optional<MetricData> parseMetric(std::string_view bytes, const Metric &metric, Problems &problems,
                                                    const ConsumedFn &consumed = {});

} // namespace mltrl
