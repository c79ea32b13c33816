#pragma once
/// OpenSSH allowed_signers files (ssh-keygen(1), "ALLOWED SIGNERS"): who may sign, with
/// which key, for which namespaces and when. check() answers as `ssh-keygen -Y verify -f
/// FILE -I principal -n namespace` would (tst_sshsig_interop compares the two):
///  - lines are tried in order; the first that matches principal, key, namespace and time wins;
///  - malformed lines are reported in Problems and never match (ssh-keygen skips them too);
///  - `cert-authority` lines never match a plain key (certificates are not supported here);
///  - every key type SshPublicKey reads can match (Ed25519, ECDSA, RSA, security keys); other
///    types are read but never match (warned about).
/// valid-after/valid-before without "Z"/"UTC" are local time, as in OpenSSH.
#include "core/common/Problems.h"
#include "core/crypto/Ed25519Key.h"
#include "core/crypto/SshPublicKey.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mltrl {

/// One line of the file.
struct AllowedSigner {
    int line = 0;                           ///< 1-based
    std::optional<std::string> principals;  ///< the comma-separated pattern list; nullopt when unreadable
    std::optional<std::string> namespaces;  ///< the `namespaces="…"` pattern list; nullopt = any namespace
    std::optional<std::int64_t> validAfter; ///< seconds since the epoch
    std::optional<std::int64_t> validBefore;
    bool certAuthority = false;
    std::string keyType;             ///< e.g. "ssh-ed25519"
    std::optional<SshPublicKey> key; ///< set for every supported key type
    std::string comment;
    bool malformed = false; ///< the line has an error (reported in Problems); never matches
};

enum class SignerTrust {
    Trusted,                ///< a line allows this principal + key for this namespace now
    NotAllowedForNamespace, ///< principal + key listed, but not for this namespace
    NotValidAtTime,         ///< principal + key listed, but outside valid-after/valid-before
    Unknown,                ///< not listed
};

struct SignerCheck {
    SignerTrust trust = SignerTrust::Unknown;
    int line = 0;       ///< the deciding line, 0 when none
    std::string reason; ///< plain words, e.g. "allowed_signers:4: key is not valid for namespace …"
};

class AllowedSigners {
public:
    /// Parses the text; each bad line is reported as "<fileName>:<line>" in `problems` and
    /// kept, marked malformed.
    [[nodiscard]] static AllowedSigners parse(std::string_view text, Problems &problems,
                                              std::string_view fileName = "allowed_signers");
    /// Reads and parses a file (nullopt when it cannot be read; the reason is in `problems`).
    [[nodiscard]] static std::optional<AllowedSigners> load(const std::filesystem::path &path, Problems &problems);

    /// Whether `principal` may sign with `key` under `nameSpace` at `unixTime` (seconds).
    [[nodiscard]] SignerCheck check(std::string_view principal, const SshPublicKey &key, std::string_view nameSpace,
                                    std::int64_t unixTime) const;
    [[nodiscard]] SignerCheck check(std::string_view principal, const Ed25519PublicKey &key, std::string_view nameSpace,
                                    std::int64_t unixTime) const
    {
        return check(principal, SshPublicKey::fromEd25519(key), nameSpace, unixTime);
    }

    /// What `ssh-keygen -Y find-principals` prints: the principals of the first line that
    /// lists `key` and is valid at `unixTime` (namespaces are not considered), or nullopt.
    [[nodiscard]] std::optional<std::string> findPrincipals(const SshPublicKey &key, std::int64_t unixTime) const;

    [[nodiscard]] const std::vector<AllowedSigner> &entries() const { return m_entries; }

private:
    std::vector<AllowedSigner> m_entries;
    std::string m_fileName;
};

/// OpenSSH's match_pattern: `*` any run of characters, `?` any one; case-sensitive.
[[nodiscard]] bool matchPattern(std::string_view text, std::string_view pattern);

/// OpenSSH's match_pattern_list over comma-separated patterns, `!` negating one:
/// 1 when a pattern matches and no negated one does, -1 when a negated one matches, else 0.
[[nodiscard]] int matchPatternList(std::string_view text, std::string_view patterns);

/// `YYYYMMDD[HHMM[SS]]` with an optional `Z`/`UTC` suffix (else local time), as OpenSSH's
/// parse_absolute_time reads it; nullopt when malformed.
[[nodiscard]] std::optional<std::int64_t> parseSshTime(std::string_view text);

} // namespace mltrl
