// The review subcommands of `mltrl`: keys, annotations, signing, listing, export, archive
// verification and the audit log. Each is a thin layer over core/review.
#include "Commands.h"

#include "Output.h"
#include "PacketVerify.h"
#include "ReviewTrust.h"
#include "core/crypto/AllowedSigners.h"
#include "core/crypto/Ed25519Key.h"
#include "core/review/AnnotationStore.h"
#include "core/review/AnnotationTarget.h"
#include "core/review/ArchiveExporter.h"
#include "core/review/ArchiveVerifier.h"
#include "core/review/AuditLog.h"
#include "core/review/GateStatus.h"
#include "core/review/KeyRing.h"
#include "core/review/OpenAnnotations.h"
#include "core/review/ReviewBuilder.h"
#include "core/review/ReviewSigner.h"
#include "core/review/ReviewStore.h"
#include "core/review/ReviewerKey.h"
#include "core/review/SigningKey.h"
#include "core/store/RevisionData.h"
#include "core/store/Store.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
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
        printError(file, "cannot read the passphrase file");
        return std::nullopt;
    }
    const std::size_t eol = text->find_first_of("\r\n");
    return eol == std::string::npos ? *text : text->substr(0, eol);
}

} // namespace

int runKeygen(const CommandLine &cl)
{
    cl.expect({"--no-passphrase"}, {"--name", "--email", "--role", "--out", "--passphrase-file", "--type", "--bits"}, 0,
              0);
    const std::string typeName = cl.value("--type").value_or("ed25519");
    const std::map<std::string, SshKeyType> types{
        {"ed25519", SshKeyType::Ed25519},      {"ecdsa", SshKeyType::EcdsaP256},
        {"ecdsa-p256", SshKeyType::EcdsaP256}, {"ecdsa-p384", SshKeyType::EcdsaP384},
        {"ecdsa-p521", SshKeyType::EcdsaP521}, {"rsa", SshKeyType::Rsa}};
    if (!types.count(typeName))
        throw UsageError{"--type must be ed25519, ecdsa-p256, ecdsa-p384, ecdsa-p521 or rsa"};
    const int bits = cl.intValue("--bits").value_or(0);
    if (cl.value("--bits") && types.at(typeName) != SshKeyType::Rsa)
        throw UsageError{"--bits is for --type rsa (ECDSA keys take their size from the curve)"};
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
    const fs::path keyFile = cl.value("--out") ? fs::path(*cl.value("--out")) : defaultReviewerKeyFile();
    Problems problems;
    const auto pub = createReviewerKey(keyFile, {*name, *email, cl.value("--role").value_or(""), {}}, passphrase,
                                       problems, types.at(typeName), bits);
    std::fill(passphrase.begin(), passphrase.end(), '\0');
    printProblems(problems);
    if (!pub)
        return 1;
    out("{}\n", pub->toOpenSsh(fmt::format("{} <{}>", *name, *email)));
    err("mltrl: key {} written to {} (public key in {}.pub)\n", pub->fingerprint(), keyFile.string(), keyFile.string());
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
    auto store = openStoreForWriting(cl);
    if (!store)
        return 1;
    const auto rev = loadRevision(*store, project, revision, problems);
    if (!rev || !checkTargetExists(*target, rev->manifest, problems)) {
        printProblems(problems);
        return 1;
    }
    // Without --author: the identity of the key ring's signing key (the one chosen in the
    // workbench, else the key `mltrl keygen` writes by default), as the workbench does; else
    // the login name.
    std::string author;
    if (const auto given = cl.value("--author")) {
        author = *given;
    } else {
        const auto key = KeyRing().current();
        author = annotationAuthor(key ? &key->identity : nullptr);
    }
    const auto added = AnnotationStore(store->db())
                           .add(project, rev->overview.revisionId, *target, *severity, *text, author, problems);
    printProblems(problems);
    if (!added)
        return 1;
    out("{}\n", added->id);
    return 0;
}

