#pragma once
/// A client of ssh-agent (draft-miller-ssh-agent): list the keys it holds and have it sign,
/// so a key that lives in the agent (passphrase typed once into ssh-add, or a FIDO token
/// that asks for a touch) signs reviews without the workbench ever holding it.
///
/// Blocking calls over the agent's Unix socket ($SSH_AUTH_SOCK); run them off the UI thread.
/// A sign request may wait for the user (a touch, an ssh-askpass confirmation), so its
/// timeout is long; cancel() from another thread ends a pending call.
#include "core/crypto/SshPublicKey.h"

#include <atomic>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mltrl {

struct AgentKey {
    SshPublicKey key;
    std::string comment;
};

class SshAgent {
public:
    /// The agent at `socketPath`; empty = $SSH_AUTH_SOCK.
    explicit SshAgent(std::string socketPath = {});

    /// $SSH_AUTH_SOCK, or empty when it is not set.
    [[nodiscard]] static std::string defaultSocket();
    [[nodiscard]] const std::string &socketPath() const { return m_socket; }

    /// Keys the agent holds whose type SshPublicKey reads (others are skipped). nullopt with
    /// the reason when the agent cannot be reached or answers badly.
    [[nodiscard]] std::optional<std::vector<AgentKey>> identities(std::string *error = nullptr) const;
    /// True when the agent holds `key` (false also when it cannot be reached).
    [[nodiscard]] bool holds(const SshPublicKey &key) const;

    /// The SSH signature blob of `data` by `key`; RSA keys sign rsa-sha2-512
    /// (SSH_AGENT_RSA_SHA2_512). The agent may wait for the user (touch, confirmation).
    [[nodiscard]] std::optional<std::string> sign(const SshPublicKey &key, std::string_view data,
                                                  std::string *error = nullptr) const;

    /// Milliseconds a sign request may take (the user may have to touch a token); 0 waits
    /// forever. Listing keys never waits for the user, so it gives up after 5 s (or this, if
    /// shorter): a hung agent cannot hold up the caller.
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    /// Ends a pending request (from another thread) with "cancelled".
    void cancel() const { m_cancelled = true; }

private:
    std::optional<std::string> request(std::string_view message, std::string *error, int timeoutMs) const;
    std::string m_socket;
    int m_timeoutMs = 5 * 60 * 1000;
    mutable std::atomic<bool> m_cancelled{false};
};

} // namespace mltrl
