#include "core/crypto/SshPrivateKey.h"

#include "core/crypto/Base64.h"
#include "core/crypto/BcryptPbkdf.h"
#include "core/crypto/OpenSslUtil.h"
#include "core/crypto/SshWire.h"

#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include <cstring>

namespace mltrl {
namespace {

constexpr std::string_view kBegin = "-----BEGIN OPENSSH PRIVATE KEY-----";
constexpr std::string_view kEnd = "-----END OPENSSH PRIVATE KEY-----";
constexpr std::string_view kAuthMagic{"openssh-key-v1\0", 15};
constexpr std::size_t kMaxKeyText = 64 * 1024;

template <typename T>
std::optional<T> failed(std::string *error, std::string what)
{
    if (error)
        *error = std::move(what);
    return std::nullopt;
}

/// A std::string wiped when it goes away (private key material).
struct Wiped {
    std::string s;
    Wiped() = default;
    explicit Wiped(std::string v) : s(std::move(v)) {}
    Wiped(const Wiped &) = delete;
    Wiped &operator=(const Wiped &) = delete;
    ~Wiped()
    {
        if (!s.empty())
            OPENSSL_cleanse(s.data(), s.size());
    }
};

const char *groupOf(SshKeyType t)
{
    switch (t) {
    case SshKeyType::EcdsaP256:
        return "prime256v1";
    case SshKeyType::EcdsaP384:
        return "secp384r1";
    case SshKeyType::EcdsaP521:
        return "secp521r1";
    default:
        return nullptr;
    }
}

const char *sshCurveOf(SshKeyType t)
{
    switch (t) {
    case SshKeyType::EcdsaP256:
        return "nistp256";
    case SshKeyType::EcdsaP384:
        return "nistp384";
    case SshKeyType::EcdsaP521:
        return "nistp521";
    default:
        return nullptr;
    }
}

std::size_t fieldBytesOf(SshKeyType t)
{
    return t == SshKeyType::EcdsaP256 ? 32 : t == SshKeyType::EcdsaP384 ? 48 : 66;
}

const EVP_MD *mdOf(SshKeyType t)
{
    return t == SshKeyType::EcdsaP256 ? EVP_sha256() : t == SshKeyType::EcdsaP384 ? EVP_sha384() : EVP_sha512();
}

std::optional<std::string> bnParam(const EVP_PKEY *key, const char *name)
{
    BIGNUM *raw = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &raw) != 1)
        return std::nullopt;
    ossl::Bn owned(raw);
    return ossl::bytes(owned.get());
}

/// Left-pads big-endian `bytes` with zeros to `size`.
std::string padTo(std::string bytes, std::size_t size)
{
    if (bytes.size() < size)
        bytes.insert(0, size - bytes.size(), '\0');
    return bytes;
}

/// The SSH type and public key of an OpenSSL key, or nullopt for a type we cannot use.
std::optional<SshPublicKey> publicOf(EVP_PKEY *key, std::string *error)
{
    std::string blob;
    if (EVP_PKEY_is_a(key, "ED25519")) {
        std::string pk(32, '\0');
        std::size_t len = pk.size();
        if (EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char *>(pk.data()), &len) != 1 || len != 32)
            return failed<SshPublicKey>(error, ossl::error("cannot read the Ed25519 public key"));
        sshwire::putString(blob, "ssh-ed25519");
        sshwire::putString(blob, pk);
    } else if (EVP_PKEY_is_a(key, "EC")) {
        char group[64] = {};
        std::size_t groupLen = 0;
        if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &groupLen) != 1)
            return failed<SshPublicKey>(error, ossl::error("cannot read the EC key's curve"));
        const std::string_view g(group, groupLen);
        SshKeyType type;
        if (g == "prime256v1" || g == "P-256")
            type = SshKeyType::EcdsaP256;
        else if (g == "secp384r1" || g == "P-384")
            type = SshKeyType::EcdsaP384;
        else if (g == "secp521r1" || g == "P-521")
            type = SshKeyType::EcdsaP521;
        else
            return failed<SshPublicKey>(error, "EC curve \"" + std::string(g) +
                                                   "\" is not one SSH uses (P-256, P-384, P-521)");
        const auto x = bnParam(key, OSSL_PKEY_PARAM_EC_PUB_X), y = bnParam(key, OSSL_PKEY_PARAM_EC_PUB_Y);
        if (!x || !y)
            return failed<SshPublicKey>(error, ossl::error("cannot read the EC public point"));
        const std::size_t n = fieldBytesOf(type);
        std::string point = "\x04" + padTo(*x, n) + padTo(*y, n);
        sshwire::putString(blob, toString(type));
        sshwire::putString(blob, sshCurveOf(type));
        sshwire::putString(blob, point);
    } else if (EVP_PKEY_is_a(key, "RSA")) {
        const auto n = bnParam(key, OSSL_PKEY_PARAM_RSA_N), e = bnParam(key, OSSL_PKEY_PARAM_RSA_E);
        if (!n || !e)
            return failed<SshPublicKey>(error, ossl::error("cannot read the RSA public key"));
        sshwire::putString(blob, "ssh-rsa");
        sshwire::putMpint(blob, *e);
        sshwire::putMpint(blob, *n);
    } else {
        return failed<SshPublicKey>(error, "unsupported private key type (Ed25519, ECDSA P-256/384/521 or RSA)");
    }
    return SshPublicKey::fromWireBlob(blob, error);
}

