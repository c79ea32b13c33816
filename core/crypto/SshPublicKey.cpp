#include "core/crypto/SshPublicKey.h"

#include "core/crypto/Base64.h"
#include "core/crypto/Ed25519Key.h"
#include "core/crypto/OpenSslUtil.h"
#include "core/crypto/Sha256.h"
#include "core/crypto/SshWire.h"

#include <openssl/ec.h>
#include <openssl/objects.h>

#include <array>

namespace mltrl {
namespace {

constexpr std::string_view kEd25519 = "ssh-ed25519";
constexpr std::string_view kSkEd25519 = "sk-ssh-ed25519@openssh.com";
constexpr std::string_view kEcdsa256 = "ecdsa-sha2-nistp256";
constexpr std::string_view kEcdsa384 = "ecdsa-sha2-nistp384";
constexpr std::string_view kEcdsa521 = "ecdsa-sha2-nistp521";
constexpr std::string_view kSkEcdsa = "sk-ecdsa-sha2-nistp256@openssh.com";
constexpr std::string_view kWebauthnSkEcdsa = "webauthn-sk-ecdsa-sha2-nistp256@openssh.com";
constexpr std::string_view kRsa = "ssh-rsa";
constexpr int kMinRsaParseBits = 1024; // OpenSSH's SSH_RSA_MINIMUM_MODULUS_SIZE
constexpr int kMaxRsaBits = 16384;     // OpenSSH's SSH_RSA_MAXIMUM_MODULUS_SIZE

template <typename T>
std::optional<T> failed(std::string *error, std::string what)
{
    if (error)
        *error = std::move(what);
    return std::nullopt;
}

std::string clip(std::string_view s)
{
    return std::string(s.substr(0, 64));
}

struct Curve {
    const char *sshName; ///< "nistp256"
    const char *group;   ///< OpenSSL group name
    std::size_t fieldBytes;
    const EVP_MD *(*md)();
};

const Curve *curveOf(SshKeyType t)
{
    static const Curve p256{"nistp256", "prime256v1", 32, EVP_sha256};
    static const Curve p384{"nistp384", "secp384r1", 48, EVP_sha384};
    static const Curve p521{"nistp521", "secp521r1", 66, EVP_sha512};
    switch (t) {
    case SshKeyType::EcdsaP256:
    case SshKeyType::SkEcdsaP256:
        return &p256;
    case SshKeyType::EcdsaP384:
        return &p384;
    case SshKeyType::EcdsaP521:
        return &p521;
    default:
        return nullptr;
    }
}

std::optional<SshKeyType> typeOfName(std::string_view name)
{
    if (name == kEd25519)
        return SshKeyType::Ed25519;
    if (name == kSkEd25519)
        return SshKeyType::SkEd25519;
    if (name == kEcdsa256)
        return SshKeyType::EcdsaP256;
    if (name == kEcdsa384)
        return SshKeyType::EcdsaP384;
    if (name == kEcdsa521)
        return SshKeyType::EcdsaP521;
    if (name == kSkEcdsa)
        return SshKeyType::SkEcdsaP256;
    if (name == kRsa)
        return SshKeyType::Rsa;
    return std::nullopt;
}

std::string supportedList()
{
    return "ssh-ed25519, sk-ssh-ed25519@openssh.com, ecdsa-sha2-nistp256/384/521, "
           "sk-ecdsa-sha2-nistp256@openssh.com, ssh-rsa";
}

std::string digest(const EVP_MD *md, std::string_view data)
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), out.data(), &len, md, nullptr) != 1)
        return {};
    return std::string(reinterpret_cast<const char *>(out.data()), len);
}

ossl::Pkey ecKey(const Curve &curve, std::string_view point)
{
    ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    ossl::ParamBld bld(OSSL_PARAM_BLD_new());
    if (!ctx || !bld || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, curve.group, 0) != 1 ||
        OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) != 1)
        return nullptr;
    ossl::Params params(OSSL_PARAM_BLD_to_param(bld.get()));
    EVP_PKEY *raw = nullptr;
    if (!params || EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return nullptr;
    ossl::Pkey key(raw);
    ossl::PkeyCtx check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
    if (!check || EVP_PKEY_public_check(check.get()) != 1)
        return nullptr;
    return key;
}

