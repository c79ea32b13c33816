#pragma once
/// The subcommands of `mltrl`. Each returns the process exit status:
/// 0 success, 1 input rejected or check failed (reason on stderr), 2 usage error.
#include "CommandLine.h"

#include <memory>
#include <string>

class QCoreApplication;

namespace mltrl {
class Store;
namespace sql {
class SqliteError;
}
} // namespace mltrl

namespace mltrl::cli {

/// The store chosen by --store / $MLTRL_STORE / the default; nullptr (problems printed) when
/// it cannot be opened.
std::unique_ptr<Store> openStore(const CommandLine &cl);
/// As openStore, for a command that writes: nullptr (and why, in plain words) when the store
/// could only be opened for reading.
std::unique_ptr<Store> openStoreForWriting(const CommandLine &cl);

/// What to tell the user about a store error that reached main().
std::string storeErrorMessage(const sql::SqliteError &error);

int runValidate(const CommandLine &cl);
int runImport(const CommandLine &cl);
int runList(const CommandLine &cl);
int runShow(const CommandLine &cl);
int runKeygen(const CommandLine &cl);
int runAnnotate(const CommandLine &cl);
int runReview(const CommandLine &cl);
int runReviews(const CommandLine &cl);
int runExport(const CommandLine &cl);
int runVerify(const CommandLine &cl);
int runAudit(const CommandLine &cl);
int runDiff(const CommandLine &cl);
int runSignature(const CommandLine &cl);

#ifdef MLTRL_HAVE_PACKET
int runPacket(const CommandLine &cl);
/// True when the command line asks for `packet`, which needs a QGuiApplication.
bool wantsGuiApplication(int argc, char **argv);
/// A QGuiApplication on the offscreen platform unless QT_QPA_PLATFORM is set.
std::unique_ptr<QCoreApplication> makeGuiApplication(int &argc, char **argv);
#endif

} // namespace mltrl::cli