/// The base64 body between the OpenSSH BEGIN/END lines, decoded.
std::optional<std::string> openSshBlob(std::string_view text, std::string *error)
{
    if (text.size() > kMaxKeyText)
        return failed<std::string>(error, "the key file is too large");
    const std::size_t begin = text.find(kBegin);
    if (begin == std::string_view::npos)
        return failed<std::string>(error, "not an OpenSSH private key (no \"" + std::string(kBegin) + "\" line)");
    text.remove_prefix(begin + kBegin.size());
    const std::size_t end = text.find(kEnd);
    if (end == std::string_view::npos)
        return failed<std::string>(error, "truncated OpenSSH private key (no END line)");
    std::string b64;
    for (char c : text.substr(0, end))
        if (c != '\n' && c != '\r' && c != ' ' && c != '\t')
            b64.push_back(c);
    auto blob = base64Decode(b64);
    if (!blob)
        return failed<std::string>(error, "the OpenSSH private key is not valid base64");
    return blob;
}

struct OpenSshHeader {
    std::string_view cipher, kdf, kdfOptions, publicKey, privateSection;
};

std::optional<OpenSshHeader> parseHeader(std::string_view blob, std::string *error)
{
    sshwire::Reader r(blob);
    OpenSshHeader h;
    std::string_view magic;
    std::uint32_t count = 0;
    if (!r.readBytes(kAuthMagic.size(), magic) || magic != kAuthMagic)
        return failed<OpenSshHeader>(error, "not an openssh-key-v1 private key (bad magic)");
    if (!r.readString(h.cipher) || !r.readString(h.kdf) || !r.readString(h.kdfOptions) || !r.readU32(count))
        return failed<OpenSshHeader>(error, "truncated OpenSSH private key header");
    if (count != 1)
        return failed<OpenSshHeader>(error, "an OpenSSH private key file with " + std::to_string(count) +
                                                " keys (one expected)");
    if (!r.readString(h.publicKey) || !r.readString(h.privateSection))
        return failed<OpenSshHeader>(error, "malformed OpenSSH private key");
    // AEAD ciphers (aes256-gcm@openssh.com, chacha20-poly1305@openssh.com) append their tag.
    const bool aead =
        h.cipher.find("gcm@openssh.com") != std::string_view::npos || h.cipher == "chacha20-poly1305@openssh.com";
    if (r.remaining() != (aead ? 16u : 0u))
        return failed<OpenSshHeader>(error, "malformed OpenSSH private key (trailing bytes)");
    return h;
}

struct CipherSpec {
    const char *sshName;
    const char *evpName;
    std::size_t keyLen, ivLen, blockSize;
};