ossl::Pkey rsaKey(std::string_view n, std::string_view e)
{
    ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    ossl::ParamBld bld(OSSL_PARAM_BLD_new());
    ossl::Bn bn = ossl::bn(n), be = ossl::bn(e);
    if (!ctx || !bld || !bn || !be || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, be.get()) != 1)
        return nullptr;
    ossl::Params params(OSSL_PARAM_BLD_to_param(bld.get()));
    EVP_PKEY *raw = nullptr;
    if (!params || EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return nullptr;
    return ossl::Pkey(raw);
}

ossl::Pkey ed25519Key(std::string_view pk)
{
    return ossl::Pkey(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, ossl::u8(pk), pk.size()));
}

bool ed25519Verify(std::string_view pk, std::string_view message, std::string_view sig)
{
    if (sig.size() != 64)
        return false;
    ossl::Pkey key = ed25519Key(pk);
    ossl::MdCtx ctx(EVP_MD_CTX_new());
    const bool ok = key && ctx &&
                    EVP_DigestVerifyInit_ex(ctx.get(), nullptr, nullptr, nullptr, nullptr, key.get(), nullptr) == 1 &&
                    EVP_DigestVerify(ctx.get(), ossl::u8(sig), sig.size(), ossl::u8(message), message.size()) == 1;
    ERR_clear_error();
    return ok;
}

/// ECDSA over a precomputed digest; (r, s) as mpint magnitudes.
bool ecdsaVerifyDigest(const Curve &curve, std::string_view point, std::string_view hash, std::string_view r,
                       std::string_view s)
{
    ossl::Pkey key = ecKey(curve, point);
    ECDSA_SIG *sig = ECDSA_SIG_new();
    ossl::Bn br = ossl::bn(r), bs = ossl::bn(s);
    bool ok = false;
    if (key && sig && br && bs && ECDSA_SIG_set0(sig, br.get(), bs.get()) == 1) {
        br.release();
        bs.release();
        unsigned char *der = nullptr;
        const int derLen = i2d_ECDSA_SIG(sig, &der);
        ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
        ok = derLen > 0 && ctx && EVP_PKEY_verify_init(ctx.get()) == 1 &&
             EVP_PKEY_verify(ctx.get(), der, static_cast<std::size_t>(derLen), ossl::u8(hash), hash.size()) == 1;
        OPENSSL_free(der);
    }
    ECDSA_SIG_free(sig);
    ERR_clear_error();
    return ok;
}

/// The ECDSA signature field: string(mpint r || mpint s), nothing after.
bool readEcdsaSig(std::string_view field, std::string_view &r, std::string_view &s)
{
    sshwire::Reader inner(field);
    return inner.readMpint(r) && inner.readMpint(s) && inner.atEnd();
}

std::string base64Url(std::string_view data)
{
    std::string b = base64Encode(data, Base64Padding::Unpadded);
    for (char &c : b) {
        if (c == '+')
            c = '-';
        else if (c == '/')
            c = '_';
    }
    return b;
}

} // namespace

std::string_view toString(SshKeyType type)
{
    switch (type) {
    case SshKeyType::Ed25519:
        return kEd25519;
    case SshKeyType::SkEd25519:
        return kSkEd25519;
    case SshKeyType::EcdsaP256:
        return kEcdsa256;
    case SshKeyType::EcdsaP384:
        return kEcdsa384;
    case SshKeyType::EcdsaP521:
        return kEcdsa521;
    case SshKeyType::SkEcdsaP256:
        return kSkEcdsa;
    case SshKeyType::Rsa:
        return kRsa;
    }
    return kEd25519;
}

bool isSupportedKeyType(std::string_view name)
{
    return typeOfName(name).has_value();
}

std::string sshBlobTypeName(std::string_view blob)
{
    std::string_view type;
    if (!sshwire::Reader(blob).readString(type))
        return {};
    return std::string(type);
}

