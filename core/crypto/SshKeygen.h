#pragma once
/// Signing with a key the user already has in OpenSSH format, by running
/// `ssh-keygen -Y sign` (we do not read OpenSSH private key files ourselves). Verification
/// never needs ssh-keygen: see SshSig.h.
///
/// ssh-keygen asks for the passphrase of an encrypted key on the terminal, or through
/// ssh-agent (when the key is loaded there) or SSH_ASKPASS (with SSH_ASKPASS_REQUIRE=force
/// in the environment, which a GUI should set). The environment is inherited.
#include <QString>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace mltrl {

/// The full path of `ssh-keygen` found on PATH, or an empty string when there is none.
[[nodiscard]] QString findSshKeygen();

struct SshKeygenOptions {
    QString program;                ///< ssh-keygen to run; empty = findSshKeygen()
    int timeoutMs = 5 * 60 * 1000;  ///< generous: the user may be typing a passphrase
};

/// Runs `ssh-keygen -Y sign -f keyFile -n nameSpace` with `message` on stdin and returns the
/// armored signature it prints. Errors (ssh-keygen not found, it failed — its stderr is
/// quoted —, timed out, or signed with a key type other than ssh-ed25519) come back as
/// nullopt with the reason in `error`.
[[nodiscard]] std::optional<std::string> sshKeygenSign(const std::filesystem::path &keyFile, std::string_view nameSpace,
                                                       std::string_view message, std::string *error = nullptr,
                                                       const SshKeygenOptions &options = {});

} // namespace mltrl
