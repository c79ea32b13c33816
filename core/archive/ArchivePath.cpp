// Path rules of the contract (§1) and the wrapping-folder rule.
#include "archive/ArchiveReader.h"
#include "archive/ReadSession.h"

#include <fmt/format.h>

#include <algorithm>

namespace mltrl {

namespace archive_detail {

std::size_t decodeUtf8(std::string_view s, std::size_t i, char32_t &cp)
{
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b0 = byte(i);
    std::size_t len = 0;
    char32_t min = 0;
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    if ((b0 & 0xE0) == 0xC0) {
        len = 2; cp = b0 & 0x1F; min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3; cp = b0 & 0x0F; min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4; cp = b0 & 0x07; min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > s.size())
        return 0;
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

bool isControlCharacter(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

} // namespace archive_detail

using archive_detail::decodeUtf8;
using archive_detail::isControlCharacter;

std::string checkArchivePath(std::string_view path, std::size_t maxBytes)
{
    if (path.empty())
        return "empty path";
    if (path.size() > maxBytes)
        return fmt::format("path is {} bytes long; at most {} are allowed", path.size(), maxBytes);
    for (std::size_t i = 0; i < path.size();) {
        char32_t cp = 0;
        const std::size_t len = decodeUtf8(path, i, cp);
        if (len == 0)
            return fmt::format("path is not valid UTF-8 (byte {})", i + 1);
        if (isControlCharacter(cp))
            return fmt::format("path contains a control character (U+{:04X})", static_cast<std::uint32_t>(cp));
        i += len;
    }
    if (path.find('\\') != std::string_view::npos)
        return "path contains a backslash; archive paths are separated by \"/\"";
    if (path.front() == '/')
        return "absolute path (starts with \"/\")";
    if (path.size() >= 2 && path[1] == ':' && ((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z')))
        return fmt::format("path starts with a drive letter (\"{}\")", path.substr(0, 2));
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = path.find('/', start);
        const std::string_view segment = path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (segment.empty())
            return "path has an empty segment (\"//\" or a trailing \"/\")";
        if (segment == ".")
            return "path has a \".\" segment";
        if (segment == "..")
            return "path has a \"..\" segment";
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    return {};
}

std::string detectRootPrefix(const std::vector<std::string> &paths)
{
    if (paths.empty())
        return {};
    const std::size_t slash = paths.front().find('/');
    if (slash == std::string::npos)
        return {};
    const std::string prefix = paths.front().substr(0, slash + 1);
    const bool allInside = std::all_of(paths.begin(), paths.end(), [&](const std::string &p) {
        return p.size() > prefix.size() && p.compare(0, prefix.size(), prefix) == 0;
    });
    if (!allInside)
        return {};
    const bool hasManifest = std::find(paths.begin(), paths.end(), prefix + "mltrl.json") != paths.end();
    return hasManifest ? prefix : std::string{};
}

} // namespace mltrl