const CipherSpec *cipherOf(std::string_view name)
{
    static const CipherSpec specs[] = {
        {"aes256-ctr", "AES-256-CTR", 32, 16, 16}, {"aes192-ctr", "AES-192-CTR", 24, 16, 16},
        {"aes128-ctr", "AES-128-CTR", 16, 16, 16}, {"aes256-cbc", "AES-256-CBC", 32, 16, 16},
        {"aes128-cbc", "AES-128-CBC", 16, 16, 16},
    };
    for (const CipherSpec &c : specs)
        if (name == c.sshName)
            return &c;
    return nullptr;
}

/// Encrypts or decrypts `data` (a whole number of blocks) in place; no padding.
bool runCipher(const CipherSpec &spec, std::string_view keyIv, std::string &data, bool encrypt)
{
    EVP_CIPHER *cipher = EVP_CIPHER_fetch(nullptr, spec.evpName, nullptr);
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int outLen = 0, finalLen = 0;
    std::string out(data.size() + spec.blockSize, '\0');
    const bool ok = cipher && ctx &&
                    EVP_CipherInit_ex2(ctx, cipher, ossl::u8(keyIv), ossl::u8(keyIv.substr(spec.keyLen)),
                                       encrypt ? 1 : 0, nullptr) == 1 &&
                    EVP_CIPHER_CTX_set_padding(ctx, 0) == 1 &&
                    EVP_CipherUpdate(ctx, reinterpret_cast<unsigned char *>(out.data()), &outLen, ossl::u8(data),
                                     static_cast<int>(data.size())) == 1 &&
                    EVP_CipherFinal_ex(ctx, reinterpret_cast<unsigned char *>(out.data()) + outLen, &finalLen) == 1;
    EVP_CIPHER_CTX_free(ctx);
    EVP_CIPHER_free(cipher);
    if (ok) {
        OPENSSL_cleanse(data.data(), data.size());
        out.resize(static_cast<std::size_t>(outLen + finalLen));
        data = std::move(out);
    } else {
        OPENSSL_cleanse(out.data(), out.size());
        ERR_clear_error();
    }
    return ok;
}

ossl::Pkey fromParams(const char *type, OSSL_PARAM_BLD *bld, int selection)
{
    ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    ossl::Params params(OSSL_PARAM_BLD_to_param(bld));
    EVP_PKEY *raw = nullptr;
    if (!ctx || !params || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &raw, selection, params.get()) != 1)
        return nullptr;
    return ossl::Pkey(raw);
}

/// RSA from OpenSSH's private fields; the CRT exponents are derived (OpenSSH does the same).
ossl::Pkey rsaPrivate(std::string_view n, std::string_view e, std::string_view d, std::string_view iqmp,
                      std::string_view p, std::string_view q)
{
    ossl::Bn bn = ossl::bn(n), be = ossl::bn(e), bd = ossl::bn(d), bi = ossl::bn(iqmp), bp = ossl::bn(p),
             bq = ossl::bn(q);
    ossl::Bn dmp1(BN_new()), dmq1(BN_new()), p1(BN_new()), q1(BN_new());
    std::unique_ptr<BN_CTX, decltype(&BN_CTX_free)> bctx(BN_CTX_new(), BN_CTX_free);
    if (!bn || !be || !bd || !bi || !bp || !bq || !dmp1 || !dmq1 || !p1 || !q1 || !bctx ||
        !BN_sub(p1.get(), bp.get(), BN_value_one()) || !BN_sub(q1.get(), bq.get(), BN_value_one()) ||
        !BN_mod(dmp1.get(), bd.get(), p1.get(), bctx.get()) || !BN_mod(dmq1.get(), bd.get(), q1.get(), bctx.get()))
        return nullptr;
    ossl::ParamBld bld(OSSL_PARAM_BLD_new());
    if (!bld || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn.get()) ||
        !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, be.get()) ||
        !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_D, bd.get()) ||
        !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_FACTOR1, bp.get()) ||
        !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_FACTOR2, bq.get()) ||
        !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_EXPONENT1, dmp1.get()) ||
        !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_EXPONENT2, dmq1.get()) ||
        !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_COEFFICIENT1, bi.get()))
        return nullptr;
    return fromParams("RSA", bld.get(), EVP_PKEY_KEYPAIR);
}

