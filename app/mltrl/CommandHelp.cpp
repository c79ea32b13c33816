#include "CommandHelp.h"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

namespace mltrl::cli {

namespace {

constexpr std::string_view kGlobalOptions = R"(Global options (before or after the command):
  --store DIR   the store folder (else $MLTRL_STORE, else the application-data folder)
  --help, -h    this text; with a command, that command's options and words
  --version     the version
)";

constexpr std::string_view kExitStatus =
    "Exit status: 0 success; 1 input rejected or check failed (reason on stderr); 2 usage error.\n";

constexpr std::string_view kDiagnostics =
    "Problems go to stderr as FILE:LINE:COLUMN: error: MESSAGE, or FILE:/json/pointer: error: MESSAGE\n"
    "where there is no line (warning: likewise). Text from archives is shown with control and\n"
    "bidirectional characters escaped (\\x1b, \\u202e); --json output is exact JSON.\n";

} // namespace

const std::vector<CommandHelp> &commandHelp()
{
    static const std::vector<CommandHelp> table = [] {
        std::vector<CommandHelp> t{
            {"validate", "Projects", "validate ARCHIVE [--json]", "check an archive fully without touching any store",
             R"(  --json   the result as JSON: {"archive", "valid", "errors", "warnings",
           "problems": [{"severity", "location", "message"}]}
ARCHIVE is a .mltrl/.zip, .tar, .tar.gz/.tgz file or a directory.
Exit status 1 when the archive is rejected.
)"},
            {"import", "Projects", "import ARCHIVE", "import an archive (a new revision, or the identical one)",
             R"(ARCHIVE is a .mltrl/.zip, .tar, .tar.gz/.tgz file or a directory. Importing the same content
again adds nothing; a changed archive of the same project becomes its next revision.
)"},
            {"list", "Projects", "list [--json]", "projects with their latest revision and levels",
             R"(  --json   the projects as a JSON array
)"},
            {"show", "Projects",
             "show PROJECT [--revision N] [--allowed-signers FILE] [--reviewer-roles FILE] [--json]",
             "a project revision: levels, counts, gates and their status, criteria",
             R"(  --revision N             that revision (default: the latest)
  --allowed-signers FILE   who may sign (default: allowed_signers in the keys folder)
  --reviewer-roles FILE    which roles they hold (default: reviewer_roles in the keys folder)
  --json                   the overview as JSON; each gate with "status", "roles", "missing"
                           and "unreviewed_passage"
Criterion suggestions: met, not_met (from the metric); qualitative criteria have none.
Gate statuses: approved, approved with conditions, held, switched back, disputed, open.
)"},
            {"diff", "Projects", "diff PROJECT [--from N] [--to M] [--json]",
             "what changed between two revisions and which reviews it stales",
             R"(  --from N   the older revision (default: the revision of your last signed review,
             else the one before --to)
  --to M     the newer revision (default: the latest)
  --json     the changes and review impacts as JSON
Changed text shows the words that differ: [-removed-]{+added+}.
Change kinds: project, component, requirement, card, gate, criterion, evidence, metric.
)"},
            {"keygen", "Reviews",
             "keygen --name NAME --email EMAIL [--role ROLE] [--type TYPE] [--bits N] [--out FILE] (--passphrase-file "
             "F | --no-passphrase)",
             "create an OpenSSH signing key",
             R"(  --name NAME            the reviewer's name
  --type TYPE            ed25519 (default), ecdsa (P-256), ecdsa-p384, ecdsa-p521 or rsa
  --bits N               with --type rsa: the key size (default 3072, at least 2048)
  --email EMAIL          the reviewer's e-mail address
  --role ROLE            the role the reviewer signs in (e.g. "clinical reviewer")
  --out FILE             where to write (default: the application-data folder's
                         keys/id_mltrl_ed25519; that folder is created 0700)
  --passphrase-file F    encrypt the private key with the first line of F
  --no-passphrase        write the private key unencrypted
Writes FILE (0600), FILE.pub and FILE.identity.json and prints the public key. Refuses when any
of the three exists already (also as a symbolic link): nothing is overwritten.
)"},
            {"annotate", "Reviews",
             "annotate PROJECT --target TARGET --severity SEVERITY --text TEXT [--revision N] [--rect X,Y,W,H | --line "
             "N] [--author NAME]",
             "add a review note to evidence, a metric, a criterion, a requirement or a card",
             R"(  --target TARGET        evidence:ID[:PAGE] | metric:ID | criterion:GATE/ID |
                         requirement:ID | card:LEVEL | project
  --severity info|minor|major|blocker
  --text TEXT            the note
  --revision N           the revision (default: the latest)
  --rect X,Y,W,H         a region of an evidence page (PDF points) or image (pixels),
                         from the top left
  --line N               a line of a text evidence file (from 1)
  --author NAME          who the note is by (default: the name and email of the default
                         signing key, else the login name); kept locally, review records
                         carry no author
Prints the new annotation's id.
)"},
            {"review", "Reviews",
             "review PROJECT --gate GATE --outcome OUTCOME --key FILE [--verdict CRITERION=VERDICT[:NOTE]]... "
             "[options]",
             "sign and store a gate review; prints its id",
             R"(  --gate GATE                 the gate reviewed
  --outcome advance|advance_with_conditions|hold|switchback
  --to-level N                with switchback: the level to return to (below the gate's)
  --condition TEXT            a condition of advance_with_conditions (repeatable)
  --verdict CRITERION=VERDICT[:NOTE]
                              a criterion's verdict (repeatable); VERDICT is one of
                              met|not_met|waived|not_applicable; not_met and waived need a NOTE
  --rationale TEXT            why this outcome
  --key FILE                  the signing key: an OpenSSH or PEM private key file (Ed25519,
                              ECDSA, RSA), or FILE.pub whose private half is in ssh-agent
  --accept-suggestions        take the metrics' suggested verdict for every criterion given
                              no --verdict (recorded as "from_suggestion": true)
  --passphrase-file F         the key's passphrase (first line of F)
  --name N, --email E, --role R
                              override the identity kept beside the key
  --supersedes ID             the review of yours this one replaces
  --acknowledge-blockers      advance although blocker annotations are open
  --revision N                the revision (default: the latest)
Outcomes: advance, advance_with_conditions, hold, switchback.
Verdicts: met, not_met, waived, not_applicable.
Every criterion needs a verdict you give or accept; every outcome needs a rationale; an
unconditional advance allows no not_met verdict. A refusal names the rule and the field
(e.g. "decision/rationale: error: G2: every outcome needs a rationale").
)"},
            {"reviews", "Reviews",
             "reviews PROJECT [--allowed-signers FILE] [--reviewer-roles FILE] [--revision N] [--json]",
             "reviews with their status, what superseded them, and gate statuses",
             R"(  --allowed-signers FILE   who may sign (OpenSSH allowed_signers format; default: the keys
                           folder's allowed_signers)
  --reviewer-roles FILE    which roles they hold, one "EMAIL ROLE" a line (default: the keys
                           folder's reviewer_roles); a role a review only claims does not count
  --revision N             check against that revision (default: the latest)
  --json                   reviews (with "superseded_by", "counted") and gates as JSON
Review statuses: valid, valid_unknown_signer, invalid, stale.
Gate statuses: approved, approved with conditions, held, switched back, disputed, open.
)"},
            {"export", "Reviews", "export PROJECT [--revision N] -o FILE.mltrl",
             "the revision as a ZIP with its signed reviews",
             R"(  --revision N            the revision (default: the latest)
  -o FILE, --output FILE  where to write; written to a temporary file and renamed over FILE
                          (a symbolic link there is replaced, never followed)
)"},
            {"verify", "Reviews", "verify ARCHIVE [--allowed-signers FILE] [--reviewer-roles FILE] [--json]",
             "check every file hash and every review of an archive",
             R"(  --allowed-signers FILE   who may sign; without it every valid signer is unknown
  --reviewer-roles FILE    which roles they hold (for the gate statuses)
  --json                   the result as JSON: {"archive", "files_ok", "problems", "reviews",
                           "gates", "signers_checked", "passed"}
Exit status 1 on a hash failure, an invalid or stale review, or (with --allowed-signers) a
signer that is not allowed.
)"},
            {"audit", "Reviews", "audit PROJECT [--json]", "the project's audit log, with a check of the whole chain",
             R"(  --json   the entries and the check as JSON: {"project", "entries", "intact", "broken_at",
           "broken_reason", "store_entries"}
Actions: import, annotate, sign, export. Exit status 1 when the chain is broken.
)"},
            {"packet", "Reviews",
             "packet PROJECT [--gate GATE] [--revision N] [--page-size A4|Letter] [--allowed-signers FILE] -o FILE.pdf",
             "a PDF review packet of the project or one gate",
             R"(  --gate GATE               only this gate (default: the whole project)
  --revision N              the revision (default: the latest)
  --page-size A4|Letter     the paper size (default: A4)
  --allowed-signers FILE    who may sign, for the signatures section
  -o FILE, --output FILE    where to write; written to a temporary file and renamed over FILE
                            (a symbolic link there is replaced, never followed)
The packet holds figures, criteria, annotations, the evidence index with SHA-256 and the
signatures with their ssh-keygen verify commands. Reads a read-only store.
)"},
            {"signature", "Reviews",
             "signature verify|check-novalidate|find-principals -f ALLOWED_SIGNERS -I PRINCIPAL -n NAMESPACE -s "
             "FILE.sig < DATA",
             "SSHSIG checks with the flags, output and exit codes of ssh-keygen -Y",
             R"(  verify              -f ALLOWED_SIGNERS -I PRINCIPAL -n NAMESPACE -s FILE.sig [-O verify-time=T] < DATA
  check-novalidate    -n NAMESPACE -s FILE.sig < DATA
  find-principals     -f ALLOWED_SIGNERS -s FILE.sig
Key types: ssh-ed25519, sk-ssh-ed25519@openssh.com, ecdsa-sha2-nistp256/384/521,
sk-ecdsa-sha2-nistp256@openssh.com (also WebAuthn signatures), ssh-rsa with rsa-sha2-256/512.
Exit status 0 good, 255 not (as ssh-keygen).
)"},
            {"help", "Help", "help [COMMAND]", "this overview, or one command's options and words", {}},
        };
#ifndef MLTRL_HAVE_PACKET
        // Built without the packet renderer: `packet` is no command of this mltrl.
        std::erase_if(t, [](const CommandHelp &h) { return h.name == "packet"; });
#endif
        return t;
    }();
    return table;
}

