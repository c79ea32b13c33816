#pragma once
/// Text from an archive (titles, ids, notes, file names) printed on a terminal: every byte that
/// a terminal could act on is shown as a visible escape instead, so an archive cannot move the
/// cursor, retitle the window, clear the screen or reorder what the reviewer reads.
#include <string>
#include <string_view>

namespace mltrl {

/// `text` with, shown as escapes:
/// - C0 controls (including tab and line feed), DEL and bytes that are not valid UTF-8 as
///   `\xNN` (ESC is `\x1b`);
/// - C1 controls (U+0080–U+009F), the bidirectional marks, embeddings, overrides and isolates
///   (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and the line and paragraph
///   separators (U+2028, U+2029) as `\uXXXX`.
/// Everything else (printable ASCII, other Unicode text, backslashes) is unchanged, so the
/// function is idempotent and ordinary text reads as before.
[[nodiscard]] std::string terminalSafe(std::string_view text);

/// True when terminalSafe(text) would change nothing.
[[nodiscard]] bool isTerminalSafe(std::string_view text);

/// True for the code points terminalSafe() shows as `\uXXXX` (besides the C0 range and DEL).
[[nodiscard]] bool isTerminalUnsafeCodePoint(char32_t codePoint);

} // namespace mltrl
