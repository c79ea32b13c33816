#pragma once
/// Signs a review record: serialises it deterministically and makes the SSHSIG signature
/// (namespace `mltrl-gate-review`, sha512) with an Ed25519 key in process, any SSH key through
/// a signing function (key file, ssh-agent: see SigningKey.h), or through `ssh-keygen -Y sign`.
#include "core/crypto/Ed25519Key.h"
#include "core/crypto/SshKeygen.h"
#include "core/crypto/SshSig.h"
#include "core/review/ReviewRecord.h"

#include <filesystem>
#include <optional>
#include <string>

namespace mltrl {

/// The exact bytes that were signed and the armored signature over them.
struct SignedReview {
    ReviewRecord record;
    std::string bytes;
    std::string signature;
};

class ReviewSigner {
public:
    /// Signs with `key`, which must be the key of `record.reviewer.public_key`.
    [[nodiscard]] static std::optional<SignedReview> sign(const ReviewRecord &record, const Ed25519Key &key,
                                                          Problems &problems);

    /// Signs with an OpenSSH private key file through ssh-keygen; the signature's key must
    /// be `record.reviewer.public_key`.
    [[nodiscard]] static std::optional<SignedReview> signWithSshKeygen(const ReviewRecord &record,
                                                                       const std::filesystem::path &keyFile,
                                                                       Problems &problems,
                                                                       const SshKeygenOptions &options = {});

    /// Signs with any key: `signer` makes the SSH signature with the private half of
    /// `publicKey` (an OpenSSH key file read in process, ssh-agent, …), which must be
    /// `record.reviewer.public_key`.
    [[nodiscard]] static std::optional<SignedReview> signWith(const ReviewRecord &record, const SshPublicKey &publicKey,
                                                              const SshRawSigner &signer, Problems &problems);

private:
    static std::optional<SignedReview> finish(const ReviewRecord &record, std::string bytes, std::string signature,
                                              Problems &problems);
};

} // namespace mltrl
