#include "ui/evidence/SearchIndexer.h"

#include "core/common/QtText.h"
#include "core/store/RevisionData.h"
#include "core/store/Store.h"
#include "ui/common/BackgroundJob.h"
#include "ui/evidence/EvidenceSource.h"
#include "ui/evidence/EvidenceText.h"

namespace mltrl::ui {

namespace {

SearchIndex::Item cardItem(const Card &card)
{
    SearchIndex::Item item;
    item.kind = QStringLiteral("card");
    item.itemId = QStringLiteral("%1/%2").arg(card.level).arg(qs(card.component));
    item.title = card.component.empty() ? QStringLiteral("Level %1 card").arg(card.level)
                                        : QStringLiteral("Level %1 card: %2").arg(card.level).arg(qs(card.component));
    QStringList body{qs(card.tldr),          qs(card.modelInfo),          qs(card.intendedUse),
                     qs(card.testingStatus), qs(card.dataConsiderations), qs(card.caveats)};
    for (const DebriefItem &d : card.debrief)
        body << qs(d.question) << qs(d.answer);
    body.removeAll(QString());
    item.body = body.join(QLatin1Char('\n'));
    return item;
}

SearchIndex::Item requirementItem(const Requirement &r)
{
    return {QStringLiteral("requirement"), qs(r.id), QStringLiteral("Requirement %1").arg(qs(r.id)),
            qs(r.text) + QLatin1Char('\n') + qs(r.kind)};
}

} // namespace

SearchIndexer::SearchIndexer(QObject *parent) : QObject(parent) {}

SearchIndexer::~SearchIndexer()
{
    cancel();
}

bool SearchIndexer::isRunning() const
{
    return m_job && m_job->isRunning();
}

void SearchIndexer::cancel()
{
    BackgroundJob::stop(m_job);
    m_job = nullptr;
}

bool SearchIndexer::forEachItem(const RevisionData &revision, Store &store, const CancelToken *cancel,
                                const std::function<void(int, int)> &progress,
                                const std::function<void(SearchIndex::Item &&)> &sink)
{
    const Manifest &m = revision.manifest;
    const int total = static_cast<int>(m.evidence.size());
    for (int i = 0; i < total; ++i) {
        if (cancel && cancel->isCancelled())
            return false;
        const Evidence &e = m.evidence[static_cast<std::size_t>(i)];
        const EvidenceSource source = EvidenceSource::resolve(revision, store, e);
        sink({QStringLiteral("evidence"), source.id, source.title.isEmpty() ? source.id : source.title,
              EvidenceText::extract(source)});
        if (progress)
            progress(i + 1, total);
    }
    for (const Card &c : m.cards)
        sink(cardItem(c));
    for (const Requirement &r : m.requirements)
        sink(requirementItem(r));
    return true;
}

std::vector<SearchIndex::Item> SearchIndexer::collect(const RevisionData &revision, Store &store,
                                                      const CancelToken *cancel,
                                                      const std::function<void(int, int)> &progress)
{
    std::vector<SearchIndex::Item> items;
    if (!forEachItem(revision, store, cancel, progress,
                     [&](SearchIndex::Item &&item) { items.push_back(std::move(item)); }))
        return {};
    return items;
}

void SearchIndexer::start(const std::filesystem::path &storeDir, std::shared_ptr<const RevisionData> revision)
{
    cancel();
    const qint64 revisionId = revision->overview.revisionId;
    // The index is written through the job's own connection.
    m_job = runJob<bool>(
        this, JobStore{storeDir, Store::Access::ReadWrite},
        [revision, revisionId](JobContext &job) {
            Store &store = job.store();
            SearchIndex index(store.db());
            if (!index.isIndexed(revisionId)) {
                // Streamed through a staging table: one extracted text in memory at a time.
                SearchIndex::Staging staging(index);
                const bool complete = forEachItem(
                    *revision, store, &job.cancelToken(), [&job](int done, int total) { job.progress(done, total); },
                    [&](SearchIndex::Item &&item) { staging.add(item); });
                if (!complete || job.isCancelled())
                    return false; // nothing written
                staging.commit(revisionId);
            }
            return true;
        },
        [this, revisionId](JobResult<bool> result) {
            m_job = nullptr;
            if (!result.cancelled)
                emit finished(revisionId, result.ok(), result.error);
        });
    connect(m_job, &BackgroundJob::progress, this,
            [this](qint64 done, qint64 total) { emit progress(static_cast<int>(done), static_cast<int>(total)); });
}

} // namespace mltrl::ui
