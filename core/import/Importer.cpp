#include "core/import/Importer.h"

#include "core/import/ArchiveCheck.h"
#include "core/import/MetricIngest.h"
#include "core/import/RevisionWriter.h"
#include "core/import/StagedArchive.h"
#include "core/review/AuditLog.h"
#include "core/review/ReviewMerge.h"
#include "core/store/DicomChecks.h"
#include "core/store/Store.h"
#include "core/store/UnsettledBlobs.h"

#include <QTemporaryDir>

#include <fmt/format.h>

#include <map>
#include <optional>

namespace fs = std::filesystem;

namespace mltrl {

namespace {

using Outcome = ImportResult::Outcome;

ImportResult rejected(Outcome outcome = Outcome::Rejected)
{
    ImportResult r;
    r.outcome = outcome;
    return r;
}

bool cancelled(const CancelToken *cancel)
{
    return cancel && cancel->isCancelled();
}

struct ExistingRevision {
    std::int64_t rowId = 0;
    int number = 0;
};

/// The revision already holding exactly this content (number 0 when none).
ExistingRevision existingRevision(sql::Database &db, const std::string &projectId, const std::string &fingerprint)
{
    auto st = db.prepare("SELECT id, number FROM revisions WHERE project_id = ? AND fingerprint = ?");
    st.bindAll(projectId, fingerprint);
    return st.step() ? ExistingRevision{st.int64(0), st.integer(1)} : ExistingRevision{};
}

/// Merges the archive's reviews and records the import in the audit log, inside the
/// import's transaction: the revision, its reviews and the log entry commit together.
void mergeAndLog(sql::Database &db, const StagedArchive &staged, const CheckedArchive &checked, std::int64_t rev,
                 int number, bool created, Problems &problems)
{
    const ReviewMergeResult merged = mergeArchiveReviews(db, staged, checked, rev, problems);
    AuditLog(db).append("import", checked.manifest.project.id,
                        {{"source", staged.sourceName()},
                         {"revision", number},
                         {"new_revision", created},
                         {"manifest_sha256", checked.manifestSha256},
                         {"reviews_added", merged.added},
                         {"reviews_already_present", merged.alreadyPresent},
                         {"reviews_rejected", merged.rejected}});
}

int nextRevisionNumber(sql::Database &db, const std::string &projectId)
{
    auto st = db.prepare("SELECT COALESCE(MAX(number), 0) + 1 FROM revisions WHERE project_id = ?");
    st.bindAll(projectId);
    st.step();
    return st.integer(0);
}

/// An archive byte-identical to a stored revision (manifest and named files) may still carry
/// other assets: they are not part of a revision's identity (§5). A revision imported before
/// assets were collected gets this archive's now; otherwise the stored ones stay, and every
/// difference is a warning. Returns the asset paths whose bytes must be published.
std::vector<std::string> assetsOfPresentRevision(sql::Database &db, const StagedArchive &staged,
                                                 const CheckedArchive &checked, const ExistingRevision &same,
                                                 Problems &problems)
{
    std::vector<std::string> publish;
    auto flag = db.prepare("SELECT assets_collected FROM revisions WHERE id = ?");
    flag.bindAll(same.rowId);
    if (flag.step() && flag.integer(0) == 0) {
        RevisionWriter(db, staged, checked).insertAssets(same.rowId);
        for (const Asset &a : checked.assets)
            publish.push_back(a.path);
        return publish;
    }
    std::map<std::string, std::string> stored;
    auto st = db.prepare("SELECT path, sha256 FROM revision_assets WHERE revision_id = ?");
    st.bindAll(same.rowId);
    while (st.step())
        stored.emplace(st.text(0), st.text(1));
    for (const Asset &a : checked.assets) {
        const auto it = stored.find(a.path);
        if (it == stored.end())
            problems.warning(a.path, fmt::format("this image is not stored: revision {} holds the same manifest and "
                                                 "named files and was stored without it (files the manifest does not "
                                                 "name are not part of a revision's identity)",
                                                 same.number));
        else if (it->second != a.sha256)
            problems.warning(a.path, fmt::format("this image differs from the copy stored with revision {}, which is "
                                                 "kept (files the manifest does not name are not part of a revision's "
                                                 "identity); name it in the manifest to make a change a new revision",
                                                 same.number));
    }
    return publish;
}

std::vector<std::string> assetPaths(const CheckedArchive &checked)
{
    std::vector<std::string> paths;
    for (const Asset &a : checked.assets)
        paths.push_back(a.path);
    return paths;
}

/// Writes the revision inside one transaction and publishes its blobs just before commit.
/// Any failure rolls back and removes exactly the blobs this import created.
ImportResult writeRevision(Store &store, const StagedArchive &staged, const CheckedArchive &checked, Problems &problems,
                           const CancelToken *cancel)
{
    const std::string &projectId = checked.manifest.project.id;
    sql::Database &db = store.db();
    std::vector<std::string> createdBlobs;
    try {
        sql::Transaction tx(db);
        // Publishes the staged bytes of `paths` and commits; nullopt when either fails.
        const auto publishAndCommit = [&](const std::vector<std::string> &paths) -> std::optional<ImportResult> {
            if (paths.empty()) {
                tx.commit();
                return std::nullopt;
            }
            std::string error;
            const auto created = store.blobs().publish(staged.pendingFor(paths), error);
            if (!created) {
                problems.error(store.dir().string(), error);
                return rejected(Outcome::Failed);
            }
            createdBlobs = *created;
            if (cancelled(cancel)) {
                store.blobs().remove(createdBlobs);
                return rejected(Outcome::Cancelled);
            }
            tx.commit();
            blobs::settle(store.dir());
            return std::nullopt;
        };
        if (const ExistingRevision same = existingRevision(db, projectId, checked.fingerprint); same.number) {
            // Nothing new in the revision, but the archive may carry new reviews of it (an
            // exported archive coming back signed), or the assets of a revision imported
            // before they were collected.
            const std::vector<std::string> assets = assetsOfPresentRevision(db, staged, checked, same, problems);
            mergeAndLog(db, staged, checked, same.rowId, same.number, false, problems);
            if (std::optional<ImportResult> failed = publishAndCommit(assets))
                return *failed;
            ImportResult r;
            r.outcome = Outcome::AlreadyPresent;
            r.projectId = projectId;
            r.revision = same.number;
            return r;
        }
        const int number = nextRevisionNumber(db, projectId);
        RevisionWriter writer(db, staged, checked);
        const std::int64_t rev = writer.insertRevision(projectId, number, staged.sourceName());
        writer.insertFiles(rev);
        writer.insertAssets(rev);
        writer.insertStructure(rev);

        MetricIngest metrics;
        const bool metricsOk = metrics.run(
            staged, checked.manifest, problems,
            [&](const Metric &m, MetricData &d) { writer.insertMetricSeries(rev, m, d); }, cancel);
        if (cancelled(cancel))
            return rejected(Outcome::Cancelled);
        if (!metricsOk)
            return rejected();
        writer.insertCriteria(rev, metrics.observations());
        insertDicomChecks(db, rev, checked.dicomChecks);
        writer.setWarnings(rev, problems.warnings());
        mergeAndLog(db, staged, checked, rev, number, true, problems);

        std::vector<std::string> paths = checked.namedPaths;
        for (std::string &p : assetPaths(checked))
            paths.push_back(std::move(p));
        if (std::optional<ImportResult> failed = publishAndCommit(paths))
            return *failed;
        ImportResult r;
        r.outcome = Outcome::Imported;
        r.projectId = projectId;
        r.revision = number;
        return r;
    } catch (const sql::SqliteError &e) {
        store.blobs().remove(createdBlobs);
        problems.error(store.dir().string(), fmt::format("the import could not be stored: {}", e.what()));
        return rejected(Outcome::Failed);
    }
}

} // namespace

ImportResult importArchive(Store &store, const fs::path &source, Problems &problems, const ImportOptions &options,
                           const CancelToken *cancel, const ProgressFn &progress)
{
    Store::WriteLock lock(store);
    StagedArchive staged(store.blobs());
    const bool readOk = staged.read(source, problems, options.archiveLimits, cancel, progress);
    if (cancelled(cancel))
        return rejected(Outcome::Cancelled);
    if (!readOk)
        return rejected();
    const std::optional<CheckedArchive> checked =
        checkStagedArchive(staged, source.filename().string(), problems, options.manifestLimits);
    if (!checked)
        return rejected();
    if (problems.hasErrors()) {
        // Rejected already; parse the metric files anyway so every problem is reported at once.
        MetricIngest().run(staged, checked->manifest, problems, {}, cancel);
        return rejected();
    }
    return writeRevision(store, staged, *checked, problems, cancel);
}

bool validateArchive(const fs::path &source, Problems &problems, const ImportOptions &options,
                     const CancelToken *cancel)
{
    QTemporaryDir scratch;
    if (!scratch.isValid()) {
        problems.error(source.string(), "cannot create a temporary folder to validate in");
        return false;
    }
    BlobStore staging(fs::path(scratch.path().toStdString()));
    StagedArchive staged(staging);
    if (!staged.read(source, problems, options.archiveLimits, cancel, {}))
        return false;
    const std::optional<CheckedArchive> checked =
        checkStagedArchive(staged, source.filename().string(), problems, options.manifestLimits);
    if (!checked)
        return false;
    return MetricIngest().run(staged, checked->manifest, problems, {}, cancel) && !problems.hasErrors();
}

} // namespace mltrl
