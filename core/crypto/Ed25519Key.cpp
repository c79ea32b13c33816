#include "core/crypto/Ed25519Key.h"

#include "core/crypto/Base64.h"
#include "core/crypto/Sha256.h"
#include "core/crypto/SshPrivateKey.h"
#include "core/crypto/SshWire.h"

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

namespace mltrl {
namespace {

constexpr std::string_view kKeyType = "ssh-ed25519";
constexpr std::size_t kMaxKeyFileBytes = 64 * 1024; // a PEM Ed25519 key is ~300 bytes

bool fail(std::string *error, std::string what)
{
    if (error)
        *error = std::move(what);
    return false;
}

/// The oldest queued OpenSSL error in words (or `fallback`); empties the queue so a later
/// call does not see stale errors.
std::string opensslError(std::string_view fallback)
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return std::string(fallback);
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    return std::string(fallback) + " (" + buf + ")";
}

struct PkeyDeleter {
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
struct MdCtxDeleter {
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
};
struct BioDeleter {
    void operator()(BIO *b) const { BIO_free(b); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

/// A std::string whose contents are wiped when it goes away (holds PEM text of a key).
struct WipedString {
    std::string s;
    ~WipedString()
    {
        if (!s.empty())
            OPENSSL_cleanse(s.data(), s.size());
    }
};

/// Everything a memory BIO holds, copied out.
bool bioContents(BIO *bio, std::string &out)
{
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    if (len <= 0 || data == nullptr)
        return false;
    out.assign(data, static_cast<std::size_t>(len));
    return true;
}

/// PEM text of the key: encrypted PKCS#8 (scrypt + AES-256-CBC) when a passphrase is
/// given, plain PKCS#8 otherwise.
bool encodePrivateKey(EVP_PKEY *pkey, std::string_view passphrase, std::string &pem, std::string *error)
{
    // The memory BIO's buffer is cleared on free (BUF_MEM_free uses OPENSSL_clear_free).
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio)
        return fail(error, opensslError("cannot allocate a buffer"));
    if (passphrase.empty()) {
        if (PEM_write_bio_PrivateKey(bio.get(), pkey, nullptr, nullptr, 0, nullptr, nullptr) != 1)
            return fail(error, opensslError("cannot encode the private key"));
        return bioContents(bio.get(), pem) || fail(error, "cannot encode the private key");
    }
    if (passphrase.size() > static_cast<std::size_t>(INT32_MAX))
        return fail(error, "passphrase too long");

    PKCS8_PRIV_KEY_INFO *p8inf = EVP_PKEY2PKCS8(pkey);
    if (p8inf == nullptr)
        return fail(error, opensslError("cannot encode the private key"));
    // A random 16-byte salt (3.0 defaults to 8) and the cost of `openssl pkcs8 -scrypt`: 16 MiB, inside the 32 MiB
    // that OpenSSL allows scrypt by default when reading the key back.
    X509_ALGOR *pbe = PKCS5_pbe2_set_scrypt(EVP_aes_256_cbc(), nullptr, 16, nullptr, 1 << 14, 8, 1);
    if (pbe == nullptr) {
        PKCS8_PRIV_KEY_INFO_free(p8inf);
        return fail(error, opensslError("cannot set up key encryption"));
    }
    X509_SIG *encrypted = PKCS8_set0_pbe(passphrase.data(), static_cast<int>(passphrase.size()), p8inf, pbe);
    PKCS8_PRIV_KEY_INFO_free(p8inf); // the encrypted form holds its own copy
    if (encrypted == nullptr) {
        X509_ALGOR_free(pbe); // ownership passes only on success
        return fail(error, opensslError("cannot encrypt the private key"));
    }
    const int ok = PEM_write_bio_PKCS8(bio.get(), encrypted);
    X509_SIG_free(encrypted);
    if (ok != 1)
        return fail(error, opensslError("cannot encode the private key"));
    return bioContents(bio.get(), pem) || fail(error, "cannot encode the private key");
}

bool writeAll(int fd, std::string_view data)
{
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

/// Writes `data` to `path` atomically with mode 0600 from the start: a temporary file
/// made by mkostemp (always 0600) beside it, synced, then linked/renamed into place.
bool writeSecretFile(const std::filesystem::path &path, std::string_view data, bool overwrite, std::string *error)
{
    const std::string target = path.string();
    if (!overwrite && std::filesystem::exists(path))
        return fail(error, target + ": already exists");
    std::string tmp = target + ".tmp-XXXXXX";
    const int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
    if (fd < 0)
        return fail(error, target + ": cannot create: " + std::strerror(errno));
    const bool written = writeAll(fd, data) && ::fsync(fd) == 0;
    const int savedErrno = errno;
    if (::close(fd) != 0 || !written) {
        ::unlink(tmp.c_str());
        return fail(error, target + ": cannot write: " + std::strerror(written ? errno : savedErrno));
    }
    int rc = 0;
    if (overwrite) {
        rc = ::rename(tmp.c_str(), target.c_str());
    } else {
        // link() refuses to replace an existing file, closing the race left by exists().
        rc = ::link(tmp.c_str(), target.c_str());
        if (rc == 0) {
            ::unlink(tmp.c_str());
        } else if (errno != EEXIST && !std::filesystem::exists(path)) {
            rc = ::rename(tmp.c_str(), target.c_str()); // a file system without hard links
        } else {
            errno = EEXIST;
        }
    }
    if (rc != 0) {
        const int e = errno;
        ::unlink(tmp.c_str());
        return fail(error,
                    target + (e == EEXIST ? ": already exists" : ": cannot create: " + std::string(std::strerror(e))));
    }
    // Make the new directory entry durable too.
    const std::string dir = path.has_parent_path() ? path.parent_path().string() : std::string(".");
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return true;
}

bool readSmallFile(const std::filesystem::path &path, std::string &out, std::string *error)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(error, path.string() + ": cannot open: " + std::strerror(errno));
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int e = errno;
            ::close(fd);
            OPENSSL_cleanse(buf, sizeof buf);
            return fail(error, path.string() + ": cannot read: " + std::strerror(e));
        }
        if (n == 0)
            break;
        out.append(buf, static_cast<std::size_t>(n));
        if (out.size() > kMaxKeyFileBytes) {
            ::close(fd);
            OPENSSL_cleanse(buf, sizeof buf);
            return fail(error, path.string() + ": too large to be a key file");
        }
    }
    ::close(fd);
    OPENSSL_cleanse(buf, sizeof buf);
    return true;
}

/// Hands the passphrase to OpenSSL's PEM reader and notes whether it was asked for.
struct PassphraseRequest {
    std::string_view passphrase;
    bool asked = false;
};

int passphraseCallback(char *buf, int size, int /*rwflag*/, void *userdata)
{
    auto *req = static_cast<PassphraseRequest *>(userdata);
    req->asked = true;
    if (req->passphrase.empty() || size < 0 || req->passphrase.size() > static_cast<std::size_t>(size))
        return -1;
    std::memcpy(buf, req->passphrase.data(), req->passphrase.size());
    return static_cast<int>(req->passphrase.size());
}

PkeyPtr rawPublicKey(const Ed25519PublicKey &key)
{
    return PkeyPtr(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, key.bytes.data(), key.bytes.size()));
}

} // namespace