std::optional<SshPublicKey> SshPublicKey::fromWireBlob(std::string_view blob, std::string *error)
{
    using R = SshPublicKey;
    sshwire::Reader r(blob);
    std::string_view typeName;
    if (!r.readString(typeName))
        return failed<R>(error, "truncated public key");
    const auto type = typeOfName(typeName);
    if (!type) {
        if (typeName.find("-cert-v01@openssh.com") != std::string_view::npos)
            return failed<R>(error, "key type \"" + clip(typeName) +
                                        "\" is an OpenSSH certificate; certificates are not supported");
        return failed<R>(error, "unsupported key type \"" + clip(typeName) + "\" (supported: " + supportedList() + ")");
    }
    SshPublicKey key;
    key.m_type = *type;
    const std::string what(typeName);
    switch (*type) {
    case SshKeyType::Ed25519:
    case SshKeyType::SkEd25519: {
        std::string_view pk;
        if (!r.readString(pk) || pk.size() != 32)
            return failed<R>(error, "malformed " + what + " key");
        key.m_point = std::string(pk);
        sshwire::putString(key.m_blob, typeName);
        sshwire::putString(key.m_blob, pk);
        break;
    }
    case SshKeyType::EcdsaP256:
    case SshKeyType::EcdsaP384:
    case SshKeyType::EcdsaP521:
    case SshKeyType::SkEcdsaP256: {
        const Curve &curve = *curveOf(*type);
        std::string_view curveName, point;
        if (!r.readString(curveName) || !r.readString(point))
            return failed<R>(error, "malformed " + what + " key");
        if (curveName != curve.sshName)
            return failed<R>(error, "the " + what + " key names curve \"" + clip(curveName) + "\"");
        // Only uncompressed points, as OpenSSH reads them.
        if (point.size() != 1 + 2 * curve.fieldBytes || point.front() != '\x04' || !ecKey(curve, point)) {
            ERR_clear_error();
            return failed<R>(error, "the " + what + " key is not a valid point on " + curve.sshName);
        }
        key.m_point = std::string(point);
        sshwire::putString(key.m_blob, typeName);
        sshwire::putString(key.m_blob, curveName);
        sshwire::putString(key.m_blob, point);
        break;
    }
    case SshKeyType::Rsa: {
        std::string_view e, n;
        if (!r.readMpint(e) || !r.readMpint(n))
            return failed<R>(error, "malformed ssh-rsa key");
        key.m_rsaE = std::string(e);
        key.m_rsaN = std::string(n);
        const int bits = key.bits();
        if (bits < kMinRsaParseBits || bits > kMaxRsaBits)
            return failed<R>(error, "ssh-rsa key of " + std::to_string(bits) + " bits (OpenSSH reads 1024 to 16384)");
        if (e.empty() || (static_cast<unsigned char>(e.back()) & 1) == 0)
            return failed<R>(error, "malformed ssh-rsa key (bad public exponent)");
        sshwire::putString(key.m_blob, typeName);
        sshwire::putMpint(key.m_blob, e);
        sshwire::putMpint(key.m_blob, n);
        break;
    }
    }
    if (key.isSecurityKey()) {
        std::string_view app;
        if (!r.readString(app))
            return failed<R>(error, "malformed " + what + " key (no application)");
        if (app.find('\0') != std::string_view::npos)
            return failed<R>(error, "malformed " + what + " key (NUL in the application)");
        key.m_application = std::string(app);
        sshwire::putString(key.m_blob, app);
    }
    if (!r.atEnd())
        return failed<R>(error, "trailing bytes after the " + what + " key");
    return key;
}

std::optional<SshPublicKey> SshPublicKey::fromOpenSsh(std::string_view line, std::string *error, std::string *comment)
{
    using R = SshPublicKey;
    const sshwire::KeyLine fields = sshwire::splitKeyLine(line);
    const std::string_view type = fields.type;
    const std::string_view b64 = fields.base64;
    if (type.empty() || b64.empty())
        return failed<R>(error, "not an OpenSSH public key (expected \"<type> AAAA…\")");
    const auto blob = base64Decode(b64);
    if (!blob) {
        if (!typeOfName(type))
            return failed<R>(error, "unsupported key type \"" + clip(type) + "\" (supported: " + supportedList() + ")");
        return failed<R>(error, "the " + clip(type) + " key is not valid base64");
    }
    const std::string blobType = sshBlobTypeName(*blob);
    if (blobType != type && typeOfName(type))
        return failed<R>(error, "the key text says \"" + clip(type) + "\" but its blob is \"" + clip(blobType) + "\"");
    auto key = fromWireBlob(*blob, error);
    if (!key)
        return std::nullopt;
    if (blobType != type)
        return failed<R>(error, "the key text says \"" + clip(type) + "\" but its blob is \"" + clip(blobType) + "\"");
    if (comment)
        *comment = std::string(fields.comment);
    return key;
}

SshPublicKey SshPublicKey::fromEd25519(const Ed25519PublicKey &key)
{
    SshPublicKey out;
    out.m_type = SshKeyType::Ed25519;
    out.m_point.assign(reinterpret_cast<const char *>(key.bytes.data()), key.bytes.size());
    out.m_blob = key.wireBlob();
    return out;
}

