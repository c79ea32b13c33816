#pragma once
/// Verifies one signed review (§4) against the archive or stored revision it is checked
/// against: `invalid` (bad signature, wrong namespace, key ≠ reviewer.public_key, project or
/// gate mismatch, file name ≠ id, unparseable), `stale` (the signature holds but the manifest
/// or a bound file changed; what changed is named), else `valid` when the allowed-signers list
/// trusts the signer for `mltrl-gate-review` and `valid_unknown_signer` otherwise.
#include "core/crypto/AllowedSigners.h"
#include "core/review/ReviewRecord.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mltrl {

struct Manifest;

/// What a review is checked against: the project, its gates and the hashes of its files.
struct ReviewContext {
    std::string projectId;
    std::map<std::string, int> gateLevels; ///< gate id → level
    std::string manifestSha256;
    std::map<std::string, std::string> evidence; ///< evidence id → sha256
    std::map<std::string, std::string> metrics;  ///< metric id → sha256

    /// From a manifest and the hashes of its files by path (nullopt when a file is unknown).
    template <typename HashOfPath>
    static ReviewContext from(const Manifest &manifest, std::string manifestSha256, HashOfPath &&hashOf);

    /// The bindings a new review of this revision carries (sorted by id).
    [[nodiscard]] std::vector<FileBinding> evidenceBindings() const;
    [[nodiscard]] std::vector<FileBinding> metricBindings() const;
};

enum class ReviewStatus { Valid, ValidUnknownSigner, Invalid, Stale };

[[nodiscard]] std::string_view toString(ReviewStatus status);

struct ReviewCheck {
    ReviewStatus status = ReviewStatus::Invalid;
    std::optional<ReviewRecord> record; ///< set whenever the bytes parsed
    bool signatureOk = false;           ///< the SSHSIG verifies, namespace and key as required
    SignerTrust trust = SignerTrust::Unknown;
    std::string trustReason; ///< from the allowed-signers check, when one was made
    std::string fingerprint; ///< of the signing key ("SHA256:…"), when the blob parsed
    /// For a security-key (FIDO) signature: whether the token saw the user's touch (user
    /// presence) and a PIN or biometric (user verification); nullopt for other key types.
    std::optional<bool> userPresent;
    std::optional<bool> userVerified;
    std::vector<std::string> reasons; ///< why invalid, or what changed when stale

    /// The signature and binding hold (valid, whether trusted or not).
    [[nodiscard]] bool isValid() const
    {
        return status == ReviewStatus::Valid || status == ReviewStatus::ValidUnknownSigner;
    }
    [[nodiscard]] bool trusted() const { return trust == SignerTrust::Trusted; }
};

class ReviewVerifier {
public:
    /// `signers` may be null: every valid signer is then unknown. `now` is the time
    /// allowed-signers validity is checked at (seconds since the epoch; default: now).
    explicit ReviewVerifier(const AllowedSigners *signers = nullptr, std::optional<std::int64_t> now = std::nullopt);

    /// Checks record `bytes` and the armored `signature` found under `fileId`
    /// (reviews/<fileId>.json) against `context`.
    [[nodiscard]] ReviewCheck verify(std::string_view bytes, std::string_view signature, std::string_view fileId,
                                     const ReviewContext &context) const;

private:
    void checkBinding(const ReviewRecord &record, const ReviewContext &context, ReviewCheck &out) const;
    const AllowedSigners *m_signers;
    std::int64_t m_now;
};

} // namespace mltrl

#include "core/manifest/Manifest.h"

namespace mltrl {

template <typename HashOfPath>
ReviewContext ReviewContext::from(const Manifest &manifest, std::string manifestSha256, HashOfPath &&hashOf)
{
    ReviewContext c;
    c.projectId = manifest.project.id;
    c.manifestSha256 = std::move(manifestSha256);
    for (const Gate &g : manifest.gates)
        c.gateLevels[g.id] = g.level;
    for (const Evidence &e : manifest.evidence)
        if (const std::optional<std::string> h = hashOf(e.path))
            c.evidence[e.id] = *h;
    for (const Metric &m : manifest.metrics)
        if (const std::optional<std::string> h = hashOf(m.path))
            c.metrics[m.id] = *h;
    return c;
}

} // namespace mltrl
