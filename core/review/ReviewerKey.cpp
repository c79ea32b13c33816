#include "review/ReviewerKey.h"

#include "common/AtomicFile.h"
#include "crypto/SshKeygen.h"
#include "crypto/SshPrivateKey.h"
#include "crypto/SshPublicKey.h"

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
                                              std::string_view passphrase, Problems &problems, SshKeyType type, int bits)
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
    if (passphrase.empty()) {
        auto key = SshPrivateKey::generate(type, bits, &error);
        if (key) {
            key->setComment(comment);
            if (key->writeOpenSshFile(keyFile, &error))
                pub = key->publicKey();
        }
    } else if (!findSshKeygen().isEmpty()) {
        // ssh-keygen encrypts the key the way OpenSSH does (bcrypt KDF, aes256-ctr); the
        // passphrase reaches it through SSH_ASKPASS, never on its command line.
        SshKeygenOptions options;
        options.passphrase = std::string(passphrase);
        const char *name = type == SshKeyType::Ed25519 ? "ed25519" : type == SshKeyType::Rsa ? "rsa" : "ecdsa";
        const int keyBits = type == SshKeyType::EcdsaP256 ? 256 : type == SshKeyType::EcdsaP384 ? 384
                            : type == SshKeyType::EcdsaP521 ? 521 : bits;
        if (type == SshKeyType::SkEd25519 || type == SshKeyType::SkEcdsaP256)
            error = "security-key keys are made with ssh-keygen and the token itself";
        else if (sshKeygenGenerate(keyFile, name, keyBits, comment, &error, options))
            if (const auto text = readText(keyFile.string() + ".pub"))
                pub = SshPublicKey::fromOpenSsh(*text, &error);
    } else if (type == SshKeyType::Ed25519) {
        auto key = Ed25519Key::generate(&error);
        if (key && key->writePrivateKeyFile(keyFile, passphrase, &error)) {
            pub = SshPublicKey::fromEd25519(key->publicKey());
            problems.warning(keyFile.string(), "ssh-keygen was not found: the key is written as passphrase-encrypted "
                                               "PKCS#8, which mltrl reads but OpenSSH tools do not");
        }
    } else {
        error = "a passphrase-protected key of this type needs ssh-keygen (install OpenSSH)";
    }
    if (!pub) {
        problems.error(keyFile.string(), error);
        return std::nullopt;
    }
    const nlohmann::json identity{
        {"name", who.name}, {"email", who.email}, {"role", who.role}, {"public_key", pub->toOpenSsh()}};
    // ssh-keygen writes FILE.pub itself; replace it with ours (same key, our comment).
    const auto pubExisting = fs::exists(fs::symlink_status(pubFile, ec)) && !fs::is_symlink(fs::symlink_status(pubFile, ec))
                                 ? AtomicFile::Existing::Replace
                                 : AtomicFile::Existing::Refuse;
    if (!writeFileAtomically(pubFile, pub->toOpenSsh(comment) + "\n", error, pubExisting)) {
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
