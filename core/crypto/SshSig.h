#pragma once
/// SSHSIG signatures (OpenSSH PROTOCOL.sshsig) that stock `ssh-keygen -Y verify` accepts,
/// made and checked in process: no ssh-keygen is needed. Every key type SshPublicKey knows
/// verifies (Ed25519, ECDSA, RSA and the security-key types); signing takes an Ed25519 key or
/// any function that makes an SSH signature blob (a private key file, ssh-agent). Hashes
/// sha512 (ssh-keygen's default, and what reviews use) and sha256.
///
/// Armor read rules: the text must start with the BEGIN line; CRLF line ends are accepted
/// (as OpenSSH >= 9.5 does; a checkout with autocrlf must not break reviews) but only LF is
/// written, because OpenSSH < 9.5 rejects CRLF. Only whitespace may follow the END line.
#include "core/crypto/Ed25519Key.h"
#include "core/crypto/SshPublicKey.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace mltrl {

/// The fields of a parsed signature blob.
struct SshSignature {
    SshPublicKey publicKey;
    std::string nameSpace;     ///< e.g. "mltrl-gate-review"
    std::string reserved;      ///< empty in every signature OpenSSH makes
    std::string hashAlgorithm; ///< "sha512" or "sha256"
    std::string signature;     ///< the SSH signature blob: string(algorithm) || fields
};

/// What verify() found. The key and fingerprint are filled whenever the blob parsed, even
/// when the signature then fails, so a UI can say whose key it claims to be.
struct SshSigVerification {
    bool ok = false;
    std::string error; ///< plain words when !ok
    std::optional<SshPublicKey> publicKey;
    std::string fingerprint; ///< "SHA256:…" as ssh-keygen prints it
    std::string nameSpace;
    std::string hashAlgorithm;
    std::string signatureAlgorithm;    ///< e.g. "rsa-sha2-512", when the blob parsed
    std::optional<SkSignatureInfo> sk; ///< flags and counter of a security-key signature
};

/// Makes the SSH signature blob of `data` (string(algorithm) || fields) with some private
/// key: in process, through ssh-agent, … nullopt with the reason in `error` on failure.
using SshRawSigner = std::function<std::optional<std::string>(std::string_view data, std::string *error)>;

namespace sshsig {

/// Upper bounds on input: a real Ed25519 signature is ~300 bytes of armor, an RSA-16384 one
/// ~5 KB, a WebAuthn one ~1 KB.
inline constexpr std::size_t kMaxArmorBytes = 64 * 1024;
inline constexpr std::size_t kMaxBlobBytes = 16 * 1024;

/// Signs `message` under `nameSpace` (non-empty) with hash "sha512" or "sha256". Returns
/// the armored signature (BEGIN/END lines, base64 wrapped at 70 columns, LF, final newline),
/// byte-identical to what `ssh-keygen -Y sign` writes for the same key and input.
[[nodiscard]] std::optional<std::string> sign(std::string_view message, const Ed25519Key &key,
                                              std::string_view nameSpace, std::string_view hashAlgorithm = "sha512",
                                              std::string *error = nullptr);

/// Signs with any key: `signer` makes the signature blob of the SSHSIG signed data for the
/// private half of `publicKey`. The result is checked (it must verify with `publicKey`) before
/// it is returned.
[[nodiscard]] std::optional<std::string> signWith(std::string_view message, const SshPublicKey &publicKey,
                                                  const SshRawSigner &signer, std::string_view nameSpace,
                                                  std::string_view hashAlgorithm = "sha512",
                                                  std::string *error = nullptr);

/// The bytes the SSH signature inside an SSHSIG covers, for `message` under `nameSpace`.
[[nodiscard]] std::string signedData(std::string_view message, std::string_view nameSpace,
                                     std::string_view hashAlgorithm);

/// Wraps a raw blob in the armor (the inverse of parseArmor).
[[nodiscard]] std::string armor(std::string_view blob);

/// The raw blob inside the armor, or nullopt with the reason in `error`.
[[nodiscard]] std::optional<std::string> parseArmor(std::string_view text, std::string *error = nullptr);

/// Strict parse of a blob: magic "SSHSIG", version 1, a supported public key, a supported
/// hash, no trailing bytes. Never trusts a length field. The signature blob is checked only
/// by verify().
[[nodiscard]] std::optional<SshSignature> parseBlob(std::string_view blob, std::string *error = nullptr);

/// Checks the armored signature of `message`: parse, namespace equals `expectedNamespace`,
/// signature valid for the key it carries (RSA keys: rsa-sha2-256/512 only). Says nothing about whether the key is
/// trusted: that is the allowed-signers check.
[[nodiscard]] SshSigVerification verify(std::string_view message, std::string_view armored,
                                        std::string_view expectedNamespace);

} // namespace sshsig
} // namespace mltrl
