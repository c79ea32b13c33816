#pragma once
/// How `mltrl` reports. Every human-readable line goes through out() (stdout) or err()
/// (stderr): each string argument is passed through terminalSafe(), so titles, ids, notes and
/// file names from an archive reach the terminal as visible escapes (`\x1b`, `\u202e`), tty or
/// not. The format string itself is ours and printed as written. `--json` output goes through
/// printJson() and stays exact JSON.
///
/// Diagnostics use the form compilers use: `FILE:LINE:COLUMN: error: message`, or
/// `FILE:/json/pointer: error: message` where there is no line (`warning:` likewise), and
/// `mltrl: error: message` when the problem has no file.
#include "core/common/Problems.h"
#include "core/common/TerminalText.h"

#include <fmt/format.h>
#include <nlohmann/json_fwd.hpp>

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace mltrl::cli {

/// A string printed through terminalSafe().
struct Untrusted {
    std::string_view text;
};

namespace detail {
template <typename T>
constexpr bool isText = std::is_convertible_v<const T &, std::string_view>;

/// A string as Untrusted; anything else (numbers) as it is.
template <typename T>
decltype(auto) safeArg(const T &value)
{
    if constexpr (isText<T>)
        return Untrusted{std::string_view(value)};
    else if constexpr (std::is_same_v<T, std::filesystem::path>)
        return Untrusted{std::string_view(value.native())};
    else
        return (value);
}

template <typename T>
using SafeArg = decltype(safeArg(std::declval<const T &>()));

void write(std::FILE *stream, const std::string &text);
} // namespace detail

/// Prints to stdout; string arguments are made terminal-safe.
template <typename... T>
void out(fmt::format_string<detail::SafeArg<T>...> format, const T &...args)
{
    detail::write(stdout, fmt::format(format, detail::safeArg(args)...));
}

/// Prints to stderr; string arguments are made terminal-safe.
template <typename... T>
void err(fmt::format_string<detail::SafeArg<T>...> format, const T &...args)
{
    detail::write(stderr, fmt::format(format, detail::safeArg(args)...));
}

/// Text of our own (usage, help), printed as it is.
void printTrusted(std::FILE *stream, std::string_view text);

/// `--json` output: the document, indented, then a line end. Invalid UTF-8 (from a file name,
/// say) is replaced by U+FFFD so the output is always valid JSON.
void printJson(const nlohmann::json &document);

/// The problems for `--json` output: [{"severity", "location", "message"}], the location in
/// the diagnostic form ("mltrl.json:/gates/0/id", "metrics/a.csv:3:2") or null.
[[nodiscard]] nlohmann::json problemsJson(const Problems &problems);

/// Each problem as a diagnostic on stderr, then a count when there is more than one error.
void printProblems(const Problems &problems);
/// "mltrl: error: message".
void printError(std::string_view message);
/// "FILE: error: message" (FILE may carry :LINE:COLUMN or :/json/pointer).
void printError(std::string_view file, std::string_view message);
/// "FILE: warning: message", or "mltrl: warning: message" when `file` is empty.
void printWarning(std::string_view file, std::string_view message);

/// "1 point", "2 points", "0 points"; `plural` defaults to `singular` + "s".
[[nodiscard]] std::string counted(std::size_t n, std::string_view singular, std::string_view plural = {});

/// The items joined by `separator`.
[[nodiscard]] std::string joined(const std::vector<std::string> &items, std::string_view separator = ", ");

} // namespace mltrl::cli

template <>
struct fmt::formatter<mltrl::cli::Untrusted> : fmt::formatter<std::string_view> {
    template <typename Context>
    auto format(const mltrl::cli::Untrusted &value, Context &ctx) const
    {
        const std::string safe = mltrl::terminalSafe(value.text);
        return fmt::formatter<std::string_view>::format(std::string_view(safe), ctx);
    }
};
