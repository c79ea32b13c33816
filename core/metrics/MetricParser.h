#pragma once
/// Fast parsers for the metric files of the contract (§3): CSV for `series`, `curve` and
/// `groups`, and MLflow's file-store metric format. std::from_chars, no per-value allocation.
/// A row that does not parse is an error naming `file:line:column`.
#include "common/Problems.h"
#include "metrics/MetricData.h"

#include <optional>
#include <string_view>

namespace mltrl {

/// `fileName` is used in messages (`metrics/loss.csv:12:3: …`).
[[nodiscard]] std::optional<MetricData> parseMetricCsv(std::string_view bytes, MetricKind kind,
                                                       std::string_view fileName, Problems &problems);

[[nodiscard]] std::optional<MetricData> parseMlflowMetric(std::string_view bytes,
                                                          std::string_view fileName, Problems &problems);

/// Dispatches on `metric.format`.
[[nodiscard]] std::optional<MetricData> parseMetric(std::string_view bytes, const Metric &metric,
                                                    Problems &problems);

} // namespace mltrl
