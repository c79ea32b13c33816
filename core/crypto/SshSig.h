#pragma once
/// SSHSIG signatures (OpenSSH PROTOCOL.sshsig) that stock `ssh-keygen -Y verify` accepts,
/// made and checked in process: no ssh-keygen is needed. Only Ed25519 keys are supported;
/// hashes sha512 (ssh-keygen's default, and what reviews use) and sha256.
///
/// Armor read rules: the text must start with the BEGIN line; CRLF line ends are accepted
/// (as OpenSSH >= 9.5 does; a checkout with autocrlf must not break reviews) but only LF is
/// written, because OpenSSH < 9.5 rejects CRLF. Only whitespace may follow the END line.
#include "crypto/Ed25519Key.h"

#include <optional>
#include <string>
#include <string_view>

namespace mltrl {

/// The fields of a parsed signature blob.
struct SshSignature {
    Ed25519PublicKey publicKey;
    std::string nameSpace;        ///< e.g. "mltrl-gate-review"
    std::string reserved;         ///< empty in every signature OpenSSH makes
    std::string hashAlgorithm;    ///< "sha512" or "sha256"
    Ed25519Signature signature{};
};

/// What verify() found. The key and fingerprint are filled whenever the blob parsed, even
/// when the signature then fails, so a UI can say whose key it claims to be.
struct SshSigVerification {
    bool ok = false;
    std::string error;                         ///< plain words when !ok
    std::optional<Ed25519PublicKey> publicKey;
    std::string fingerprint;                   ///< "SHA256:…" as ssh-keygen prints it
    std::string nameSpace;
    std::string hashAlgorithm;
};

namespace sshsig {

/// Upper bounds on input: a real Ed25519 signature is ~300 bytes of armor.
inline constexpr std::size_t kMaxArmorBytes = 64 * 1024;
inline constexpr std::size_t kMaxBlobBytes = 16 * 1024;

/// Signs `message` under `nameSpace` (non-empty) with hash "sha512" or "sha256". Returns
/// the armored signature (BEGIN/END lines, base64 wrapped at 70 columns, LF, final newline),
/// byte-identical to what `ssh-keygen -Y sign` writes for the same key and input.
[[nodiscard]] std::optional<std::string> sign(std::string_view message, const Ed25519Key &key,
                                              std::string_view nameSpace, std::string_view hashAlgorithm = "sha512",
                                              std::string *error = nullptr);

/// Wraps a raw blob in the armor (the inverse of parseArmor).
[[nodiscard]] std::string armor(std::string_view blob);

/// The raw blob inside the armor, or nullopt with the reason in `error`.
[[nodiscard]] std::optional<std::string> parseArmor(std::string_view text, std::string *error = nullptr);

/// Strict parse of a blob: magic "SSHSIG", version 1, an ssh-ed25519 key and signature,
/// a supported hash, no trailing bytes. Never trusts a length field.
[[nodiscard]] std::optional<SshSignature> parseBlob(std::string_view blob, std::string *error = nullptr);

/// Checks the armored signature of `message`: parse, namespace equals `expectedNamespace`,
/// Ed25519 signature valid. Says nothing about whether the key is trusted: that is the
/// allowed-signers check.
[[nodiscard]] SshSigVerification verify(std::string_view message, std::string_view armored,
                                        std::string_view expectedNamespace);

} // namespace sshsig
} // namespace mltrl
