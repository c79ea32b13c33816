#include "core/review/ReviewerKey.h"

#include "core/common/AtomicFile.h"
#include "core/crypto/SshPrivateKey.h"
#include "core/crypto/SshPublicKey.h"

#include <QStandardPaths>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <fstream>
#include <sstream>

#include <sys/stat.h>

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

bool createKeysFolder(const fs::path &dir, std::error_code &ec)
{
    ec.clear();
    if (dir.empty())
        return true;
    const bool existed = fs::is_directory(dir, ec);
    if (!existed) {
        if (dir.has_parent_path())
            fs::create_directories(dir.parent_path(), ec);
        if (ec)
            return false;
        // 0700 from the start (not created wider and narrowed later).
        if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
            ec = std::error_code(errno, std::generic_category());
            return false;
        }
    }
    std::error_code ignored;
    if (!existed || fs::equivalent(dir, defaultReviewerKeyFile().parent_path(), ignored))
        fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
    return !ec;
}

std::optional<SshPublicKey> createReviewerKey(const fs::path &keyFile, const ReviewerIdentity &who,
                                              std::string_view passphrase, Problems &problems, SshKeyType type,
                                              int bits)
{
    if (who.name.empty() || who.email.empty()) {
        problems.error(keyFile.string(), "a key needs the reviewer's name and email");
        return std::nullopt;
    }
    if (type == SshKeyType::Rsa && bits == 0)
        bits = 3072;
    const fs::path pubFile = keyFile.string() + ".pub";
    const fs::path identityFile = identityFileOf(keyFile);
    // Nothing is replaced and nothing is written through a link: refuse before generating.
    bool taken = false;
    for (const fs::path &f : {keyFile, pubFile, identityFile}) {
        std::error_code ec;
        const auto status = fs::symlink_status(f, ec);
        if (fs::exists(status)) {
            problems.error(f.string(), fs::is_symlink(status) ? "already exists (a symbolic link); no key was written"
                                                              : "already exists; no key was written");
            taken = true;
        }
    }
    if (taken)
        return std::nullopt;
    std::error_code ec;
    if (!createKeysFolder(keyFile.parent_path(), ec)) {
        problems.error(keyFile.parent_path().string(), fmt::format("cannot create the keys folder: {}", ec.message()));
        return std::nullopt;
    }
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
    if (!writeFileAtomically(pubFile, pub->toOpenSsh(comment) + "\n", error, AtomicFile::Existing::Refuse)) {
        problems.error(pubFile.string(), error);
        fs::remove(keyFile, ec);
        return std::nullopt;
    }
    if (!writeFileAtomically(identityFile, identity.dump(2) + "\n", error, AtomicFile::Existing::Refuse)) {
        problems.error(identityFile.string(), error);
        fs::remove(keyFile, ec);
        fs::remove(pubFile, ec);
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
    ReviewerIdentity who = readIdentityFile(keyFile);
    who.publicKey = pub->toOpenSsh();
    return who;
}

ReviewerIdentity readIdentityFile(const fs::path &keyFile)
{
    ReviewerIdentity who;
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
