// mltrl — the command-line tool of MLTRL Workbench. Thin: parses the command line and hands
// over to the subcommands in Commands.cpp.
#include "CommandLine.h"
#include "Commands.h"
#include "Output.h"
#include "sqlite/Database.h"

#include <QCoreApplication>

#include <csignal>

#include <fmt/format.h>

#include <exception>
#include <functional>
#include <map>

namespace {

constexpr const char *kUsage = R"(usage: mltrl [--store DIR] COMMAND [ARGS]

Commands:
  validate ARCHIVE                       check an archive fully without touching any store
  import ARCHIVE                         import an archive (a new revision, or the identical one)
  list [--json]                          projects with their latest revision and levels
  show PROJECT [--revision N] [--json]   a project revision: levels, counts, gates, criteria

ARCHIVE is a .mltrl/.zip, .tar, .tar.gz/.tgz file or a directory.

Global options (before or after the command):
  --store DIR   the store folder (else $MLTRL_STORE, else the application-data folder)
  --help        this text
  --version     the version

Exit status: 0 success; 1 input rejected or check failed (reason on stderr); 2 usage error.
)";

} // namespace

int main(int argc, char **argv)
{
    using namespace mltrl::cli;
    // Past a file-size limit (RLIMIT_FSIZE) write() must fail with EFBIG so the importer can
    // report it and roll back; the default action of SIGXFSZ would kill us mid-import instead.
    std::signal(SIGXFSZ, SIG_IGN);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mltrl-workbench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MLTRL_VERSION));
    const std::map<std::string, std::function<int(const CommandLine &)>> commands{
        {"validate", runValidate}, {"import", runImport}, {"list", runList}, {"show", runShow}};
    try {
        const CommandLine cl(argc, argv);
        if (cl.version()) {
            fmt::print("mltrl {}\n", MLTRL_VERSION);
            return 0;
        }
        if (cl.help()) {
            fmt::print("{}", kUsage);
            return 0;
        }
        if (cl.command().empty()) {
            fmt::print(stderr, "{}", kUsage);
            return 2;
        }
        const auto it = commands.find(cl.command());
        if (it == commands.end())
            throw UsageError{"unknown command '" + cl.command() + "'"};
        return it->second(cl);
    } catch (const UsageError &e) {
        fmt::print(stderr, "mltrl: {}\n(see mltrl --help)\n", e.message);
        return 2;
    } catch (const mltrl::sql::SqliteError &e) {
        printError(fmt::format("store: {}", e.what()));
        return 1;
    } catch (const std::exception &e) {
        printError(e.what());
        return 1;
    }
}
