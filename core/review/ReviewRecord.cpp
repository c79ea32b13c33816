#include "core/review/ReviewRecord.h"

#include "core/common/JsonText.h"
#include "core/crypto/SshPublicKey.h"
#include "core/manifest/ManifestParser.h"
#include "core/review/AnnotationTarget.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <set>
#include <stdexcept>

namespace mltrl {

using nlohmann::json;

// ---------------------------------------------------------------------------------------
// Serialisation
// ---------------------------------------------------------------------------------------

std::string shortestDouble(double value)
{
    if (!std::isfinite(value))
        throw std::invalid_argument("a NaN or infinite number cannot be written in a review record");
    // Scientific with no precision is the shortest digit string that reads back exactly.
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, std::fabs(value), std::chars_format::scientific);
    const std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));
    const std::size_t e = sci.find('e');
    std::string digits;
    for (char c : sci.substr(0, e))
        if (c != '.')
            digits += c;
    int exponent = 0;
    const std::string_view expText = sci.substr(e + 1);
    std::from_chars(expText.data() + (expText[0] == '+' ? 1 : 0), expText.data() + expText.size(), exponent);
    const int n = static_cast<int>(digits.size());

    std::string fixed;
    if (exponent >= n - 1)
        fixed = digits + std::string(static_cast<std::size_t>(exponent - (n - 1)), '0');
    else if (exponent >= 0)
        fixed = digits.substr(0, static_cast<std::size_t>(exponent + 1)) + "." +
                digits.substr(static_cast<std::size_t>(exponent + 1));
    else
        fixed = "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;

    std::string scientific = digits.substr(0, 1);
    if (n > 1)
        scientific += "." + digits.substr(1);
    scientific += "e" + std::to_string(exponent);

    const std::string sign = std::signbit(value) ? "-" : "";
    return sign + (scientific.size() < fixed.size() ? scientific : fixed);
}

std::string canonicalJson(const json &value)
{
    switch (value.type()) {
    case json::value_t::object: {
        // nlohmann's object is a std::map: keys in byte order, which for UTF-8 is code point order.
        std::string out = "{";
        bool first = true;
        for (const auto &[key, member] : value.items()) {
            if (!first)
                out += ',';
            first = false;
            out += canonicalJson(json(key));
            out += ':';
            out += canonicalJson(member);
        }
        return out + "}";
    }
    case json::value_t::array: {
        std::string out = "[";
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (i)
                out += ',';
            out += canonicalJson(value[i]);
        }
        return out + "]";
    }
    case json::value_t::number_float:
        return shortestDouble(value.get<double>());
    case json::value_t::string:
        try {
            // ensure_ascii = false: non-ASCII text stays raw UTF-8; only ", \ and controls are escaped.
            return value.dump(-1, ' ', false, json::error_handler_t::strict);
        } catch (const json::type_error &) {
            throw std::invalid_argument("a review record's text must be valid UTF-8");
        }
    default:
        return value.dump();
    }
}

namespace {

json bindingsJson(const std::vector<FileBinding> &bindings)
{
    json out = json::array();
    for (const FileBinding &b : bindings)
        out.push_back({{"id", b.id}, {"sha256", b.sha256}});
    return out;
}

} // namespace

json ReviewRecord::toJson() const
{
    json r;
    r["mltrl_review"] = 1;
    r["id"] = id;
    r["supersedes"] = supersedes ? json(*supersedes) : json(nullptr);
    r["project"] = project;
    r["gate"] = gate;
    r["level"] = level;
    r["manifest_sha256"] = manifestSha256;
    r["evidence"] = bindingsJson(evidence);
    r["metrics"] = bindingsJson(metrics);
    json who{{"name", reviewer.name}, {"email", reviewer.email}, {"public_key", reviewer.publicKey}};
    if (!reviewer.role.empty())
        who["role"] = reviewer.role;
    r["reviewer"] = who;
    json verdictList = json::array();
    for (const CriterionVerdict &v : verdicts) {
        json item{{"criterion", v.criterion}, {"verdict", v.verdict}};
        if (v.observed)
            item["observed"] = *v.observed;
        if (v.note)
            item["note"] = *v.note;
        if (v.fromSuggestion)
            item["from_suggestion"] = true;
        verdictList.push_back(std::move(item));
    }
    r["verdicts"] = verdictList;
    json d{{"outcome", decision.outcome}};
    if (decision.toLevel)
        d["to_level"] = *decision.toLevel;
    if (!decision.conditions.empty())
        d["conditions"] = decision.conditions;
    if (decision.rationale)
        d["rationale"] = *decision.rationale;
    r["decision"] = d;
    if (!annotations.empty()) {
        json list = json::array();
        for (const RecordAnnotation &a : annotations) {
            json item{{"id", a.id}, {"target", a.target}, {"severity", a.severity}, {"text", a.text}};
            if (a.created)
                item["created"] = *a.created;
            list.push_back(std::move(item));
        }
        r["annotations"] = list;
    }
    r["signed_at"] = signedAt;
    return r;
}

