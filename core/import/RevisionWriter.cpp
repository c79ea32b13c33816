#include "core/import/RevisionWriter.h"

#include "core/common/Rfc3339.h"
#include "core/derive/Levels.h"
#include "core/metrics/PackedColumn.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace mltrl {

namespace {

std::span<const std::byte> packed(const std::vector<double> &v)
{
    // Metric columns are stored as the host's float64 array (little-endian on every platform
    // we build for); see docs/store.md.
    return std::as_bytes(std::span<const double>(v));
}

const nlohmann::json &rawItem(const nlohmann::json &raw, const char *list, std::size_t i)
{
    static const nlohmann::json empty = nlohmann::json::object();
    if (!raw.contains(list) || !raw[list].is_array() || i >= raw[list].size())
        return empty;
    return raw[list][i];
}

template <typename T>
std::optional<std::int64_t> optLevel(const std::optional<T> &v)
{
    return v ? std::optional<std::int64_t>(*v) : std::nullopt;
}

} // namespace

std::int64_t RevisionWriter::insertRevision(const std::string &projectId, int number, const std::string &source)
{
    const Manifest &m = m_checked.manifest;
    m_db.prepare("INSERT OR IGNORE INTO projects(id, created_at) VALUES (?, ?)").bindAll(projectId, utcNow()).run();
    const std::optional<int> system = systemLevel(m.components).level;
    auto st = m_db.prepare(
        "INSERT INTO revisions(project_id, number, fingerprint, manifest_sha256, imported_at, source, name, domain,"
        " summary, current_level, target_level, system_level, exported_at, project_json, warnings_json)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    st.bindAll(projectId, number, m_checked.fingerprint, m_checked.manifestSha256, utcNow(), source, m.project.name,
               m.project.domain, m.project.summary, m.project.currentLevel);
    st.bind(11, optLevel(m.project.targetLevel));
    st.bind(12, optLevel(system));
    st.bind(13, m.project.exportedAt);
    st.bind(14, m.raw.value("project", nlohmann::json::object()).dump());
    st.bind(15, std::string_view("[]"));
    st.run();
    return m_db.lastInsertRowId();
}

void RevisionWriter::setWarnings(std::int64_t rev, const std::vector<Problem> &warnings)
{
    nlohmann::json list = nlohmann::json::array();
    for (const Problem &w : warnings)
        list.push_back(w.toString());
    m_db.prepare("UPDATE revisions SET warnings_json = ? WHERE id = ?").bindAll(list.dump(), rev).run();
}

