#pragma once
/// The key a reviewer signs with, whatever form it has: an OpenSSH private key file (signed in
/// process when unencrypted; through ssh-agent when the agent holds it; decrypted in process
/// when a passphrase is given (bcrypt KDF, as OpenSSH); else through `ssh-keygen -Y sign`,
/// which asks for the passphrase — SSH_ASKPASS — or the token touch), a PEM/PKCS#8 file
/// (`mltrl keygen` wrote these before; any supported type, decrypted in process), or a public
/// key file (`.pub`) whose private half is in ssh-agent. Signing may wait for the user (agent
/// confirmation, token touch, passphrase) or for the KDF: unless method() is InProcess, call
/// sign() off the UI thread.
#include "core/crypto/SshAgent.h"
#include "core/crypto/SshKeygen.h"
#include "core/crypto/SshPrivateKey.h"
#include "core/review/ReviewSigner.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace mltrl {

struct SigningKeyOptions {
    std::string passphrase;     ///< for an encrypted key file (PEM in process, OpenSSH via ssh-keygen)
    bool useAgent = true;       ///< sign through ssh-agent when it holds the key
    std::string agentSocket;    ///< empty = $SSH_AUTH_SOCK
    SshKeygenOptions sshKeygen; ///< how ssh-keygen runs (its passphrase is set from `passphrase`)
};

enum class SigningMethod {
    InProcess, ///< a key in memory: signing is immediate
    Decrypt,   ///< an encrypted OpenSSH key file: the KDF runs first (a fraction of a second)
    Agent,
    SshKeygen,
};

class SigningKey {
public:
    /// True when signing with `file` needs a passphrase from the user: an encrypted key file
    /// that ssh-agent does not hold.
    [[nodiscard]] static bool needsPassphrase(const std::filesystem::path &file, const SigningKeyOptions &options = {});

    /// Opens `file` as described above; nullopt with the reason in `problems`.
    [[nodiscard]] static std::optional<SigningKey> open(const std::filesystem::path &file,
                                                        const SigningKeyOptions &options, Problems &problems);

    [[nodiscard]] const SshPublicKey &publicKey() const { return m_public; }
    [[nodiscard]] SigningMethod method() const { return m_method; }
    /// "in process", "in process (decrypting the key)", "through ssh-agent", "through ssh-keygen".
    [[nodiscard]] std::string methodText() const;

    /// Serialises and signs `record` (whose reviewer.public_key must be this key).
    [[nodiscard]] std::optional<SignedReview> sign(const ReviewRecord &record, Problems &problems) const;
    /// Ends a pending agent request or ssh-keygen run (from another thread).
    void cancel() const;

private:
    std::filesystem::path m_file;
    SshPublicKey m_public;
    SigningMethod m_method = SigningMethod::InProcess;
    std::shared_ptr<const SshPrivateKey> m_private;
    std::shared_ptr<SshAgent> m_agent;
    SshKeygenOptions m_sshKeygen;
    std::shared_ptr<const std::string> m_keyText;    ///< Decrypt: the file's text
    std::shared_ptr<const std::string> m_passphrase; ///< Decrypt: the passphrase (wiped when freed)
};

/// The identity file, FILE.pub etc. belong beside the private key: for `K.pub` that is `K`.
[[nodiscard]] std::filesystem::path privateKeyPathOf(const std::filesystem::path &file);

} // namespace mltrl
