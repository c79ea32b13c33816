// allowed_signers: parse arbitrary text, then ask check() and findPrincipals() about every
// key it lists (any SSH key type) and about a fixed key, for a few namespaces and times.
#include "FuzzCheck.h"
#include "core/crypto/AllowedSigners.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

/// The test-vector key (tests/data/sshsig/tv_allowed_signers).
const mltrl::SshPublicKey &fixedKey()
{
    static const mltrl::SshPublicKey key = *mltrl::SshPublicKey::fromOpenSsh(
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4");
    return key;
}

void check(const mltrl::AllowedSigners &signers, std::string_view principal, const mltrl::SshPublicKey &key)
{
    const auto &entries = signers.entries();
    for (const std::string_view ns : {"mltrl-gate-review", "mltrl-review@example.org", ""}) {
        for (const std::int64_t t : {std::int64_t{0}, std::int64_t{1'700'000'000}, std::int64_t{4'102'444'800}}) {
            const mltrl::SignerCheck c = signers.check(principal, key, ns, t);
            FUZZ_CHECK((c.trust == mltrl::SignerTrust::Unknown) == (c.line == 0));
            if (c.line == 0)
                continue;
            // The deciding line is a listed entry (blank and comment lines are not entries).
            const auto e = std::find_if(entries.begin(), entries.end(),
                                        [&](const mltrl::AllowedSigner &s) { return s.line == c.line; });
            FUZZ_CHECK(e != entries.end());
            FUZZ_CHECK(!e->malformed && !e->certAuthority && e->key && *e->key == key);
            FUZZ_CHECK(mltrl::matchPatternList(principal, *e->principals) == 1);
            if (c.trust == mltrl::SignerTrust::Trusted)
                FUZZ_CHECK(!e->namespaces || mltrl::matchPatternList(ns, *e->namespaces) == 1);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    mltrl::Problems problems;
    const mltrl::AllowedSigners signers = mltrl::AllowedSigners::parse(text, problems);

    check(signers, "reviewer@example.org", fixedKey());
    for (const mltrl::AllowedSigner &e : signers.entries()) {
        FUZZ_CHECK(e.line >= 1);
        if (!e.key || !e.principals)
            continue;
        // The first pattern of the line, used literally as a principal.
        const std::string_view patterns = *e.principals;
        check(signers, patterns.substr(0, patterns.find(',')), *e.key);
        // find-principals answers with the principals of a line that lists the key.
        if (const auto found = signers.findPrincipals(*e.key, 1'700'000'000))
            FUZZ_CHECK(
                std::any_of(signers.entries().begin(), signers.entries().end(), [&](const mltrl::AllowedSigner &s) {
                    return !s.malformed && s.key && *s.key == *e.key && s.principals == *found;
                }));
    }

    // The pattern matcher on its own: first line is the text, the rest the patterns.
    const std::size_t nl = text.find('\n');
    if (nl != std::string_view::npos) {
        const int m = mltrl::matchPatternList(text.substr(0, nl), text.substr(nl + 1));
        FUZZ_CHECK(m >= -1 && m <= 1);
    }
    return 0;
}