void RevisionWriter::insertStructure(std::int64_t rev)
{
    const Manifest &m = m_checked.manifest;
    const nlohmann::json &raw = m.raw;

    const std::vector<std::string> heldBack = systemLevel(m.components).heldBackBy;
    auto comp = m_db.prepare("INSERT INTO components VALUES (?,?,?,?,?,?,?)");
    for (std::size_t i = 0; i < m.components.size(); ++i) {
        const Component &c = m.components[i];
        const bool held = std::find(heldBack.begin(), heldBack.end(), c.id) != heldBack.end();
        comp.bindAll(rev, static_cast<std::int64_t>(i), c.id, c.name, c.level, c.code, held ? 1 : 0).run();
        comp.reset();
    }

    std::map<std::size_t, std::string> invalid;
    for (const InvalidSwitchback &s : invalidSwitchbacks(m.history))
        invalid[s.index] = s.reason;
    auto hist = m_db.prepare("INSERT INTO history VALUES (?,?,?,?,?,?,?,?,?,?)");
    for (std::size_t i = 0; i < m.history.size(); ++i) {
        const HistoryEntry &h = m.history[i];
        hist.bindAll(rev, static_cast<std::int64_t>(i), h.at);
        hist.bind(4, optLevel(h.from));
        hist.bind(5, h.to).bind(6, toString(h.kind)).bind(7, toString(h.switchback)).bind(8, h.reason).bind(9, h.gate);
        if (auto it = invalid.find(i); it != invalid.end())
            hist.bind(10, it->second);
        else
            hist.bindNull(10);
        hist.run();
        hist.reset();
    }

    auto card = m_db.prepare("INSERT INTO cards VALUES (?,?,?,?,?)");
    for (std::size_t i = 0; i < m.cards.size(); ++i) {
        card.bindAll(rev, static_cast<std::int64_t>(i), m.cards[i].level, m.cards[i].component,
                     rawItem(raw, "cards", i).dump())
            .run();
        card.reset();
    }

    auto req = m_db.prepare("INSERT INTO requirements VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    for (std::size_t i = 0; i < m.requirements.size(); ++i) {
        const Requirement &r = m.requirements[i];
        req.bindAll(rev, static_cast<std::int64_t>(i), r.id, r.text, r.kind);
        req.bind(6, optLevel(r.level)).bind(7, r.pFailure).bind(8, r.impact).bind(9, r.riskScore());
        req.bind(10, toString(r.verification)).bind(11, toString(r.validation));
        req.bind(12, rawItem(raw, "requirements", i).dump());
        req.run();
        req.reset();
    }

    auto gate = m_db.prepare("INSERT INTO gates VALUES (?,?,?,?,?,?)");
    for (std::size_t i = 0; i < m.gates.size(); ++i) {
        const Gate &g = m.gates[i];
        gate.bindAll(rev, static_cast<std::int64_t>(i), g.id, g.level, g.title, rawItem(raw, "gates", i).dump()).run();
        gate.reset();
    }

    auto ev = m_db.prepare("INSERT INTO evidence VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    for (std::size_t i = 0; i < m.evidence.size(); ++i) {
        const Evidence &e = m.evidence[i];
        const StagedFile *f = m_staged.find(e.path);
        ev.bindAll(rev, static_cast<std::int64_t>(i), e.id, e.path, e.title, e.kind);
        ev.bind(7, optLevel(e.level)).bind(8, e.mediaType).bind(9, f->sha256);
        ev.bind(10, static_cast<std::int64_t>(f->size)).bind(11, e.created);
        ev.bind(12, rawItem(raw, "evidence", i).dump());
        ev.run();
        ev.reset();
    }

    auto met = m_db.prepare("INSERT INTO metrics VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    for (std::size_t i = 0; i < m.metrics.size(); ++i) {
        const Metric &x = m.metrics[i];
        const StagedFile *f = m_staged.find(x.path);
        met.bindAll(rev, static_cast<std::int64_t>(i), x.id, x.path, x.title, toString(x.kind), toString(x.format));
        met.bind(8, optLevel(x.level)).bind(9, x.better).bind(10, x.unit).bind(11, f->sha256);
        met.bind(12, static_cast<std::int64_t>(f->size)).bind(13, std::int64_t(0));
        met.bind(14, rawItem(raw, "metrics", i).dump());
        met.run();
        met.reset();
    }
}

void RevisionWriter::insertMetricSeries(std::int64_t rev, const Metric &metric, MetricData &data)
{
    const auto totalPoints = static_cast<std::int64_t>(data.pointCount());
    // Binding a big column directly makes SQLite assemble the whole row — every column — into
    // one record in memory: a second copy of the series. Above this size the columns go in as
    // zeroblobs (which SQLite writes without materialising them) and are filled in afterwards.
    constexpr std::size_t kIncrementalBytes = 16u << 20;
    constexpr int kColumns = 6;
    struct Column {
        const char *name;
        std::vector<double> *values;
        bool required;
        std::vector<std::byte> packed; ///< packed_column::pack(), empty: the raw float64 array
        [[nodiscard]] std::span<const std::byte> bytes() const
        {
            return packed.empty() ? mltrl::packed(*values) : std::span<const std::byte>(packed);
        }
    };
    // Named columns: other schema steps may add columns to this table.
    auto st = m_db.prepare("INSERT INTO metric_series (revision_id, metric_id, ord, name, points, x, y, lower, upper, "
                           "timestamp, count, labels_json, packing) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,1)");
    for (std::size_t i = 0; i < data.series.size(); ++i) {
        SeriesData &s = data.series[i];
        const auto points = static_cast<std::int64_t>(s.size());
        Column columns[kColumns] = {{"x", &s.x, true, {}},
                                    {"y", &s.y, true, {}},
                                    {"lower", &s.lower, false, {}},
                                    {"upper", &s.upper, false, {}},
                                    {"timestamp", &s.timestamp, false, {}},
                                    {"count", &s.count, false, {}}};
        std::size_t total = 0;
        bool present[kColumns] = {};
        for (Column &c : columns) {
            // Steps and logged decimals shrink 4–16×: fewer pages written to the WAL, then
            // again to the database, and fewer read back (docs/store.md).
            c.packed = packed_column::pack(*c.values);
            total += c.bytes().size();
            present[&c - columns] = !c.values->empty();
            if (!c.packed.empty())
                std::vector<double>().swap(*c.values); // peak memory: the parsed columns, not them and their packing
        }
        const bool incremental = total > kIncrementalBytes && metric.kind != MetricKind::Groups;
        st.bindAll(rev, metric.id, static_cast<std::int64_t>(i), s.name, points);
        for (int c = 0; c < kColumns; ++c) {
            if (!present[c] && !columns[c].required)
                st.bindNull(6 + c);
            else if (incremental)
                st.bindZeroBlob(6 + c, columns[c].bytes().size());
            else
                st.bindBlob(6 + c, columns[c].bytes(), false);
        }
        if (metric.kind == MetricKind::Groups)
            st.bind(12, nlohmann::json(data.groupLabels).dump());
        else
            st.bindNull(12);
        st.run();
        st.reset();
        if (incremental) {
            const std::int64_t row = m_db.lastInsertRowId();
            for (int c = 0; c < kColumns; ++c)
                if (present[c])
                    m_db.writeBlob("metric_series", columns[c].name, row, columns[c].bytes());
        }
    }
    m_db.prepare("UPDATE metrics SET points = ? WHERE revision_id = ? AND id = ?")
        .bindAll(totalPoints, rev, metric.id)
        .run();
}

