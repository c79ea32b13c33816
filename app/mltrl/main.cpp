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
#include <memory>

namespace {

constexpr const char *kUsage = R"(usage: mltrl [--store DIR] COMMAND [ARGS]

Commands:
  validate ARCHIVE                       check an archive fully without touching any store
  import ARCHIVE                         import an archive (a new revision, or the identical one)
  list [--json]                          projects with their latest revision and levels
  show PROJECT [--revision N] [--json]   a project revision: levels, counts, gates, criteria
  diff PROJECT [--from N] [--to M] [--json]
      what changed between two revisions (default: the latest against the revision of your
      last signed review, else the previous one) and which reviews of the older one it stales

Reviews:
  keygen --name NAME --email EMAIL [--role ROLE] [--type ed25519|ecdsa-p256|ecdsa-p384|ecdsa-p521|rsa]
         [--bits N] [--out FILE] (--passphrase-file F | --no-passphrase)
      create a signing key as a standard OpenSSH private key (default FILE: the application-data
      folder's keys/id_mltrl_ed25519); writes FILE, FILE.pub and FILE.identity.json; prints the
      public key
  annotate PROJECT --target TARGET --severity info|minor|major|blocker --text TEXT [--revision N]
           [--rect X,Y,W,H | --line N] [--author NAME]
      TARGET: evidence:ID[:PAGE] | metric:ID | criterion:GATE/ID | requirement:ID | card:LEVEL | project
      --rect: a region of an evidence page (PDF points) or image (pixels), from the top left
      --line: a line of a text evidence file (from 1)
      --author: who the note is by (default: the name and email of the default signing key,
      else the login name); kept locally, review records carry no author
  review PROJECT --gate GATE --outcome advance|advance_with_conditions|hold|switchback
         [--to-level N] [--condition TEXT]... [--verdict CRITERION=VERDICT[:NOTE]]...
         [--rationale TEXT] --key FILE [--passphrase-file F] [--name N] [--email E] [--role R]
         [--supersedes ID] [--acknowledge-blockers] [--revision N]
      sign and store a review with an OpenSSH or PKCS#8 private key, or a FILE.pub whose private
      half is in ssh-agent ($SSH_AUTH_SOCK; also used for keys it holds); prints its id
  reviews PROJECT [--allowed-signers FILE] [--revision N] [--json]
      reviews with status valid / valid_unknown_signer / invalid / stale, and gate statuses
  export PROJECT [--revision N] -o FILE.mltrl
      the revision as a ZIP with its signed reviews
  verify ARCHIVE [--allowed-signers FILE]
      check every file hash and every review; exit 1 on a hash failure, an invalid or stale
      review, or (with --allowed-signers) a signer that is not allowed
  audit PROJECT                          print the project's audit log and check the whole chain
  signature verify -f ALLOWED_SIGNERS -I PRINCIPAL -n NAMESPACE -s FILE.sig [-O verify-time=T] < DATA
  signature check-novalidate -n NAMESPACE -s FILE.sig < DATA
  signature find-principals -f ALLOWED_SIGNERS -s FILE.sig
      SSHSIG checks with the flags, output and exit codes of `ssh-keygen -Y` (0 good, 255 not)
  packet PROJECT [--gate GATE] [--revision N] [--page-size A4|Letter] [--allowed-signers FILE] -o FILE.pdf
      a PDF review packet of the project or one gate (figures, criteria, annotations,
      evidence index with SHA-256, signatures with their ssh-keygen verify commands)

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
#ifdef MLTRL_HAVE_PACKET
    const std::unique_ptr<QCoreApplication> app =
        wantsGuiApplication(argc, argv) ? makeGuiApplication(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
#else
    const auto app = std::make_unique<QCoreApplication>(argc, argv);
#endif
    QCoreApplication::setApplicationName(QStringLiteral("mltrl-workbench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MLTRL_VERSION));
    std::map<std::string, std::function<int(const CommandLine &)>> commands{
        {"validate", runValidate}, {"import", runImport}, {"list", runList},   {"show", runShow},
        {"keygen", runKeygen},     {"annotate", runAnnotate}, {"review", runReview}, {"reviews", runReviews},
        {"export", runExport},     {"verify", runVerify},   {"audit", runAudit},
        {"diff", runDiff},         {"signature", runSignature}};
#ifdef MLTRL_HAVE_PACKET
    commands.emplace("packet", runPacket);
#endif
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
