// mltrl — the command-line tool of MLTRL Workbench. Thin: parses the command line and hands
// over to the subcommands in Commands.cpp.
#include "CommandHelp.h"
#include "CommandLine.h"
#include "Commands.h"
#include "Output.h"
#include "core/sqlite/Database.h"

#include <QCoreApplication>

#include <csignal>

#include <fmt/format.h>

#include <exception>
#include <functional>
#include <map>
#include <memory>

int main(int argc, char **argv)
{
    using namespace mltrl::cli;
    // Past a file-size limit (RLIMIT_FSIZE) write() must fail with EFBIG so the importer can
    // report it and roll back; the default action of SIGXFSZ would kill us mid-import instead.
    std::signal(SIGXFSZ, SIG_IGN);
#ifdef MLTRL_HAVE_PACKET
    const std::unique_ptr<QCoreApplication> app = wantsGuiApplication(argc, argv)
                                                      ? makeGuiApplication(argc, argv)
                                                      : std::make_unique<QCoreApplication>(argc, argv);
#else
    const auto app = std::make_unique<QCoreApplication>(argc, argv);
#endif
    QCoreApplication::setApplicationName(QStringLiteral("mltrl-workbench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MLTRL_VERSION));
    std::map<std::string, std::function<int(const CommandLine &)>> commands{
        {"validate", runValidate},  {"import", runImport},     {"list", runList},     {"show", runShow},
        {"keygen", runKeygen},      {"annotate", runAnnotate}, {"review", runReview}, {"reviews", runReviews},
        {"export", runExport},      {"verify", runVerify},     {"audit", runAudit},   {"diff", runDiff},
        {"signature", runSignature}};
#ifdef MLTRL_HAVE_PACKET
    commands.emplace("packet", runPacket);
#endif
    if (argc == 2 && std::string_view(argv[1]) == "--bash-completion") {
        printTrusted(stdout, bashCompletionScript());
        return 0;
    }
    std::string command;
    try {
        const CommandLine cl(argc, argv);
        command = cl.command();
        if (cl.version()) {
            out("mltrl {}\n", MLTRL_VERSION);
            return 0;
        }
        // `mltrl help [COMMAND]` and `mltrl [COMMAND] --help`.
        if (cl.help() || cl.command() == "help") {
            const std::string topic =
                cl.command() == "help" ? (cl.positional().empty() ? "" : cl.positional()[0]) : cl.command();
            if (topic.empty()) {
                printTrusted(stdout, usageText());
                return 0;
            }
            const CommandHelp *help = findCommandHelp(topic);
            if (!help || (topic != "help" && !commands.contains(topic)))
                throw UsageError{"unknown command '" + topic + "'"};
            printTrusted(stdout, commandHelpText(*help));
            return 0;
        }
        if (cl.command().empty()) {
            printTrusted(stderr, usageText());
            return 2;
        }
        const auto it = commands.find(cl.command());
        if (it == commands.end()) {
            command.clear();
            throw UsageError{"unknown command '" + cl.command() + "'"};
        }
        return it->second(cl);
    } catch (const UsageError &e) {
        printError(e.message);
        if (!command.empty() && findCommandHelp(command))
            err("(see mltrl {} --help)\n", command);
        else
            err("(see mltrl --help)\n");
        return 2;
    } catch (const mltrl::sql::SqliteError &e) {
        printError(storeErrorMessage(e));
        return 1;
    } catch (const std::exception &e) {
        printError(e.what());
        return 1;
    }
}