std::string_view SshPublicKey::typeName() const
{
    return toString(m_type);
}

std::string_view SshPublicKey::shortName() const
{
    switch (m_type) {
    case SshKeyType::Ed25519:
        return "ED25519";
    case SshKeyType::SkEd25519:
        return "ED25519-SK";
    case SshKeyType::EcdsaP256:
    case SshKeyType::EcdsaP384:
    case SshKeyType::EcdsaP521:
        return "ECDSA";
    case SshKeyType::SkEcdsaP256:
        return "ECDSA-SK";
    case SshKeyType::Rsa:
        return "RSA";
    }
    return "";
}

int SshPublicKey::bits() const
{
    switch (m_type) {
    case SshKeyType::Ed25519:
    case SshKeyType::SkEd25519:
    case SshKeyType::EcdsaP256:
    case SshKeyType::SkEcdsaP256:
        return 256;
    case SshKeyType::EcdsaP384:
        return 384;
    case SshKeyType::EcdsaP521:
        return 521;
    case SshKeyType::Rsa: {
        if (m_rsaN.empty())
            return 0;
        int top = 0;
        for (unsigned v = static_cast<unsigned char>(m_rsaN.front()); v != 0; v >>= 1)
            ++top;
        return static_cast<int>((m_rsaN.size() - 1) * 8) + top;
    }
    }
    return 0;
}

std::string SshPublicKey::toOpenSsh(std::string_view comment) const
{
    std::string out(typeName());
    out += ' ';
    out += base64Encode(m_blob);
    if (!comment.empty()) {
        out += ' ';
        out += comment;
    }
    return out;
}

std::string SshPublicKey::fingerprint() const
{
    const Sha256Digest d = sha256(m_blob);
    return "SHA256:" +
           base64Encode(std::string_view(reinterpret_cast<const char *>(d.data()), d.size()), Base64Padding::Unpadded);
}