ossl::Pkey ecPrivate(SshKeyType type, std::string_view point, std::string_view d)
{
    ossl::Bn bd = ossl::bn(d);
    ossl::ParamBld bld(OSSL_PARAM_BLD_new());
    if (!bd || !bld || !OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, groupOf(type), 0) ||
        !OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) ||
        !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, bd.get()))
        return nullptr;
    return fromParams("EC", bld.get(), EVP_PKEY_KEYPAIR);
}

} // namespace

struct SshPrivateKey::Impl {
    ossl::Pkey pkey;
    SshPublicKey publicKey;
    std::string comment;
};

SshPrivateKey::SshPrivateKey(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
SshPrivateKey::~SshPrivateKey() = default;
SshPrivateKey::SshPrivateKey(SshPrivateKey &&) noexcept = default;
SshPrivateKey &SshPrivateKey::operator=(SshPrivateKey &&) noexcept = default;

const SshPublicKey &SshPrivateKey::publicKey() const
{
    return m_impl->publicKey;
}
const std::string &SshPrivateKey::comment() const
{
    return m_impl->comment;
}
void SshPrivateKey::setComment(std::string comment)
{
    m_impl->comment = std::move(comment);
}

std::optional<SshPrivateKey> SshPrivateKey::generate(SshKeyType type, int rsaBits, std::string *error)
{
    using R = SshPrivateKey;
    EVP_PKEY *raw = nullptr;
    switch (type) {
    case SshKeyType::Ed25519:
        raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
        break;
    case SshKeyType::EcdsaP256:
    case SshKeyType::EcdsaP384:
    case SshKeyType::EcdsaP521:
        raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", groupOf(type));
        break;
    case SshKeyType::Rsa:
        if (rsaBits < SshPublicKey::kMinRsaBits || rsaBits > 16384)
            return failed<R>(error, "an RSA key needs " + std::to_string(SshPublicKey::kMinRsaBits) + " to 16384 bits");
        raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(rsaBits));
        break;
    case SshKeyType::SkEd25519:
    case SshKeyType::SkEcdsaP256:
        return failed<R>(error,
                         "security-key keys are made on the token (ssh-keygen -t " + std::string(toString(type)) + ")");
    }
    ossl::Pkey key(raw);
    if (!key)
        return failed<R>(error, ossl::error("key generation failed"));
    auto pub = publicOf(key.get(), error);
    if (!pub)
        return std::nullopt;
    return SshPrivateKey(std::make_unique<Impl>(Impl{std::move(key), std::move(*pub), {}}));
}

bool SshPrivateKey::isOpenSshText(std::string_view text)
{
    while (!text.empty() &&
           (text.front() == ' ' || text.front() == '\n' || text.front() == '\r' || text.front() == '\t'))
        text.remove_prefix(1);
    return text.starts_with(kBegin);
}

std::optional<OpenSshKeyFileInfo> SshPrivateKey::inspectOpenSsh(std::string_view text, std::string *error)
{
    const auto blob = openSshBlob(text, error);
    if (!blob)
        return std::nullopt;
    const auto h = parseHeader(*blob, error);
    if (!h)
        return std::nullopt;
    std::string problem;
    auto pub = SshPublicKey::fromWireBlob(h->publicKey, &problem);
    if (!pub)
        return failed<OpenSshKeyFileInfo>(error, "the key's public half cannot be used: " + problem);
    return OpenSshKeyFileInfo{std::move(*pub), std::string(h->cipher), std::string(h->kdf)};
}

