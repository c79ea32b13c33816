#pragma once
/// A private key that signs in process: Ed25519, ECDSA P-256/384/521 or RSA, read from an
/// OpenSSH private key file ("openssh-key-v1", the format `ssh-keygen` writes) or a PEM
/// (PKCS#8, traditional) file, generated here, and written as a standard unencrypted OpenSSH
/// private key that `ssh-keygen -y`, `ssh-keygen -Y sign` and `ssh-add` read.
///
/// Passphrase-protected OpenSSH files are read and written the way OpenSSH does it (bcrypt KDF,
/// aes256-ctr; BcryptPbkdf.h); their public half is readable without the passphrase
/// (inspectOpenSsh). Security-key (sk) private files hold only a handle; they sign through
/// ssh-agent or ssh-keygen, which talk to the token.
#include "core/crypto/SshPublicKey.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace mltrl {

/// What the header of an OpenSSH private key file says, without decrypting anything.
struct OpenSshKeyFileInfo {
    SshPublicKey publicKey;
    std::string cipher; ///< "none" for an unencrypted key, e.g. "aes256-ctr"
    std::string kdf;    ///< "none" or "bcrypt"
    [[nodiscard]] bool encrypted() const { return cipher != "none"; }
};

class SshPrivateKey {
public:
    ~SshPrivateKey();
    SshPrivateKey(SshPrivateKey &&) noexcept;
    SshPrivateKey &operator=(SshPrivateKey &&) noexcept;
    SshPrivateKey(const SshPrivateKey &) = delete;
    SshPrivateKey &operator=(const SshPrivateKey &) = delete;

    /// A fresh key from the operating system's random source. `type` must be Ed25519, one
    /// of the ECDSA curves or Rsa (`rsaBits`, at least SshPublicKey::kMinRsaBits).
    [[nodiscard]] static std::optional<SshPrivateKey> generate(SshKeyType type, int rsaBits = 3072,
                                                               std::string *error = nullptr);

    /// True when the text is an OpenSSH private key (its BEGIN line).
    [[nodiscard]] static bool isOpenSshText(std::string_view text);
    /// The header of an OpenSSH private key: public key, cipher and KDF.
    [[nodiscard]] static std::optional<OpenSshKeyFileInfo> inspectOpenSsh(std::string_view text,
                                                                          std::string *error = nullptr);
    /// Parses an OpenSSH private key, decrypting it with `passphrase` when it is encrypted
    /// (bcrypt KDF with aes256-ctr, aes192-ctr, aes128-ctr, aes256-cbc or aes128-cbc; "wrong
    /// passphrase" when the check words differ). A security-key one is refused: it signs on
    /// its token.
    [[nodiscard]] static std::optional<SshPrivateKey> fromOpenSsh(std::string_view text, std::string *error = nullptr,
                                                                  std::string_view passphrase = {});
    /// Parses a PEM private key (PKCS#8 encrypted or not, or traditional) of a supported type.
    [[nodiscard]] static std::optional<SshPrivateKey> fromPem(std::string_view text, std::string_view passphrase,
                                                              std::string *error = nullptr);

    [[nodiscard]] const SshPublicKey &publicKey() const;
    [[nodiscard]] const std::string &comment() const;
    void setComment(std::string comment);

    /// The SSH signature blob of `data` (string(algorithm) || fields), as sshkey_sign makes
    /// it: RSA signs rsa-sha2-512, ECDSA hashes with its curve's SHA-2.
    [[nodiscard]] std::optional<std::string> sign(std::string_view data, std::string *error = nullptr) const;

    /// The OpenSSH private key text ("-----BEGIN OPENSSH PRIVATE KEY-----" …): unencrypted, or
    /// with a passphrase encrypted as `ssh-keygen` does (bcrypt KDF, 16 rounds, aes256-ctr).
    [[nodiscard]] std::string toOpenSsh(std::string_view passphrase = {}) const;
    /// Writes toOpenSsh() to `path` with mode 0600 from creation on, atomically (beside it,
    /// then renamed); an existing file is replaced only when `overwrite` is true.
    [[nodiscard]] bool writeOpenSshFile(const std::filesystem::path &path, std::string *error = nullptr,
                                        bool overwrite = false, std::string_view passphrase = {}) const;

private:
    struct Impl;
    explicit SshPrivateKey(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// Writes `bytes` to `path` with mode 0600, atomically; refuses to replace an existing file
/// unless `overwrite`.
[[nodiscard]] bool writePrivateFile(const std::filesystem::path &path, std::string_view bytes, std::string *error,
                                    bool overwrite);

} // namespace mltrl
