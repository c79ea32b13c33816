#pragma once
/// Parses `mltrl.json` and validates everything that can be checked from the manifest alone:
/// types, required fields, id syntax and uniqueness, levels, enums, dates, references
/// between lists. Checks that need the archive's entries (files present, hashes) are the
/// importer's. Every problem is reported (not only the first), each with its JSON pointer.
#include "core/common/Problems.h"
#include "core/manifest/Manifest.h"

#include <optional>
#include <string_view>

namespace mltrl {

struct ManifestLimits {
    std::size_t maxBytes = 16u << 20; ///< 16 MiB
    int maxDepth = 64;                ///< JSON nesting levels
};

/// Returns the manifest when there are no errors (warnings may still be in `problems`).
/// `where` is prefixed to JSON pointers in messages, e.g. "mltrl.json#/gates/1/criteria/2".
[[nodiscard]] std::optional<Manifest> parseManifest(std::string_view bytes, Problems &problems,
                                                    const ManifestLimits &limits = {},
                                                    std::string_view where = "mltrl.json");

/// Like parseManifest, but also returns a manifest of the supported version that has errors
/// (what could be read of it), so the caller can go on to check the archive's files against it
/// and report every problem at once. Such a manifest must never be stored.
[[nodiscard]] std::optional<Manifest> parseManifestForReport(std::string_view bytes, Problems &problems,
                                                             const ManifestLimits &limits = {},
                                                             std::string_view where = "mltrl.json");

/// `^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`
[[nodiscard]] bool isValidId(std::string_view id);

/// RFC 3339 full-date or date-time (`2025-03-14`, `2025-03-14T09:30:00Z`, offsets, fractions).
[[nodiscard]] bool isValidRfc3339(std::string_view text);

} // namespace mltrl
