#pragma once
/// RFC 3339 full-date (`2025-03-14`, midnight UTC) or date-time with a required offset
/// (`2025-03-14T09:30:00Z`, `…T09:30:00.25+02:00`), leap second 60 allowed.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mltrl {

/// RFC 3339 allows applications to use a space instead of "T"; metric files do, manifests not.
enum class Rfc3339Separator { TOnly, TOrSpace };

/// Unix seconds (with fraction), or nullopt when `text` is not RFC 3339.
[[nodiscard]] std::optional<double> parseRfc3339(std::string_view text,
                                                 Rfc3339Separator separator = Rfc3339Separator::TOnly);

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
[[nodiscard]] std::int64_t daysFromCivil(std::int64_t year, unsigned month, unsigned day);

/// Unix seconds as RFC 3339 UTC with seconds (`2026-11-21T14:02:11Z`).
[[nodiscard]] std::string formatRfc3339(std::int64_t unixSeconds);

/// The current time in Unix seconds: the one clock core, the CLI and the workbench read.
[[nodiscard]] std::int64_t unixNow();

/// The current time as RFC 3339 UTC with seconds (`2026-11-21T14:02:11Z`): what stores,
/// records and the audit log write as "when".
[[nodiscard]] std::string utcNow();

} // namespace mltrl
