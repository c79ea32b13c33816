#include "core/review/SigningKey.h"

#include <fmt/format.h>
#include <openssl/crypto.h>

#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace mltrl {

namespace {

constexpr std::size_t kMaxKeyFile = 64 * 1024;

std::optional<std::string> readKeyFile(const fs::path &path, std::string &why)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        why = "cannot read the key";
        return std::nullopt;
    }
    std::string text(kMaxKeyFile + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxKeyFile) {
        why = "the key file is too large";
        return std::nullopt;
    }
    return text;
}

bool looksLikePublicKey(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\t'))
        text.remove_prefix(1);
    const std::string_view type = text.substr(0, text.find_first_of(" \t"));
    return isSupportedKeyType(type) || type.find("-cert-v01@openssh.com") != std::string_view::npos;
}

} // namespace

fs::path privateKeyPathOf(const fs::path &file)
{
    const std::string s = file.string();
    return s.ends_with(".pub") ? fs::path(s.substr(0, s.size() - 4)) : file;
}

bool SigningKey::needsPassphrase(const fs::path &file, const SigningKeyOptions &options)
{
    std::string why;
    const auto text = readKeyFile(file, why);
    if (!text)
        return false;
    if (SshPrivateKey::isOpenSshText(*text)) {
        const auto info = SshPrivateKey::inspectOpenSsh(*text);
        if (!info || !info->encrypted())
            return false;
        const SshAgent agent(options.agentSocket);
        return !(options.useAgent && !agent.socketPath().empty() && agent.holds(info->publicKey));
    }
    return text->find("ENCRYPTED") != std::string::npos;
}

std::optional<SigningKey> SigningKey::open(const fs::path &file, const SigningKeyOptions &options, Problems &problems)
{
    const std::string where = file.string();
    std::string why;
    const auto text = readKeyFile(file, why);
    if (!text) {
        problems.error(where, why);
        return std::nullopt;
    }
    SigningKey key;
    key.m_file = file;
    key.m_sshKeygen = options.sshKeygen;
    key.m_sshKeygen.passphrase = options.passphrase;
    if (!key.m_sshKeygen.cancel)
        key.m_sshKeygen.cancel = std::make_shared<std::atomic<bool>>(false);
    auto agent = std::make_shared<SshAgent>(options.agentSocket);
    const bool agentAvailable = options.useAgent && !agent->socketPath().empty();

    if (SshPrivateKey::isOpenSshText(*text)) {
        auto info = SshPrivateKey::inspectOpenSsh(*text, &why);
        if (!info) {
            problems.error(where, why);
            return std::nullopt;
        }
        key.m_public = info->publicKey;
        if (!info->encrypted() && !info->publicKey.isSecurityKey()) {
            auto priv = SshPrivateKey::fromOpenSsh(*text, &why);
            if (!priv) {
                problems.error(where, why);
                return std::nullopt;
            }
            key.m_private = std::make_shared<const SshPrivateKey>(std::move(*priv));
            key.m_method = SigningMethod::InProcess;
        } else if (agentAvailable && agent->holds(info->publicKey)) {
            key.m_agent = agent;
            key.m_method = SigningMethod::Agent;
        } else if (!info->publicKey.isSecurityKey() && !options.passphrase.empty() &&
                   (info->cipher.ends_with("-ctr") || info->cipher.ends_with("-cbc")) && info->kdf == "bcrypt") {
            // Decrypted in sign(), off the UI thread: the KDF is deliberately slow.
            key.m_method = SigningMethod::Decrypt;
            key.m_keyText = std::make_shared<const std::string>(*text);
            key.m_passphrase =
                std::shared_ptr<const std::string>(new std::string(options.passphrase), [](const std::string *p) {
                    OPENSSL_cleanse(const_cast<char *>(p->data()), p->size());
                    delete p;
                });
        } else {
            // ssh-keygen decrypts it (passphrase through SSH_ASKPASS) or asks the token.
            key.m_method = SigningMethod::SshKeygen;
        }
        return key;
    }
    if (looksLikePublicKey(*text)) {
        auto pub = SshPublicKey::fromOpenSsh(text->substr(0, text->find('\n')), &why);
        if (!pub) {
            problems.error(where, why);
            return std::nullopt;
        }
        if (!agentAvailable) {
            problems.error(where, "a public key signs only through ssh-agent, and SSH_AUTH_SOCK is not set");
            return std::nullopt;
        }
        std::string agentError;
        const auto held = agent->identities(&agentError);
        if (!held) {
            problems.error(where, agentError);
            return std::nullopt;
        }
        const bool found = std::any_of(held->begin(), held->end(), [&](const AgentKey &k) { return k.key == *pub; });
        if (!found) {
            problems.error(where, fmt::format("ssh-agent does not hold the private half of {} {} (ssh-add it first)",
                                              pub->typeName(), pub->fingerprint()));
            return std::nullopt;
        }
        key.m_public = std::move(*pub);
        key.m_agent = agent;
        key.m_method = SigningMethod::Agent;
        return key;
    }
    auto priv = SshPrivateKey::fromPem(*text, options.passphrase, &why);
    if (!priv) {
        problems.error(where, why);
        return std::nullopt;
    }
    key.m_public = priv->publicKey();
    key.m_private = std::make_shared<const SshPrivateKey>(std::move(*priv));
    key.m_method = SigningMethod::InProcess;
    return key;
}

std::string SigningKey::methodText() const
{
    switch (m_method) {
    case SigningMethod::InProcess:
        return "in process";
    case SigningMethod::Decrypt:
        return "in process (decrypting the key)";
    case SigningMethod::Agent:
        return "through ssh-agent";
    case SigningMethod::SshKeygen:
        return "through ssh-keygen";
    }
    return {};
}

std::optional<SignedReview> SigningKey::sign(const ReviewRecord &record, Problems &problems) const
{
    switch (m_method) {
    case SigningMethod::InProcess: {
        const auto priv = m_private;
        return ReviewSigner::signWith(
            record, m_public, [priv](std::string_view data, std::string *error) { return priv->sign(data, error); },
            problems);
    }
    case SigningMethod::Decrypt: {
        std::string error;
        const auto priv = SshPrivateKey::fromOpenSsh(*m_keyText, &error, *m_passphrase);
        if (!priv) {
            problems.error(m_file.string(), error);
            return std::nullopt;
        }
        return ReviewSigner::signWith(
            record, m_public, [&priv](std::string_view data, std::string *e) { return priv->sign(data, e); }, problems);
    }
    case SigningMethod::Agent: {
        const auto agent = m_agent;
        const SshPublicKey pub = m_public;
        return ReviewSigner::signWith(
            record, m_public,
            [agent, pub](std::string_view data, std::string *error) { return agent->sign(pub, data, error); },
            problems);
    }
    case SigningMethod::SshKeygen:
        return ReviewSigner::signWithSshKeygen(record, m_file, problems, m_sshKeygen);
    }
    return std::nullopt;
}

void SigningKey::cancel() const
{
    if (m_agent)
        m_agent->cancel();
    if (m_sshKeygen.cancel)
        *m_sshKeygen.cancel = true;
}

} // namespace mltrl
