#pragma once
/// Builds the search index of one revision on a worker thread: extracts the text of every
/// evidence file (PDF text layers included), cards and requirements and writes them to
/// SearchIndex. The worker opens its own store connection: SQLite connections must not
/// cross threads. Progress and the end are reported by queued signals.
#include "core/common/Cancel.h"
#include "ui/common/BackgroundJob.h"
#include "ui/evidence/SearchIndex.h"

#include <QObject>
#include <QPointer>

#include <filesystem>
#include <functional>
#include <memory>

namespace mltrl {
struct RevisionData;
class Store;
} // namespace mltrl

namespace mltrl::ui {

class SearchIndexer : public QObject {
    Q_OBJECT
public:
    explicit SearchIndexer(QObject *parent = nullptr);
    /// Stops a running build (it ends at the next item, writing nothing) and waits for it.
    ~SearchIndexer() override;

    /// Starts indexing `revision` unless it is indexed already (then finished() comes at once
    /// from the job). A build still running for another revision is cancelled first.
    void start(const std::filesystem::path &storeDir, std::shared_ptr<const RevisionData> revision);
    void cancel();
    [[nodiscard]] bool isRunning() const;

    /// Everything searchable in `revision`, texts extracted (slow: reads every file).
    static std::vector<SearchIndex::Item> collect(const RevisionData &revision, Store &store, const CancelToken *cancel,
                                                  const std::function<void(int done, int total)> &progress);
    /// The same items handed to `sink` one by one as they are extracted (only one text in
    /// memory at a time); false when cancelled.
    static bool forEachItem(const RevisionData &revision, Store &store, const CancelToken *cancel,
                            const std::function<void(int done, int total)> &progress,
                            const std::function<void(SearchIndex::Item &&item)> &sink);

signals:
    void progress(int done, int total);
    /// `ok` false with a reason when the index could not be built (it stays unsearchable).
    void finished(qint64 revisionId, bool ok, const QString &error);

private:
    QPointer<BackgroundJob> m_job;
};

} // namespace mltrl::ui
