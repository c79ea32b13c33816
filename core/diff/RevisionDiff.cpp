#include "core/diff/RevisionDiff.h"

#include "core/store/RevisionData.h"
#include "core/store/Store.h"

#include <fmt/format.h>

#include <array>
#include <functional>
#include <unordered_map>
#include <unordered_set>

namespace mltrl {

namespace {

using json = nlohmann::json;

constexpr std::array<std::string_view, 10> kKindNames{"project",     "level", "history",   "component", "card",
                                                      "requirement", "gate",  "criterion", "evidence",  "metric"};

json opt(const std::optional<int> &v)
{
    return v ? json(*v) : json();
}
json opt(const std::optional<double> &v)
{
    return v ? json(*v) : json();
}
json text(const std::string &s)
{
    return s.empty() ? json() : json(s);
}
json list(const std::vector<std::string> &items)
{
    return items.empty() ? json() : json(items);
}

/// Appends changes of one item; a field is listed only when its value differs.
class Emitter {
public:
    Emitter(std::vector<Change> &out, ChangeKind kind, std::string id, std::optional<int> level)
          : m_out(out), m_kind(kind), m_id(std::move(id)), m_level(level)
    {
    }
    void field(std::string what, json oldValue, json newValue) const
    {
        if (oldValue != newValue)
            m_out.push_back({m_kind, m_id, std::move(what), std::move(oldValue), std::move(newValue), m_level});
    }
    void added(json value) const { m_out.push_back({m_kind, m_id, "added", json(), std::move(value), m_level}); }
    void removed(json value) const { m_out.push_back({m_kind, m_id, "removed", std::move(value), json(), m_level}); }

private:
    std::vector<Change> &m_out;
    ChangeKind m_kind;
    std::string m_id;
    std::optional<int> m_level;
};

/// Matches items of both sides by key: `same` for items on both sides (in new order), then
/// `gone` for items only in the old one (in old order); `added` for new-only items in order.
template <typename T, typename Key, typename Same, typename Added, typename Gone>
void matchBy(const std::vector<T> &oldItems, const std::vector<T> &newItems, Key key, Same same, Added added, Gone gone)
{
    std::unordered_map<std::string, const T *> oldByKey;
    oldByKey.reserve(oldItems.size());
    for (const T &o : oldItems)
        oldByKey.emplace(key(o), &o);
    std::unordered_set<std::string> seen;
    seen.reserve(newItems.size());
    for (const T &n : newItems) {
        std::string k = key(n);
        const auto it = oldByKey.find(k);
        if (it == oldByKey.end())
            added(n);
        else
            same(*it->second, n);
        seen.insert(std::move(k));
    }
    for (const T &o : oldItems)
        if (!seen.count(key(o)))
            gone(o);
}

json people(const std::vector<Person> &list)
{
    std::vector<std::string> out;
    for (const Person &p : list)
        out.push_back(p.role.empty() ? fmt::format("{} <{}>", p.name, p.email)
                                     : fmt::format("{} <{}> ({})", p.name, p.email, p.role));
    return out.empty() ? json() : json(out);
}

void compareProject(const RevisionData &a, const RevisionData &b, std::vector<Change> &out)
{
    const ProjectInfo &o = a.manifest.project, &n = b.manifest.project;
    const Emitter e(out, ChangeKind::Project, n.id, std::nullopt);
    e.field("name", text(o.name), text(n.name));
    e.field("summary", text(o.summary), text(n.summary));
    e.field("domain", text(o.domain), text(n.domain));
    e.field("exported_at", text(o.exportedAt), text(n.exportedAt));
    e.field("owners", people(o.owners), people(n.owners));
    e.field("reviewers", people(o.reviewers), people(n.reviewers));
    std::vector<std::string> ol, nl;
    for (const Link &l : o.links)
        ol.push_back(fmt::format("{} <{}>", l.title, l.url));
    for (const Link &l : n.links)
        nl.push_back(fmt::format("{} <{}>", l.title, l.url));
    e.field("links", list(ol), list(nl));

    const Emitter lv(out, ChangeKind::Level, n.id, n.currentLevel);
    lv.field("current_level", o.currentLevel, n.currentLevel);
    lv.field("target_level", opt(o.targetLevel), opt(n.targetLevel));
    lv.field("system_level", opt(a.overview.systemLevel), opt(b.overview.systemLevel));
}

std::string historyLine(const HistoryEntry &h)
{
    std::string s = h.from ? fmt::format("{} {} {}→{}", h.at, toString(h.kind), *h.from, h.to)
                           : fmt::format("{} {} {}", h.at, toString(h.kind), h.to);
    if (!h.reason.empty())
        s += fmt::format(": {}", h.reason);
    return s;
}

/// History is append-mostly and has no ids: entries are compared by position.
void compareHistory(const Manifest &a, const Manifest &b, std::vector<Change> &out)
{
    const std::size_t common = std::min(a.history.size(), b.history.size());
    for (std::size_t i = 0; i < std::max(a.history.size(), b.history.size()); ++i) {
        const HistoryEntry *o = i < a.history.size() ? &a.history[i] : nullptr;
        const HistoryEntry *n = i < b.history.size() ? &b.history[i] : nullptr;
        const Emitter e(out, ChangeKind::History, std::to_string(i), (n ? n : o)->to);
        if (i >= common) {
            if (n)
                e.added(historyLine(*n));
            else
                e.removed(historyLine(*o));
            continue;
        }
        e.field("at", o->at, n->at);
        e.field("from", opt(o->from), opt(n->from));
        e.field("to", o->to, n->to);
        e.field("kind", std::string(toString(o->kind)), std::string(toString(n->kind)));
        e.field("switchback", text(std::string(o->switchback == SwitchbackKind::None ? "" : toString(o->switchback))),
                text(std::string(n->switchback == SwitchbackKind::None ? "" : toString(n->switchback))));
        e.field("reason", text(o->reason), text(n->reason));
        e.field("gate", text(o->gate), text(n->gate));
    }
}

void compareComponents(const Manifest &a, const Manifest &b, std::vector<Change> &out)
{
    matchBy(
        a.components, b.components, [](const Component &c) { return c.id; },
        [&](const Component &o, const Component &n) {
            const Emitter e(out, ChangeKind::Component, n.id, n.level);
            e.field("name", text(o.name), text(n.name));
            e.field("level", o.level, n.level);
            e.field("code", text(o.code), text(n.code));
        },
        [&](const Component &n) { Emitter(out, ChangeKind::Component, n.id, n.level).added(n.name); },
        [&](const Component &o) { Emitter(out, ChangeKind::Component, o.id, o.level).removed(o.name); });
}

std::string cardId(const Card &c)
{
    return c.component.empty() ? std::to_string(c.level) : fmt::format("{}/{}", c.level, c.component);
}

json debriefText(const Card &c)
{
    std::string s;
    for (const DebriefItem &d : c.debrief)
        s += fmt::format("{}Q: {}\nA: {}\n", s.empty() ? "" : "\n", d.question, d.answer);
    return text(s);
}

void compareCards(const Manifest &a, const Manifest &b, std::vector<Change> &out)
{
    matchBy(
        a.cards, b.cards, cardId,
        [&](const Card &o, const Card &n) {
            const Emitter e(out, ChangeKind::Card, cardId(n), n.level);
            e.field("updated", text(o.updated), text(n.updated));
            e.field("tldr", text(o.tldr), text(n.tldr));
            e.field("model_info", text(o.modelInfo), text(n.modelInfo));
            e.field("intended_use", text(o.intendedUse), text(n.intendedUse));
            e.field("testing_status", text(o.testingStatus), text(n.testingStatus));
            e.field("data_considerations", text(o.dataConsiderations), text(n.dataConsiderations));
            e.field("caveats", text(o.caveats), text(n.caveats));
            e.field("debrief", debriefText(o), debriefText(n));
            e.field("requirements", list(o.requirements), list(n.requirements));
            e.field("evidence", list(o.evidence), list(n.evidence));
        },
        [&](const Card &n) { Emitter(out, ChangeKind::Card, cardId(n), n.level).added(text(n.tldr)); },
        [&](const Card &o) { Emitter(out, ChangeKind::Card, cardId(o), o.level).removed(text(o.tldr)); });
}

json vv(VvStatus s)
{
    return s == VvStatus::Unset ? json() : json(std::string(toString(s)));
}

void compareRequirements(const Manifest &a, const Manifest &b, std::vector<Change> &out)
{
    matchBy(
        a.requirements, b.requirements, [](const Requirement &r) { return r.id; },
        [&](const Requirement &o, const Requirement &n) {
            const Emitter e(out, ChangeKind::Requirement, n.id, n.level ? n.level : o.level);
            e.field("text", text(o.text), text(n.text));
            e.field("kind", text(o.kind), text(n.kind));
            e.field("level", opt(o.level), opt(n.level));
            e.field("risk.p_failure", opt(o.pFailure), opt(n.pFailure));
            e.field("risk.impact", opt(o.impact), opt(n.impact));
            e.field("verification", vv(o.verification), vv(n.verification));
            e.field("validation", vv(o.validation), vv(n.validation));
            e.field("evidence", list(o.evidence), list(n.evidence));
        },
        [&](const Requirement &n) { Emitter(out, ChangeKind::Requirement, n.id, n.level).added(n.text); },
        [&](const Requirement &o) { Emitter(out, ChangeKind::Requirement, o.id, o.level).removed(o.text); });
}

json signoffs(const Gate &g)
{
    std::vector<std::string> out;
    for (const Signoff &s : g.signoffs)
        out.push_back(fmt::format("{} ×{}", s.role, s.min));
    return list(out);
}

void compareCriteria(const Gate &og, const Gate &ng, const RevisionData &a, const RevisionData &b,
                     std::vector<Change> &out)
{
    const auto id = [&](const Criterion &c) { return fmt::format("{}/{}", ng.id, c.id); };
    const auto quant = [](const Criterion &c, auto value) { return c.isQuantitative() ? value : json(); };
    matchBy(
        og.criteria, ng.criteria, [](const Criterion &c) { return c.id; },
        [&](const Criterion &o, const Criterion &n) {
            const Emitter e(out, ChangeKind::Criterion, id(n), ng.level);
            e.field("text", text(o.text), text(n.text));
            e.field("metric", text(o.metric), text(n.metric));
            e.field("aggregate", quant(o, json(std::string(toString(o.aggregate)))),
                    quant(n, json(std::string(toString(n.aggregate)))));
            e.field("op", quant(o, json(std::string(toString(o.op)))), quant(n, json(std::string(toString(n.op)))));
            e.field("threshold", opt(o.threshold), opt(n.threshold));
            e.field("series", text(o.series), text(n.series));
            e.field("evidence", list(o.evidence), list(n.evidence));
            const CriterionOverview *oc = a.criterion(og.id, o.id);
            const CriterionOverview *nc = b.criterion(ng.id, n.id);
            e.field("observed", oc ? opt(oc->observed) : json(), nc ? opt(nc->observed) : json());
            e.field("suggested", oc && oc->suggested ? json(*oc->suggested) : json(),
                    nc && nc->suggested ? json(*nc->suggested) : json());
        },
        [&](const Criterion &n) { Emitter(out, ChangeKind::Criterion, id(n), ng.level).added(n.text); },
        [&](const Criterion &o) { Emitter(out, ChangeKind::Criterion, id(o), ng.level).removed(o.text); });
}

void compareGates(const RevisionData &a, const RevisionData &b, std::vector<Change> &out)
{
    // Gates first, then criteria, so each kind stays together in the list.
    std::vector<std::function<void()>> criteria;
    matchBy(
        a.manifest.gates, b.manifest.gates, [](const Gate &g) { return g.id; },
        [&](const Gate &o, const Gate &n) {
            const Emitter e(out, ChangeKind::Gate, n.id, n.level);
            e.field("level", o.level, n.level);
            e.field("title", text(o.title), text(n.title));
            e.field("signoffs", signoffs(o), signoffs(n));
            criteria.push_back([&, po = &o, pn = &n] { compareCriteria(*po, *pn, a, b, out); });
        },
        [&](const Gate &n) { Emitter(out, ChangeKind::Gate, n.id, n.level).added(n.title); },
        [&](const Gate &o) { Emitter(out, ChangeKind::Gate, o.id, o.level).removed(o.title); });
    for (const auto &c : criteria)
        c();
}

std::string hashOf(const RevisionData &r, const std::string &path)
{
    const StoredFile *f = r.fileFor(path);
    return f ? f->sha256 : std::string();
}

json fileValue(const std::string &path, const std::string &sha)
{
    return json{{"path", path}, {"sha256", text(sha)}};
}

void compareEvidence(const RevisionData &a, const RevisionData &b, std::vector<Change> &out)
{
    matchBy(
        a.manifest.evidence, b.manifest.evidence, [](const Evidence &e) { return e.id; },
        [&](const Evidence &o, const Evidence &n) {
            const Emitter e(out, ChangeKind::Evidence, n.id, n.level ? n.level : o.level);
            // A renamed file with the same bytes shows as a path change only.
            e.field("path", o.path, n.path);
            e.field("bytes", text(hashOf(a, o.path)), text(hashOf(b, n.path)));
            e.field("title", text(o.title), text(n.title));
            e.field("kind", text(o.kind), text(n.kind));
            e.field("level", opt(o.level), opt(n.level));
            e.field("media_type", text(o.mediaType), text(n.mediaType));
            e.field("created", text(o.created), text(n.created));
        },
        [&](const Evidence &n) {
            Emitter(out, ChangeKind::Evidence, n.id, n.level).added(fileValue(n.path, hashOf(b, n.path)));
        },
        [&](const Evidence &o) {
            Emitter(out, ChangeKind::Evidence, o.id, o.level).removed(fileValue(o.path, hashOf(a, o.path)));
        });
}

/// The last value of each sub-series: a number for a metric with one unnamed series, else an
/// object by series name. Null when the metric has no points.
json lastValues(Store &store, const RevisionData &r, const std::string &metricId)
{
    const std::optional<MetricData> data = loadMetricData(store, r.overview.revisionId, metricId);
    if (!data)
        return json();
    if (data->series.size() == 1 && data->series[0].name.empty())
        return data->series[0].y.empty() ? json() : json(data->series[0].y.back());
    json out = json::object();
    for (const SeriesData &s : data->series)
        out[s.name] = s.y.empty() ? json() : json(s.y.back());
    return out.empty() ? json() : out;
}

json points(const RevisionData &r, const std::string &metricId)
{
    const auto it = r.metricPoints.find(metricId);
    return it == r.metricPoints.end() ? json() : json(it->second);
}

void compareMetrics(const RevisionData &a, const RevisionData &b, Store *store, std::vector<Change> &out)
{
    matchBy(
        a.manifest.metrics, b.manifest.metrics, [](const Metric &m) { return m.id; },
        [&](const Metric &o, const Metric &n) {
            const Emitter e(out, ChangeKind::Metric, n.id, n.level ? n.level : o.level);
            e.field("title", text(o.title), text(n.title));
            e.field("path", o.path, n.path);
            e.field("kind", std::string(toString(o.kind)), std::string(toString(n.kind)));
            e.field("format", std::string(toString(o.format)), std::string(toString(n.format)));
            e.field("level", opt(o.level), opt(n.level));
            e.field("better", text(o.better), text(n.better));
            e.field("unit", text(o.unit), text(n.unit));
            e.field("x_label", text(o.xLabel), text(n.xLabel));
            e.field("y_label", text(o.yLabel), text(n.yLabel));
            const std::string oh = hashOf(a, o.path), nh = hashOf(b, n.path);
            e.field("bytes", text(oh), text(nh));
            e.field("points", points(a, o.id), points(b, n.id));
            // Points are read only for metrics whose bytes changed: same bytes, same values.
            if (store && oh != nh)
                e.field("last_value", lastValues(*store, a, o.id), lastValues(*store, b, n.id));
        },
        [&](const Metric &n) {
            Emitter(out, ChangeKind::Metric, n.id, n.level).added(fileValue(n.path, hashOf(b, n.path)));
        },
        [&](const Metric &o) {
            Emitter(out, ChangeKind::Metric, o.id, o.level).removed(fileValue(o.path, hashOf(a, o.path)));
        });
}

} // namespace

std::string_view toString(ChangeKind kind)
{
    return kKindNames[static_cast<std::size_t>(kind)];
}

std::optional<ChangeKind> changeKindFromString(std::string_view text)
{
    for (std::size_t i = 0; i < kKindNames.size(); ++i)
        if (kKindNames[i] == text)
            return static_cast<ChangeKind>(i);
    return std::nullopt;
}

const std::vector<ChangeKind> &allChangeKinds()
{
    static const std::vector<ChangeKind> kinds = [] {
        std::vector<ChangeKind> k;
        for (std::size_t i = 0; i < kKindNames.size(); ++i)
            k.push_back(static_cast<ChangeKind>(i));
        return k;
    }();
    return kinds;
}

std::vector<Change> compareRevisions(const RevisionData &from, const RevisionData &to, Store *store)
{
    std::vector<Change> out;
    compareProject(from, to, out);
    compareHistory(from.manifest, to.manifest, out);
    compareComponents(from.manifest, to.manifest, out);
    compareCards(from.manifest, to.manifest, out);
    compareRequirements(from.manifest, to.manifest, out);
    compareGates(from, to, out);
    compareEvidence(from, to, out);
    compareMetrics(from, to, store, out);
    // Project and level changes are emitted together; keep every kind in list order.
    std::stable_sort(out.begin(), out.end(), [](const Change &x, const Change &y) { return x.kind < y.kind; });
    return out;
}

json toJson(const Change &change)
{
    return json{{"kind", toString(change.kind)}, {"id", change.id},        {"what", change.what},
                {"old", change.oldValue},        {"new", change.newValue}, {"level", opt(change.level)}};
}

std::string displayValue(const json &value, std::size_t width)
{
    std::string s;
    if (value.is_null())
        return "—";
    if (value.is_string())
        s = value.get<std::string>();
    else if (value.is_array()) {
        for (const json &v : value)
            s += (s.empty() ? "" : ", ") + displayValue(v, width);
    } else if (value.is_object() && value.contains("sha256") && value.contains("path")) {
        s = fmt::format("{} ({})", value["path"].get<std::string>(), displayValue(value["sha256"], 12));
    } else
        s = value.dump();
    const std::size_t nl = s.find('\n');
    if (nl != std::string::npos)
        s = s.substr(0, nl) + " …";
    // Cut at a UTF-8 character boundary.
    std::size_t chars = 0, i = 0;
    for (; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && chars++ == width)
            return s.substr(0, i) + "…";
    }
    return s;
}

} // namespace mltrl