const CommandHelp *findCommandHelp(std::string_view name)
{
    const auto &table = commandHelp();
    const auto it = std::find_if(table.begin(), table.end(), [&](const CommandHelp &h) { return h.name == name; });
    return it == table.end() ? nullptr : &*it;
}

std::string usageText()
{
    std::string text = "usage: mltrl [--store DIR] COMMAND [ARGS]\n"
                       "       mltrl COMMAND --help   (that command's options and words)\n";
    std::string_view group;
    for (const CommandHelp &h : commandHelp()) {
        if (h.group != group) {
            group = h.group;
            text += "\n";
            text += group;
            text += ":\n";
        }
        std::string line = "  " + std::string(h.name);
        line.resize(std::max<std::size_t>(line.size() + 1, 13), ' ');
        text += line + std::string(h.summary) + "\n";
    }
    text += "\n";
    text += kGlobalOptions;
    text += "\n";
    text += kDiagnostics;
    text += "\n";
    text += kExitStatus;
    return text;
}

std::string commandHelpText(const CommandHelp &help)
{
    std::string text = "usage: mltrl " + std::string(help.synopsis) + "\n\n" + std::string(help.summary) + ".\n";
    if (!help.details.empty())
        text += "\n" + std::string(help.details);
    text += "\n";
    text += kGlobalOptions;
    text += "\n";
    text += kExitStatus;
    return text;
}

