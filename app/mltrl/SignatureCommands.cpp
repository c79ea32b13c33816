// `mltrl signature verify | check-novalidate | find-principals`: SSHSIG checks with the flags,
// output and exit codes of `ssh-keygen -Y`, so scripts and people can use either tool (and
// tests/cli/test_signature.sh checks that they agree). Exit 0 success, 255 a signature or
// signer that does not check out, 1 a usage error, as ssh-keygen.
#include "Commands.h"

#include "Output.h"

#include "core/common/Rfc3339.h"
#include "core/crypto/AllowedSigners.h"
#include "core/crypto/SshSig.h"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace mltrl::cli {

namespace {

constexpr int kFailed = 255; // ssh-keygen's exit(-1)
constexpr int kUsage = 1;    // ssh-keygen's usage exit

struct SignatureArgs {
    std::string op;
    std::optional<std::string> allowedSigners, principal, nameSpace, signatureFile;
    std::int64_t verifyTime = unixNow();
    bool printPubkey = false;
};

std::optional<std::string> readFile(const std::string &path, std::string &why)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        why = std::strerror(errno);
        return std::nullopt;
    }
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string readStdin()
{
    std::ios::sync_with_stdio(false);
    std::cin >> std::noskipws;
    std::string data((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    return data;
}

/// A line of ssh-keygen's stderr wording, terminal-safe.
void say(std::string_view text)
{
    cli::err("{}\n", text);
}

/// The key, namespace etc. of the signature file, or nullopt (reason printed).
std::optional<SshSignature> readSignature(const std::string &file, std::string &armored)
{
    std::string why;
    const auto text = readFile(file, why);
    if (!text) {
        say(fmt::format("Couldn't read signature file: {}", why));
        return std::nullopt;
    }
    armored = *text;
    const auto blob = sshsig::parseArmor(armored, &why);
    const auto sig = blob ? sshsig::parseBlob(*blob, &why) : std::nullopt;
    if (!sig)
        say(fmt::format("{}: {}", file, why));
    return sig;
}

/// The allowed_signers file; problems of its lines go to stderr (as ssh-keygen logs them).
std::optional<AllowedSigners> loadAllowed(const std::string &file)
{
    std::ifstream probe(file);
    if (!probe) {
        say(fmt::format("Unable to open allowed keys file \"{}\": {}", file, std::strerror(errno)));
        return std::nullopt;
    }
    Problems problems;
    auto signers = AllowedSigners::load(file, problems);
    for (const Problem &p : problems.items())
        say(p.toString());
    return signers;
}

void reportSecurityKey(const SshSigVerification &v)
{
    if (!v.sk)
        return;
    say(fmt::format("security key signature: user presence {}, user verification {}, counter {}{}",
                    v.sk->userPresent() ? "confirmed" : "NOT confirmed", v.sk->userVerified() ? "yes" : "no",
                    v.sk->counter, v.sk->webauthn ? fmt::format(", WebAuthn origin \"{}\"", v.sk->origin) : ""));
}

int verify(const SignatureArgs &a, bool validate)
{
    const char *op = validate ? "verify" : "check-novalidate";
    if (!a.signatureFile) {
        say(fmt::format("Too few arguments for {}: missing signature file", op));
        return kUsage;
    }
    if (validate && !a.allowedSigners) {
        say(fmt::format("Too few arguments for {}: missing allowed keys file", op));
        return kUsage;
    }
    if (validate && !a.principal) {
        say(fmt::format("Too few arguments for {}: missing principal identity", op));
        return kUsage;
    }
    if (!a.nameSpace) {
        say(fmt::format("Too few arguments for {}: missing namespace", op));
        return kUsage;
    }
    const std::string data = readStdin();
    auto fail = [] {
        out("Could not verify signature.\n");
        return kFailed;
    };
    std::string armored;
    if (!readSignature(*a.signatureFile, armored))
        return fail();
    const SshSigVerification v = sshsig::verify(data, armored, *a.nameSpace);
    if (!v.ok) {
        say(v.error);
        return fail();
    }
    reportSecurityKey(v);
    if (validate) {
        const auto signers = loadAllowed(*a.allowedSigners);
        if (!signers)
            return fail();
        const SignerCheck check = signers->check(*a.principal, *v.publicKey, *a.nameSpace, a.verifyTime);
        if (check.trust != SignerTrust::Trusted) {
            for (const AllowedSigner &e : signers->entries())
                if (e.certAuthority && e.principals && matchPatternList(*a.principal, *e.principals) == 1)
                    say(fmt::format("{}:{}: cert-authority lines need an OpenSSH certificate, which mltrl does not "
                                    "support; this line was not used",
                                    *a.allowedSigners, e.line));
            say(check.reason);
            return fail();
        }
        out("Good \"{}\" signature for {} with {} key {}\n", *a.nameSpace, *a.principal, v.publicKey->shortName(),
            v.fingerprint);
    } else {
        out("Good \"{}\" signature with {} key {}\n", *a.nameSpace, v.publicKey->shortName(), v.fingerprint);
    }
    if (a.printPubkey)
        out("{}\n", v.publicKey->toOpenSsh());
    return 0;
}

int findPrincipals(const SignatureArgs &a)
{
    if (!a.signatureFile) {
        say("Too few arguments for find-principals: missing signature file");
        return kUsage;
    }
    if (!a.allowedSigners) {
        say("Too few arguments for find-principals: missing allowed keys file");
        return kUsage;
    }
    auto none = [] {
        say("No principal matched.");
        return kFailed;
    };
    std::string armored;
    const auto sig = readSignature(*a.signatureFile, armored);
    if (!sig)
        return none();
    const auto signers = loadAllowed(*a.allowedSigners);
    if (!signers)
        return none();
    const auto principals = signers->findPrincipals(sig->publicKey, a.verifyTime);
    if (!principals)
        return none();
    std::string_view rest = *principals;
    while (!rest.empty()) {
        const std::size_t comma = std::min(rest.find(','), rest.size());
        if (comma == 0)
            break; // ssh-keygen stops at an empty entry
        out("{}\n", rest.substr(0, comma));
        rest.remove_prefix(std::min(comma + 1, rest.size()));
    }
    return 0;
}

} // namespace

int runSignature(const CommandLine &cl)
{
    SignatureArgs a;
    try {
        cl.expect({}, {"-f", "-I", "-n", "-s", "-O"}, 1, 1);
    } catch (const UsageError &e) {
        say(fmt::format(
            "mltrl signature: {}\nusage: mltrl signature verify -f allowed_signers -I principal -n namespace "
            "-s file.sig [-O verify-time=TIME] [-O print-pubkey] < data\n"
            "       mltrl signature check-novalidate -n namespace -s file.sig < data\n"
            "       mltrl signature find-principals -f allowed_signers -s file.sig",
            e.message));
        return kUsage;
    }
    a.op = cl.positional()[0];
    a.allowedSigners = cl.value("-f");
    a.principal = cl.value("-I");
    a.nameSpace = cl.value("-n");
    a.signatureFile = cl.value("-s");
    for (const std::string &opt : cl.values("-O")) {
        if (opt.starts_with("verify-time=")) {
            const auto t = parseSshTime(opt.substr(12));
            if (!t) {
                say(fmt::format("Invalid \"verify-time\" option \"{}\"", opt.substr(12)));
                return kUsage;
            }
            a.verifyTime = *t;
        } else if (opt == "print-pubkey") {
            a.printPubkey = true;
        } else if (opt.starts_with("hashalg=")) {
            continue; // a signing option ssh-keygen also ignores when verifying
        } else {
            say(fmt::format("Invalid option \"{}\"", opt));
            return kUsage;
        }
    }
    if (a.op == "verify")
        return verify(a, true);
    if (a.op == "check-novalidate")
        return verify(a, false);
    if (a.op == "find-principals")
        return findPrincipals(a);
    say(fmt::format("mltrl signature: unknown operation \"{}\" (verify, check-novalidate or find-principals)", a.op));
    return kUsage;
}

} // namespace mltrl::cli
