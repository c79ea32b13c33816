#include "CommandLine.h"

#include <algorithm>
#include <charconv>

namespace mltrl::cli {

CommandLine::CommandLine(int argc, char **argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    bool onlyPositional = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (onlyPositional || a.size() < 2 || a[0] != '-') {
            if (m_command.empty() && !onlyPositional)
                m_command = a;
            else
                m_positional.push_back(a);
            continue;
        }
        if (a == "--") {
            onlyPositional = true;
            continue;
        }
        std::string name = a;
        std::optional<std::string> inlineValue;
        if (const auto eq = a.find('='); a.starts_with("--") && eq != std::string::npos) {
            name = a.substr(0, eq);
            inlineValue = a.substr(eq + 1);
        }
        if (name == "--help" || name == "-h") {
            m_help = true;
        } else if (name == "--version") {
            m_version = true;
        } else if (name == "--store") {
            if (inlineValue)
                m_store = inlineValue;
            else if (i + 1 < args.size())
                m_store = args[++i];
            else
                throw UsageError{"--store needs a folder"};
        } else {
            // The subcommand's options: whether one takes a value is known only once the
            // subcommand declares it (expect()), so keep the following word as a candidate.
            m_options.emplace_back(name, inlineValue);
            const bool nextIsWord = i + 1 < args.size() && (args[i + 1].empty() || args[i + 1][0] != '-');
            if (!inlineValue && nextIsWord && !m_command.empty())
                m_options.emplace_back("\x01", args[++i]);
        }
    }
}

void CommandLine::expect(const std::vector<std::string> &flags, const std::vector<std::string> &valueOptions,
                         std::size_t minPositional, std::size_t maxPositional) const
{
    // Resolve candidates: a value option consumes the following word, a flag leaves it positional.
    std::vector<std::pair<std::string, std::optional<std::string>>> resolved;
    std::vector<std::string> extraPositional;
    for (std::size_t i = 0; i < m_options.size(); ++i) {
        const auto &[name, value] = m_options[i];
        if (name == "\x01")
            continue;
        const bool takesValue = std::find(valueOptions.begin(), valueOptions.end(), name) != valueOptions.end();
        const bool isFlag = std::find(flags.begin(), flags.end(), name) != flags.end();
        if (!takesValue && !isFlag)
            throw UsageError{"unknown option " + name + " for '" + m_command + "'"};
        const bool hasCandidate = i + 1 < m_options.size() && m_options[i + 1].first == "\x01";
        if (takesValue) {
            if (value)
                resolved.emplace_back(name, value);
            else if (hasCandidate)
                resolved.emplace_back(name, m_options[i + 1].second);
            else
                throw UsageError{name + " needs a value"};
        } else {
            if (value)
                throw UsageError{name + " takes no value"};
            resolved.emplace_back(name, std::nullopt);
            if (hasCandidate)
                extraPositional.push_back(*m_options[i + 1].second);
        }
    }
    auto *self = const_cast<CommandLine *>(this);
    self->m_options = std::move(resolved);
    // Words that followed a flag are positional arguments in their original order.
    self->m_positional.insert(self->m_positional.end(), extraPositional.begin(), extraPositional.end());
    m_valueOptions = valueOptions;
    if (m_positional.size() < minPositional)
        throw UsageError{"'" + m_command + "' needs more arguments"};
    if (m_positional.size() > maxPositional)
        throw UsageError{"too many arguments for '" + m_command + "': " + m_positional.back()};
}

bool CommandLine::flag(const std::string &name) const
{
    return std::any_of(m_options.begin(), m_options.end(), [&](const auto &o) { return o.first == name; });
}

std::optional<std::string> CommandLine::value(const std::string &name) const
{
    std::optional<std::string> out;
    for (const auto &[n, v] : m_options)
        if (n == name)
            out = v;
    return out;
}

std::vector<std::string> CommandLine::values(const std::string &name) const
{
    std::vector<std::string> out;
    for (const auto &[n, v] : m_options)
        if (n == name && v)
            out.push_back(*v);
    return out;
}

std::optional<int> CommandLine::intValue(const std::string &name) const
{
    const auto v = value(name);
    if (!v)
        return std::nullopt;
    int n = 0;
    const auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || p != v->data() + v->size())
        throw UsageError{name + " needs a whole number, not \"" + *v + "\""};
    return n;
}

} // namespace mltrl::cli
