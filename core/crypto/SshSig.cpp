#include "core/crypto/SshSig.h"

#include "core/crypto/Base64.h"
#include "core/crypto/Sha256.h"
#include "core/crypto/SshWire.h"

#include <cstring>

namespace mltrl::sshsig {
namespace {

constexpr std::string_view kMagic = "SSHSIG";
constexpr std::uint32_t kVersion = 1;
constexpr std::string_view kBegin = "-----BEGIN SSH SIGNATURE-----\n";
constexpr std::string_view kEnd = "-----END SSH SIGNATURE-----";
constexpr std::size_t kArmorColumns = 70;

template <typename T>
std::optional<T> failed(std::string *error, std::string what)
{
    if (error)
        *error = std::move(what);
    return std::nullopt;
}

std::string_view asChars(std::span<const std::uint8_t> bytes)
{
    return {reinterpret_cast<const char *>(bytes.data()), bytes.size()};
}

bool isSupportedHash(std::string_view name)
{
    return name == "sha512" || name == "sha256";
}

/// H(message) as raw bytes for a supported hash name.
std::string digest(std::string_view hashAlgorithm, std::string_view message)
{
    if (hashAlgorithm == "sha256") {
        const auto d = sha256(message);
        return std::string(asChars(d));
    }
    const auto d = sha512(message);
    return std::string(asChars(d));
}

/// The bytes the Ed25519 signature covers. The reserved field is always empty here, as in
/// OpenSSH's verifier, whatever the blob carries.
std::string signedDigest(std::string_view nameSpace, std::string_view hashAlgorithm, std::string_view messageDigest)
{
    std::string out(kMagic);
    sshwire::putString(out, nameSpace);
    sshwire::putString(out, {});
    sshwire::putString(out, hashAlgorithm);
    sshwire::putString(out, messageDigest);
    return out;
}

} // namespace

std::string armor(std::string_view blob)
{
    const std::string b64 = base64Encode(blob);
    std::string out(kBegin);
    for (std::size_t i = 0; i < b64.size(); i += kArmorColumns)
        out.append(b64, i, kArmorColumns).push_back('\n');
    out.append(kEnd).push_back('\n');
    return out;
}

std::string signedData(std::string_view message, std::string_view nameSpace, std::string_view hashAlgorithm)
{
    return signedDigest(nameSpace, hashAlgorithm, digest(hashAlgorithm, message));
}

std::optional<std::string> signWith(std::string_view message, const SshPublicKey &publicKey, const SshRawSigner &signer,
                                    std::string_view nameSpace, std::string_view hashAlgorithm, std::string *error)
{
    if (nameSpace.empty())
        return failed<std::string>(error, "the signature namespace must not be empty");
    if (!isSupportedHash(hashAlgorithm))
        return failed<std::string>(error, "unsupported hash algorithm \"" + std::string(hashAlgorithm) +
                                              "\" (use sha512 or sha256)");
    const std::string toSign = signedData(message, nameSpace, hashAlgorithm);
    const auto sigField = signer(toSign, error);
    if (!sigField)
        return std::nullopt;
    const SshSignatureCheck check = publicKey.verify(toSign, *sigField);
    if (!check.ok)
        return failed<std::string>(error, "the key made a signature that does not verify: " + check.error);

    std::string blob(kMagic);
    sshwire::putU32(blob, kVersion);
    sshwire::putString(blob, publicKey.wireBlob());
    sshwire::putString(blob, nameSpace);
    sshwire::putString(blob, {});
    sshwire::putString(blob, hashAlgorithm);
    sshwire::putString(blob, *sigField);
    return armor(blob);
}

std::optional<std::string> sign(std::string_view message, const Ed25519Key &key, std::string_view nameSpace,
                                std::string_view hashAlgorithm, std::string *error)
{
    const SshRawSigner signer = [&key](std::string_view data, std::string *err) -> std::optional<std::string> {
        const auto signature = key.sign(data, err);
        if (!signature)
            return std::nullopt;
        std::string field;
        sshwire::putString(field, "ssh-ed25519");
        sshwire::putString(field, asChars(*signature));
        return field;
    };
    return signWith(message, SshPublicKey::fromEd25519(key.publicKey()), signer, nameSpace, hashAlgorithm, error);
}

std::optional<std::string> parseArmor(std::string_view text, std::string *error)
{
    if (text.size() > kMaxArmorBytes)
        return failed<std::string>(error, "signature file too large");
    // Accept CRLF by reading it as LF; a lone CR is left in place and rejected below.
    std::string normalised;
    normalised.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
            continue;
        normalised.push_back(text[i]);
    }
    std::string_view s = normalised;
    if (!s.starts_with(kBegin))
        return failed<std::string>(error, "not an SSH signature (missing \"-----BEGIN SSH SIGNATURE-----\" line)");
    s.remove_prefix(kBegin.size());