std::optional<SshPrivateKey> SshPrivateKey::fromOpenSsh(std::string_view text, std::string *error,
                                                        std::string_view passphrase)
{
    using R = SshPrivateKey;
    const auto blobText = openSshBlob(text, error);
    if (!blobText)
        return std::nullopt;
    const Wiped blob(*blobText);
    const auto h = parseHeader(blob.s, error);
    if (!h)
        return std::nullopt;
    std::string problem;
    auto pub = SshPublicKey::fromWireBlob(h->publicKey, &problem);
    if (!pub)
        return failed<R>(error, "the key's public half cannot be used: " + problem);
    if (pub->isSecurityKey())
        return failed<R>(error,
                         "a " + std::string(pub->typeName()) + " key signs on its token: use ssh-agent or ssh-keygen");
    Wiped section(std::string(h->privateSection));
    if (h->cipher != "none") {
        const CipherSpec *spec = cipherOf(h->cipher);
        if (!spec || h->kdf != "bcrypt")
            return failed<R>(error, "the key is encrypted with " + std::string(h->cipher.substr(0, 32)) + " / " +
                                        std::string(h->kdf.substr(0, 32)) +
                                        ", which is not read here; it signs through "
                                        "ssh-agent or ssh-keygen");
        if (passphrase.empty())
            return failed<R>(error, "the key is passphrase-protected; a passphrase is needed");
        sshwire::Reader kdf(h->kdfOptions);
        std::string_view salt;
        std::uint32_t rounds = 0;
        if (!kdf.readString(salt) || !kdf.readU32(rounds) || !kdf.atEnd() || rounds == 0 || rounds > 1000)
            return failed<R>(error, "malformed bcrypt options in the OpenSSH private key");
        if (section.s.empty() || section.s.size() % spec->blockSize != 0)
            return failed<R>(error, "the encrypted part of the OpenSSH private key has a bad length");
        const auto keyIv = bcryptPbkdf(passphrase, salt, spec->keyLen + spec->ivLen, rounds);
        if (!keyIv)
            return failed<R>(error, "cannot derive the key from the passphrase");
        const Wiped kiv(*keyIv);
        if (!runCipher(*spec, kiv.s, section.s, false))
            return failed<R>(error, ossl::error("cannot decrypt the OpenSSH private key"));
    } else if (h->kdf != "none") {
        return failed<R>(error, "unencrypted key with KDF \"" + std::string(h->kdf.substr(0, 32)) + "\"");
    }

    sshwire::Reader r(section.s);
    std::uint32_t check1 = 0, check2 = 0;
    std::string_view type;
    if (!r.readU32(check1) || !r.readU32(check2))
        return failed<R>(error, "malformed private section of the OpenSSH key");
    if (check1 != check2)
        return failed<R>(error,
                         h->cipher != "none" ? "wrong passphrase" : "malformed private section of the OpenSSH key");
    if (!r.readString(type))
        return failed<R>(error, "malformed private section of the OpenSSH key");
    if (type != pub->typeName())
        return failed<R>(error, "the private key is \"" + std::string(type.substr(0, 64)) +
                                    "\" but its public half is " + std::string(pub->typeName()));
    ossl::Pkey key;
    bool fieldsOk = true;
    switch (pub->type()) {
    case SshKeyType::Ed25519: {
        std::string_view pk, sk;
        fieldsOk = r.readString(pk) && r.readString(sk) && pk.size() == 32 && sk.size() == 64;
        if (fieldsOk)
            key.reset(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, ossl::u8(sk), 32));
        break;
    }
    case SshKeyType::EcdsaP256:
    case SshKeyType::EcdsaP384:
    case SshKeyType::EcdsaP521: {
        std::string_view curve, point, d;
        fieldsOk = r.readString(curve) && r.readString(point) && r.readMpint(d) && curve == sshCurveOf(pub->type());
        if (fieldsOk)
            key = ecPrivate(pub->type(), point, d);
        break;
    }
    case SshKeyType::Rsa: {
        std::string_view n, e, d, iqmp, p, q;
        fieldsOk =
            r.readMpint(n) && r.readMpint(e) && r.readMpint(d) && r.readMpint(iqmp) && r.readMpint(p) && r.readMpint(q);
        if (fieldsOk)
            key = rsaPrivate(n, e, d, iqmp, p, q);
        break;
    }
    default:
        fieldsOk = false;
    }
    std::string_view comment;
    if (!fieldsOk || !r.readString(comment))
        return failed<R>(error, "malformed " + std::string(pub->typeName()) + " private key");
    // The rest is padding 1, 2, 3, … (OpenSSH checks it).
    for (std::uint8_t i = 1; !r.atEnd(); ++i) {
        std::uint8_t pad = 0;
        if (!r.readU8(pad) || pad != i)
            return failed<R>(error, "bad padding in the OpenSSH private key");
    }
    if (!key)
        return failed<R>(error, ossl::error("the " + std::string(pub->typeName()) + " private key is not valid"));
    auto derived = publicOf(key.get(), error);
    if (!derived)
        return std::nullopt;
    if (!(*derived == *pub))
        return failed<R>(error, "the private key does not belong to the public key stored with it");
    return SshPrivateKey(std::make_unique<Impl>(Impl{std::move(key), std::move(*pub), std::string(comment)}));
}

