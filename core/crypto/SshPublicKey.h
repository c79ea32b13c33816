#pragma once
/// Every kind of SSH public key OpenSSH signs SSHSIG signatures with: ssh-ed25519,
/// sk-ssh-ed25519@openssh.com, ecdsa-sha2-nistp256/384/521, sk-ecdsa-sha2-nistp256@openssh.com
/// and ssh-rsa. Parsing, the OpenSSH forms (line, wire blob, SHA256 fingerprint) and signature
/// verification as OpenSSH's sshkey_verify() does it: the framing is ours, the primitives are
/// OpenSSL's. Security-key (sk) signatures follow PROTOCOL.u2f (application hash, flags,
/// counter; WebAuthn signatures through their clientData), and report the flags.
///
/// Refused as OpenSSH refuses them: ssh-rsa (SHA-1) signatures, RSA keys under 1024 bits; and,
/// by our own rule, signatures by RSA keys under 2048 bits. Every other key type (certificates,
/// DSA, post-quantum hybrids such as mldsa44-ed25519) is refused with a message naming it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mltrl {

struct Ed25519PublicKey;

enum class SshKeyType { Ed25519, SkEd25519, EcdsaP256, EcdsaP384, EcdsaP521, SkEcdsaP256, Rsa };

/// What a security-key signature says about the authenticator (PROTOCOL.u2f).
struct SkSignatureInfo {
    std::uint8_t flags = 0;
    std::uint32_t counter = 0;
    bool webauthn = false; ///< a webauthn-sk-ecdsa-sha2-nistp256@openssh.com signature
    std::string origin;    ///< the WebAuthn origin, when webauthn

    [[nodiscard]] bool userPresent() const { return (flags & 0x01) != 0; }
    [[nodiscard]] bool userVerified() const { return (flags & 0x04) != 0; }
};

/// The outcome of SshPublicKey::verify().
struct SshSignatureCheck {
    bool ok = false;
    std::string error;                 ///< plain words when !ok
    std::string algorithm;             ///< the signature's algorithm name, e.g. "rsa-sha2-512"
    std::optional<SkSignatureInfo> sk; ///< for security-key signatures that parsed
};

class SshPublicKey {
public:
    /// Smallest RSA modulus whose signatures we accept (OpenSSH itself accepts 1024).
    static constexpr int kMinRsaBits = 2048;

    /// Parses a wire blob (string type || key fields); no trailing bytes allowed.
    [[nodiscard]] static std::optional<SshPublicKey> fromWireBlob(std::string_view blob, std::string *error = nullptr);
    /// Parses `<type> <base64> [comment]` (surrounding whitespace allowed); the blob must
    /// name the same type as the text.
    [[nodiscard]] static std::optional<SshPublicKey> fromOpenSsh(std::string_view line, std::string *error = nullptr,
                                                                 std::string *comment = nullptr);
    [[nodiscard]] static SshPublicKey fromEd25519(const Ed25519PublicKey &key);

    [[nodiscard]] SshKeyType type() const { return m_type; }
    /// The key type name, e.g. "ecdsa-sha2-nistp384".
    [[nodiscard]] std::string_view typeName() const;
    /// The short name ssh-keygen prints ("ED25519", "ED25519-SK", "ECDSA", "ECDSA-SK", "RSA").
    [[nodiscard]] std::string_view shortName() const;
    /// Key size in bits as `ssh-keygen -l` prints it.
    [[nodiscard]] int bits() const;
    [[nodiscard]] bool isSecurityKey() const
    {
        return m_type == SshKeyType::SkEd25519 || m_type == SshKeyType::SkEcdsaP256;
    }
    /// The FIDO application string of a security key (e.g. "ssh:"), else empty.
    [[nodiscard]] const std::string &application() const { return m_application; }

    /// The canonical wire blob (OpenSSH re-encodes keys the same way).
    [[nodiscard]] const std::string &wireBlob() const { return m_blob; }
    /// `<type> AAAA…` plus " comment" when a comment is given.
    [[nodiscard]] std::string toOpenSsh(std::string_view comment = {}) const;
    /// `SHA256:` + unpadded base64 of sha256(wireBlob()), as `ssh-keygen -l` prints it.
    [[nodiscard]] std::string fingerprint() const;

    /// Checks `signatureBlob` (string algorithm || algorithm fields, as in SSHSIG and the
    /// agent protocol) over `data` as OpenSSH's sshkey_verify does.
    [[nodiscard]] SshSignatureCheck verify(std::string_view data, std::string_view signatureBlob) const;

    bool operator==(const SshPublicKey &other) const { return m_blob == other.m_blob; }

    /// An empty key (no blob); only useful as a placeholder to assign to.
    SshPublicKey() = default;

private:
    SshKeyType m_type = SshKeyType::Ed25519;
    std::string m_blob;
    std::string m_point;        ///< Ed25519: the 32 bytes; ECDSA: the uncompressed point
    std::string m_rsaE, m_rsaN; ///< RSA: unsigned big-endian, no leading zeros
    std::string m_application;  ///< sk keys
};

/// The type name a wire blob or signature blob starts with (empty when it cannot be read).
[[nodiscard]] std::string sshBlobTypeName(std::string_view blob);

/// True for the key type names SshPublicKey reads.
[[nodiscard]] bool isSupportedKeyType(std::string_view name);

/// The name of an SSH key type ("ssh-ed25519", …).
[[nodiscard]] std::string_view toString(SshKeyType type);

/// `<type> <base64>` of an OpenSSH public key line without its comment, for comparing keys
/// written with different comments or spacing; the text itself (trimmed) when it cannot be
/// parsed.
[[nodiscard]] std::string canonicalPublicKey(std::string_view line);

} // namespace mltrl
