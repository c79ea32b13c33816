// The review subcommands of `mltrl`: keys, annotations, signing, listing, export, archive
// verification and the audit log. Each is a thin layer over core/review.
#include "Commands.h"

#include "Output.h"
#include "PacketVerify.h"
#include "ReviewTrust.h"
#include "crypto/AllowedSigners.h"
#include "crypto/Ed25519Key.h"
#include "review/AnnotationStore.h"
#include "review/AnnotationTarget.h"
#include "review/ArchiveExporter.h"
#include "review/ArchiveVerifier.h"
#include "review/AuditLog.h"
#include "review/GateStatus.h"
#include "review/ReviewBuilder.h"
#include "review/ReviewSigner.h"
#include "review/ReviewStore.h"
#include "review/ReviewerKey.h"
#include "store/RevisionData.h"
#include "store/Store.h"


#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

namespace fs = std::filesystem;
using nlohmann::json;

namespace mltrl::cli {

namespace {


std::optional<std::string> readText(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The passphrase is the first line of the file (without its line end).
std::optional<std::string> readPassphrase(const std::string &file)
{
    std::optional<std::string> text = readText(file);
    if (!text) {
        printError(fmt::format("{}: cannot read the passphrase file", file));
        return std::nullopt;
    }
    const std::size_t eol = text->find_first_of("\r\n");
    return eol == std::string::npos ? *text : text->substr(0, eol);
}

} // namespace

int runKeygen(const CommandLine &cl)
{
    cl.expect({"--no-passphrase"}, {"--name", "--email", "--role", "--out", "--passphrase-file"}, 0, 0);
    const auto name = cl.value("--name");
    const auto email = cl.value("--email");
    if (!name || !email)
        throw UsageError{"keygen needs --name and --email"};
    const auto passFile = cl.value("--passphrase-file");
    if (passFile.has_value() == cl.flag("--no-passphrase"))
        throw UsageError{"keygen needs exactly one of --passphrase-file F and --no-passphrase"};
    std::string passphrase;
    if (passFile) {
        auto p = readPassphrase(*passFile);
        if (!p)
            return 1;
        passphrase = std::move(*p);
        if (passphrase.empty()) {
            printError("the passphrase is empty; use --no-passphrase for a key without one");
            return 1;
        }
    }
    const fs::path out = cl.value("--out") ? fs::path(*cl.value("--out")) : defaultReviewerKeyFile();
    Problems problems;
    const auto pub = createReviewerKey(out, {*name, *email, cl.value("--role").value_or(""), {}}, passphrase, problems);
    std::fill(passphrase.begin(), passphrase.end(), '\0');
    if (!pub) {
        printProblems(problems);
        return 1;
    }
    fmt::print("{}\n", pub->toOpenSsh(fmt::format("{} <{}>", *name, *email)));
    fmt::print(stderr, "mltrl: key {} written to {} (public key in {}.pub)\n", pub->fingerprint(), out.string(),
               out.string());
    return 0;
}

int runAnnotate(const CommandLine &cl)
{
    cl.expect({}, {"--target", "--severity", "--text", "--revision", "--author", "--rect", "--line"}, 1, 1);
    const std::string &project = cl.positional()[0];
    const auto spec = cl.value("--target");
    const auto severity = cl.value("--severity");
    const auto text = cl.value("--text");
    if (!spec || !severity || !text)
        throw UsageError{"annotate needs --target, --severity and --text"};
    const std::optional<int> revision = cl.intValue("--revision");
    Problems problems;
    auto target = parseTargetSpec(*spec, problems);
    if (!target) {
        printProblems(problems);
        return 1;
    }
    if (const auto rect = cl.value("--rect")) {
        // X,Y,W,H of a region of an evidence page or image (PDF points / pixels, from the top left).
        json r = json::array();
        std::istringstream in(*rect);
        for (std::string part; std::getline(in, part, ',');) {
            char *end = nullptr;
            const double v = std::strtod(part.c_str(), &end);
            if (part.empty() || *end != '\0')
                throw UsageError{"--rect must be X,Y,W,H"};
            r.push_back(v);
        }
        if (r.size() != 4 || !target->contains("evidence"))
            throw UsageError{"--rect must be X,Y,W,H and needs an evidence target"};
        (*target)["rect"] = r;
        if (!checkAnnotationTarget(*target, "--rect", problems)) {
            printProblems(problems);
            return 1;
        }
    }
    if (const auto line = cl.intValue("--line")) {
        if (!target->contains("evidence") || cl.value("--rect") || target->contains("page"))
            throw UsageError{"--line needs an evidence target without a page or --rect"};
        (*target)["line"] = *line;
        if (!checkAnnotationTarget(*target, "--line", problems)) {
            printProblems(problems);
            return 1;
        }
    }
    auto store = openStore(cl);
    if (!store)
        return 1;
    const auto rev = loadRevision(*store, project, revision, problems);
    if (!rev || !checkTargetExists(*target, rev->manifest, problems)) {
        printProblems(problems);
        return 1;
    }
    // Without --author: the identity of the key `mltrl keygen` writes by default, as the
    // workbench does; else the login name.
    std::string author;
    if (const auto given = cl.value("--author")) {
        author = *given;
    } else {
        Problems ignored;
        const auto who = fs::exists(defaultReviewerKeyFile()) ? readReviewerIdentity(defaultReviewerKeyFile(), ignored)
                                                              : std::nullopt;
        author = annotationAuthor(who ? &*who : nullptr);
    }
    const auto added = AnnotationStore(store->db()).add(project, rev->overview.revisionId, *target, *severity, *text,
                                                        author, problems);
    printProblems(problems);
    if (!added)
        return 1;
    fmt::print("{}\n", added->id);
    return 0;
}

namespace {

/// The key to sign with: an OpenSSH private key (signed through ssh-keygen) or a PKCS#8
/// key written by `mltrl keygen`.
struct SigningKey {
    bool openSsh = false;
    std::optional<Ed25519Key> key;
    std::string publicKey;
};

std::optional<SigningKey> loadSigningKey(const CommandLine &cl, const fs::path &file)
{
    const auto text = readText(file);
    if (!text) {
        printError(fmt::format("{}: cannot read the key", file.string()));
        return std::nullopt;
    }
    SigningKey k;
    if (text->starts_with("-----BEGIN OPENSSH PRIVATE KEY-----")) {
        k.openSsh = true;
        const auto pub = readText(file.string() + ".pub");
        std::string error;
        const auto parsed = pub ? Ed25519PublicKey::fromOpenSsh(*pub, &error) : std::nullopt;
        if (!parsed) {
            printError(fmt::format("{}.pub: the public key of an OpenSSH key is needed beside it{}", file.string(),
                                   error.empty() ? "" : ": " + error));
            return std::nullopt;
        }
        k.publicKey = parsed->toOpenSsh();
        return k;
    }
    std::string passphrase;
    if (const auto passFile = cl.value("--passphrase-file")) {
        auto p = readPassphrase(*passFile);
        if (!p)
            return std::nullopt;
        passphrase = std::move(*p);
    }
    std::string error;
    k.key = Ed25519Key::readPrivateKeyFile(file, passphrase, &error);
    std::fill(passphrase.begin(), passphrase.end(), '\0');
    if (!k.key) {
        printError(fmt::format("{}: {}", file.string(), error));
        return std::nullopt;
    }
    k.publicKey = k.key->publicKey().toOpenSsh();
    return k;
}

/// Name, email and role from the key's identity file, each overridden by an option.
ReviewerIdentity identityFor(const CommandLine &cl, const fs::path &keyFile, const std::string &publicKey)
{
    ReviewerIdentity who;
    if (const auto text = readText(identityFileOf(keyFile))) {
        const json j = json::parse(*text, nullptr, false);
        if (j.is_object()) {
            who.name = j.value("name", "");
            who.email = j.value("email", "");
            who.role = j.value("role", "");
        }
    }
    who.name = cl.value("--name").value_or(who.name);
    who.email = cl.value("--email").value_or(who.email);
    who.role = cl.value("--role").value_or(who.role);
    who.publicKey = publicKey;
    return who;
}

} // namespace

int runReview(const CommandLine &cl)
{
    cl.expect({"--acknowledge-blockers", "--accept-suggestions"},
              {"--gate", "--outcome", "--to-level", "--condition", "--verdict", "--rationale", "--key",
               "--passphrase-file", "--name", "--email", "--role", "--revision", "--supersedes"},
              1, 1);
    const std::string &project = cl.positional()[0];
    const auto gate = cl.value("--gate");
    const auto outcome = cl.value("--outcome");
    const auto keyFile = cl.value("--key");
    if (!gate || !outcome || !keyFile)
        throw UsageError{"review needs --gate, --outcome and --key"};
    const std::optional<int> revision = cl.intValue("--revision");
    ReviewInput input;
    input.gate = *gate;
    input.outcome = *outcome;
    input.toLevel = cl.intValue("--to-level");
    input.conditions = cl.values("--condition");
    input.rationale = cl.value("--rationale");
    input.supersedes = cl.value("--supersedes");
    Problems problems;
    for (const std::string &spec : cl.values("--verdict"))
        if (auto v = VerdictInput::parse(spec, problems))
            input.verdicts.push_back(std::move(*v));
    if (problems.hasErrors()) {
        printProblems(problems);
        return 1;
    }

    auto store = openStore(cl);
    if (!store)
        return 1;
    const auto rev = loadRevision(*store, project, revision, problems);
    if (!rev) {
        printProblems(problems);
        return 1;
    }
    const auto key = loadSigningKey(cl, *keyFile);
    if (!key)
        return 1;
    input.reviewer = identityFor(cl, *keyFile, key->publicKey);
    bool openBlocker = false;
    for (const Annotation &a : AnnotationStore(store->db()).forRevision(rev->overview.revisionId)) {
        if (a.status != "open")
            continue;
        input.annotations.push_back(a.toRecord());
        openBlocker = openBlocker || a.severity == "blocker";
    }
    if (openBlocker && isAdvancing(input.outcome) && !cl.flag("--acknowledge-blockers")) {
        printError("open blocker annotations: resolve them, or acknowledge them with --acknowledge-blockers, "
                   "before an advance");
        return 1;
    }
    // G1: a metric's suggestion becomes a verdict only when the reviewer says so.
    if (cl.flag("--accept-suggestions"))
        for (const std::string &c : acceptSuggestions(input, *rev))
            fmt::print(stderr, "mltrl: {}: the suggested verdict accepted\n", c);
    const auto record = ReviewBuilder(*rev).build(input, problems);
    if (!record) {
        printProblems(problems);
        return 1;
    }
    const auto signedReview = key->openSsh ? ReviewSigner::signWithSshKeygen(*record, *keyFile, problems)
                                           : ReviewSigner::sign(*record, *key->key, problems);
    if (!signedReview || !ReviewStore(store->db()).addSigned(rev->overview.revisionId, *signedReview, problems)) {
        printProblems(problems);
        return 1;
    }
    printProblems(problems);
    fmt::print("{}\n", record->id);
    return 0;
}

int runReviews(const CommandLine &cl)
{
    cl.expect({"--json"}, {"--allowed-signers", "--reviewer-roles", "--revision"}, 1, 1);
    const std::string &project = cl.positional()[0];
    const std::optional<int> revision = cl.intValue("--revision");
    const auto trust = loadTrust(cl);
    if (!trust)
        return 1;
    auto store = openStore(cl);
    if (!store)
        return 1;
    Problems problems;
    const auto rev = loadRevision(*store, project, revision, problems);
    if (!rev) {
        printProblems(problems);
        return 1;
    }
    const ProjectReviews reviews = projectReviews(*store, *rev, *trust);

    json out{{"project", project}, {"revision", rev->overview.revision}, {"reviews", json::array()},
             {"gates", json::array()}};
    for (std::size_t i = 0; i < reviews.stored.size(); ++i) {
        const StoredReview &r = reviews.stored[i];
        const ReviewCheck &c = reviews.checks[i];
        const ReviewStanding &st = reviews.standings[i];
        json who{{"email", r.reviewerEmail}, {"role", r.reviewerRole}, {"name", nullptr},
                 {"role_granted", st.roleGranted}};
        if (c.record)
            who["name"] = c.record->reviewer.name;
        json supersededBy = nullptr;
        if (st.supersededBy) {
            const StoredReview &by = reviews.stored[*st.supersededBy];
            supersededBy = {{"id", by.id}, {"signer", by.reviewerEmail}, {"signed_at", by.signedAt}};
        }
        out["reviews"].push_back({{"id", r.id},
                                  {"gate", r.gateId},
                                  {"reviewer", who},
                                  {"outcome", r.outcome},
                                  {"signed_at", r.signedAt},
                                  {"status", std::string(toString(c.status))},
                                  {"trusted", c.trusted()},
                                  {"fingerprint", c.fingerprint},
                                  {"reasons", c.reasons},
                                  {"revision", r.revisionNumber},
                                  {"supersedes", r.supersedes ? json(*r.supersedes) : json(nullptr)},
                                  {"superseded_by", supersededBy},
                                  {"in_effect", !st.supersededBy},
                                  {"counted", st.counted},
                                  {"warnings", st.warnings},
                                  {"origin", r.origin}});
    }
    for (const GateReport &g : reviews.gates)
        out["gates"].push_back(gateJson(g));
    if (cl.flag("--json")) {
        fmt::print("{}\n", out.dump(2));
        return 0;
    }
    if (reviews.stored.empty())
        fmt::print("No reviews of {}.\n", project);
    for (std::size_t i = 0; i < reviews.stored.size(); ++i) {
        const StoredReview &r = reviews.stored[i];
        const ReviewStanding &st = reviews.standings[i];
        fmt::print("{}  {:<10} {:<24} {:<24} {}  {}\n", r.id, r.gateId, r.reviewerEmail, r.outcome, r.signedAt,
                   toString(reviews.checks[i].status));
        if (st.supersededBy)
            fmt::print("    {}\n", supersededText(reviews.stored[*st.supersededBy]));
        const Gate *gate = rev->manifest.findGate(r.gateId);
        if (gate && !gate->signoffs.empty() && !st.roleGranted && reviews.checks[i].isValid())
            fmt::print("    role self-declared: reviewer_roles does not grant \"{}\" to {}; counts towards no "
                       "sign-off\n",
                       r.reviewerRole, r.reviewerEmail);
        for (const std::string &w : st.warnings)
            fmt::print("    warning: {}\n", w);
        for (const std::string &why : reviews.checks[i].reasons)
            fmt::print("    {}\n", why);
    }
    fmt::print("\nGates of {} revision {}:\n", project, rev->overview.revision);
    for (const GateReport &g : reviews.gates)
        fmt::print("  {:<12} {}\n", g.gate->id, gateText(g));
    return 0;
}

int runExport(const CommandLine &cl)
{
    cl.expect({}, {"--revision", "-o", "--output"}, 1, 1);
    const std::string &project = cl.positional()[0];
    const std::optional<int> revision = cl.intValue("--revision");
    const auto output = cl.value("-o") ? cl.value("-o") : cl.value("--output");
    if (!output)
        throw UsageError{"export needs -o FILE"};
    auto store = openStore(cl);
    if (!store)
        return 1;
    Problems problems;
    const auto result = ArchiveExporter(*store).exportRevision(project, revision, *output, problems);
    printProblems(problems);
    if (!result)
        return 1;
    fmt::print("exported {} revision {} to {} ({} files, {} signed review{})\n", project, result->revision, *output,
               result->files, result->reviews, result->reviews == 1 ? "" : "s");
    return 0;
}

int runVerify(const CommandLine &cl)
{
    cl.expect({}, {"--allowed-signers", "--reviewer-roles"}, 1, 1);
    const std::string &archive = cl.positional()[0];
    if (isPdfFile(archive)) {   // a review packet: its attachments are checked (docs/packet.md)
#ifdef MLTRL_HAVE_PACKET
        return runVerifyPacket(cl, archive);
#else
        printError(fmt::format("{}: a PDF; this mltrl was built without the packet library", archive));
        return 1;
#endif
    }
    const auto trust = loadTrust(cl);
    if (!trust)
        return 1;
    const AllowedSigners *signers = trust->signersPtr();
    ArchiveVerification v = verifyArchive(archive, signers, trust->rolesPtr());
    // The exit rule counts untrusted signers only when --allowed-signers was given (§4).
    v.signersChecked = trust->signersGiven;
    printProblems(v.problems);
    fmt::print("{}: files {}\n", archive, v.archiveOk ? "OK (every evidence and metric hash matches)" : "FAILED");
    for (const ArchiveReview &r : v.reviews) {
        std::string trustText;
        if (r.check.isValid())
            trustText = r.check.trusted() ? ", signer trusted"
                                      : (signers ? fmt::format(", signer NOT ALLOWED: {}",
                                                               r.check.trustReason.empty() ? "not in the allowed signers"
                                                                                           : r.check.trustReason)
                                                 : ", signer unknown (no --allowed-signers)");
        fmt::print("{}: {}{}\n", r.path, toString(r.check.status), trustText);
        const std::size_t i = static_cast<std::size_t>(&r - v.reviews.data());
        if (const auto by = v.standings[i].supersededBy; by && v.reviews[*by].check.record) {
            const ReviewRecord &rec = *v.reviews[*by].check.record;
            fmt::print("    superseded by {}, {}, {}\n", rec.id, rec.reviewer.email, rec.signedAt);
        }
        for (const std::string &w : v.standings[i].warnings)
            fmt::print("    warning: {}\n", w);
        for (const std::string &why : r.check.reasons)
            fmt::print("    {}\n", why);
    }
    for (const auto &[gate, status] : v.gates) {
        const bool unreviewed = std::find(v.unreviewedPassages.begin(), v.unreviewedPassages.end(), gate)
                                != v.unreviewedPassages.end();
        fmt::print("gate {}: {}{}\n", gate, describe(status),
                   unreviewed ? " — passed without a signed review in this archive" : "");
    }
    const bool ok = v.passed();
    fmt::print("{}\n", ok ? "verification passed" : "verification FAILED");
    return ok ? 0 : 1;
}

int runAudit(const CommandLine &cl)
{
    cl.expect({}, {}, 1, 1);
    const std::string &project = cl.positional()[0];
    auto store = openStore(cl);
    if (!store)
        return 1;
    const AuditLog log(store->db());
    for (const AuditEntry &e : log.entries(project))
        fmt::print("{:>5}  {}  {:<8}  {}  {}\n", e.seq, e.at, e.action, e.entrySha256.substr(0, 16), e.detailsJson);
    if (const auto broken = log.check()) {
        printError(fmt::format("the audit log is broken at entry {}: {}", broken->seq, broken->what));
        return 1;
    }
    fmt::print("audit log intact ({} entries in the store)\n", log.entries().size());
    return 0;
}

} // namespace mltrl::cli