std::optional<SshPrivateKey> SshPrivateKey::fromPem(std::string_view text, std::string_view passphrase,
                                                    std::string *error)
{
    using R = SshPrivateKey;
    if (text.size() > kMaxKeyText)
        return failed<R>(error, "the key file is too large");
    struct Request {
        std::string_view passphrase;
        bool asked = false;
    } request{passphrase};
    auto callback = [](char *buf, int size, int, void *userdata) -> int {
        auto *req = static_cast<Request *>(userdata);
        req->asked = true;
        if (req->passphrase.empty() || size < 0 || req->passphrase.size() > static_cast<std::size_t>(size))
            return -1;
        std::memcpy(buf, req->passphrase.data(), req->passphrase.size());
        return static_cast<int>(req->passphrase.size());
    };
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())),
                                                  BIO_free);
    if (!bio)
        return failed<R>(error, ossl::error("cannot allocate a buffer"));
    ossl::Pkey key(PEM_read_bio_PrivateKey_ex(bio.get(), nullptr, callback, &request, nullptr, nullptr));
    if (!key) {
        ERR_clear_error();
        if (request.asked && passphrase.empty())
            return failed<R>(error, "the key is encrypted; a passphrase is needed");
        if (request.asked)
            return failed<R>(error, "wrong passphrase (or the key file is damaged)");
        return failed<R>(error, "not a private key file that can be read (OpenSSH or PEM)");
    }
    auto pub = publicOf(key.get(), error);
    if (!pub)
        return std::nullopt;
    return SshPrivateKey(std::make_unique<Impl>(Impl{std::move(key), std::move(*pub), {}}));
}

std::optional<std::string> SshPrivateKey::sign(std::string_view data, std::string *error) const
{
    const SshKeyType type = m_impl->publicKey.type();
    const EVP_MD *md = nullptr;
    std::string algorithm(m_impl->publicKey.typeName());
    if (type == SshKeyType::Rsa) {
        md = EVP_sha512();
        algorithm = "rsa-sha2-512";
    } else if (type != SshKeyType::Ed25519) {
        md = mdOf(type);
    }
    ossl::MdCtx ctx(EVP_MD_CTX_new());
    std::size_t len = 0;
    if (!ctx ||
        EVP_DigestSignInit_ex(ctx.get(), nullptr, md ? EVP_MD_get0_name(md) : nullptr, nullptr, nullptr,
                              m_impl->pkey.get(), nullptr) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &len, ossl::u8(data), data.size()) != 1)
        return failed<std::string>(error, ossl::error("signing failed"));
    std::string sig(len, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(sig.data()), &len, ossl::u8(data), data.size()) !=
        1)
        return failed<std::string>(error, ossl::error("signing failed"));
    sig.resize(len);

    std::string blob;
    sshwire::putString(blob, algorithm);
    if (type == SshKeyType::Ed25519 || type == SshKeyType::Rsa) {
        sshwire::putString(blob, sig);
        return blob;
    }
    // ECDSA: DER (r, s) → string(mpint r || mpint s).
    const unsigned char *p = ossl::u8(sig);
    ECDSA_SIG *es = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size()));
    if (!es)
        return failed<std::string>(error, ossl::error("cannot decode the ECDSA signature"));
    std::string inner;
    sshwire::putMpint(inner, ossl::bytes(ECDSA_SIG_get0_r(es)));
    sshwire::putMpint(inner, ossl::bytes(ECDSA_SIG_get0_s(es)));
    ECDSA_SIG_free(es);
    sshwire::putString(blob, inner);
    return blob;
}