// ---- Ed25519PublicKey ----

std::string Ed25519PublicKey::wireBlob() const
{
    std::string blob;
    sshwire::putString(blob, kKeyType);
    sshwire::putString(blob, std::string_view(reinterpret_cast<const char *>(bytes.data()), bytes.size()));
    return blob;
}

std::string Ed25519PublicKey::toOpenSsh(std::string_view comment) const
{
    std::string line = std::string(kKeyType) + ' ' + base64Encode(wireBlob());
    if (!comment.empty())
        line.append(" ").append(comment);
    return line;
}

std::string Ed25519PublicKey::fingerprint() const
{
    const Sha256Digest digest = sha256(wireBlob());
    return "SHA256:" + base64Encode(std::string_view(reinterpret_cast<const char *>(digest.data()), digest.size()),
                                    Base64Padding::Unpadded);
}

bool Ed25519PublicKey::verify(std::string_view message, std::span<const std::uint8_t> signature) const
{
    if (signature.size() != 64)
        return false;
    PkeyPtr pkey = rawPublicKey(*this);
    std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
    bool ok = pkey && ctx &&
              EVP_DigestVerifyInit_ex(ctx.get(), nullptr, nullptr, nullptr, nullptr, pkey.get(), nullptr) == 1 &&
              EVP_DigestVerify(ctx.get(), signature.data(), signature.size(),
                               reinterpret_cast<const unsigned char *>(message.data()), message.size()) == 1;
    ERR_clear_error(); // a bad signature queues an error; it is answered by the return value
    return ok;
}

std::optional<Ed25519PublicKey> Ed25519PublicKey::fromWireBlob(std::string_view blob, std::string *error)
{
    sshwire::Reader reader(blob);
    std::string_view type, raw;
    if (!reader.readString(type)) {
        fail(error, "truncated public key");
        return std::nullopt;
    }
    if (type != kKeyType) {
        fail(error, "unsupported key type \"" + std::string(type.substr(0, 64)) + "\" (only ssh-ed25519 is supported)");
        return std::nullopt;
    }
    if (!reader.readString(raw) || raw.size() != 32) {
        fail(error, "malformed ssh-ed25519 public key");
        return std::nullopt;
    }
    if (!reader.atEnd()) {
        fail(error, "trailing bytes after the public key");
        return std::nullopt;
    }
    Ed25519PublicKey key;
    std::memcpy(key.bytes.data(), raw.data(), 32);
    return key;
}

