#include "core/crypto/AllowedSigners.h"

#include "core/common/Rfc3339.h"
#include "core/crypto/Base64.h"
#include "core/crypto/SshWire.h"

#include <cctype>
#include <fstream>

namespace mltrl {
namespace {

constexpr std::size_t kMaxFileBytes = 16u << 20;

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

void skipBlanks(std::string_view &s)
{
    while (!s.empty() && isBlank(s.front()))
        s.remove_prefix(1);
}

std::string_view takeUntilBlank(std::string_view &s)
{
    std::size_t n = 0;
    while (n < s.size() && !isBlank(s[n]))
        ++n;
    const std::string_view token = s.substr(0, n);
    s.remove_prefix(n);
    return token;
}

/// OpenSSH's strdelimw: a token up to whitespace, or a "quoted" token (quotes removed).
std::optional<std::string_view> takeField(std::string_view &s)
{
    if (!s.empty() && s.front() == '"') {
        const std::size_t close = s.find('"', 1);
        if (close == std::string_view::npos)
            return std::nullopt;
        const std::string_view token = s.substr(1, close - 1);
        s.remove_prefix(close + 1);
        skipBlanks(s);
        return token;
    }
    const std::string_view token = takeUntilBlank(s);
    skipBlanks(s);
    return token;
}

/// OpenSSH's sshkey_advance_past_options: up to unquoted whitespace; \" does not toggle.
std::optional<std::string_view> takeOptions(std::string_view &s)
{
    bool quoted = false;
    std::size_t i = 0;
    for (; i < s.size() && (quoted || !isBlank(s[i])); ++i) {
        if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '"')
            ++i;
        else if (s[i] == '"')
            quoted = !quoted;
    }
    if (quoted)
        return std::nullopt;
    const std::string_view token = s.substr(0, i);
    s.remove_prefix(i);
    skipBlanks(s);
    return token;
}

bool startsWithNoCase(std::string_view s, std::string_view prefix)
{
    if (s.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
            return false;
    }
    return true;
}

/// OpenSSH's opt_dequote: "…" with \" for a quote inside.
std::optional<std::string> dequote(std::string_view &s, std::string &problem)
{
    if (s.empty() || s.front() != '"') {
        problem = "missing start quote";
        return std::nullopt;
    }
    std::string out;
    std::size_t i = 1;
    for (; i < s.size() && s[i] != '"'; ++i) {
        if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '"')
            ++i;
        out.push_back(s[i]);
    }
    if (i >= s.size()) {
        problem = "missing end quote";
        return std::nullopt;
    }
    s.remove_prefix(i + 1);
    return out;
}

/// sshsigopt_parse: comma-separated cert-authority, namespaces=, valid-after=, valid-before=.
bool parseOptions(std::string_view opts, AllowedSigner &entry, std::string &problem)
{
    auto timeOption = [&](std::string_view name, std::optional<std::int64_t> &slot) {
        if (slot) {
            problem = "more than one \"" + std::string(name) + "\" option";
            return false;
        }
        const auto text = dequote(opts, problem);
        if (!text)
            return false;
        const auto t = parseSshTime(*text);
        if (!t || *t <= 0) {
            problem = "invalid \"" + std::string(name) + "\" time \"" + *text + "\" (expected YYYYMMDD[HHMM[SS]][Z])";
            return false;
        }
        slot = t;
        return true;
    };
    while (!opts.empty()) {
        if (startsWithNoCase(opts, "cert-authority")) {
            opts.remove_prefix(14);
            entry.certAuthority = true;
        } else if (startsWithNoCase(opts, "namespaces=")) {
            opts.remove_prefix(11);
            if (entry.namespaces) {
                problem = "more than one \"namespaces\" option";
                return false;
            }
            entry.namespaces = dequote(opts, problem);
            if (!entry.namespaces)
                return false;
        } else if (startsWithNoCase(opts, "valid-after=")) {
            opts.remove_prefix(12);
            if (!timeOption("valid-after", entry.validAfter))
                return false;
        } else if (startsWithNoCase(opts, "valid-before=")) {
            opts.remove_prefix(13);
            if (!timeOption("valid-before", entry.validBefore))
                return false;
        } else {
            std::string_view name = opts.substr(0, std::min(opts.find_first_of("=,"), opts.size()));
            problem = "unknown option \"" + std::string(name.substr(0, 64)) + "\"";
            return false;
        }
        if (opts.empty())
            break;
        if (opts.front() != ',') {
            problem = "unexpected text in the options: \"" + std::string(opts.substr(0, 64)) + "\"";
            return false;
        }
        opts.remove_prefix(1);
        if (opts.empty()) {
            problem = "option list ends with a comma";
            return false;
        }
    }
    if (entry.validAfter && entry.validBefore && *entry.validBefore <= *entry.validAfter) {
        problem = "\"valid-before\" is not after \"valid-after\"";
        return false;
    }
    return true;
}

