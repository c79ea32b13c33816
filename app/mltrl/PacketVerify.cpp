// `mltrl verify PACKET.pdf` (the PDF branch of runVerify): reads the packet's attachments
// with the packet library's PdfAttachments and checks them with core's review verifier.
#include "PacketVerify.h"

#include "Output.h"
#include "core/crypto/AllowedSigners.h"
#include "core/crypto/Sha256.h"
#include "core/manifest/ManifestParser.h"
#include "core/review/GateStatus.h"
#include "core/review/ReviewVerifier.h"
#include "core/review/ReviewerRoles.h"
#include "ui/packet/PdfAttachments.h"

#include <QPdfDocument>
#include <QPdfSelection>

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <optional>

namespace mltrl::cli {

namespace fs = std::filesystem;

namespace {

/// SHA256SUMS: "HASH  path" or "HASH *path" lines → path → hash; malformed lines reported.
std::map<std::string, std::string> parseSums(const std::string &text, Problems &problems)
{
    std::map<std::string, std::string> out;
    std::size_t lineNo = 0, at = 0;
    while (at < text.size()) {
        const std::size_t end = std::min(text.find('\n', at), text.size());
        const std::string line = text.substr(at, end - at);
        at = end + 1;
        ++lineNo;
        if (line.empty())
            continue;
        if (line.size() < 67 || line.find_first_not_of("0123456789abcdef") != 64 || line[64] != ' ' ||
            (line[65] != ' ' && line[65] != '*'))
            problems.error(fmt::format("SHA256SUMS:{}", lineNo), "not a sha256sum line");
        else
            out[line.substr(66)] = line.substr(0, 64);
    }
    return out;
}

/// The packet's text, whitespace collapsed (what a reader sees printed).
std::string printedText(const fs::path &pdf)
{
    QPdfDocument doc;
    if (doc.load(QString::fromStdString(pdf.string())) != QPdfDocument::Error::None)
        return {};
    QString all;
    for (int i = 0; i < doc.pageCount(); ++i)
        all += doc.getAllText(i).text() + QLatin1Char(' ');
    return all.simplified().toStdString();
}

} // namespace

int runVerifyPacket(const CommandLine &cl, const fs::path &pdf)
{
    std::string error;
    const auto attachments = packet::PdfAttachments::read(pdf, error);
    if (!attachments) {
        printError(error);
        return 1;
    }
    std::map<std::string, const packet::PdfAttachment *> byName;
    for (const packet::PdfAttachment &a : *attachments)
        byName[a.name] = &a;
    fmt::print("{}: {} attachment{}\n", pdf.string(), attachments->size(), attachments->size() == 1 ? "" : "s");
    const auto manifestFile = byName.find("mltrl.json");
    const auto sumsFile = byName.find("SHA256SUMS");
    if (manifestFile == byName.end() || sumsFile == byName.end()) {
        printError(fmt::format("{}: not a review packet with attachments (no mltrl.json or SHA256SUMS attached)",
                               pdf.string()));
        return 1;
    }
    Problems problems;
    bool ok = true;

    // 1. The attached files are those whose hashes the packet prints.
    const std::map<std::string, std::string> sums = parseSums(sumsFile->second->bytes, problems);
    const std::string text = printedText(pdf);
    std::size_t printed = 0;
    for (const auto &[path, hash] : sums)
        if (text.find(hash) != std::string::npos)
            ++printed;
        else
            problems.error("SHA256SUMS", fmt::format("the hash of {} is not printed in the packet", path));
    const std::string manifestSha = sha256Hex(manifestFile->second->bytes);
    auto attachedMatches = [&](const std::string &name, const std::string &archivePath, const std::string &bytes) {
        const std::string hash = sha256Hex(bytes);
        const auto listed = sums.find(archivePath);
        const bool matches = listed != sums.end() ? listed->second == hash : text.find(hash) != std::string::npos;
        if (!matches)
            problems.error(name, listed != sums.end()
                                     ? fmt::format("SHA-256 {} differs from the printed {}", hash, listed->second)
                                     : fmt::format("SHA-256 {} is printed nowhere in the packet", hash));
        return matches;
    };
    std::size_t filesOk = attachedMatches("mltrl.json", "mltrl.json", manifestFile->second->bytes) ? 1 : 0;
    std::size_t files = 1;

    // 2. Trust: the files given, else the packet's own lists (which prove only consistency).
    std::optional<AllowedSigners> signers;
    std::optional<ReviewerRoles> roles;
    std::string signersFrom = "none", rolesFrom = "none";
    if (const auto file = cl.value("--allowed-signers")) {
        signers = AllowedSigners::load(*file, problems);
        signersFrom = *file;
    } else if (const auto own = byName.find("allowed_signers"); own != byName.end()) {
        signers = AllowedSigners::parse(own->second->bytes, problems, "allowed_signers (attached)");
        signersFrom = "the packet's own list (attached allowed_signers; it shows the packet is consistent, not that "
                      "you trust these keys)";
    }
    if (const auto file = cl.value("--reviewer-roles")) {
        roles = ReviewerRoles::load(*file, problems);
        rolesFrom = *file;
    } else if (const auto own = byName.find("reviewer_roles"); own != byName.end()) {
        roles = ReviewerRoles::parse(own->second->bytes, problems, "reviewer_roles (attached)");
        rolesFrom = "the packet's own list (attached reviewer_roles)";
    }
    if ((cl.value("--allowed-signers") && !signers) || (cl.value("--reviewer-roles") && !roles)) {
        printProblems(problems);
        return 1;
    }
    fmt::print("allowed signers: {}\nreviewer roles: {}\n", signersFrom, rolesFrom);

    // 3. Every attached review against the attached manifest and the printed hashes.
    Problems manifestProblems;
    const std::optional<Manifest> manifest = parseManifest(manifestFile->second->bytes, manifestProblems);
    if (!manifest) {
        printProblems(manifestProblems);
        printError("the attached mltrl.json does not parse");
        return 1;
    }
    const ReviewContext context = ReviewContext::from(*manifest, manifestSha, [&](const std::string &path) {
        const auto it = sums.find(path);
        return it == sums.end() ? std::optional<std::string>() : std::optional(it->second);
    });
    const ReviewVerifier verifier(signers ? &*signers : nullptr);
    std::vector<std::string> ids;
    std::vector<ReviewCheck> checks;
    for (const auto &[name, a] : byName) {
        if (!name.ends_with(".json") || name == "mltrl.json")
            continue;
        const std::string id = name.substr(0, name.size() - 5);
        const auto sig = byName.find(name + ".sig");
        ++files;
        filesOk += attachedMatches(name, "reviews/" + name, a->bytes) ? 1 : 0;
        if (sig != byName.end()) {
            ++files;
            filesOk += attachedMatches(sig->first, "reviews/" + sig->first, sig->second->bytes) ? 1 : 0;
        }
        ids.push_back(id);
        checks.push_back(
            verifier.verify(a->bytes, sig == byName.end() ? std::string() : sig->second->bytes, id, context));
    }
    printProblems(problems);
    ok = ok && !problems.hasErrors();
    fmt::print("printed hashes: {} of {} SHA256SUMS lines printed in the packet; attached files: {} of {} match\n",
               printed, sums.size(), filesOk, files);
    const std::vector<ReviewStanding> standings = reviewStandings(checks, manifest->gates, roles ? &*roles : nullptr);
    for (std::size_t i = 0; i < checks.size(); ++i) {
        const ReviewCheck &c = checks[i];
        std::string trust;
        if (c.isValid())
            trust = c.trusted() ? ", signer trusted" : signers ? ", signer NOT ALLOWED" : ", signer unknown";
        fmt::print("reviews/{}.json: {}{}\n", ids[i], toString(c.status), trust);
        if (const auto by = standings[i].supersededBy; by && checks[*by].record)
            fmt::print("    superseded by {}, {}, {}\n", checks[*by].record->id, checks[*by].record->reviewer.email,
                       checks[*by].record->signedAt);
        for (const std::string &w : standings[i].warnings)
            fmt::print("    warning: {}\n", w);
        for (const std::string &why : c.reasons)
            fmt::print("    {}\n", why);
        // A stale review is reported as the packet reports it (the packet's revision changed
        // since); a broken signature or, with --allowed-signers, an untrusted signer fails.
        if (c.status == ReviewStatus::Invalid || !c.signatureOk)
            ok = false;
        if (cl.value("--allowed-signers") && c.isValid() && !c.trusted())
            ok = false;
    }
    for (const Gate &g : manifest->gates) {
        const GateStatus status = gateStatus(g, checks, standings);
        fmt::print("gate {}: {}{}\n", g.id, describe(status),
                   passedWithoutReview(*manifest, g, status) ? " — passed without a signed review in this packet" : "");
    }
    fmt::print("{}\n", ok ? "packet verification passed" : "packet verification FAILED");
    return ok ? 0 : 1;
}

} // namespace mltrl::cli
