#pragma once
/// Numbers and timestamps as written in metric files: C locale, no allocation, no locale.
#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

namespace mltrl {

namespace detail {
bool parseNumberSlow(std::string_view text, double &out);
}

/// A plain decimal (`-12.345`) starting at `pos`, up to the first byte that cannot continue it;
/// `pos` moves past it. Clinger's fastest path: a plain decimal with at most 19 digits whose
/// digits form an integer m ≤ 2^53 (so at most 19 ≤ 22 fraction digits k) is exactly m / 10^k,
/// and one IEEE division of two exact doubles is correctly rounded — the same double
/// std::from_chars gives. That covers steps and typical logged values. False (and `pos`
/// unchanged) when the rule does not apply.
inline bool plainDecimal(const char *&pos, const char *end, double &out)
{
    static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const char *p = pos;
    const bool negative = p != end && *p == '-';
    p += negative;
    std::uint64_t mantissa = 0;
    const char *const intStart = p;
    while (p != end && static_cast<unsigned>(*p - '0') < 10 && p - intStart < 20)
        mantissa = mantissa * 10 + static_cast<unsigned>(*p++ - '0');
    const auto intDigits = p - intStart;
    std::ptrdiff_t fracDigits = 0;
    if (p != end && *p == '.') {
        const char *const fracStart = ++p;
        while (p != end && static_cast<unsigned>(*p - '0') < 10 && intDigits + (p - fracStart) < 20)
            mantissa = mantissa * 10 + static_cast<unsigned>(*p++ - '0');
        fracDigits = p - fracStart;
    }
    if (intDigits + fracDigits == 0 || intDigits + fracDigits > 19 || mantissa > (std::uint64_t(1) << 53))
        return false;
    const double v = static_cast<double>(mantissa) / kPow10[fracDigits];
    out = negative ? -v : v;
    pos = p;
    return true;
}

/// Parses a whole cell as a double: C-locale decimal or exponent notation, `nan`, `inf`,
/// `infinity` in any letter case, with an optional `+` or `-` sign. Spaces and tabs around the
/// number are ignored. A value too large for a double becomes ±infinity, one too small ±0
/// (as strtod does). Returns false for anything else, including an empty or blank cell.
inline bool parseNumber(std::string_view text, double &out)
{
    const char *p = text.data();
    const char *const end = p + text.size();
    if (plainDecimal(p, end, out) && p == end)
        return true;
    // Fast path: std::from_chars already takes `-`, `nan`, `inf` and `infinity` (any case);
    // the slow path handles `+`, surrounding blanks and out-of-range values.
    auto [ptr, ec] = std::from_chars(text.data(), end, out);
    if (ec == std::errc() && ptr == end)
        return true;
    return detail::parseNumberSlow(text, out);
}

/// A `timestamp` cell: Unix seconds (any number) or an RFC 3339 date-time
/// (`2025-03-14T09:30:00.25Z`, `…+02:00`; `t`/`z`/space accepted as RFC 3339 allows) or a
/// full date (`2025-03-14`, midnight UTC). Returns Unix seconds, or nullopt when it is neither.
std::optional<double> parseTimestamp(std::string_view text);

} // namespace mltrl