std::string SshPrivateKey::toOpenSsh(std::string_view passphrase) const
{
    const SshPublicKey &pub = m_impl->publicKey;
    EVP_PKEY *key = m_impl->pkey.get();
    Wiped priv;
    std::uint32_t check = 0;
    RAND_bytes(reinterpret_cast<unsigned char *>(&check), sizeof check);
    sshwire::putU32(priv.s, check);
    sshwire::putU32(priv.s, check);
    sshwire::putString(priv.s, pub.typeName());
    sshwire::Reader pubFields(pub.wireBlob());
    std::string_view skipType;
    (void)pubFields.readString(skipType);
    switch (pub.type()) {
    case SshKeyType::Ed25519: {
        std::string_view pk;
        (void)pubFields.readString(pk);
        Wiped seed(std::string(32, '\0'));
        std::size_t len = 32;
        EVP_PKEY_get_raw_private_key(key, reinterpret_cast<unsigned char *>(seed.s.data()), &len);
        sshwire::putString(priv.s, pk);
        Wiped sk(seed.s + std::string(pk));
        sshwire::putString(priv.s, sk.s);
        break;
    }
    case SshKeyType::EcdsaP256:
    case SshKeyType::EcdsaP384:
    case SshKeyType::EcdsaP521: {
        std::string_view curve, point;
        (void)pubFields.readString(curve);
        (void)pubFields.readString(point);
        sshwire::putString(priv.s, curve);
        sshwire::putString(priv.s, point);
        Wiped d(bnParam(key, OSSL_PKEY_PARAM_PRIV_KEY).value_or(""));
        sshwire::putMpint(priv.s, d.s);
        break;
    }
    case SshKeyType::Rsa: {
        const char *names[] = {OSSL_PKEY_PARAM_RSA_N,       OSSL_PKEY_PARAM_RSA_E,
                               OSSL_PKEY_PARAM_RSA_D,       OSSL_PKEY_PARAM_RSA_COEFFICIENT1,
                               OSSL_PKEY_PARAM_RSA_FACTOR1, OSSL_PKEY_PARAM_RSA_FACTOR2};
        for (const char *name : names) {
            Wiped v(bnParam(key, name).value_or(""));
            sshwire::putMpint(priv.s, v.s);
        }
        break;
    }
    default:
        break;
    }
    sshwire::putString(priv.s, m_impl->comment);
    const CipherSpec *spec = passphrase.empty() ? nullptr : cipherOf("aes256-ctr");
    for (char pad = 1; priv.s.size() % (spec ? spec->blockSize : 8) != 0; ++pad)
        priv.s.push_back(pad);

    std::string kdfOptions;
    if (spec) {
        // As ssh-keygen: 16 bytes of salt, 16 rounds, aes256-ctr.
        std::string salt(16, '\0');
        RAND_bytes(reinterpret_cast<unsigned char *>(salt.data()), static_cast<int>(salt.size()));
        sshwire::putString(kdfOptions, salt);
        sshwire::putU32(kdfOptions, 16);
        const auto keyIv = bcryptPbkdf(passphrase, salt, spec->keyLen + spec->ivLen, 16);
        const Wiped kiv(keyIv.value_or(""));
        if (!keyIv || !runCipher(*spec, kiv.s, priv.s, true))
            return {};
    }

    Wiped blob{std::string(kAuthMagic)};
    sshwire::putString(blob.s, spec ? "aes256-ctr" : "none");
    sshwire::putString(blob.s, spec ? "bcrypt" : "none");
    sshwire::putString(blob.s, kdfOptions);
    sshwire::putU32(blob.s, 1);
    sshwire::putString(blob.s, pub.wireBlob());
    sshwire::putString(blob.s, priv.s);

    Wiped b64(base64Encode(blob.s));
    std::string out(kBegin);
    out.push_back('\n');
    for (std::size_t i = 0; i < b64.s.size(); i += 70)
        out.append(b64.s, i, 70).push_back('\n');
    out.append(kEnd).push_back('\n');
    return out;
}

bool SshPrivateKey::writeOpenSshFile(const std::filesystem::path &path, std::string *error, bool overwrite,
                                     std::string_view passphrase) const
{
    const Wiped text(toOpenSsh(passphrase));
    if (text.s.empty()) {
        if (error)
            *error = ossl::error("cannot encrypt the private key");
        return false;
    }
    return writePrivateFile(path, text.s, error, overwrite);
}

} // namespace mltrl
