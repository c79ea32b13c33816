// Syntax of the manifest's atoms: identifiers and RFC 3339 dates (declared in ManifestParser.h).
#include "manifest/ManifestParser.h"

namespace mltrl {

namespace {

bool isAsciiAlnum(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

/// Reads exactly `count` digits at `pos` into `value`; advances `pos`.
bool readDigits(std::string_view s, std::size_t &pos, std::size_t count, int &value)
{
    if (pos + count > s.size())
        return false;
    value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        if (!isDigit(s[pos + i]))
            return false;
        value = value * 10 + (s[pos + i] - '0');
    }
    pos += count;
    return true;
}

bool expect(std::string_view s, std::size_t &pos, char c)
{
    if (pos >= s.size() || s[pos] != c)
        return false;
    ++pos;
    return true;
}

int daysInMonth(int year, int month)
{
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

/// full-date = date-fullyear "-" date-month "-" date-mday
bool readFullDate(std::string_view s, std::size_t &pos)
{
    int year = 0, month = 0, day = 0;
    return readDigits(s, pos, 4, year) && expect(s, pos, '-') && readDigits(s, pos, 2, month)
        && month >= 1 && month <= 12 && expect(s, pos, '-') && readDigits(s, pos, 2, day) && day >= 1
        && day <= daysInMonth(year, month);
}

/// partial-time = time-hour ":" time-minute ":" time-second [time-secfrac]
bool readPartialTime(std::string_view s, std::size_t &pos)
{
    int hour = 0, minute = 0, second = 0;
    if (!(readDigits(s, pos, 2, hour) && hour <= 23 && expect(s, pos, ':') && readDigits(s, pos, 2, minute)
          && minute <= 59 && expect(s, pos, ':') && readDigits(s, pos, 2, second) && second <= 60))
        return false; // second 60 is RFC 3339's leap second
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        const std::size_t start = pos;
        while (pos < s.size() && isDigit(s[pos]))
            ++pos;
        if (pos == start)
            return false;
    }
    return true;
}

/// time-offset = "Z" / time-numoffset   (RFC 3339 requires an offset on a date-time)
bool readOffset(std::string_view s, std::size_t &pos)
{
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
        return true;
    }
    if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-'))
        return false;
    ++pos;
    int hour = 0, minute = 0;
    return readDigits(s, pos, 2, hour) && hour <= 23 && expect(s, pos, ':') && readDigits(s, pos, 2, minute)
        && minute <= 59;
}

} // namespace

bool isValidId(std::string_view id)
{
    if (id.empty() || id.size() > 128 || !isAsciiAlnum(id.front()))
        return false;
    for (const char c : id.substr(1)) {
        if (!isAsciiAlnum(c) && c != '.' && c != '_' && c != '-')
            return false;
    }
    return true;
}

bool isValidRfc3339(std::string_view text)
{
    std::size_t pos = 0;
    if (!readFullDate(text, pos))
        return false;
    if (pos == text.size())
        return true; // a full-date on its own
    if (text[pos] != 'T' && text[pos] != 't')
        return false;
    ++pos;
    return readPartialTime(text, pos) && readOffset(text, pos) && pos == text.size();
}

} // namespace mltrl
