#include "core/review/ReviewVerifier.h"

#include "core/common/Rfc3339.h"
#include "core/crypto/SshSig.h"
#include "core/review/ReviewRules.h"

#include <fmt/format.h>

#include <algorithm>

namespace mltrl {

namespace {

std::vector<FileBinding> bindingsOf(const std::map<std::string, std::string> &hashes)
{
    std::vector<FileBinding> out;
    for (const auto &[id, sha] : hashes)
        out.push_back(FileBinding{id, sha});
    return out;
}

/// Names every bound file whose hash differs from, or that is missing in, `now`.
void compareBindings(std::string_view kind, const std::vector<FileBinding> &bound,
                     const std::map<std::string, std::string> &now, std::vector<std::string> &changes)
{
    for (const FileBinding &b : bound) {
        const auto it = now.find(b.id);
        if (it == now.end())
            changes.push_back(fmt::format("{} \"{}\" is no longer there", kind, b.id));
        else if (it->second != b.sha256)
            changes.push_back(fmt::format("{} \"{}\" changed (reviewed {}, now {})", kind, b.id, b.sha256, it->second));
    }
    for (const auto &entry : now) {
        // A named reference, not a structured binding: clang 14 (the fuzz build) cannot
        // capture bindings in a lambda.
        const auto &id = entry.first;
        const bool known = std::any_of(bound.begin(), bound.end(), [&](const FileBinding &b) { return b.id == id; });
        if (!known)
            changes.push_back(fmt::format("{} \"{}\" was added after the review", kind, id));
    }
}

} // namespace

std::vector<FileBinding> ReviewContext::evidenceBindings() const
{
    return bindingsOf(evidence);
}
std::vector<FileBinding> ReviewContext::metricBindings() const
{
    return bindingsOf(metrics);
}

std::string_view toString(ReviewStatus status)
{
    switch (status) {
    case ReviewStatus::Valid:
        return "valid";
    case ReviewStatus::ValidUnknownSigner:
        return "valid_unknown_signer";
    case ReviewStatus::Invalid:
        return "invalid";
    case ReviewStatus::Stale:
        return "stale";
    }
    return "invalid";
}

ReviewVerifier::ReviewVerifier(const AllowedSigners *signers, std::optional<std::int64_t> now)
      : m_signers(signers), m_now(now.value_or(unixNow()))
{
}

ReviewCheck ReviewVerifier::verify(std::string_view bytes, std::string_view signature, std::string_view fileId,
                                   const ReviewContext &context) const
{
    ReviewCheck out;
    Problems parseProblems;
    out.record = ReviewRecord::parse(bytes, parseProblems, fmt::format("reviews/{}.json", fileId));
    for (const Problem &p : parseProblems.errors())
        out.reasons.push_back(p.toString());

    // The signature is checked even for an unparseable record, so the report says both.
    std::string blobError;
    const std::optional<std::string> blob = sshsig::parseArmor(signature, &blobError);
    std::optional<SshSignature> parsed = blob ? sshsig::parseBlob(*blob, &blobError) : std::nullopt;
    if (!parsed) {
        out.reasons.push_back(fmt::format("the signature cannot be read: {}", blobError));
    } else {
        out.fingerprint = parsed->publicKey.fingerprint();
        if (parsed->nameSpace != kReviewNamespace) {
            out.reasons.push_back(
                fmt::format("the signature's namespace is \"{}\", not \"{}\"", parsed->nameSpace, kReviewNamespace));
        } else {
            const SshSigVerification v = sshsig::verify(bytes, signature, kReviewNamespace);
            if (!v.ok)
                out.reasons.push_back(fmt::format("the signature does not verify: {}", v.error));
            else
                out.signatureOk = true;
            if (v.ok && v.sk) {
                out.userPresent = v.sk->userPresent();
                out.userVerified = v.sk->userVerified();
            }
        }
    }
    if (out.record) {
        const ReviewRecord &r = *out.record;
        std::string keyError;
        const auto claimed = SshPublicKey::fromOpenSsh(r.reviewer.publicKey, &keyError);
        if (!claimed)
            out.reasons.push_back(fmt::format("reviewer.public_key cannot be read: {}", keyError));
        else if (parsed && !(*claimed == parsed->publicKey))
            out.reasons.push_back(fmt::format("the signing key {} is not reviewer.public_key ({})",
                                              parsed->publicKey.fingerprint(), claimed->fingerprint()));
        if (r.id != fileId)
            out.reasons.push_back(fmt::format("the file is named \"{}\" but the record's id is \"{}\"", fileId, r.id));
        if (r.project != context.projectId)
            out.reasons.push_back(
                fmt::format("the review is for project \"{}\", not \"{}\"", r.project, context.projectId));
        const auto gate = context.gateLevels.find(r.gate);
        if (gate == context.gateLevels.end())
            out.reasons.push_back(fmt::format("project \"{}\" has no gate \"{}\"", context.projectId, r.gate));
        // Amendment 1.1: a record whose decision breaks G2, or whose level is not its
        // gate's, is invalid whatever its signature says.
        for (const RuleProblem &p :
             checkSignedRecord(r, gate == context.gateLevels.end() ? std::nullopt : std::optional<int>(gate->second)))
            out.reasons.push_back(p.toString());
    }
    if (!out.reasons.empty()) {
        out.signatureOk = false;
        out.status = ReviewStatus::Invalid;
        return out;
    }
    const ReviewRecord &r = *out.record;
    if (m_signers) {
        const SignerCheck sc = m_signers->check(r.reviewer.email, parsed->publicKey, kReviewNamespace, m_now);
        out.trust = sc.trust;
        out.trustReason = sc.reason;
    }
    checkBinding(r, context, out);
    if (out.status != ReviewStatus::Stale)
        out.status = out.trusted() ? ReviewStatus::Valid : ReviewStatus::ValidUnknownSigner;
    return out;
}

void ReviewVerifier::checkBinding(const ReviewRecord &record, const ReviewContext &context, ReviewCheck &out) const
{
    std::vector<std::string> changes;
    if (record.manifestSha256 != context.manifestSha256)
        changes.push_back(fmt::format("the manifest mltrl.json changed (reviewed {}, now {})", record.manifestSha256,
                                      context.manifestSha256));
    compareBindings("evidence", record.evidence, context.evidence, changes);
    compareBindings("metric", record.metrics, context.metrics, changes);
    if (!changes.empty()) {
        out.status = ReviewStatus::Stale;
        out.reasons = std::move(changes);
    }
}

} // namespace mltrl