std::string ReviewRecord::serialize() const
{
    return canonicalJson(toJson());
}

// ---------------------------------------------------------------------------------------
// Enumerations
// ---------------------------------------------------------------------------------------

namespace {

template <std::size_t N>
bool oneOf(std::string_view v, const std::array<std::string_view, N> &values)
{
    return std::find(values.begin(), values.end(), v) != values.end();
}

constexpr std::array<std::string_view, 4> kVerdicts{"met", "not_met", "waived", "not_applicable"};
constexpr std::array<std::string_view, 4> kOutcomes{"advance", "advance_with_conditions", "hold", "switchback"};
constexpr std::array<std::string_view, 4> kSeverities{"info", "minor", "major", "blocker"};

} // namespace

bool isVerdict(std::string_view v)
{
    return oneOf(v, kVerdicts);
}
bool isOutcome(std::string_view v)
{
    return oneOf(v, kOutcomes);
}
bool isSeverity(std::string_view v)
{
    return oneOf(v, kSeverities);
}
bool isAdvancing(std::string_view outcome)
{
    return outcome == "advance" || outcome == "advance_with_conditions";
}

// ---------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------

namespace {

bool isSha256Hex(std::string_view s)
{
    return s.size() == 64 &&
           std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

/// Reads the members of one JSON object, reporting each fault at `file#pointer`.
class ObjectReader {
public:
    ObjectReader(const json &object, std::string file, std::string pointer, Problems &problems)
          : m_object(object), m_file(std::move(file)), m_pointer(std::move(pointer)), m_problems(problems)
    {
    }

    [[nodiscard]] std::string at(std::string_view key = {}) const
    {
        return key.empty() ? pointerLocation(m_file, m_pointer)
                           : pointerLocation(m_file, m_pointer + "/" + escapePointerToken(key));
    }
    void error(std::string_view key, std::string what) { m_problems.error(at(key), std::move(what)); }

    /// A present member (marked as known), or nullptr with an error when required.
    const json *member(std::string_view key, bool required)
    {
        m_known.insert(std::string(key));
        const auto it = m_object.find(std::string(key));
        if (it == m_object.end()) {
            if (required)
                m_problems.error(at(), fmt::format("missing required key \"{}\"", key));
            return nullptr;
        }
        return &*it;
    }

    std::optional<std::string> string(std::string_view key, bool required)
    {
        const json *v = member(key, required);
        if (!v)
            return std::nullopt;
        if (!v->is_string()) {
            error(key, fmt::format("expected a string, found {}", describeJsonValue(*v)));
            return std::nullopt;
        }
        return v->get<std::string>();
    }

    std::optional<int> integer(std::string_view key, bool required, int lo, int hi)
    {
        const json *v = member(key, required);
        if (!v)
            return std::nullopt;
        if (!v->is_number_integer() || v->get<std::int64_t>() < lo || v->get<std::int64_t>() > hi) {
            error(key, fmt::format("expected an integer {}..{}, found {}", lo, hi, describeJsonValue(*v)));
            return std::nullopt;
        }
        return static_cast<int>(v->get<std::int64_t>());
    }

    const json *array(std::string_view key, bool required)
    {
        const json *v = member(key, required);
        if (v && !v->is_array()) {
            error(key, fmt::format("expected an array, found {}", describeJsonValue(*v)));
            return nullptr;
        }
        return v;
    }

    const json *object(std::string_view key, bool required)
    {
        const json *v = member(key, required);
        if (v && !v->is_object()) {
            error(key, fmt::format("expected an object, found {}", describeJsonValue(*v)));
            return nullptr;
        }
        return v;
    }

    /// Every member not read is an error: a signed record must mean exactly what it says.
    void rejectUnknown()
    {
        for (const auto &[key, value] : m_object.items())
            if (!m_known.count(key))
                error(key, "unknown member (format 1 of the review record does not define it)");
    }

    [[nodiscard]] const std::string &pointer() const { return m_pointer; }

private:
    const json &m_object;
    std::string m_file;
    std::string m_pointer;
    Problems &m_problems;
    std::set<std::string> m_known;
};

std::vector<FileBinding> readBindings(ObjectReader &r, std::string_view key, const std::string &file,
                                      Problems &problems)
{
    std::vector<FileBinding> out;
    const json *list = r.array(key, true);
    if (!list)
        return out;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string ptr = fmt::format("{}/{}/{}", r.pointer(), key, i);
        if (!(*list)[i].is_object()) {
            problems.error(pointerLocation(file, ptr), "expected an object {\"id\", \"sha256\"}");
            continue;
        }
        ObjectReader item((*list)[i], file, ptr, problems);
        FileBinding b;
        b.id = item.string("id", true).value_or("");
        b.sha256 = item.string("sha256", true).value_or("");
        if (!b.sha256.empty() && !isSha256Hex(b.sha256))
            item.error("sha256", "expected 64 lowercase hexadecimal digits");
        item.rejectUnknown();
        if (!out.empty() && !(out.back().id < b.id))
            problems.error(pointerLocation(file, ptr), "bound files must be sorted by id, each id once");
        out.push_back(std::move(b));
    }
    return out;
}

ReviewerIdentity readReviewer(ObjectReader &top, const std::string &file, Problems &problems)
{
    ReviewerIdentity who;
    const json *obj = top.object("reviewer", true);
    if (!obj)
        return who;
    ObjectReader r(*obj, file, "/reviewer", problems);
    who.name = r.string("name", true).value_or("");
    who.email = r.string("email", true).value_or("");
    who.role = r.string("role", false).value_or("");
    who.publicKey = r.string("public_key", true).value_or("");
    const std::string keyType = who.publicKey.substr(0, who.publicKey.find(' '));
    if (!who.publicKey.empty() && (keyType.size() == who.publicKey.size() || !isSupportedKeyType(keyType)))
        r.error("public_key", "expected an OpenSSH public key (ssh-ed25519, ecdsa-sha2-nistp256/384/521, "
                              "sk-ssh-ed25519@openssh.com, sk-ecdsa-sha2-nistp256@openssh.com or ssh-rsa, then AAAA…)");
    if (who.email.empty() && r.member("email", false))
        r.error("email", "the reviewer's email must not be empty (it is the allowed-signers principal)");
    r.rejectUnknown();
    return who;
}

std::vector<CriterionVerdict> readVerdicts(ObjectReader &top, const std::string &file, Problems &problems)
{
    std::vector<CriterionVerdict> out;
    const json *list = top.array("verdicts", true);
    if (!list)
        return out;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string ptr = fmt::format("/verdicts/{}", i);
        if (!(*list)[i].is_object()) {
            problems.error(pointerLocation(file, ptr), "expected an object");
            continue;
        }
        ObjectReader r((*list)[i], file, ptr, problems);
        CriterionVerdict v;
        v.criterion = r.string("criterion", true).value_or("");
        v.verdict = r.string("verdict", true).value_or("");
        if (r.member("verdict", false) && !v.verdict.empty() && !isVerdict(v.verdict))
            r.error("verdict", fmt::format("\"{}\" is not met, not_met, waived or not_applicable", v.verdict));
        if (const json *obs = r.member("observed", false)) {
            if (obs->is_number())
                v.observed = obs->get<double>();
            else
                r.error("observed", fmt::format("expected a number, found {}", describeJsonValue(*obs)));
        }
        v.note = r.string("note", false);
        if (const json *accepted = r.member("from_suggestion", false)) {
            // Amendment 1.1 (G1): present only as `true`, on a verdict confirmed unchanged
            // from the metric's suggestion.
            if (accepted->is_boolean() && accepted->get<bool>())
                v.fromSuggestion = true;
            else
                r.error("from_suggestion",
                        fmt::format("expected true (or the member left out), found {}", describeJsonValue(*accepted)));
        }
        if ((v.verdict == "waived" || v.verdict == "not_met") && (!v.note || v.note->empty()))
            r.error("note", fmt::format("a {} verdict needs a note", v.verdict));
        r.rejectUnknown();
        out.push_back(std::move(v));
    }
    return out;
}