    const std::string endLine = "\n" + std::string(kEnd);
    std::size_t end = s.find(endLine);
    if (end == std::string_view::npos)
        return failed<std::string>(error, "truncated SSH signature (missing \"-----END SSH SIGNATURE-----\" line)");
    const std::string_view body = s.substr(0, end);
    const std::string_view after = s.substr(end + endLine.size());
    for (char c : after) {
        if (c != '\n' && c != ' ' && c != '\t')
            return failed<std::string>(error, "unexpected text after \"-----END SSH SIGNATURE-----\"");
    }

    std::string b64;
    b64.reserve(body.size());
    for (char c : body) {
        if (c != '\n')
            b64.push_back(c);
    }
    if (b64.empty())
        return failed<std::string>(error, "empty SSH signature");
    auto blob = base64Decode(b64);
    if (!blob)
        return failed<std::string>(error, "the SSH signature is not valid base64");
    return blob;
}

std::optional<SshSignature> parseBlob(std::string_view blob, std::string *error)
{
    using R = SshSignature;
    if (blob.size() > kMaxBlobBytes)
        return failed<R>(error, "signature too large");
    sshwire::Reader r(blob);
    std::string_view magic;
    if (!r.readBytes(kMagic.size(), magic) || magic != kMagic)
        return failed<R>(error, "not an SSHSIG signature (bad magic)");
    std::uint32_t version = 0;
    if (!r.readU32(version))
        return failed<R>(error, "truncated signature (version)");
    if (version != kVersion)
        return failed<R>(error, "unsupported SSHSIG version " + std::to_string(version));

    std::string_view publicKey, nameSpace, reserved, hashAlgorithm, signatureField;
    if (!r.readString(publicKey))
        return failed<R>(error, "truncated signature (public key)");
    if (!r.readString(nameSpace))
        return failed<R>(error, "truncated signature (namespace)");
    if (!r.readString(reserved))
        return failed<R>(error, "truncated signature (reserved field)");
    if (!r.readString(hashAlgorithm))
        return failed<R>(error, "truncated signature (hash algorithm)");
    if (!r.readString(signatureField))
        return failed<R>(error, "truncated signature (signature)");
    if (!r.atEnd())
        return failed<R>(error, "trailing bytes after the signature");

    std::string problem;
    auto key = SshPublicKey::fromWireBlob(publicKey, &problem);
    if (!key)
        return failed<R>(error, problem);
    if (nameSpace.empty())
        return failed<R>(error, "empty signature namespace");
    if (nameSpace.find('\0') != std::string_view::npos) // OpenSSH reads it as a C string
        return failed<R>(error, "NUL byte in the signature namespace");
    if (!isSupportedHash(hashAlgorithm))
        return failed<R>(error, "unsupported hash algorithm \"" + std::string(hashAlgorithm.substr(0, 64)) + "\"");

    SshSignature sig;
    sig.publicKey = std::move(*key);
    sig.nameSpace = std::string(nameSpace);
    sig.reserved = std::string(reserved);
    sig.hashAlgorithm = std::string(hashAlgorithm);
    sig.signature = std::string(signatureField);
    return sig;
}

SshSigVerification verify(std::string_view message, std::string_view armored, std::string_view expectedNamespace)
{
    SshSigVerification result;
    const auto blob = parseArmor(armored, &result.error);
    if (!blob)
        return result;
    const auto sig = parseBlob(*blob, &result.error);
    if (!sig)
        return result;
    result.publicKey = sig->publicKey;
    result.fingerprint = sig->publicKey.fingerprint();
    result.nameSpace = sig->nameSpace;
    result.hashAlgorithm = sig->hashAlgorithm;

    if (sig->nameSpace != expectedNamespace) {
        result.error = "signature namespace \"" + sig->nameSpace.substr(0, 128) + "\" is not the expected \"" +
                       std::string(expectedNamespace) + "\"";
        return result;
    }
    const SshSignatureCheck check =
        sig->publicKey.verify(signedData(message, sig->nameSpace, sig->hashAlgorithm), sig->signature);
    result.signatureAlgorithm = check.algorithm;
    result.sk = check.sk;
    if (!check.ok) {
        result.error = "the signature does not verify: " + check.error;
        return result;
    }
    result.ok = true;
    return result;
}

} // namespace mltrl::sshsig
