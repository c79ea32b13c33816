#pragma once
/// The contract's path rules (§1), shared by the archive reader (entry names) and the
/// manifest parser (`path` fields), so both reject exactly the same names.
#include <cstddef>
#include <string>
#include <string_view>

namespace mltrl {

/// Checks one path against the rules: UTF-8, `/`-separated, relative; no empty, `.` or `..`
/// segment, no leading `/`, no `\`, no drive letter (`C:`), no control characters
/// (U+0000–U+001F, U+007F, U+0080–U+009F), at most `maxBytes` bytes.
/// Nothing is removed first: callers strip one leading "./" (tar) or a trailing "/"
/// (directory entries) themselves where the contract allows it.
/// Returns "" when the path is fine, else what is wrong in plain words.
[[nodiscard]] std::string describePathProblem(std::string_view path, std::size_t maxBytes = 1024);

/// Length of the valid UTF-8 sequence starting at `text[pos]` (1–4), or 0 when the bytes
/// there are not valid UTF-8 (overlong forms, surrogates and code points over U+10FFFF
/// are invalid). `codePoint` receives the decoded value.
[[nodiscard]] std::size_t utf8SequenceLength(std::string_view text, std::size_t pos, char32_t &codePoint);

/// C0 controls, DEL and C1 controls: the "control characters" paths may not contain.
[[nodiscard]] bool isPathControlCharacter(char32_t codePoint);

} // namespace mltrl