enum class KeyParse { Ok, NotAKey, Invalid };

/// `type base64 [comment]`. NotAKey when `type` is not followed by a blob of that type
/// (the caller then reads it as options, as OpenSSH does); Invalid for a broken key of a
/// supported type.
KeyParse parseKey(std::string_view &s, AllowedSigner &entry, std::string &problem)
{
    std::string_view rest = s;
    const std::string_view type = takeUntilBlank(rest);
    skipBlanks(rest);
    const std::string_view b64 = takeUntilBlank(rest);
    const auto blob = b64.empty() ? std::nullopt : base64Decode(b64);
    std::string_view blobType;
    if (!blob || !sshwire::Reader(*blob).readString(blobType) || blobType != type || type.empty()) {
        if (isSupportedKeyType(type)) {
            problem = "invalid " + std::string(type) + " key";
            return KeyParse::Invalid;
        }
        return KeyParse::NotAKey;
    }
    entry.keyType = std::string(type);
    if (isSupportedKeyType(type)) {
        entry.key = SshPublicKey::fromWireBlob(*blob, &problem);
        if (!entry.key) {
            problem = "invalid " + std::string(type) + " key: " + problem;
            return KeyParse::Invalid;
        }
    }
    skipBlanks(rest);
    entry.comment = std::string(rest);
    s = {};
    return KeyParse::Ok;
}

/// Parses one non-blank, non-comment line into `entry`; returns the problem, empty if none.
std::string parseLine(std::string_view s, AllowedSigner &entry)
{
    const auto principals = takeField(s);
    if (!principals)
        return "unterminated quote in the principals";
    if (s.empty())
        return "no key after the principals";
    entry.principals = std::string(*principals);

    std::string problem;
    KeyParse k = parseKey(s, entry, problem);
    if (k == KeyParse::Invalid)
        return problem;
    if (k == KeyParse::NotAKey) {
        const auto options = takeOptions(s);
        if (!options)
            return "unterminated quote in the options";
        if (s.empty())
            return "missing key";
        k = parseKey(s, entry, problem);
        if (k != KeyParse::Ok)
            return problem.empty() ? "invalid key" : problem;
        if (!parseOptions(*options, entry, problem))
            return "bad options: " + problem;
    }
    return {};
}

} // namespace

bool matchPattern(std::string_view text, std::string_view pattern)
{
    // Greedy glob with one backtrack point: linear enough for principal-sized inputs.
    std::size_t t = 0, p = 0, starP = std::string_view::npos, starT = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++t;
            ++p;
        } else if (p < pattern.size() && pattern[p] == '*') {
            starP = p++;
            starT = t;
        } else if (starP != std::string_view::npos) {
            p = starP + 1;
            t = ++starT;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

int matchPatternList(std::string_view text, std::string_view patterns)
{
    bool positive = false;
    while (!patterns.empty()) {
        const bool negated = patterns.front() == '!';
        if (negated)
            patterns.remove_prefix(1);
        const std::size_t comma = std::min(patterns.find(','), patterns.size());
        const std::string_view sub = patterns.substr(0, comma);
        patterns.remove_prefix(std::min(comma + 1, patterns.size()));
        if (matchPattern(text, sub)) {
            if (negated)
                return -1;
            positive = true;
        }
    }
    return positive ? 1 : 0;
}

std::optional<std::int64_t> parseSshTime(std::string_view text)
{
    bool utc = false;
    if (text.size() > 1 && (text.back() == 'Z' || text.back() == 'z')) {
        utc = true;
        text.remove_suffix(1);
    } else if (text.size() > 3 && startsWithNoCase(text.substr(text.size() - 3), "utc")) {
        utc = true;
        text.remove_suffix(3);
    }
    if (text.size() != 8 && text.size() != 12 && text.size() != 14)
        return std::nullopt;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
    }
    auto num = [&](std::size_t at, std::size_t len) {
        int v = 0;
        for (std::size_t i = at; i < at + len; ++i)
            v = v * 10 + (text[i] - '0');
        return v;
    };
    const int year = num(0, 4), month = num(4, 2), day = num(6, 2);
    const int hour = text.size() >= 12 ? num(8, 2) : 0;
    const int minute = text.size() >= 12 ? num(10, 2) : 0;
    const int second = text.size() == 14 ? num(12, 2) : 0;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1] + (month == 2 && leap ? 1 : 0) || hour > 23 ||
        minute > 59 || second > 59)
        return std::nullopt;

    std::int64_t t = 0;
    if (utc) {
        t = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 + hour * 3600 +
            minute * 60 + second;
    } else {
        std::tm tm{};
        tm.tm_year = year - 1900;
        tm.tm_mon = month - 1;
        tm.tm_mday = day;
        tm.tm_hour = hour;
        tm.tm_min = minute;
        tm.tm_sec = second;
        tm.tm_isdst = -1;
        t = static_cast<std::int64_t>(std::mktime(&tm));
    }
    if (t < 0)
        return std::nullopt;
    return t;
}

