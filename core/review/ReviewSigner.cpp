#include "core/review/ReviewSigner.h"

#include "core/crypto/SshPublicKey.h"
#include "core/crypto/SshSig.h"

#include <fmt/format.h>

#include <stdexcept>

namespace mltrl {

namespace {

std::optional<std::string> serialized(const ReviewRecord &record, Problems &problems)
{
    try {
        return record.serialize();
    } catch (const std::invalid_argument &e) {
        problems.error("review", e.what());
        return std::nullopt;
    }
}

} // namespace

std::optional<SignedReview> ReviewSigner::finish(const ReviewRecord &record, std::string bytes, std::string signature,
                                                 Problems &problems)
{
    // Check what was made before anything is stored: the signature must verify over the
    // bytes, under our namespace, with the key the record names.
    const SshSigVerification v = sshsig::verify(bytes, signature, kReviewNamespace);
    if (!v.ok) {
        problems.error("signature", fmt::format("the new signature does not verify: {}", v.error));
        return std::nullopt;
    }
    const auto claimed = SshPublicKey::fromOpenSsh(record.reviewer.publicKey);
    if (!claimed || !v.publicKey || !(*claimed == *v.publicKey)) {
        problems.error("signature", fmt::format("the signing key {} is not the reviewer's public key", v.fingerprint));
        return std::nullopt;
    }
    return SignedReview{record, std::move(bytes), std::move(signature)};
}

std::optional<SignedReview> ReviewSigner::sign(const ReviewRecord &record, const Ed25519Key &key, Problems &problems)
{
    std::optional<std::string> bytes = serialized(record, problems);
    if (!bytes)
        return std::nullopt;
    std::string error;
    std::optional<std::string> sig = sshsig::sign(*bytes, key, kReviewNamespace, "sha512", &error);
    if (!sig) {
        problems.error("signature", fmt::format("signing failed: {}", error));
        return std::nullopt;
    }
    return finish(record, std::move(*bytes), std::move(*sig), problems);
}

std::optional<SignedReview> ReviewSigner::signWithSshKeygen(const ReviewRecord &record,
                                                            const std::filesystem::path &keyFile, Problems &problems,
                                                            const SshKeygenOptions &options)
{
    std::optional<std::string> bytes = serialized(record, problems);
    if (!bytes)
        return std::nullopt;
    std::string error;
    std::optional<std::string> sig = sshKeygenSign(keyFile, kReviewNamespace, *bytes, &error, options);
    if (!sig) {
        problems.error(keyFile.string(), fmt::format("ssh-keygen could not sign: {}", error));
        return std::nullopt;
    }
    return finish(record, std::move(*bytes), std::move(*sig), problems);
}

std::optional<SignedReview> ReviewSigner::signWith(const ReviewRecord &record, const SshPublicKey &publicKey,
                                                   const SshRawSigner &signer, Problems &problems)
{
    std::optional<std::string> bytes = serialized(record, problems);
    if (!bytes)
        return std::nullopt;
    std::string error;
    std::optional<std::string> sig = sshsig::signWith(*bytes, publicKey, signer, kReviewNamespace, "sha512", &error);
    if (!sig) {
        problems.error("signature", fmt::format("signing failed: {}", error));
        return std::nullopt;
    }
    return finish(record, std::move(*bytes), std::move(*sig), problems);
}

} // namespace mltrl
