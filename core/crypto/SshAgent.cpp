#include "core/crypto/SshAgent.h"

#include "core/crypto/SshWire.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace mltrl {
namespace {

// draft-miller-ssh-agent message numbers.
constexpr std::uint8_t kFailure = 5;
constexpr std::uint8_t kRequestIdentities = 11;
constexpr std::uint8_t kIdentitiesAnswer = 12;
constexpr std::uint8_t kSignRequest = 13;
constexpr std::uint8_t kSignResponse = 14;
constexpr std::uint32_t kRsaSha2_512 = 0x04;
constexpr std::uint32_t kMaxReply = 256 * 1024; // OpenSSH's AGENT_MAX_LEN

template <typename T>
std::optional<T> failed(std::string *error, std::string what)
{
    if (error)
        *error = std::move(what);
    return std::nullopt;
}

class Fd {
public:
    explicit Fd(int fd) : m_fd(fd) {}
    ~Fd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    [[nodiscard]] int get() const { return m_fd; }

private:
    int m_fd;
};

} // namespace

SshAgent::SshAgent(std::string socketPath) : m_socket(socketPath.empty() ? defaultSocket() : std::move(socketPath)) {}

std::string SshAgent::defaultSocket()
{
    const char *s = std::getenv("SSH_AUTH_SOCK");
    return s ? std::string(s) : std::string();
}

std::optional<std::string> SshAgent::request(std::string_view message, std::string *error, int timeoutMs) const
{
    using R = std::string;
    m_cancelled = false;
    if (m_socket.empty())
        return failed<R>(error, "no ssh-agent (SSH_AUTH_SOCK is not set)");
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (m_socket.size() >= sizeof addr.sun_path)
        return failed<R>(error, "the ssh-agent socket path is too long");
    std::memcpy(addr.sun_path, m_socket.c_str(), m_socket.size() + 1);
    const Fd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (fd.get() < 0 || ::connect(fd.get(), reinterpret_cast<const sockaddr *>(&addr), sizeof addr) != 0)
        return failed<R>(error, "cannot reach ssh-agent at " + m_socket + ": " + std::strerror(errno));

    std::string out;
    sshwire::putString(out, message);
    for (std::size_t sent = 0; sent < out.size();) {
        const ssize_t n = ::send(fd.get(), out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return failed<R>(error, std::string("cannot write to ssh-agent: ") + std::strerror(errno));
        sent += static_cast<std::size_t>(n);
    }

    // Read with short polls so a cancel() or the deadline is noticed while the agent waits
    // for the user.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    std::string in;
    std::size_t want = 4;
    while (in.size() < want) {
        if (m_cancelled)
            return failed<R>(error, "cancelled");
        if (timeoutMs > 0 && std::chrono::steady_clock::now() > deadline)
            return failed<R>(error, "ssh-agent did not answer in time");
        pollfd p{fd.get(), POLLIN, 0};
        const int ready = ::poll(&p, 1, 200);
        if (ready < 0 && errno != EINTR)
            return failed<R>(error, std::string("cannot read from ssh-agent: ") + std::strerror(errno));
        if (ready <= 0)
            continue;
        char buf[4096];
        const ssize_t n = ::recv(fd.get(), buf, std::min(sizeof buf, want - in.size()), 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return failed<R>(error, "ssh-agent closed the connection");
        in.append(buf, static_cast<std::size_t>(n));
        if (want == 4 && in.size() == 4) {
            std::uint32_t len = 0;
            (void)sshwire::Reader(in).readU32(len);
            if (len == 0 || len > kMaxReply)
                return failed<R>(error, "ssh-agent sent a malformed reply");
            want = 4 + len;
        }
    }
    return in.substr(4);
}

std::optional<std::vector<AgentKey>> SshAgent::identities(std::string *error) const
{
    using R = std::vector<AgentKey>;
    const std::string message(1, static_cast<char>(kRequestIdentities));
    constexpr int kListTimeoutMs = 5000;
    const int timeout = m_timeoutMs > 0 ? std::min(m_timeoutMs, kListTimeoutMs) : kListTimeoutMs;
    const auto reply = request(message, error, timeout);
    if (!reply)
        return std::nullopt;
    sshwire::Reader r(*reply);
    std::uint8_t type = 0;
    std::uint32_t count = 0;
    if (!r.readU8(type) || type != kIdentitiesAnswer || !r.readU32(count))
        return failed<R>(error, "ssh-agent refused to list its keys");
    R keys;
    for (std::uint32_t i = 0; i < count; ++i) {
        std::string_view blob, comment;
        if (!r.readString(blob) || !r.readString(comment))
            return failed<R>(error, "ssh-agent sent a malformed key list");
        if (auto key = SshPublicKey::fromWireBlob(blob))
            keys.push_back(AgentKey{std::move(*key), std::string(comment)});
    }
    return keys;
}

bool SshAgent::holds(const SshPublicKey &key) const
{
    const auto keys = identities();
    if (!keys)
        return false;
    for (const AgentKey &k : *keys)
        if (k.key == key)
            return true;
    return false;
}

std::optional<std::string> SshAgent::sign(const SshPublicKey &key, std::string_view data, std::string *error) const
{
    using R = std::string;
    std::string message(1, static_cast<char>(kSignRequest));
    sshwire::putString(message, key.wireBlob());
    sshwire::putString(message, data);
    sshwire::putU32(message, key.type() == SshKeyType::Rsa ? kRsaSha2_512 : 0);
    const auto reply = request(message, error, m_timeoutMs);
    if (!reply)
        return std::nullopt;
    sshwire::Reader r(*reply);
    std::uint8_t type = 0;
    std::string_view signature;
    if (!r.readU8(type))
        return failed<R>(error, "ssh-agent sent an empty reply");
    if (type == kFailure)
        return failed<R>(error, "ssh-agent refused to sign (the key is not loaded, the touch or confirmation was "
                                "refused, or it timed out)");
    if (type != kSignResponse || !r.readString(signature) || !r.atEnd())
        return failed<R>(error, "ssh-agent sent a malformed signature reply");
    return std::string(signature);
}

} // namespace mltrl
