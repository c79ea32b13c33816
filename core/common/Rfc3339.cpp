// RFC 3339 dates and date-times, shared by the manifest (validation) and metric files (timestamps).
#include "core/common/Rfc3339.h"

#include <charconv>
#include <cstdint>
#include <ctime>

namespace mltrl {

namespace {

/// Reads exactly `n` digits at `pos`.
bool digits(std::string_view s, std::size_t &pos, int n, int &value)
{
    if (pos + static_cast<std::size_t>(n) > s.size())
        return false;
    value = 0;
    for (int i = 0; i < n; ++i) {
        const char c = s[pos++];
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    return true;
}

bool expect(std::string_view s, std::size_t &pos, char c)
{
    if (pos >= s.size() || s[pos] != c)
        return false;
    ++pos;
    return true;
}

bool isLeap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m)
{
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : days[m - 1];
}

} // namespace

std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::string formatRfc3339(std::int64_t unixSeconds)
{
    const auto tt = static_cast<std::time_t>(unixSeconds);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::int64_t unixNow()
{
    return static_cast<std::int64_t>(std::time(nullptr));
}

std::string utcNow()
{
    return formatRfc3339(unixNow());
}

std::optional<double> parseRfc3339(std::string_view s, Rfc3339Separator separator)
{
    std::size_t pos = 0;
    int year = 0, month = 0, day = 0;
    if (!digits(s, pos, 4, year) || !expect(s, pos, '-') || !digits(s, pos, 2, month) || !expect(s, pos, '-') ||
        !digits(s, pos, 2, day))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
        return std::nullopt;
    double seconds =
        static_cast<double>(daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day))) * 86400.0;
    if (pos == s.size())
        return seconds;
    if (s[pos] != 'T' && s[pos] != 't' && !(separator == Rfc3339Separator::TOrSpace && s[pos] == ' '))
        return std::nullopt;
    ++pos;
    int hour = 0, minute = 0, second = 0;
    if (!digits(s, pos, 2, hour) || !expect(s, pos, ':') || !digits(s, pos, 2, minute) || !expect(s, pos, ':') ||
        !digits(s, pos, 2, second))
        return std::nullopt;
    if (hour > 23 || minute > 59 || second > 60) // 60: a leap second
        return std::nullopt;
    double fraction = 0;
    if (pos < s.size() && s[pos] == '.') {
        const std::size_t start = pos;
        ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9')
            ++pos;
        if (pos == start + 1)
            return std::nullopt;
        std::from_chars(s.data() + start, s.data() + pos, fraction); // ".25" is a valid from_chars input
    }
    int offset = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        const int sign = s[pos] == '-' ? -1 : 1;
        ++pos;
        int oh = 0, om = 0;
        if (!digits(s, pos, 2, oh) || !expect(s, pos, ':') || !digits(s, pos, 2, om) || oh > 23 || om > 59)
            return std::nullopt;
        offset = sign * (oh * 3600 + om * 60);
    } else {
        return std::nullopt; // RFC 3339 requires the offset
    }
    if (pos != s.size())
        return std::nullopt;
    seconds += hour * 3600 + minute * 60 + second - offset;
    return seconds + fraction;
}

} // namespace mltrl