namespace {

/// The key to sign with (SigningKey.h): an OpenSSH or PEM private key file, or a `.pub`
/// whose private half is in ssh-agent. --passphrase-file answers an encrypted key.
std::optional<SigningKey> openSigningKey(const CommandLine &cl, const fs::path &file)
{
    SigningKeyOptions options;
    if (const auto passFile = cl.value("--passphrase-file")) {
        auto p = readPassphrase(*passFile);
        if (!p)
            return std::nullopt;
        options.passphrase = std::move(*p);
    }
    Problems problems;
    auto key = SigningKey::open(file, options, problems);
    std::fill(options.passphrase.begin(), options.passphrase.end(), '\0');
    if (!key)
        printProblems(problems);
    return key;
}

/// Name, email and role from the key's identity file, each overridden by an option.
ReviewerIdentity identityFor(const CommandLine &cl, const fs::path &keyFile, const std::string &publicKey)
{
    ReviewerIdentity who = readIdentityFile(keyFile);
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

    auto store = openStoreForWriting(cl);
    if (!store)
        return 1;
    const auto rev = loadRevision(*store, project, revision, problems);
    if (!rev) {
        printProblems(problems);
        return 1;
    }
    const auto key = openSigningKey(cl, *keyFile);
    if (!key)
        return 1;
    input.reviewer = identityFor(cl, privateKeyPathOf(*keyFile), key->publicKey().toOpenSsh());
    const bool acknowledgeAll = cl.flag("--acknowledge-blockers");
    const std::vector<std::string> blockers =
        attachOpenAnnotations(input, AnnotationStore(store->db()).forRevision(rev->overview.revisionId),
                              [acknowledgeAll](const std::string &) { return acknowledgeAll; });
    if (!blockers.empty()) {
        printError("open blocker annotations: resolve them, or acknowledge them with --acknowledge-blockers, "
                   "before an advance");
        return 1;
    }
    // G1: a metric's suggestion becomes a verdict only when the reviewer says so.
    if (cl.flag("--accept-suggestions"))
        for (const std::string &c : acceptSuggestions(input, *rev))
            err("mltrl: {}: the suggested verdict accepted\n", c);
    const auto record = ReviewBuilder(*rev).build(input, problems);
    if (!record) {
        printProblems(problems);
        return 1;
    }
    const auto signedReview = key->sign(*record, problems);
    if (!signedReview || !ReviewStore(store->db()).addSigned(rev->overview.revisionId, *signedReview, problems)) {
        printProblems(problems);
        return 1;
    }
    printProblems(problems);
    err("mltrl: signed with {} key {} {}\n", key->publicKey().shortName(), key->publicKey().fingerprint(),
        key->methodText());
    out("{}\n", record->id);
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

    json doc{{"project", project},
             {"revision", rev->overview.revision},
             {"reviews", json::array()},
             {"gates", json::array()}};
    for (std::size_t i = 0; i < reviews.stored.size(); ++i) {
        const StoredReview &r = reviews.stored[i];
        const ReviewCheck &c = reviews.checks[i];
        const ReviewStanding &st = reviews.standings[i];
        json who{
            {"email", r.reviewerEmail}, {"role", r.reviewerRole}, {"name", nullptr}, {"role_granted", st.roleGranted}};
        if (c.record)
            who["name"] = c.record->reviewer.name;
        json supersededBy = nullptr;
        if (st.supersededBy) {
            const StoredReview &by = reviews.stored[*st.supersededBy];
            supersededBy = {{"id", by.id}, {"signer", by.reviewerEmail}, {"signed_at", by.signedAt}};
        }
        doc["reviews"].push_back({{"id", r.id},
                                  {"gate", r.gateId},
                                  {"reviewer", who},
                                  {"outcome", r.outcome},
                                  {"signed_at", r.signedAt},
                                  {"status", std::string(toString(c.status))},
                                  {"trusted", c.trusted()},
                                  {"fingerprint", c.fingerprint},
                                  {"user_presence", c.userPresent ? json(*c.userPresent) : json(nullptr)},
                                  {"user_verification", c.userVerified ? json(*c.userVerified) : json(nullptr)},
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
        doc["gates"].push_back(gateJson(g));
    if (cl.flag("--json")) {
        printJson(doc);
        return 0;
    }
    if (reviews.stored.empty())
        out("No reviews of {}.\n", project);
    for (std::size_t i = 0; i < reviews.stored.size(); ++i) {
        const StoredReview &r = reviews.stored[i];
        const ReviewStanding &st = reviews.standings[i];
        out("{}  {:<10} {:<24} {:<24} {}  {}\n", r.id, r.gateId, r.reviewerEmail, r.outcome, r.signedAt,
            toString(reviews.checks[i].status));
        if (st.supersededBy)
            out("    {}\n", supersededText(reviews.stored[*st.supersededBy]));
        const Gate *gate = rev->manifest.findGate(r.gateId);
        if (gate && !gate->signoffs.empty() && !st.roleGranted && reviews.checks[i].isValid())
            out("    role self-declared: reviewer_roles does not grant \"{}\" to {}; counts towards no "
                "sign-off\n",
                r.reviewerRole, r.reviewerEmail);
        for (const std::string &w : st.warnings)
            out("    warning: {}\n", w);
        for (const std::string &why : reviews.checks[i].reasons)
            out("    {}\n", why);
    }
    out("\nGates of {} revision {}:\n", project, rev->overview.revision);
    for (const GateReport &g : reviews.gates)
        out("  {:<12} {}\n", g.gate->id, gateText(g));
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
    auto store = openStoreForWriting(cl);
    if (!store)
        return 1;
    Problems problems;
    const auto result = ArchiveExporter(*store).exportRevision(project, revision, *output, problems);
    printProblems(problems);
    if (!result)
        return 1;
    out("exported {} revision {} to {} ({}, {}{})\n", project, result->revision, *output,
        counted(result->files, "file"), counted(result->reviews, "signed review"),
        result->assets ? ", " + counted(static_cast<std::size_t>(result->assets), "image of its documents",
                                        "images of its documents")
                       : std::string());
    return 0;
}

int runVerify(const CommandLine &cl)
{
    cl.expect({"--json"}, {"--allowed-signers", "--reviewer-roles"}, 1, 1);
    const std::string &archive = cl.positional()[0];
    if (isPdfFile(archive)) { // a review packet: its attachments are checked (docs/packet.md)
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
    const bool ok = v.passed();
    if (cl.flag("--json")) {
        json result{{"archive", archive},
                    {"files_ok", v.archiveOk},
                    {"problems", problemsJson(v.problems)},
                    {"reviews", json::array()},
                    {"gates", json::array()},
                    {"signers_checked", v.signersChecked},
                    {"passed", ok}};
        for (std::size_t i = 0; i < v.reviews.size(); ++i) {
            const ArchiveReview &r = v.reviews[i];
            json supersededBy = nullptr;
            if (const auto by = v.standings[i].supersededBy; by && v.reviews[*by].check.record) {
                const ReviewRecord &rec = *v.reviews[*by].check.record;
                supersededBy = {{"id", rec.id}, {"signer", rec.reviewer.email}, {"signed_at", rec.signedAt}};
            }
            result["reviews"].push_back(
                {{"path", r.path},
                 {"status", std::string(toString(r.check.status))},
                 {"trusted", r.check.trusted()},
                 {"trust_reason", r.check.trustReason},
                 {"fingerprint", r.check.fingerprint},
                 {"user_presence", r.check.userPresent ? json(*r.check.userPresent) : json(nullptr)},
                 {"reasons", r.check.reasons},
                 {"superseded_by", supersededBy},
                 {"role_granted", v.standings[i].roleGranted},
                 {"counted", v.standings[i].counted},
                 {"warnings", v.standings[i].warnings}});
        }
        for (const auto &[gate, status] : v.gates) {
            const bool unreviewed =
                std::find(v.unreviewedPassages.begin(), v.unreviewedPassages.end(), gate) != v.unreviewedPassages.end();
            json roles = json::array();
            for (const RoleTally &t : status.roles)
                roles.push_back({{"role", t.role}, {"min", t.required}, {"counted", t.have}});
            result["gates"].push_back({{"id", gate},
                                       {"status", std::string(toString(status.state))},
                                       {"counted", status.counted},
                                       {"roles", roles},
                                       {"missing", status.missing},
                                       {"unreviewed_passage", unreviewed}});
        }
        printJson(result);
        return ok ? 0 : 1;
    }
    printProblems(v.problems);
    out("{}: files {}\n", archive, v.archiveOk ? "OK (every evidence and metric hash matches)" : "FAILED");
    for (const ArchiveReview &r : v.reviews) {
        std::string trustText;
        if (r.check.isValid())
            trustText = r.check.trusted()
                            ? ", signer trusted"
                            : (signers ? fmt::format(", signer NOT ALLOWED: {}", r.check.trustReason.empty()
                                                                                     ? "not in the allowed signers"
                                                                                     : r.check.trustReason)
                                       : ", signer unknown (no --allowed-signers)");
        out("{}: {}{}{}\n", r.path, toString(r.check.status), trustText,
            r.check.userPresent ? (*r.check.userPresent ? ", security key touched (user presence)"
                                                        : ", security key NOT touched (no user presence)")
                                : "");
        const std::size_t i = static_cast<std::size_t>(&r - v.reviews.data());
        if (const auto by = v.standings[i].supersededBy; by && v.reviews[*by].check.record) {
            const ReviewRecord &rec = *v.reviews[*by].check.record;
            out("    superseded by {}, {}, {}\n", rec.id, rec.reviewer.email, rec.signedAt);
        }
        for (const std::string &w : v.standings[i].warnings)
            out("    warning: {}\n", w);
        for (const std::string &why : r.check.reasons)
            out("    {}\n", why);
    }
    for (const auto &[gate, status] : v.gates) {
        const bool unreviewed =
            std::find(v.unreviewedPassages.begin(), v.unreviewedPassages.end(), gate) != v.unreviewedPassages.end();
        out("gate {}: {}{}\n", gate, describe(status),
            unreviewed ? " — passed without a signed review in this archive" : "");
    }
    out("{}\n", ok ? "verification passed" : "verification FAILED");
    return ok ? 0 : 1;
}

int runAudit(const CommandLine &cl)
{
    cl.expect({"--json"}, {}, 1, 1);
    const std::string &project = cl.positional()[0];
    auto store = openStore(cl);
    if (!store)
        return 1;
    const AuditLog log(store->db());
    const auto entries = log.entries(project);
    const auto broken = log.check();
    if (cl.flag("--json")) {
        json result{{"project", project},
                    {"entries", json::array()},
                    {"intact", !broken},
                    {"broken_at", broken ? json(broken->seq) : json(nullptr)},
                    {"broken_reason", broken ? json(broken->what) : json(nullptr)},
                    {"store_entries", log.entries().size()}};
        for (const AuditEntry &e : entries)
            result["entries"].push_back({{"seq", e.seq},
                                         {"at", e.at},
                                         {"action", e.action},
                                         {"details", json::parse(e.detailsJson, nullptr, false)},
                                         {"prev_sha256", e.prevSha256},
                                         {"entry_sha256", e.entrySha256}});
        printJson(result);
        return broken ? 1 : 0;
    }
    for (const AuditEntry &e : entries)
        out("{:>5}  {}  {:<8}  {}  {}\n", e.seq, e.at, e.action, e.entrySha256.substr(0, 16), e.detailsJson);
    if (broken) {
        printError(store->databasePath().string(),
                   fmt::format("the audit log is broken at entry {}: {}", broken->seq, broken->what));
        return 1;
    }
    out("audit log intact ({} in the store)\n", counted(log.entries().size(), "entry", "entries"));
    return 0;
}

} // namespace mltrl::cli
