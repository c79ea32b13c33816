#include "Output.h"

#include <nlohmann/json.hpp>

namespace mltrl::cli {

namespace detail {
void write(std::FILE *stream, const std::string &text)
{
    std::fwrite(text.data(), 1, text.size(), stream);
}
} // namespace detail

void printTrusted(std::FILE *stream, std::string_view text)
{
    std::fwrite(text.data(), 1, text.size(), stream);
}

void printJson(const nlohmann::json &document)
{
    detail::write(stdout, document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

nlohmann::json problemsJson(const Problems &problems)
{
    nlohmann::json list = nlohmann::json::array();
    for (const Problem &p : problems.items()) {
        const std::string location = p.diagnosticLocation();
        list.push_back({{"severity", p.severity == Severity::Error ? "error" : "warning"},
                        {"location", location.empty() ? nlohmann::json(nullptr) : nlohmann::json(location)},
                        {"message", p.what}});
    }
    return list;
}

void printProblems(const Problems &problems)
{
    for (const Problem &p : problems.items()) {
        if (p.where.empty())
            err("mltrl: {}\n", p.toDiagnostic());
        else if (p.where.starts_with('-')) // an option of the command line, not a file
            err("mltrl: {}: {}: {}\n", p.severity == Severity::Error ? "error" : "warning", p.where, p.what);
        else
            err("{}\n", p.toDiagnostic());
    }
    if (problems.errorCount() > 1)
        err("mltrl: {}, {}\n", counted(problems.errorCount(), "error"), counted(problems.warningCount(), "warning"));
}

void printError(std::string_view message)
{
    err("mltrl: error: {}\n", message);
}

void printError(std::string_view file, std::string_view message)
{
    printProblems([&] {
        Problems p;
        p.error(std::string(file), std::string(message));
        return p;
    }());
}

void printWarning(std::string_view file, std::string_view message)
{
    printProblems([&] {
        Problems p;
        p.warning(std::string(file), std::string(message));
        return p;
    }());
}

std::string counted(std::size_t n, std::string_view singular, std::string_view plural)
{
    if (n == 1)
        return fmt::format("1 {}", singular);
    return plural.empty() ? fmt::format("{} {}s", n, singular) : fmt::format("{} {}", n, plural);
}

std::string joined(const std::vector<std::string> &items, std::string_view separator)
{
    std::string out;
    for (const std::string &item : items) {
        if (!out.empty())
            out += separator;
        out += item;
    }
    return out;
}

} // namespace mltrl::cli
