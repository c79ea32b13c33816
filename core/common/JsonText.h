#pragma once
/// Reading untrusted JSON text: a cheap nesting pre-scan (so hostile depth never reaches a
/// parser), strict parsing that rejects duplicate object keys, and syntax errors reported
/// as `file:line:column`.
#include "core/common/Problems.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mltrl {

/// 1-based line and column of a byte offset; columns count bytes, lines end at LF.
struct TextPosition {
    std::size_t line = 1;
    std::size_t column = 1;
};

/// Position of byte `offset` in `text` (an offset past the end gives the position after the last byte).
[[nodiscard]] TextPosition textPosition(std::string_view text, std::size_t offset);

/// Scans `text` once, outside string literals, for `[`/`{` nesting. Returns the offset of the
/// first bracket that opens level `maxDepth + 1`, or nullopt when the nesting stays within
/// `maxDepth`. Does not validate the JSON; the parser does that afterwards.
[[nodiscard]] std::optional<std::size_t> findExcessiveNesting(std::string_view text, int maxDepth);

/// "mltrl.json#" + the JSON pointer `pointer` (already escaped), as used in problem locations.
[[nodiscard]] std::string pointerLocation(std::string_view file, std::string_view pointer);

/// Escapes one reference token for a JSON pointer (`~` → `~0`, `/` → `~1`).
[[nodiscard]] std::string escapePointerToken(std::string_view token);

/// Parses one JSON document. Rejects (with a problem each) nesting deeper than `maxDepth`
/// (`file:line:column` of the bracket), syntax errors and invalid UTF-8 (`file:line:column`),
/// and duplicate keys in an object (`file#pointer`: two parsers could disagree on which value
/// counts). Returns nullopt when anything was wrong.
[[nodiscard]] std::optional<nlohmann::json> parseJsonDocument(std::string_view text, std::string_view file,
                                                              int maxDepth, Problems &problems);

/// How a JSON value is described in messages: `string "abc"`, `number 4.5`, `an array`, `null`, …
[[nodiscard]] std::string describeJsonValue(const nlohmann::json &value);

} // namespace mltrl