ReviewDecision readDecision(ObjectReader &top, const std::string &file, Problems &problems)
{
    ReviewDecision d;
    const json *obj = top.object("decision", true);
    if (!obj)
        return d;
    ObjectReader r(*obj, file, "/decision", problems);
    d.outcome = r.string("outcome", true).value_or("");
    if (r.member("outcome", false) && !d.outcome.empty() && !isOutcome(d.outcome))
        r.error("outcome",
                fmt::format("\"{}\" is not advance, advance_with_conditions, hold or switchback", d.outcome));
    d.toLevel = r.integer("to_level", false, 0, 9);
    if (const json *conds = r.array("conditions", false)) {
        for (std::size_t i = 0; i < conds->size(); ++i) {
            if ((*conds)[i].is_string())
                d.conditions.push_back((*conds)[i].get<std::string>());
            else
                problems.error(pointerLocation(file, fmt::format("/decision/conditions/{}", i)), "expected a string");
        }
    }
    d.rationale = r.string("rationale", false);
    if (d.outcome == "advance_with_conditions" && d.conditions.empty())
        r.error("conditions", "advance_with_conditions needs at least one condition");
    if (d.outcome == "switchback" && !d.toLevel)
        r.error("to_level", "a switchback needs the level it goes back to");
    r.rejectUnknown();
    return d;
}

