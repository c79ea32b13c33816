// SSHSIG: parseArmor, parseBlob and verify of a fixed message. The input is tried both as
// armored text and as a raw blob.
#include "FuzzCheck.h"
#include "core/crypto/SshSig.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view kMessage = "gate-review payload\n"; // tests/data/sshsig/tv_msg.txt
constexpr std::string_view kNamespace = "mltrl-review@example.org";

void checkBlob(std::string_view blob)
{
    std::string error;
    const auto sig = mltrl::sshsig::parseBlob(blob, &error);
    FUZZ_CHECK(sig.has_value() == error.empty());
    if (!sig)
        return;
    FUZZ_CHECK(sig->hashAlgorithm == "sha512" || sig->hashAlgorithm == "sha256");
    // Any parsed blob wraps and verifies without crashing; the key is always reported.
    const mltrl::SshSigVerification v = mltrl::sshsig::verify(kMessage, mltrl::sshsig::armor(blob), kNamespace);
    FUZZ_CHECK(v.publicKey && *v.publicKey == sig->publicKey);
    FUZZ_CHECK(v.fingerprint == sig->publicKey.fingerprint());
    // The key's canonical blob parses back to the same key (any type: Ed25519, ECDSA, RSA, sk).
    const auto again = mltrl::SshPublicKey::fromWireBlob(sig->publicKey.wireBlob());
    FUZZ_CHECK(again && *again == sig->publicKey);
    FUZZ_CHECK(!v.ok || sig->nameSpace == kNamespace);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);

    std::string error;
    const auto blob = mltrl::sshsig::parseArmor(text, &error);
    FUZZ_CHECK(blob.has_value() == error.empty());
    if (blob) {
        // armor() is the inverse of parseArmor.
        const auto again = mltrl::sshsig::parseArmor(mltrl::sshsig::armor(*blob));
        FUZZ_CHECK(again && *again == *blob);
        checkBlob(*blob);
    }
    const mltrl::SshSigVerification v = mltrl::sshsig::verify(kMessage, text, kNamespace);
    FUZZ_CHECK(v.ok == v.error.empty());
    FUZZ_CHECK(!v.ok || (blob && v.publicKey));

    checkBlob(text);
    return 0;
}