void RevisionWriter::insertCriteria(std::int64_t rev,
                                    const std::map<std::pair<std::string, std::string>, CriterionObservation> &obs)
{
    const Manifest &m = m_checked.manifest;
    auto st = m_db.prepare("INSERT INTO criteria VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
    for (std::size_t g = 0; g < m.gates.size(); ++g) {
        const Gate &gate = m.gates[g];
        const nlohmann::json &rawGate = rawItem(m.raw, "gates", g);
        for (std::size_t i = 0; i < gate.criteria.size(); ++i) {
            const Criterion &c = gate.criteria[i];
            st.bindAll(rev, gate.id, static_cast<std::int64_t>(i), c.id, c.text, c.metric);
            st.bind(7, c.isQuantitative() ? toString(c.aggregate) : std::string_view());
            st.bind(8, c.isQuantitative() ? toString(c.op) : std::string_view());
            st.bind(9, c.threshold).bind(10, c.series);
            const auto it = obs.find({gate.id, c.id});
            if (it != obs.end() && it->second.observed) {
                st.bind(11, *it->second.observed);
                if (it->second.met)
                    st.bind(12, *it->second.met ? "met" : "not_met");
                else
                    st.bindNull(12);
            } else {
                st.bindNull(11).bindNull(12);
            }
            const nlohmann::json rawCriterion =
                rawGate.contains("criteria") && rawGate["criteria"].is_array() && i < rawGate["criteria"].size()
                    ? rawGate["criteria"][i]
                    : nlohmann::json::object();
            st.bind(13, rawCriterion.dump());
            st.run();
            st.reset();
        }
    }
}

void RevisionWriter::insertFiles(std::int64_t rev)
{
    std::set<std::string> paths(m_checked.namedPaths.begin(), m_checked.namedPaths.end());
    auto blob = m_db.prepare("INSERT OR IGNORE INTO blobs(sha256, size) VALUES (?, ?)");
    auto file = m_db.prepare("INSERT INTO files(revision_id, path, sha256, size) VALUES (?,?,?,?)");
    for (const std::string &p : paths) {
        const StagedFile *f = m_staged.find(p);
        blob.bindAll(f->sha256, static_cast<std::int64_t>(f->size)).run();
        blob.reset();
        file.bindAll(rev, p, f->sha256, static_cast<std::int64_t>(f->size)).run();
        file.reset();
    }
}

void RevisionWriter::insertAssets(std::int64_t rev)
{
    auto blob = m_db.prepare("INSERT OR IGNORE INTO blobs(sha256, size) VALUES (?, ?)");
    auto asset =
        m_db.prepare("INSERT INTO revision_assets(revision_id, path, sha256, size, document) VALUES (?,?,?,?,?)");
    for (const Asset &a : m_checked.assets) {
        blob.bindAll(a.sha256, static_cast<std::int64_t>(a.size)).run();
        blob.reset();
        asset.bindAll(rev, a.path, a.sha256, static_cast<std::int64_t>(a.size), a.document).run();
        asset.reset();
    }
    m_db.prepare("UPDATE revisions SET assets_collected = 1 WHERE id = ?").bindAll(rev).run();
}

} // namespace mltrl
