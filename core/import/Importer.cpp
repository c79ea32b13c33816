#include "import/Importer.h"

#include "import/ArchiveCheck.h"
#include "import/MetricIngest.h"
#include "import/RevisionWriter.h"
#include "import/StagedArchive.h"
#include "store/Store.h"

#include <QTemporaryDir>

#include <fmt/format.h>

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

/// The revision already holding exactly this content, or 0.
int existingRevision(sql::Database &db, const std::string &projectId, const std::string &fingerprint)
{
    auto st = db.prepare("SELECT number FROM revisions WHERE project_id = ? AND fingerprint = ?");
    st.bindAll(projectId, fingerprint);
    return st.step() ? st.integer(0) : 0;
}

int nextRevisionNumber(sql::Database &db, const std::string &projectId)
{
    auto st = db.prepare("SELECT COALESCE(MAX(number), 0) + 1 FROM revisions WHERE project_id = ?");
    st.bindAll(projectId);
    st.step();
    return st.integer(0);
}

/// Writes the revision inside one transaction and publishes its blobs just before commit.
/// Any failure rolls back and removes exactly the blobs this import created.
ImportResult writeRevision(Store &store, const StagedArchive &staged, const CheckedArchive &checked,
                           Problems &problems, const CancelToken *cancel)
{
    const std::string &projectId = checked.manifest.project.id;
    sql::Database &db = store.db();
    std::vector<std::string> createdBlobs;
    try {
        sql::Transaction tx(db);
        if (const int same = existingRevision(db, projectId, checked.fingerprint)) {
            ImportResult r;
            r.outcome = Outcome::AlreadyPresent;
            r.projectId = projectId;
            r.revision = same;
            return r;
        }
        const int number = nextRevisionNumber(db, projectId);
        RevisionWriter writer(db, staged, checked);
        const std::int64_t rev = writer.insertRevision(projectId, number, staged.sourceName());
        writer.insertFiles(rev);
        writer.insertStructure(rev);

        MetricIngest metrics;
        const bool metricsOk = metrics.run(staged, checked.manifest, problems,
            [&](const Metric &m, const MetricData &d) { writer.insertMetricSeries(rev, m, d); }, cancel);
        if (cancelled(cancel))
            return rejected(Outcome::Cancelled);
        if (!metricsOk)
            return rejected();
        writer.insertCriteria(rev, metrics.observations());
        writer.setWarnings(rev, problems.warnings());

        std::string error;
        const auto created = store.blobs().publish(staged.pendingFor(checked.namedPaths), error);
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
        ImportResult r;
        r.outcome = Outcome::Imported;
        r.projectId = projectId;
        r.revision = number;
        return r;
    } catch (const sql::SqliteError &e) {
        store.blobs().remove(createdBlobs);
        problems.error(store.databasePath().string(), fmt::format("the import could not be stored: {}", e.what()));
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
