#pragma once
/// Signing with a key the user already has in OpenSSH format, by running
/// `ssh-keygen -Y sign` (we do not read OpenSSH private key files ourselves). Verification
/// never needs ssh-keygen: see SshSig.h.
///
/// ssh-keygen asks for the passphrase of an encrypted key on the terminal, or through
/// ssh-agent (when the key is loaded there) or SSH_ASKPASS (with SSH_ASKPASS_REQUIRE=force
/// in the environment, which a GUI should set). The environment is inherited. A passphrase
/// given in the options is answered through a private SSH_ASKPASS script that prints it from
/// the child's environment (never on a command line, which other users could read).
#include <QString>

#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace mltrl {

/// The full path of `ssh-keygen` found on PATH, or an empty string when there is none.
[[nodiscard]] QString findSshKeygen();

struct SshKeygenOptions {
    QString program;               ///< ssh-keygen to run; empty = findSshKeygen()
    int timeoutMs = 5 * 60 * 1000; ///< generous: the user may be typing a passphrase
    std::string passphrase;        ///< when set, given to ssh-keygen through SSH_ASKPASS
    QString askpass;               ///< else, when set: the SSH_ASKPASS program (forced)
    /// Set from another thread to end a running ssh-keygen ("cancelled").
    std::shared_ptr<std::atomic<bool>> cancel;
};

/// Runs `ssh-keygen -Y sign -f keyFile -n nameSpace` with `message` on stdin and returns the
/// armored signature it prints. Errors (ssh-keygen not found, it failed — its stderr is
/// quoted —, timed out, or made a signature that cannot be read) come back as nullopt with
/// the reason in `error`.
[[nodiscard]] std::optional<std::string> sshKeygenSign(const std::filesystem::path &keyFile, std::string_view nameSpace,
                                                       std::string_view message, std::string *error = nullptr,
                                                       const SshKeygenOptions &options = {});

} // namespace mltrl
