// Syntax of the manifest's atoms: identifiers and RFC 3339 dates (declared in ManifestParser.h).
#include "core/manifest/ManifestParser.h"

#include "core/common/Rfc3339.h"

namespace mltrl {

namespace {

bool isAsciiAlnum(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
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
    return parseRfc3339(text).has_value();
}

} // namespace mltrl
