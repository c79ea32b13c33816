#pragma once
/// Ed25519 keys for signing reviews: generation, signing, verification, the OpenSSH public
/// key forms (line, wire blob, SHA256 fingerprint) and passphrase-protected PKCS#8 PEM files
/// that `openssl pkey` reads. OpenSSL types stay inside the .cpp.
#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mltrl {

using Ed25519Signature = std::array<std::uint8_t, 64>;

/// An Ed25519 public key (the raw 32 bytes) and its OpenSSH representations.
struct Ed25519PublicKey {
    std::array<std::uint8_t, 32> bytes{};

    /// The SSH wire blob: string("ssh-ed25519") || string(bytes).
    [[nodiscard]] std::string wireBlob() const;
    /// `ssh-ed25519 AAAA…` plus " comment" when a comment is given.
    [[nodiscard]] std::string toOpenSsh(std::string_view comment = {}) const;
    /// `SHA256:` + unpadded base64 of sha256(wireBlob()), exactly as `ssh-keygen -l` prints it.
    [[nodiscard]] std::string fingerprint() const;
    /// True when `signature` is this key's Ed25519 signature of `message`.
    [[nodiscard]] bool verify(std::string_view message, std::span<const std::uint8_t> signature) const;

    /// Parses `ssh-ed25519 <base64> [comment]` (surrounding whitespace allowed). The blob
    /// must be well formed and name the same key type as the text. Other key types are
    /// refused with "unsupported key type".
    [[nodiscard]] static std::optional<Ed25519PublicKey>
    fromOpenSsh(std::string_view line, std::string *error = nullptr, std::string *comment = nullptr);
    /// Parses a wire blob; no trailing bytes allowed.
    [[nodiscard]] static std::optional<Ed25519PublicKey> fromWireBlob(std::string_view blob,
                                                                      std::string *error = nullptr);

    bool operator==(const Ed25519PublicKey &) const = default;
};

/// An Ed25519 private key. Move-only; the key material is wiped when it is destroyed.
class Ed25519Key {
public:
    ~Ed25519Key();
    Ed25519Key(Ed25519Key &&) noexcept;
    Ed25519Key &operator=(Ed25519Key &&) noexcept;
    Ed25519Key(const Ed25519Key &) = delete;
    Ed25519Key &operator=(const Ed25519Key &) = delete;

    /// A fresh key from the operating system's random source.
    [[nodiscard]] static std::optional<Ed25519Key> generate(std::string *error = nullptr);
    /// The key whose RFC 8032 private seed is `seed` (32 bytes). Deterministic: used for
    /// test vectors.
    [[nodiscard]] static std::optional<Ed25519Key> fromSeed(std::span<const std::uint8_t> seed,
                                                            std::string *error = nullptr);

    [[nodiscard]] Ed25519PublicKey publicKey() const;
    /// The (deterministic) Ed25519 signature of `message`.
    [[nodiscard]] std::optional<Ed25519Signature> sign(std::string_view message, std::string *error = nullptr) const;

    /// Writes the key as PKCS#8 PEM. With a passphrase it is encrypted (scrypt N=2^14 r=8 p=1,
    /// AES-256-CBC; `openssl pkey -passin` reads it); with an empty passphrase it is written
    /// in the clear. The file gets mode 0600 from creation on and appears atomically (written
    /// beside it, then renamed). An existing file is replaced only when `overwrite` is true.
    [[nodiscard]] bool writePrivateKeyFile(const std::filesystem::path &path, std::string_view passphrase,
                                           std::string *error = nullptr, bool overwrite = false) const;
    /// Reads a file written by writePrivateKeyFile (or any PKCS#8/traditional PEM Ed25519 key
    /// OpenSSL reads). Fails cleanly on a wrong or missing passphrase or another key type.
    [[nodiscard]] static std::optional<Ed25519Key>
    readPrivateKeyFile(const std::filesystem::path &path, std::string_view passphrase, std::string *error = nullptr);

private:
    struct Impl;
    explicit Ed25519Key(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace mltrl
