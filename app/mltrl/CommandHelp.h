#pragma once
/// What `mltrl --help`, `mltrl COMMAND --help`, `mltrl help COMMAND`, the man page and the
/// bash completion say about each command: one table (CommandHelp.cpp), so a new command or
/// option is described in one place. Add an entry there with the command.
#include <string>
#include <string_view>
#include <vector>

namespace mltrl::cli {

struct CommandHelp {
    std::string_view name;
    std::string_view group;    ///< heading in the overview: "Projects" or "Reviews"
    std::string_view synopsis; ///< "show PROJECT [--revision N] [--json]"
    std::string_view summary;  ///< one line for the overview
    /// Options one per line as "  --option VALUE   what it does" (continuation lines indented
    /// further), then vocabularies and notes. Every `--word` here is offered by the completion;
    /// `--option a|b|c` also offers a, b and c as its values.
    std::string_view details;
};

/// Every command, in the order the overview lists them.
[[nodiscard]] const std::vector<CommandHelp> &commandHelp();
[[nodiscard]] const CommandHelp *findCommandHelp(std::string_view name);

/// `mltrl --help`: usage, the commands with their one-line summaries, global options, exit status.
[[nodiscard]] std::string usageText();
/// `mltrl COMMAND --help`.
[[nodiscard]] std::string commandHelpText(const CommandHelp &help);
/// A bash completion script for `mltrl` built from the table (`mltrl --bash-completion`;
/// installed as share/bash-completion/completions/mltrl).
[[nodiscard]] std::string bashCompletionScript();

} // namespace mltrl::cli
