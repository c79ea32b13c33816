#include "core/manifest/ManifestParser.h"

#include "core/common/JsonText.h"
#include "core/common/PathRules.h"
#include "core/derive/Levels.h"
#include "core/manifest/JsonFields.h"

#include <fmt/format.h>

#include <array>
#include <map>
#include <set>

namespace mltrl {

using nlohmann::json;

namespace {

constexpr int kSupportedVersion = 1;

constexpr std::array kHistoryKinds = {
    Choice<HistoryKind>{"start", HistoryKind::Start}, Choice<HistoryKind>{"advance", HistoryKind::Advance},
    Choice<HistoryKind>{"switchback", HistoryKind::Switchback}, Choice<HistoryKind>{"hold", HistoryKind::Hold}};
constexpr std::array kSwitchbackKinds = {Choice<SwitchbackKind>{"discovery", SwitchbackKind::Discovery},
                                         Choice<SwitchbackKind>{"embedded", SwitchbackKind::Embedded},
                                         Choice<SwitchbackKind>{"review", SwitchbackKind::Review}};
constexpr std::array kVvStatuses = {
    Choice<VvStatus>{"passed", VvStatus::Passed}, Choice<VvStatus>{"failed", VvStatus::Failed},
    Choice<VvStatus>{"pending", VvStatus::Pending}, Choice<VvStatus>{"not_applicable", VvStatus::NotApplicable}};
constexpr std::array kAggregates = {Choice<Aggregate>{"last", Aggregate::Last},
                                    Choice<Aggregate>{"min", Aggregate::Min}, Choice<Aggregate>{"max", Aggregate::Max},
                                    Choice<Aggregate>{"mean", Aggregate::Mean}};
constexpr std::array kOps = {Choice<CompareOp>{">=", CompareOp::Ge}, Choice<CompareOp>{">", CompareOp::Gt},
                             Choice<CompareOp>{"<=", CompareOp::Le}, Choice<CompareOp>{"<", CompareOp::Lt},
                             Choice<CompareOp>{"==", CompareOp::Eq}};
constexpr std::array kMetricKinds = {Choice<MetricKind>{"series", MetricKind::Series},
                                     Choice<MetricKind>{"curve", MetricKind::Curve},
                                     Choice<MetricKind>{"groups", MetricKind::Groups}};
constexpr std::array kMetricFormats = {Choice<MetricFormat>{"csv", MetricFormat::Csv},
                                       Choice<MetricFormat>{"mlflow", MetricFormat::Mlflow}};
constexpr std::array kBetter = {Choice<std::string_view>{"higher", "higher"},
                                Choice<std::string_view>{"lower", "lower"}};

/// The lists whose ids other fields refer to.
enum class IdList { Component, Requirement, Gate, Evidence, Metric };

std::string_view listName(IdList list)
{
    switch (list) {
    case IdList::Component:
        return "component";
    case IdList::Requirement:
        return "requirement";
    case IdList::Gate:
        return "gate";
    case IdList::Evidence:
        return "evidence";
    case IdList::Metric:
        return "metric";
    }
    return "item";
}

struct Reference {
    IdList list;
    std::string id;
    std::string pointer;
};

/// A JSON string literal of `text` (escapes control characters for the message).
std::string jsonQuoted(const std::string &text)
{
    return json(text).dump(-1, ' ', false, json::error_handler_t::replace);
}

bool isLowercaseHex64(std::string_view s)
{
    return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

/// Reads a validated manifest document into the typed model. Problems accumulate in the
/// report; the caller decides from them whether the result is usable.
class ManifestReader {
public:
    explicit ManifestReader(JsonReport &report) : m_report(report) {}

    Manifest read(const json &doc)
    {
        Manifest m;
        m.raw = doc;
        JsonFields top(m_report, doc, "");
        if (!readVersion(top, m))
            return m; // another format version: its structure is unknown, so check nothing more
        if (const json *project = top.object("project", Need::Required))
            readProject(*project, top.pointerOf("project"), m.project);
        readList(top, "components", [&](JsonFields &f) { m.components.push_back(readComponent(f)); });
        readList(top, "history", [&](JsonFields &f) { m.history.push_back(readHistoryEntry(f)); });
        readList(top, "cards", [&](JsonFields &f) { m.cards.push_back(readCard(f)); });
        readList(top, "requirements", [&](JsonFields &f) { m.requirements.push_back(readRequirement(f)); });
        readList(top, "gates", [&](JsonFields &f) { m.gates.push_back(readGate(f)); });
        readList(top, "evidence", [&](JsonFields &f) { m.evidence.push_back(readEvidence(f)); });
        readList(top, "metrics", [&](JsonFields &f) { m.metrics.push_back(readMetric(f)); });
        top.warnUnknownKeys();
        checkReferences();
        checkCardsAreDistinct(m.cards);
        checkSystemLevel(m);
        return m;
    }

private:
    bool readVersion(JsonFields &top, Manifest &m)
    {
        const json *v = top.value("mltrl_archive", Need::Optional);
        const std::string pointer = top.pointerOf("mltrl_archive");
        if (!v) {
            m_report.error("", fmt::format("missing required key \"mltrl_archive\" (the format version; "
                                           "supported version: {})",
                                           kSupportedVersion));
            return true;
        }
        if (v->is_number_integer() || v->is_number_unsigned()) {
            if (*v == kSupportedVersion)
                return true;
            m_report.error(pointer, fmt::format("unsupported format version {}; supported version: {}", v->dump(),
                                                kSupportedVersion));
            return false;
        }
        m_report.error(pointer, fmt::format("expected the format version as the integer {}, found {}",
                                            kSupportedVersion, describeJsonValue(*v)));
        m.formatVersion = kSupportedVersion;
        return true;
    }

    /// Calls `readItem` for each object of the optional array `key`; other elements are errors.
    template <typename F>
    void readList(JsonFields &parent, std::string_view key, F &&readItem)
    {
        const json *list = parent.array(key, Need::Optional);
        if (!list)
            return;
        const std::string pointer = parent.pointerOf(key);
        for (std::size_t i = 0; i < list->size(); ++i) {
            const json &item = (*list)[i];
            const std::string itemPointer = childPointer(pointer, i);
            if (!item.is_object()) {
                m_report.error(itemPointer, "expected an object, found " + describeJsonValue(item));
                continue;
            }
            JsonFields fields(m_report, item, itemPointer);
            readItem(fields);
            fields.warnUnknownKeys();
        }
    }

    /// The item's `id`: required, checked for syntax and uniqueness within `list`. A malformed
    /// id is still returned so that references to it do not also show up as dangling.
    std::string readId(JsonFields &f, std::map<std::string, std::string> &seen)
    {
        const auto id = f.string("id", Need::Required);
        if (!id)
            return {};
        const std::string pointer = f.pointerOf("id");
        if (!isValidId(*id))
            f.wrongValue("id", "an identifier (a letter or digit, then up to 127 letters, digits, '.', '_' or '-')");
        const auto [it, inserted] = seen.emplace(*id, pointer);
        if (!inserted)
            m_report.error(pointer,
                           fmt::format("duplicate id \"{}\" (first used at {})", *id, m_report.location(it->second)));
        return *id;
    }

    std::string readListId(JsonFields &f, IdList list) { return readId(f, m_ids[list]); }

    /// An optional array of ids referring to `list`; checked once every list is read.
    std::vector<std::string> readRefs(JsonFields &f, std::string_view key, IdList list)
    {
        std::vector<std::string> ids;
        const json *refs = f.array(key, Need::Optional);
        if (!refs)
            return ids;
        const std::string pointer = f.pointerOf(key);
        for (std::size_t i = 0; i < refs->size(); ++i) {
            const json &ref = (*refs)[i];
            const std::string refPointer = childPointer(pointer, i);
            if (!ref.is_string()) {
                m_report.error(refPointer, fmt::format("expected a {} id (a string), found {}", listName(list),
                                                       describeJsonValue(ref)));
                continue;
            }
            ids.push_back(ref.get<std::string>());
            m_refs.push_back({list, ids.back(), refPointer});
        }
        return ids;
    }

    /// An optional single id referring to `list`.
    std::string readRef(JsonFields &f, std::string_view key, IdList list)
    {
        auto id = f.string(key, Need::Optional);
        if (!id)
            return {};
        m_refs.push_back({list, *id, f.pointerOf(key)});
        return *id;
    }

    /// A required archive path; a second item naming the same file is only a warning (the
    /// file is stored once and hashed once, so nothing can disagree).
    std::string readPath(JsonFields &f)
    {
        auto path = f.string("path", Need::Required);
        if (!path)
            return {};
        const std::string pointer = f.pointerOf("path");
        if (const std::string problem = describePathProblem(*path); !problem.empty()) {
            m_report.error(pointer, fmt::format("{}: {}", problem, jsonQuoted(*path)));
            return *path;
        }
        const auto [it, inserted] = m_paths.emplace(*path, pointer);
        if (!inserted)
            m_report.warning(pointer,
                             fmt::format("the file \"{}\" is also named at {}", *path, m_report.location(it->second)));
        return *path;
    }

    void readPeople(JsonFields &parent, std::string_view key, std::vector<Person> &out)
    {
        readList(parent, key, [&](JsonFields &f) {
            out.push_back({f.string("name", Need::Optional).value_or(""),
                           f.string("email", Need::Optional).value_or(""),
                           f.string("role", Need::Optional).value_or("")});
        });
    }

    void readProject(const json &object, const std::string &pointer, ProjectInfo &p)
    {
        JsonFields f(m_report, object, pointer);
        if (auto id = f.identifier("id", Need::Required))
            p.id = *id;
        p.name = f.string("name", Need::Required).value_or("");
        p.summary = f.string("summary", Need::Optional).value_or("");
        p.domain = f.string("domain", Need::Optional).value_or("");
        p.currentLevel = f.level("current_level", Need::Required).value_or(0);
        m_currentLevelKnown = f.has("current_level");
        p.targetLevel = f.level("target_level", Need::Optional);
        p.exportedAt = f.date("exported_at", Need::Optional).value_or("");
        readPeople(f, "owners", p.owners);
        readPeople(f, "reviewers", p.reviewers);
        readList(f, "links", [&](JsonFields &lf) {
            p.links.push_back(
                {lf.string("title", Need::Optional).value_or(""), lf.string("url", Need::Optional).value_or("")});
        });
        f.warnUnknownKeys();
    }

    Component readComponent(JsonFields &f)
    {
        Component c;
        c.id = readListId(f, IdList::Component);
        c.name = f.string("name", Need::Optional).value_or("");
        const auto level = f.level("level", Need::Required);
        c.level = level.value_or(0);
        m_componentLevelsValid = m_componentLevelsValid && level.has_value();
        c.code = f.string("code", Need::Optional).value_or("");
        return c;
    }

    HistoryEntry readHistoryEntry(JsonFields &f)
    {
        HistoryEntry h;
        h.at = f.date("at", Need::Required).value_or("");
        h.from = f.level("from", Need::Optional);
        const auto to = f.level("to", Need::Required);
        h.to = to.value_or(0);
        const auto kind = f.choice<HistoryKind>("kind", Need::Required, kHistoryKinds);
        h.kind = kind.value_or(HistoryKind::Advance);
        if (kind == HistoryKind::Switchback) {
            h.switchback =
                f.choice<SwitchbackKind>("switchback", Need::Required, kSwitchbackKinds).value_or(SwitchbackKind::None);
        } else if (f.has("switchback")) {
            f.markKnown("switchback");
            m_report.warning(f.pointerOf("switchback"),
                             "ignored: only an entry of kind \"switchback\" has a switchback kind");
        }
        h.reason = f.string("reason", Need::Optional).value_or("");
        h.gate = readRef(f, "gate", IdList::Gate);
        if (h.from && to && kind)
            warnAboutDirection(f.pointer(), *h.from, *to, *kind);
        return h;
    }

    /// An advance that goes down (or a switchback that goes up) is kept but most likely a typo.
    void warnAboutDirection(const std::string &pointer, int from, int to, HistoryKind kind)
    {
        if (kind == HistoryKind::Advance && to <= from)
            m_report.warning(pointer, fmt::format("an advance from level {} to level {} does not go up", from, to));
        if (kind == HistoryKind::Switchback && to >= from)
            m_report.warning(pointer, fmt::format("a switchback from level {} to level {} does not go down", from, to));
    }

    Card readCard(JsonFields &f)
    {
        Card c;
        c.level = f.level("level", Need::Required).value_or(0);
        c.component = readRef(f, "component", IdList::Component);
        c.updated = f.date("updated", Need::Optional).value_or("");
        c.tldr = f.string("tldr", Need::Optional).value_or("");
        c.modelInfo = f.string("model_info", Need::Optional).value_or("");
        c.intendedUse = f.string("intended_use", Need::Optional).value_or("");
        c.testingStatus = f.string("testing_status", Need::Optional).value_or("");
        c.dataConsiderations = f.string("data_considerations", Need::Optional).value_or("");
        c.caveats = f.string("caveats", Need::Optional).value_or("");
        readList(f, "debrief", [&](JsonFields &df) {
            c.debrief.push_back(
                {df.string("question", Need::Optional).value_or(""), df.string("answer", Need::Optional).value_or("")});
        });
        c.requirements = readRefs(f, "requirements", IdList::Requirement);
        c.evidence = readRefs(f, "evidence", IdList::Evidence);
        m_cardPointers.push_back(f.pointer());
        return c;
    }

    Requirement readRequirement(JsonFields &f)
    {
        Requirement r;
        r.id = readListId(f, IdList::Requirement);
        r.text = f.string("text", Need::Optional).value_or("");
        r.kind = f.string("kind", Need::Optional).value_or("");
        r.level = f.level("level", Need::Optional);
        if (const json *risk = f.object("risk", Need::Optional)) {
            JsonFields rf(m_report, *risk, f.pointerOf("risk"));
            r.pFailure = rf.number("p_failure", Need::Required, 0.0, 1.0);
            r.impact = rf.number("impact", Need::Required, 0.0, 1.0);
            rf.warnUnknownKeys();
        }
        r.verification = f.choice<VvStatus>("verification", Need::Optional, kVvStatuses).value_or(VvStatus::Unset);
        r.validation = f.choice<VvStatus>("validation", Need::Optional, kVvStatuses).value_or(VvStatus::Unset);
        r.evidence = readRefs(f, "evidence", IdList::Evidence);
        return r;
    }

    Gate readGate(JsonFields &f)
    {
        Gate g;
        g.id = readListId(f, IdList::Gate);
        g.level = f.level("level", Need::Required).value_or(0);
        g.title = f.string("title", Need::Optional).value_or("");
        std::map<std::string, std::string> roles;
        readList(f, "signoffs", [&](JsonFields &sf) {
            Signoff s;
            s.role = sf.string("role", Need::Required).value_or("");
            s.min = static_cast<int>(sf.integer("min", Need::Optional, 1, 1000).value_or(1));
            if (sf.has("role")) {
                const auto [it, inserted] = roles.emplace(s.role, sf.pointerOf("role"));
                // Each entry is still checked on its own, so this is not ambiguous, only odd.
                if (!inserted)
                    m_report.warning(sf.pointerOf("role"),
                                     fmt::format("the sign-off role \"{}\" is listed twice (first at {})", s.role,
                                                 m_report.location(it->second)));
            }
            g.signoffs.push_back(std::move(s));
        });
        std::map<std::string, std::string> criterionIds; // unique within this gate only
        readList(f, "criteria", [&](JsonFields &cf) { g.criteria.push_back(readCriterion(cf, criterionIds)); });
        return g;
    }

    Criterion readCriterion(JsonFields &f, std::map<std::string, std::string> &ids)
    {
        Criterion c;
        c.id = readId(f, ids);
        c.text = f.string("text", Need::Optional).value_or("");
        c.metric = readRef(f, "metric", IdList::Metric);
        c.evidence = readRefs(f, "evidence", IdList::Evidence);
        if (f.has("metric")) {
            // Quantitative: every part of the comparison must be stated, none is guessed.
            c.aggregate = f.choice<Aggregate>("aggregate", Need::Required, kAggregates).value_or(Aggregate::Last);
            c.op = f.choice<CompareOp>("op", Need::Required, kOps).value_or(CompareOp::Ge);
            c.threshold = f.number("threshold", Need::Required);
            c.series = f.string("series", Need::Optional).value_or("");
        } else {
            for (const std::string_view key : {"aggregate", "op", "threshold", "series"}) {
                if (f.has(key)) {
                    f.markKnown(key);
                    m_report.warning(f.pointerOf(key), "ignored: a criterion without \"metric\" is qualitative");
                }
            }
        }
        return c;
    }

    Evidence readEvidence(JsonFields &f)
    {
        Evidence e;
        e.id = readListId(f, IdList::Evidence);
        e.path = readPath(f);
        e.title = f.string("title", Need::Optional).value_or("");
        e.kind = f.string("kind", Need::Optional).value_or("");
        e.level = f.level("level", Need::Optional);
        e.mediaType = f.string("media_type", Need::Optional).value_or("");
        if (auto sha = f.string("sha256", Need::Optional)) {
            if (isLowercaseHex64(*sha))
                e.sha256 = *sha;
            else
                f.wrongValue("sha256", "a SHA-256 as 64 lowercase hex digits");
        }
        e.created = f.date("created", Need::Optional).value_or("");
        return e;
    }

    Metric readMetric(JsonFields &f)
    {
        Metric m;
        m.id = readListId(f, IdList::Metric);
        m.title = f.string("title", Need::Optional).value_or("");
        m.path = readPath(f);
        const auto kind = f.choice<MetricKind>("kind", Need::Required, kMetricKinds);
        m.kind = kind.value_or(MetricKind::Series);
        m.format = f.choice<MetricFormat>("format", Need::Optional, kMetricFormats).value_or(MetricFormat::Csv);
        if (m.format == MetricFormat::Mlflow && kind && *kind != MetricKind::Series)
            m_report.error(f.pointerOf("kind"),
                           fmt::format("an MLflow metric file holds a series; kind \"{}\" cannot be read from it",
                                       toString(*kind)));
        m.level = f.level("level", Need::Optional);
        m.better = std::string(f.choice<std::string_view>("better", Need::Optional, kBetter).value_or(""));
        m.unit = f.string("unit", Need::Optional).value_or("");
        m.xLabel = f.string("x_label", Need::Optional).value_or("");
        m.yLabel = f.string("y_label", Need::Optional).value_or("");
        return m;
    }

    void checkReferences()
    {
        for (const Reference &ref : m_refs) {
            if (!m_ids[ref.list].contains(ref.id))
                m_report.error(ref.pointer,
                               fmt::format("refers to {} \"{}\", which does not exist", listName(ref.list), ref.id));
        }
    }

    /// Two cards for the same level and component leave the reader guessing which one holds.
    void checkCardsAreDistinct(const std::vector<Card> &cards)
    {
        std::map<std::pair<int, std::string>, std::size_t> seen;
        for (std::size_t i = 0; i < cards.size(); ++i) {
            const auto [it, inserted] = seen.emplace(std::pair(cards[i].level, cards[i].component), i);
            if (!inserted)
                m_report.warning(m_cardPointers[i],
                                 fmt::format("a second card for level {} and {} (first at {})", cards[i].level,
                                             cards[i].component.empty() ? std::string("the whole system")
                                                                        : "component \"" + cards[i].component + "\"",
                                             m_report.location(m_cardPointers[it->second])));
        }
    }

    void checkSystemLevel(const Manifest &m)
    {
        if (!m_currentLevelKnown || !m_componentLevelsValid)
            return;
        const SystemLevel system = systemLevel(m.components);
        if (system.level && *system.level != m.project.currentLevel)
            m_report.warning(
                "/project/current_level",
                fmt::format("project.current_level is {}, but the system level (the lowest component level) is {}",
                            m.project.currentLevel, *system.level));
    }

    JsonReport &m_report;
    std::map<IdList, std::map<std::string, std::string>> m_ids; // id → pointer of its first use
    std::vector<Reference> m_refs;
    std::map<std::string, std::string> m_paths; // path → pointer of its first use
    std::vector<std::string> m_cardPointers;
    bool m_currentLevelKnown = false;
    bool m_componentLevelsValid = true;
};

} // namespace

namespace {

std::optional<Manifest> readManifest(std::string_view bytes, Problems &problems, const ManifestLimits &limits,
                                     std::string_view where, bool keepFaulty)
{
    const std::size_t errorsBefore = problems.errorCount();
    if (bytes.size() > limits.maxBytes) {
        problems.error(std::string(where), fmt::format("the manifest is {} bytes; at most {} bytes are allowed",
                                                       bytes.size(), limits.maxBytes));
        return std::nullopt;
    }
    const auto doc = parseJsonDocument(bytes, where, limits.maxDepth, problems);
    if (!doc)
        return std::nullopt;
    if (!doc->is_object()) {
        problems.error(std::string(where), "the manifest must be a JSON object, found " + describeJsonValue(*doc));
        return std::nullopt;
    }
    JsonReport report(problems, std::string(where));
    Manifest manifest = ManifestReader(report).read(*doc);
    if (problems.errorCount() == errorsBefore)
        return manifest;
    // A faulty manifest of the supported version is still worth checking the archive against.
    const auto version = doc->find("mltrl_archive");
    if (keepFaulty && version != doc->end() && *version == kSupportedVersion)
        return manifest;
    return std::nullopt;
}

} // namespace

std::optional<Manifest> parseManifest(std::string_view bytes, Problems &problems, const ManifestLimits &limits,
                                      std::string_view where)
{
    return readManifest(bytes, problems, limits, where, false);
}

std::optional<Manifest> parseManifestForReport(std::string_view bytes, Problems &problems, const ManifestLimits &limits,
                                               std::string_view where)
{
    return readManifest(bytes, problems, limits, where, true);
}

} // namespace mltrl
