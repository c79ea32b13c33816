#include "core/common/PathRules.h"

#include <fmt/format.h>

namespace mltrl {

std::size_t utf8SequenceLength(std::string_view text, std::size_t pos, char32_t &codePoint)
{
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
    const unsigned char lead = byte(0);
    std::size_t length = 0;
    char32_t minimum = 0;
    if (lead < 0x80) {
        codePoint = lead;
        return 1;
    }
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        minimum = 0x80;
        codePoint = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        minimum = 0x800;
        codePoint = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        minimum = 0x10000;
        codePoint = lead & 0x07;
    } else {
        return 0; // a continuation byte or 0xF8..0xFF cannot start a sequence
    }
    if (pos + length > text.size())
        return 0;
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80)
            return 0;
        codePoint = (codePoint << 6) | (byte(i) & 0x3F);
    }
    // Overlong encodings and surrogates would let two byte strings name the same file.
    if (codePoint < minimum || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
        return 0;
    return length;
}

bool isPathControlCharacter(char32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

namespace {

std::string checkCharacters(std::string_view path)
{
    for (std::size_t pos = 0; pos < path.size();) {
        char32_t cp = 0;
        const std::size_t len = utf8SequenceLength(path, pos, cp);
        if (len == 0)
            return fmt::format("is not valid UTF-8 (at byte {})", pos + 1);
        if (isPathControlCharacter(cp))
            return fmt::format("contains a control character (U+{:04X} at byte {})", static_cast<unsigned>(cp),
                               pos + 1);
        if (cp == '\\')
            return "contains a backslash (paths use '/')";
        pos += len;
    }
    return {};
}

bool startsWithDriveLetter(std::string_view path)
{
    if (path.size() < 2 || path[1] != ':')
        return false;
    const char c = path[0];
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

std::string checkSegments(std::string_view path)
{
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = path.find('/', start);
        const std::string_view segment =
            path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (segment.empty())
            return "has an empty segment ('//' or a trailing '/')";
        if (segment == ".")
            return "has a '.' segment";
        if (segment == "..")
            return "has a '..' segment";
        if (slash == std::string_view::npos)
            return {};
        start = slash + 1;
    }
}

std::string describePathFragment(std::string_view path, std::size_t maxBytes)
{
    if (path.empty())
        return "is empty";
    if (path.size() > maxBytes)
        return fmt::format("is {} bytes long; at most {} are allowed", path.size(), maxBytes);
    if (std::string chars = checkCharacters(path); !chars.empty())
        return chars;
    if (path.front() == '/')
        return "is absolute (starts with '/'); paths are relative";
    if (startsWithDriveLetter(path))
        return "starts with a drive letter";
    return checkSegments(path);
}

} // namespace

std::string describePathProblem(std::string_view path, std::size_t maxBytes)
{
    std::string fragment = describePathFragment(path, maxBytes);
    return fragment.empty() ? fragment : "path " + fragment;
}

} // namespace mltrl
