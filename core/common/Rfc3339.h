#pragma once
/// RFC 3339 full-date (`2025-03-14`, midnight UTC) or date-time with a required offset
/// (`2025-03-14T09:30:00Z`, `…T09:30:00.25+02:00`), leap second 60 allowed.
#include <optional>
#include <string_view>

namespace mltrl {

/// RFC 3339 allows applications to use a space instead of "T"; metric files do, manifests not.
enum class Rfc3339Separator { TOnly, TOrSpace };

/// Unix seconds (with fraction), or nullopt when `text` is not RFC 3339.
[[nodiscard]] std::optional<double> parseRfc3339(std::string_view text,
                                                 Rfc3339Separator separator = Rfc3339Separator::TOnly);

} // namespace mltrl
