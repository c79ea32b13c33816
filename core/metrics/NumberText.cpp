#include "core/metrics/NumberText.h"

#include "core/common/Rfc3339.h"

#include <cmath>
#include <cstdint>
#include <limits>

namespace mltrl {

namespace detail {

bool parseNumberSlow(std::string_view text, double &out)
{
    auto blank = [](char c) { return c == ' ' || c == '\t'; };
    while (!text.empty() && blank(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && blank(text.back()))
        text.remove_suffix(1);
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
        if (!text.empty() && (text.front() == '-' || text.front() == '+'))
            return false;
    }
    if (text.empty())
        return false;
    const char *end = text.data() + text.size();
    double value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ptr != end)
        return false;
    if (ec == std::errc::result_out_of_range) {
        // from_chars leaves the value alone; follow strtod: overflow → ±inf, underflow → ±0.
        // A negative exponent means the magnitude was tiny.
        const bool negative = text.front() == '-';
        const auto e = text.find_first_of("eE");
        const bool tiny = e != std::string_view::npos && e + 1 < text.size() && text[e + 1] == '-';
        value = tiny ? 0.0 : std::numeric_limits<double>::infinity();
        out = negative ? -value : value;
        return true;
    }
    if (ec != std::errc())
        return false;
    out = value;
    return true;
}

} // namespace detail

std::optional<double> parseTimestamp(std::string_view text)
{
    double value = 0;
    if (parseNumber(text, value))
        return value;
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return parseRfc3339(text, Rfc3339Separator::TOrSpace);
}

} // namespace mltrl
