#include "Output.h"

#include <fmt/format.h>

#include <cstdio>

namespace mltrl::cli {

void printProblems(const Problems &problems)
{
    for (const Problem &p : problems.items())
        fmt::print(stderr, "mltrl: {}: {}\n", p.severity == Severity::Error ? "error" : "warning", p.toString());
    if (problems.errorCount() > 1)
        fmt::print(stderr, "mltrl: {} errors, {} warnings\n", problems.errorCount(), problems.warningCount());
}

void printError(std::string_view message)
{
    fmt::print(stderr, "mltrl: error: {}\n", message);
}

} // namespace mltrl::cli
