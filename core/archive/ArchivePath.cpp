// Path rules of the contract (§1) and the wrapping-folder rule.
#include "core/archive/ArchiveReader.h"
#include "core/common/PathRules.h"

#include <fmt/format.h>

#include <algorithm>

namespace mltrl {

std::string checkArchivePath(std::string_view path, std::size_t maxBytes)
{
    // One set of rules for archive entries and manifest paths (core/common/PathRules).
    return describePathProblem(path, maxBytes);
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