std::string bashCompletionScript()
{
    // Options of each command and the words some of them take, read from the help table.
    const std::regex optionRe(R"((^|[\s\[(,])(--[a-z][a-z0-9-]*|-o\b)(\s+([A-Za-z0-9_]+(\|[A-Za-z0-9_]+)+))?)");
    std::string commands;
    std::string cases;
    std::map<std::string, std::set<std::string>> valueWords; // option → words, over all commands
    for (const CommandHelp &h : commandHelp()) {
        commands += (commands.empty() ? "" : " ") + std::string(h.name);
        std::set<std::string> options{"--help", "--store"};
        const std::string text = std::string(h.synopsis) + "\n" + std::string(h.details);
        for (auto it = std::sregex_iterator(text.begin(), text.end(), optionRe); it != std::sregex_iterator(); ++it) {
            const std::string option = (*it)[2];
            options.insert(option);
            if ((*it)[4].matched) {
                std::string words = (*it)[4];
                std::replace(words.begin(), words.end(), '|', ' ');
                valueWords[option].insert(words);
            }
        }
        std::string list;
        for (const std::string &o : options)
            list += (list.empty() ? "" : " ") + o;
        cases += "        " + std::string(h.name) + ") opts=\"" + list + "\" ;;\n";
    }
    std::string valueCases;
    for (const auto &[option, sets] : valueWords) {
        std::string words;
        for (const std::string &w : sets)
            words += (words.empty() ? "" : " ") + w;
        valueCases += "        " + option + ") COMPREPLY=($(compgen -W \"" + words + "\" -- \"$cur\")); return ;;\n";
    }
    return "# bash completion for mltrl (MLTRL Workbench), generated by `mltrl --bash-completion`.\n"
           "_mltrl() {\n"
           "    local cur prev cmd i opts\n"
           "    COMPREPLY=()\n"
           "    cur=\"${COMP_WORDS[COMP_CWORD]}\"\n"
           "    prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
           "    cmd=\n"
           "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
           "        case \"${COMP_WORDS[i]}\" in\n"
           "            --store) ((i++)) ;;\n"
           "            -*) ;;\n"
           "            *) cmd=\"${COMP_WORDS[i]}\"; break ;;\n"
           "        esac\n"
           "    done\n"
           "    case \"$prev\" in\n"
           "        --store) COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n" +
           valueCases +
           "    esac\n"
           "    if [ -z \"$cmd\" ]; then\n"
           "        COMPREPLY=($(compgen -W \"" +
           commands +
           " --store --help --version\" -- \"$cur\"))\n"
           "        return\n"
           "    fi\n"
           "    case \"$cmd\" in\n"
           "        help) COMPREPLY=($(compgen -W \"" +
           commands + "\" -- \"$cur\")); return ;;\n" + cases +
           "        *) opts=\"--help --store\" ;;\n"
           "    esac\n"
           "    if [[ \"$cur\" == -* ]]; then\n"
           "        COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
           "    else\n"
           "        COMPREPLY=($(compgen -f -- \"$cur\"))\n"
           "    fi\n"
           "}\n"
           "complete -o filenames -F _mltrl mltrl\n";
}

} // namespace mltrl::cli
