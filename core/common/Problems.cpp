#include "core/common/Problems.h"

#include <algorithm>

namespace mltrl {

std::string Problem::toString() const
{
    return where.empty() ? what : where + ": " + what;
}

std::string Problem::diagnosticLocation() const
{
    const std::size_t hash = where.find("#/");
    if (hash == std::string::npos)
        return where;
    std::string location;
    location.reserve(where.size());
    location.append(where, 0, hash);
    if (hash > 0)
        location += ':';
    location.append(where, hash + 1, std::string::npos);
    return location;
}

std::string Problem::toDiagnostic() const
{
    std::string text = diagnosticLocation();
    if (!text.empty())
        text += ": ";
    text += severity == Severity::Error ? "error: " : "warning: ";
    text += what;
    return text;
}

void Problems::error(std::string where, std::string what)
{
    m_items.push_back({Severity::Error, std::move(where), std::move(what)});
}

void Problems::warning(std::string where, std::string what)
{
    m_items.push_back({Severity::Warning, std::move(where), std::move(what)});
}

void Problems::append(const Problems &other)
{
    m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

bool Problems::hasErrors() const
{
    return errorCount() > 0;
}

std::size_t Problems::errorCount() const
{
    return static_cast<std::size_t>(
        std::count_if(m_items.begin(), m_items.end(), [](const Problem &p) { return p.severity == Severity::Error; }));
}

std::size_t Problems::warningCount() const
{
    return m_items.size() - errorCount();
}

std::vector<Problem> Problems::errors() const
{
    std::vector<Problem> out;
    std::copy_if(m_items.begin(), m_items.end(), std::back_inserter(out),
                 [](const Problem &p) { return p.severity == Severity::Error; });
    return out;
}

std::vector<Problem> Problems::warnings() const
{
    std::vector<Problem> out;
    std::copy_if(m_items.begin(), m_items.end(), std::back_inserter(out),
                 [](const Problem &p) { return p.severity == Severity::Warning; });
    return out;
}

} // namespace mltrl