SshSignatureCheck SshPublicKey::verify(std::string_view data, std::string_view signatureBlob) const
{
    SshSignatureCheck out;
    auto bad = [&](std::string why) {
        out.error = std::move(why);
        return out;
    };
    sshwire::Reader r(signatureBlob);
    std::string_view alg;
    if (!r.readString(alg))
        return bad("truncated signature");
    out.algorithm = std::string(alg);
    const std::string what(typeName());

    switch (m_type) {
    case SshKeyType::Ed25519: {
        std::string_view sig;
        if (alg != kEd25519)
            return bad("a \"" + clip(alg) + "\" signature from an ssh-ed25519 key");
        if (!r.readString(sig) || !r.atEnd() || sig.size() > 64)
            return bad("malformed ssh-ed25519 signature");
        if (!ed25519Verify(m_point, data, sig))
            return bad("the ssh-ed25519 signature does not match");
        break;
    }
    case SshKeyType::SkEd25519: {
        std::string_view sig;
        SkSignatureInfo sk;
        if (alg != kSkEd25519)
            return bad("a \"" + clip(alg) + "\" signature from an " + what + " key");
        if (!r.readString(sig) || !r.readU8(sk.flags) || !r.readU32(sk.counter) || !r.atEnd() || sig.size() > 64)
            return bad("malformed " + what + " signature");
        out.sk = sk;
        // PROTOCOL.u2f: the authenticator signs sha256(application) || flags || counter || sha256(data).
        std::string signedBytes = digest(EVP_sha256(), m_application);
        signedBytes.push_back(static_cast<char>(sk.flags));
        sshwire::putU32(signedBytes, sk.counter);
        signedBytes += digest(EVP_sha256(), data);
        if (!ed25519Verify(m_point, signedBytes, sig))
            return bad("the " + what + " signature does not match");
        break;
    }
    case SshKeyType::EcdsaP256:
    case SshKeyType::EcdsaP384:
    case SshKeyType::EcdsaP521: {
        const Curve &curve = *curveOf(m_type);
        std::string_view field, sr, ss;
        if (alg != typeName())
            return bad("a \"" + clip(alg) + "\" signature from an " + what + " key");
        if (!r.readString(field) || !r.atEnd() || !readEcdsaSig(field, sr, ss))
            return bad("malformed " + what + " signature");
        if (!ecdsaVerifyDigest(curve, m_point, digest(curve.md(), data), sr, ss))
            return bad("the " + what + " signature does not match");
        break;
    }
    case SshKeyType::SkEcdsaP256: {
        const Curve &curve = *curveOf(m_type);
        SkSignatureInfo sk;
        sk.webauthn = alg == kWebauthnSkEcdsa;
        if (alg != kSkEcdsa && !sk.webauthn)
            return bad("a \"" + clip(alg) + "\" signature from an " + what + " key");
        std::string_view field, sr, ss, origin, clientData, extensions;
        if (!r.readString(field) || !r.readU8(sk.flags) || !r.readU32(sk.counter))
            return bad("malformed " + std::string(alg) + " signature");
        if (sk.webauthn && (!r.readString(origin) || !r.readString(clientData) || !r.readString(extensions)))
            return bad("malformed " + std::string(alg) + " signature");
        if (!r.atEnd() || !readEcdsaSig(field, sr, ss))
            return bad("malformed " + std::string(alg) + " signature");
        if (origin.find('\0') != std::string_view::npos)
            return bad("NUL in the WebAuthn origin");
        sk.origin = std::string(origin);
        out.sk = sk;
        std::string messageHash;
        if (sk.webauthn) {
            // The authenticator signed clientData, which must start with the canonical preamble
            // carrying base64url(data) as the challenge (OpenSSH's webauthn_check_prepare_hash).
            if (origin.find('"') != std::string_view::npos || (sk.flags & 0x40) != 0 ||
                ((sk.flags & 0x80) == 0) != extensions.empty())
                return bad("malformed WebAuthn signature (origin or flags)");
            const std::string preamble = "{\"type\":\"webauthn.get\",\"challenge\":\"" + base64Url(data) +
                                         "\",\"origin\":\"" + std::string(origin) + "\"";
            if (!clientData.starts_with(preamble))
                return bad("the WebAuthn clientData does not carry this data as its challenge");
            messageHash = digest(EVP_sha256(), clientData);
        } else {
            messageHash = digest(EVP_sha256(), data);
        }
        std::string signedBytes = digest(EVP_sha256(), m_application);
        signedBytes.push_back(static_cast<char>(sk.flags));
        sshwire::putU32(signedBytes, sk.counter);
        signedBytes += extensions;
        signedBytes += messageHash;
        if (!ecdsaVerifyDigest(curve, m_point, digest(EVP_sha256(), signedBytes), sr, ss))
            return bad("the " + std::string(alg) + " signature does not match");
        break;
    }
    case SshKeyType::Rsa: {
        const EVP_MD *md = nullptr;
        if (alg == "rsa-sha2-256")
            md = EVP_sha256();
        else if (alg == "rsa-sha2-512")
            md = EVP_sha512();
        else if (alg == "ssh-rsa")
            return bad("ssh-rsa (SHA-1) signatures are refused, as OpenSSH refuses them; sign with rsa-sha2-512");
        else
            return bad("unsupported RSA signature algorithm \"" + clip(alg) + "\"");
        if (bits() < kMinRsaBits)
            return bad("RSA key of " + std::to_string(bits()) + " bits is too small (at least " +
                       std::to_string(kMinRsaBits) + ")");
        std::string_view sig;
        if (!r.readString(sig) || !r.atEnd() || sig.empty())
            return bad("malformed " + std::string(alg) + " signature");
        if (sig.size() > m_rsaN.size())
            return bad("the " + std::string(alg) + " signature is longer than the modulus");
        // OpenSSH accepts a signature with its leading zero bytes left off.
        std::string padded(m_rsaN.size() - sig.size(), '\0');
        padded += sig;
        ossl::Pkey key = rsaKey(m_rsaN, m_rsaE);
        ossl::MdCtx ctx(EVP_MD_CTX_new());
        const bool ok = key && ctx &&
                        EVP_DigestVerifyInit_ex(ctx.get(), nullptr, EVP_MD_get0_name(md), nullptr, nullptr, key.get(),
                                                nullptr) == 1 &&
                        EVP_DigestVerify(ctx.get(), ossl::u8(padded), padded.size(), ossl::u8(data), data.size()) == 1;
        ERR_clear_error();
        if (!ok)
            return bad("the " + std::string(alg) + " signature does not match");
        break;
    }
    }
    out.ok = true;
    return out;
}

std::string canonicalPublicKey(std::string_view line)
{
    if (const auto key = SshPublicKey::fromOpenSsh(line))
        return key->toOpenSsh();
    while (!line.empty() &&
           (line.front() == ' ' || line.front() == '\t' || line.front() == '\n' || line.front() == '\r'))
        line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\n' || line.back() == '\r'))
        line.remove_suffix(1);
    return std::string(line);
}

} // namespace mltrl
