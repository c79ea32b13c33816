#include "review/ReviewerKey.h"

#include "crypto/SshPrivateKey.h"
#include "crypto/SshPublicKey.h"

#include <QStandardPaths>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace mltrl {

namespace {

std::optional<std::string> readText(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bool writeText(const fs::path &path, const std::string &text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    return static_cast<bool>(out);
}

} // namespace

fs::path defaultReviewerKeyFile()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return fs::path(base.toStdString()) / "mltrl-workbench" / "keys" / "id_mltrl_ed25519";
}

fs::path identityFileOf(const fs::path &keyFile)
{
    return fs::path(keyFile.string() + ".identity.json");
}

std::optional<SshPublicKey> createReviewerKey(const fs::path &keyFile, const ReviewerIdentity &who,
                                              std::string_view passphrase, Problems &problems, SshKeyType type, int bits)
{
    if (who.name.empty() || who.email.empty()) {
        problems.error(keyFile.string(), "a key needs the reviewer's name and email");
        return std::nullopt;
    }
    if (type == SshKeyType::Rsa && bits == 0)
        bits = 3072;
    std::error_code ec;
    if (keyFile.has_parent_path())
        fs::create_directories(keyFile.parent_path(), ec);
    const std::string comment = fmt::format("{} <{}>", who.name, who.email);
    std::string error;
    std::optional<SshPublicKey> pub;
    // A standard OpenSSH private key; with a passphrase encrypted as ssh-keygen does it
    // (bcrypt KDF, aes256-ctr), in process.
    auto key = SshPrivateKey::generate(type, bits, &error);
    if (key) {
        key->setComment(comment);
        if (key->writeOpenSshFile(keyFile, &error, false, passphrase))
            pub = key->publicKey();
    }
    if (!pub) {
        problems.error(keyFile.string(), error);
        return std::nullopt;
    }
    const nlohmann::json identity{
        {"name", who.name}, {"email", who.email}, {"role", who.role}, {"public_key", pub->toOpenSsh()}};
    if (!writeText(keyFile.string() + ".pub", pub->toOpenSsh(comment) + "\n") ||
        !writeText(identityFileOf(keyFile), identity.dump(2) + "\n")) {
        problems.error(keyFile.string(), "the public key or identity file could not be written");
        return std::nullopt;
    }
    return pub;
}

std::optional<ReviewerIdentity> readReviewerIdentity(const fs::path &keyFile, Problems &problems)
{
    const auto pubText = readText(keyFile.string() + ".pub");
    if (!pubText) {
        problems.error(keyFile.string() + ".pub", "the public key is needed beside the private key");
        return std::nullopt;
    }
    std::string error;
    const auto pub = SshPublicKey::fromOpenSsh(*pubText, &error);
    if (!pub) {
        problems.error(keyFile.string() + ".pub", error);
        return std::nullopt;
    }
    ReviewerIdentity who;
    who.publicKey = pub->toOpenSsh();
    if (const auto text = readText(identityFileOf(keyFile))) {
        const nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
        if (j.is_object()) {
            who.name = j.value("name", "");
            who.email = j.value("email", "");
            who.role = j.value("role", "");
        }
    }
    return who;
}

bool isOpenSshPrivateKey(const fs::path &keyFile)
{
    const auto text = readText(keyFile);
    return text && text->starts_with("-----BEGIN OPENSSH PRIVATE KEY-----");
}

} // namespace mltrl
