#include "common/Problems.h"

#include <algorithm>

namespace mltrl {

std::string Problem::toString() const
{
    return where.empty() ? what : where + ": " + what;
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
    return static_cast<std::size_t>(std::count_if(m_items.begin(), m_items.end(),
        [](const Problem &p) { return p.severity == Severity::Error; }));
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
