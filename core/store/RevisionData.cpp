#include "core/store/RevisionData.h"

#include "core/manifest/ManifestParser.h"
#include "core/metrics/PackedColumn.h"
#include "core/store/DicomChecks.h"
#include "core/store/Store.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cstring>

namespace mltrl {

namespace {

} // namespace

const StoredFile *RevisionData::fileFor(const std::string &path) const
{
    const auto it = files.find(path);
    return it == files.end() ? nullptr : &it->second;
}

const dicom::DeidentificationCheck *RevisionData::dicomCheck(const std::string &evidenceId) const
{
    const auto it = dicomChecks.find(evidenceId);
    return it == dicomChecks.end() ? nullptr : &it->second;
}

const CriterionOverview *RevisionData::criterion(const std::string &gate, const std::string &id) const
{
    for (const GateOverview &g : overview.gates)
        if (g.id == gate)
            for (const CriterionOverview &c : g.criteria)
                if (c.id == id)
                    return &c;
    return nullptr;
}

std::optional<RevisionData> loadRevision(Store &store, const std::string &projectId, std::optional<int> revision,
                                         Problems &problems)
{
    sql::Database &db = store.db();
    std::optional<RevisionOverview> overview = loadOverview(db, projectId, revision);
    if (!overview) {
        problems.error(projectId, revision ? fmt::format("no revision {} of this project in the store", *revision)
                                           : std::string("no such project in the store"));
        return std::nullopt;
    }
    RevisionData data;
    data.overview = std::move(*overview);
    const std::int64_t rev = data.overview.revisionId;

    auto files = db.prepare("SELECT path, sha256, size FROM files WHERE revision_id = ?");
    files.bindAll(rev);
    while (files.step())
        data.files[files.text(0)] = StoredFile{files.text(1), static_cast<std::uint64_t>(files.int64(2))};

    auto assets = db.prepare("SELECT path, sha256, size FROM revision_assets WHERE revision_id = ?");
    assets.bindAll(rev);
    while (assets.step())
        data.assets[assets.text(0)] = StoredFile{assets.text(1), static_cast<std::uint64_t>(assets.int64(2))};

    const StoredFile *manifestFile = data.fileFor("mltrl.json");
    const std::optional<std::string> bytes =
        manifestFile ? store.blobs().read(manifestFile->sha256, 64u << 20) : std::nullopt;
    if (!bytes) {
        problems.error(store.dir().string(), fmt::format("the stored manifest of {} revision {} is missing", projectId,
                                                         data.overview.revision));
        return std::nullopt;
    }
    Problems parseProblems; // warnings were reported at import; only a damaged blob errs here
    std::optional<Manifest> manifest = parseManifest(*bytes, parseProblems);
    if (!manifest) {
        problems.append(parseProblems);
        return std::nullopt;
    }
    data.manifest = std::move(*manifest);

    auto hist =
        db.prepare("SELECT ord, invalid_reason FROM history WHERE revision_id = ? AND invalid_reason IS NOT NULL");
    hist.bindAll(rev);
    while (hist.step())
        data.invalidSwitchbacks[static_cast<std::size_t>(hist.int64(0))] = hist.text(1);

    auto pts = db.prepare("SELECT id, points FROM metrics WHERE revision_id = ?");
    pts.bindAll(rev);
    while (pts.step())
        data.metricPoints[pts.text(0)] = static_cast<std::uint64_t>(pts.int64(1));
    data.dicomChecks = loadDicomChecks(db, rev);
    return data;
}

std::optional<MetricData> loadMetricData(Store &store, std::int64_t revisionId, const std::string &metricId)
{
    sql::Database &db = store.db();
    auto meta = db.prepare("SELECT kind FROM metrics WHERE revision_id = ? AND id = ?");
    meta.bindAll(revisionId, metricId);
    if (!meta.step())
        return std::nullopt;
    MetricData data;
    const std::string kind = meta.text(0);
    data.kind = kind == "curve" ? MetricKind::Curve : kind == "groups" ? MetricKind::Groups : MetricKind::Series;
    auto st = db.prepare("SELECT rowid, name, labels_json, points, packing FROM metric_series "
                         "WHERE revision_id = ? AND metric_id = ? ORDER BY ord");
    st.bindAll(revisionId, metricId);
    std::vector<std::byte> packedBytes;
    while (st.step()) {
        const std::int64_t row = st.int64(0);
        const auto points = static_cast<std::size_t>(st.int64(3));
        const bool mayBePacked = st.int64(4) != 0;
        SeriesData s;
        s.name = st.text(1);
        // A raw column (8 bytes a point) is read straight into its vector: one copy from the
        // page cache, no more. A packed one (always shorter, docs/store.md) is read whole and
        // decoded.
        const auto column = [&](const char *name, std::vector<double> &out) {
            bool packed = false;
            db.readBlob("metric_series", name, row, [&](std::size_t bytes) -> void * {
                if (!mayBePacked || bytes == points * sizeof(double)) {
                    out.resize(bytes / sizeof(double));
                    return out.data();
                }
                packed = true;
                packedBytes.resize(bytes);
                return packedBytes.data();
            });
            if (packed && !packed_column::unpack(packedBytes, points, out))
                throw sql::SqliteError(SQLITE_CORRUPT,
                                       fmt::format("the stored column {} of metric \"{}\" (metric_series row {}) is "
                                                   "damaged: not {} packed points",
                                                   name, metricId, row, points));
        };
        column("x", s.x);
        column("y", s.y);
        column("lower", s.lower);
        column("upper", s.upper);
        column("timestamp", s.timestamp);
        column("count", s.count);
        if (!st.isNull(2))
            data.groupLabels = nlohmann::json::parse(st.text(2)).get<std::vector<std::string>>();
        data.series.push_back(std::move(s));
    }
    return data;
}

std::vector<RevisionListEntry> listRevisions(Store &store, const std::string &projectId)
{
    std::vector<RevisionListEntry> out;
    auto st = store.db().prepare("SELECT number, imported_at, manifest_sha256, current_level FROM revisions WHERE "
                                 "project_id = ? ORDER BY number");
    st.bindAll(projectId);
    while (st.step())
        out.push_back({st.integer(0), st.text(1), st.text(2), st.integer(3)});
    return out;
}

} // namespace mltrl
