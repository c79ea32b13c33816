#pragma once
/// Argument parsing for `mltrl`: global options (--store, --help, --version) are accepted
/// before or after the subcommand; everything else belongs to the subcommand.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mltrl::cli {

/// Raised for a usage error (exit status 2).
struct UsageError {
    std::string message;
};

class CommandLine {
public:
    CommandLine(int argc, char **argv);

    [[nodiscard]] const std::string &command() const { return m_command; }
    [[nodiscard]] bool help() const { return m_help; }
    [[nodiscard]] bool version() const { return m_version; }
    [[nodiscard]] const std::optional<std::string> &store() const { return m_store; }

    /// Declares what the subcommand accepts, then checks the arguments against it.
    void expect(const std::vector<std::string> &flags, const std::vector<std::string> &valueOptions,
                std::size_t minPositional, std::size_t maxPositional) const;

    [[nodiscard]] bool flag(const std::string &name) const;
    [[nodiscard]] std::optional<std::string> value(const std::string &name) const;
    [[nodiscard]] std::vector<std::string> values(const std::string &name) const;
    [[nodiscard]] std::optional<int> intValue(const std::string &name) const;
    [[nodiscard]] const std::vector<std::string> &positional() const { return m_positional; }

private:
    std::string m_command;
    bool m_help = false;
    bool m_version = false;
    std::optional<std::string> m_store;
    std::vector<std::string> m_positional;
    /// Subcommand options in order; "\x01" marks the word after an option, which is the
    /// option's value or a positional argument depending on what the subcommand declares.
    std::vector<std::pair<std::string, std::optional<std::string>>> m_options;
    mutable std::vector<std::string> m_valueOptions;
};

} // namespace mltrl::cli