AllowedSigners AllowedSigners::parse(std::string_view text, Problems &problems, std::string_view fileName)
{
    AllowedSigners result;
    result.m_fileName = std::string(fileName);
    int lineNumber = 0;
    while (!text.empty()) {
        const std::size_t nl = std::min(text.find('\n'), text.size());
        std::string_view line = text.substr(0, nl);
        text.remove_prefix(std::min(nl + 1, text.size()));
        ++lineNumber;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        skipBlanks(line);
        if (line.empty() || line.front() == '#')
            continue;

        AllowedSigner entry;
        entry.line = lineNumber;
        const std::string where = result.m_fileName + ":" + std::to_string(lineNumber);
        const std::string problem = parseLine(line, entry);
        if (!problem.empty()) {
            entry.malformed = true;
            problems.error(where, problem);
        } else if (!entry.key) {
            problems.warning(where, "key type " + entry.keyType + " is not supported; this line never matches");
        } else if (entry.certAuthority) {
            problems.warning(where,
                             "cert-authority lines are not supported (no certificates); this line never matches");
        }
        result.m_entries.push_back(std::move(entry));
    }
    return result;
}

std::optional<AllowedSigners> AllowedSigners::load(const std::filesystem::path &path, Problems &problems)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        problems.error(path.string(), "cannot open the allowed signers file");
        return std::nullopt;
    }
    std::string text;
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        text.append(buf, static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMaxFileBytes) {
            problems.error(path.string(), "the allowed signers file is too large");
            return std::nullopt;
        }
    }
    if (in.bad()) {
        problems.error(path.string(), "cannot read the allowed signers file");
        return std::nullopt;
    }
    return parse(text, problems, path.filename().string());
}

std::optional<std::string> AllowedSigners::findPrincipals(const SshPublicKey &key, std::int64_t unixTime) const
{
    for (const AllowedSigner &e : m_entries) {
        if (e.malformed || !e.principals || e.certAuthority || !e.key || !(*e.key == key))
            continue;
        if ((e.validAfter && unixTime < *e.validAfter) || (e.validBefore && unixTime > *e.validBefore))
            continue;
        return e.principals;
    }
    return std::nullopt;
}

SignerCheck AllowedSigners::check(std::string_view principal, const SshPublicKey &key, std::string_view nameSpace,
                                  std::int64_t unixTime) const
{
    SignerCheck found;
    found.reason = "no line of " + m_fileName + " lists this principal with this key";
    auto note = [&](SignerTrust trust, const AllowedSigner &e, const std::string &why) {
        if (found.trust != SignerTrust::Unknown)
            return; // the first near miss explains best
        found.trust = trust;
        found.line = e.line;
        found.reason = m_fileName + ":" + std::to_string(e.line) + ": " + why;
    };
    for (const AllowedSigner &e : m_entries) {
        // Malformed lines are skipped, as ssh-keygen does (it logs them and reads on).
        if (e.malformed || !e.principals || matchPatternList(principal, *e.principals) != 1)
            continue;
        if (e.certAuthority || !e.key || *e.key != key)
            continue;
        if (e.namespaces && matchPatternList(nameSpace, *e.namespaces) != 1) {
            note(SignerTrust::NotAllowedForNamespace, e,
                 "key is not allowed for namespace \"" + std::string(nameSpace) + "\"");
            continue;
        }
        if (e.validAfter && unixTime < *e.validAfter) {
            note(SignerTrust::NotValidAtTime, e, "key is not valid before " + formatRfc3339(*e.validAfter));
            continue;
        }
        if (e.validBefore && unixTime > *e.validBefore) {
            note(SignerTrust::NotValidAtTime, e, "key expired at " + formatRfc3339(*e.validBefore));
            continue;
        }
        return {SignerTrust::Trusted, e.line, m_fileName + ":" + std::to_string(e.line) + ": trusted"};
    }
    return found;
}

} // namespace mltrl
