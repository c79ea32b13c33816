#include "core/review/ReviewerRoles.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace mltrl {

namespace {

std::string_view trim(std::string_view s)
{
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos)
        return {};
    const auto last = s.find_last_not_of(" \t\r");
    return s.substr(first, last - first + 1);
}

} // namespace

ReviewerRoles ReviewerRoles::parse(std::string_view text, Problems &problems, std::string_view fileName)
{
    ReviewerRoles out;
    int lineNo = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t eol = text.find('\n', pos);
        const std::string_view raw =
            text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
        pos = eol == std::string_view::npos ? text.size() + 1 : eol + 1;
        ++lineNo;
        const std::string_view line = trim(raw);
        if (line.empty() || line.front() == '#')
            continue;
        const std::size_t space = line.find_first_of(" \t");
        const std::string where = fmt::format("{}:{}", fileName, lineNo);
        if (space == std::string_view::npos) {
            problems.warning(where, "a grant is PRINCIPAL ROLE; this line has no role and grants nothing");
            continue;
        }
        const std::string_view principal = line.substr(0, space);
        const std::string_view role = trim(line.substr(space));
        if (principal.find_first_of("*?,!") != std::string_view::npos) {
            problems.warning(where, fmt::format("\"{}\" is a pattern; a role is granted to one e-mail address, so "
                                                "this line grants nothing",
                                                principal));
            continue;
        }
        out.m_grants.push_back({lineNo, std::string(principal), std::string(role)});
    }
    return out;
}

std::optional<ReviewerRoles> ReviewerRoles::load(const std::filesystem::path &path, Problems &problems)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        problems.error(path.string(), "cannot read the reviewer_roles file");
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse(text.str(), problems, path.string());
}

bool ReviewerRoles::grants(std::string_view principal, std::string_view role) const
{
    return std::any_of(m_grants.begin(), m_grants.end(),
                       [&](const RoleGrant &g) { return g.principal == principal && g.role == role; });
}

std::vector<std::string> ReviewerRoles::rolesOf(std::string_view principal) const
{
    std::vector<std::string> out;
    for (const RoleGrant &g : m_grants)
        if (g.principal == principal && std::find(out.begin(), out.end(), g.role) == out.end())
            out.push_back(g.role);
    return out;
}

std::string ReviewerRoles::toText() const
{
    std::string out;
    for (const RoleGrant &g : m_grants)
        out += fmt::format("{} {}\n", g.principal, g.role);
    return out;
}

} // namespace mltrl
