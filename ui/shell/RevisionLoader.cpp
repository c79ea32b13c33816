#include "ui/shell/RevisionLoader.h"

#include "core/store/Store.h"
#include "ui/common/BackgroundJob.h"

#include <QStringList>

#include <algorithm>
#include <exception>

namespace mltrl::ui {

namespace {
struct LoadOutput {
    std::shared_ptr<const RevisionData> revision;
    std::shared_ptr<const ReviewWork> work;
    Problems problems;
};

LoadOutput loadOffThread(Store &store, const std::string &projectId, std::optional<int> revision)
{
    LoadOutput out;
    if (std::optional<RevisionData> data = loadRevision(store, projectId, revision, out.problems)) {
        // The reviewer's annotations and drafts are part of the snapshot, read with it.
        out.work = std::make_shared<const ReviewWork>(loadReviewWork(store.db(), data->overview.revisionId));
        out.revision = std::make_shared<const RevisionData>(std::move(*data));
    }
    return out;
}

QString describe(const Problems &problems)
{
    QStringList lines;
    for (const Problem &p : problems.items())
        lines << QString::fromStdString(p.toString());
    return lines.isEmpty() ? QStringLiteral("the revision could not be loaded") : lines.join(QLatin1String("; "));
}
} // namespace

RevisionLoader::RevisionLoader(std::filesystem::path storeDir, QObject *parent)
      : QObject(parent), m_storeDir(std::move(storeDir))
{
}

RevisionLoader::~RevisionLoader()
{
    for (const QPointer<BackgroundJob> &job : m_jobs)
        BackgroundJob::stop(job);
}

void RevisionLoader::load(const QString &projectId, std::optional<int> revision)
{
    const quint64 generation = ++m_generation;
    ++m_pending;
    std::erase_if(m_jobs, [](const QPointer<BackgroundJob> &job) { return job.isNull(); });
    const std::string id = projectId.toStdString();
    m_jobs.push_back(runJob<LoadOutput>(
        this, JobStore{m_storeDir},
        [id, revision](JobContext &job) { return loadOffThread(job.store(), id, revision); },
        [this, generation, projectId](JobResult<LoadOutput> out) {
            --m_pending;
            if (generation != m_generation)
                return; // superseded by a later request
            if (!out.ok())
                emit failed(projectId, out.error);
            else if (out.value->revision)
                emit loaded(out.value->revision, out.value->work);
            else
                emit failed(projectId, describe(out.value->problems));
        }));
}

} // namespace mltrl::ui