std::vector<RecordAnnotation> readAnnotations(ObjectReader &top, const std::string &file, Problems &problems)
{
    std::vector<RecordAnnotation> out;
    const json *list = top.array("annotations", false);
    if (!list)
        return out;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string ptr = fmt::format("/annotations/{}", i);
        if (!(*list)[i].is_object()) {
            problems.error(pointerLocation(file, ptr), "expected an object");
            continue;
        }
        ObjectReader r((*list)[i], file, ptr, problems);
        RecordAnnotation a;
        a.id = r.string("id", true).value_or("");
        if (const json *target = r.member("target", true)) {
            checkAnnotationTarget(*target, pointerLocation(file, ptr + "/target"), problems);
            a.target = *target;
        }
        a.severity = r.string("severity", true).value_or("");
        if (r.member("severity", false) && !a.severity.empty() && !isSeverity(a.severity))
            r.error("severity", fmt::format("\"{}\" is not info, minor, major or blocker", a.severity));
        a.text = r.string("text", true).value_or("");
        a.created = r.string("created", false);
        if (a.created && !isValidRfc3339(*a.created))
            r.error("created", "expected an RFC 3339 date-time");
        r.rejectUnknown();
        out.push_back(std::move(a));
    }
    return out;
}

} // namespace

std::optional<ReviewRecord> ReviewRecord::parse(std::string_view bytes, Problems &problems, std::string_view file)
{
    const std::size_t before = problems.errorCount();
    const std::string fileName(file);
    std::optional<json> doc = parseJsonDocument(bytes, fileName, 16, problems);
    if (!doc)
        return std::nullopt;
    if (!doc->is_object()) {
        problems.error(fileName, "a review record is a JSON object");
        return std::nullopt;
    }
    ObjectReader r(*doc, fileName, "", problems);
    const std::optional<int> format = r.integer("mltrl_review", true, 1, 1);
    if (!format && r.member("mltrl_review", false))
        return std::nullopt; // another format: nothing else can be read meaningfully

    ReviewRecord rec;
    rec.id = r.string("id", true).value_or("");
    if (r.member("id", false) && !rec.id.empty() && !isValidId(rec.id))
        r.error("id", "a review id is 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
    if (const json *sup = r.member("supersedes", true); sup && !sup->is_null()) {
        if (sup->is_string() && isValidId(sup->get<std::string>()))
            rec.supersedes = sup->get<std::string>();
        else
            r.error("supersedes", "expected null or the id of the superseded review");
    }
    rec.project = r.string("project", true).value_or("");
    rec.gate = r.string("gate", true).value_or("");
    rec.level = r.integer("level", true, 0, 9).value_or(0);
    rec.manifestSha256 = r.string("manifest_sha256", true).value_or("");
    if (!rec.manifestSha256.empty() && !isSha256Hex(rec.manifestSha256))
        r.error("manifest_sha256", "expected 64 lowercase hexadecimal digits");
    rec.evidence = readBindings(r, "evidence", fileName, problems);
    rec.metrics = readBindings(r, "metrics", fileName, problems);
    rec.reviewer = readReviewer(r, fileName, problems);
    rec.verdicts = readVerdicts(r, fileName, problems);
    rec.decision = readDecision(r, fileName, problems);
    if (rec.decision.outcome == "switchback" && rec.decision.toLevel && *rec.decision.toLevel >= rec.level)
        problems.error(pointerLocation(fileName, "/decision/to_level"),
                       fmt::format("a switchback goes below the gate's level {}", rec.level));
    rec.annotations = readAnnotations(r, fileName, problems);
    rec.signedAt = r.string("signed_at", true).value_or("");
    if (!rec.signedAt.empty() && !isValidRfc3339(rec.signedAt))
        r.error("signed_at", "expected an RFC 3339 date-time");
    r.rejectUnknown();
    if (problems.errorCount() != before)
        return std::nullopt;
    return rec;
}

} // namespace mltrl