std::optional<Ed25519PublicKey> Ed25519PublicKey::fromOpenSsh(std::string_view line, std::string *error,
                                                              std::string *comment)
{
    const sshwire::KeyLine fields = sshwire::splitKeyLine(line);
    const std::string_view type = fields.type;
    const std::string_view b64 = fields.base64;
    if (type.empty() || b64.empty()) {
        fail(error, "not an OpenSSH public key (expected \"ssh-ed25519 AAAA…\")");
        return std::nullopt;
    }
    if (type != kKeyType) {
        fail(error, "unsupported key type \"" + std::string(type.substr(0, 64)) + "\" (only ssh-ed25519 is supported)");
        return std::nullopt;
    }
    const auto blob = base64Decode(b64);
    if (!blob) {
        fail(error, "the key is not valid base64");
        return std::nullopt;
    }
    auto key = fromWireBlob(*blob, error);
    if (key && comment)
        *comment = std::string(fields.comment);
    return key;
}

// ---- Ed25519Key ----

struct Ed25519Key::Impl {
    PkeyPtr pkey;
};

Ed25519Key::Ed25519Key(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Ed25519Key::~Ed25519Key() = default; // EVP_PKEY_free wipes the key material
Ed25519Key::Ed25519Key(Ed25519Key &&) noexcept = default;
Ed25519Key &Ed25519Key::operator=(Ed25519Key &&) noexcept = default;

std::optional<Ed25519Key> Ed25519Key::generate(std::string *error)
{
    PkeyPtr pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    if (!pkey) {
        fail(error, opensslError("cannot generate an Ed25519 key"));
        return std::nullopt;
    }
    return Ed25519Key(std::make_unique<Impl>(Impl{std::move(pkey)}));
}

std::optional<Ed25519Key> Ed25519Key::fromSeed(std::span<const std::uint8_t> seed, std::string *error)
{
    if (seed.size() != 32) {
        fail(error, "an Ed25519 seed is 32 bytes");
        return std::nullopt;
    }
    PkeyPtr pkey(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()));
    if (!pkey) {
        fail(error, opensslError("cannot make an Ed25519 key from the seed"));
        return std::nullopt;
    }
    return Ed25519Key(std::make_unique<Impl>(Impl{std::move(pkey)}));
}

Ed25519PublicKey Ed25519Key::publicKey() const
{
    Ed25519PublicKey key;
    std::size_t len = key.bytes.size();
    // Cannot fail for an ED25519 EVP_PKEY with a 32-byte buffer.
    EVP_PKEY_get_raw_public_key(m_impl->pkey.get(), key.bytes.data(), &len);
    return key;
}

std::optional<Ed25519Signature> Ed25519Key::sign(std::string_view message, std::string *error) const
{
    std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
    Ed25519Signature sig{};
    std::size_t len = sig.size();
    if (!ctx ||
        EVP_DigestSignInit_ex(ctx.get(), nullptr, nullptr, nullptr, nullptr, m_impl->pkey.get(), nullptr) != 1 ||
        EVP_DigestSign(ctx.get(), sig.data(), &len, reinterpret_cast<const unsigned char *>(message.data()),
                       message.size()) != 1 ||
        len != sig.size()) {
        fail(error, opensslError("Ed25519 signing failed"));
        return std::nullopt;
    }
    return sig;
}

bool Ed25519Key::writePrivateKeyFile(const std::filesystem::path &path, std::string_view passphrase, std::string *error,
                                     bool overwrite) const
{
    WipedString pem;
    if (!encodePrivateKey(m_impl->pkey.get(), passphrase, pem.s, error))
        return false;
    return writeSecretFile(path, pem.s, overwrite, error);
}

std::optional<Ed25519Key> Ed25519Key::readPrivateKeyFile(const std::filesystem::path &path, std::string_view passphrase,
                                                         std::string *error)
{
    WipedString pem;
    if (!readSmallFile(path, pem.s, error))
        return std::nullopt;
    BioPtr bio(BIO_new_mem_buf(pem.s.data(), static_cast<int>(pem.s.size())));
    if (!bio) {
        fail(error, opensslError("cannot allocate a buffer"));
        return std::nullopt;
    }
    PassphraseRequest request{passphrase};
    PkeyPtr pkey(PEM_read_bio_PrivateKey_ex(bio.get(), nullptr, passphraseCallback, &request, nullptr, nullptr));
    if (!pkey) {
        ERR_clear_error();
        const std::string where = path.string() + ": ";
        if (request.asked && passphrase.empty())
            fail(error, where + "the key is encrypted; a passphrase is needed");
        else if (request.asked)
            fail(error, where + "wrong passphrase (or the key file is damaged)");
        else
            fail(error, where + "not a PEM private key that can be read");
        return std::nullopt;
    }
    if (!EVP_PKEY_is_a(pkey.get(), "ED25519")) {
        fail(error, path.string() + ": not an Ed25519 key");
        return std::nullopt;
    }
    return Ed25519Key(std::make_unique<Impl>(Impl{std::move(pkey)}));
}

} // namespace mltrl

namespace mltrl {

// Declared in SshPrivateKey.h: one implementation of the careful 0600 atomic write.
bool writePrivateFile(const std::filesystem::path &path, std::string_view bytes, std::string *error, bool overwrite)
{
    return writeSecretFile(path, bytes, overwrite, error);
}

} // namespace mltrl
