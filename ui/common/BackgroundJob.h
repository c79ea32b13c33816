#pragma once
/// The one way the workbench runs work off the UI thread (docs/architecture.md, "Threads" and
/// "Errors"): `runJob()` starts the work on a thread of its own, gives it a light connection to
/// the store when it asks for one (Store::connect: no migration, no garbage collection), a
/// cancel token and a progress channel, and hands the result to `done` on the UI thread.
/// Whatever the work throws (sql::SqliteError, std::exception, anything) is caught on the
/// worker and arrives in `done` as JobResult::error: no exception ever leaves a worker.
#include "core/common/Cancel.h"
#include "core/store/Store.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

class QThread;

namespace mltrl::ui {

/// Which store a job connects to; an empty `dir` means the job does not use the store.
struct JobStore {
    std::filesystem::path dir;
    Store::Access access = Store::Access::Read;
};

/// What the work sees on its thread.
class JobContext {
public:
    /// The job's own connection to the store, opened on first use and closed on this thread
    /// when the work ends. Throws (ending the job with the reason as its error) when the store
    /// cannot be opened or the job was started without a JobStore.
    Store &store();
    [[nodiscard]] bool isCancelled() const { return m_cancel->isCancelled(); }
    /// For core functions that poll a token (importArchive, collectPacket, renderPacket).
    [[nodiscard]] const CancelToken &cancelToken() const { return *m_cancel; }
    /// Reports progress; the job's progress() signal delivers each report, in order, on the UI
    /// thread. Each is one queued event: work that would report thousands of times a second
    /// reports only what the user can see change (the import: each per mille).
    void progress(qint64 done, qint64 total, const QString &text = QString());

private:
    friend class BackgroundJob;
    struct Shared;
    JobContext(std::shared_ptr<Shared> shared, JobStore store, std::shared_ptr<CancelToken> cancel);
    void close();

    std::shared_ptr<Shared> m_shared;
    JobStore m_storeSpec;
    std::shared_ptr<CancelToken> m_cancel;
    std::unique_ptr<Store> m_store;
};

/// The end of a job: its value, or why there is none.
template <typename T>
struct JobResult {
    /// Set when the work returned (it may still carry its own problems).
    std::optional<T> value;
    /// Why there is no value: what the work threw, in plain words.
    QString error;
    /// cancel() was called before the work ended.
    bool cancelled = false;
    [[nodiscard]] bool ok() const { return value.has_value(); }
};

/// A job running (or just finished) off the UI thread. It lives on the UI thread and deletes
/// itself once `done` has run, so owners hold it in a QPointer.
class BackgroundJob : public QObject {
    Q_OBJECT
public:
    ~BackgroundJob() override;

    /// Asks the work to stop (JobContext::isCancelled, the cancel token); `done` still runs.
    void cancel();
    /// cancel(), and `done` will not run: for a result nobody wants any more.
    void abandon();
    /// Blocks until the work has ended (owners call it in their destructors, after abandon()).
    void wait();
    /// True until `done` has run (or would have run, for an abandoned job).
    [[nodiscard]] bool isRunning() const { return !m_delivered; }

    /// Abandons `job` and waits for its thread: what an owner does when it goes away.
    static void stop(const QPointer<BackgroundJob> &job);

signals:
    /// What JobContext::progress reported, on the UI thread.
    void progress(qint64 done, qint64 total, const QString &text);

public:
    /// For runJob(): a job that delivers to `receiver`, and starting it.
    BackgroundJob(QObject *receiver, JobStore store);
    void start(std::function<void(JobContext &)> work,
               std::function<void(const QString &error, bool cancelled)> deliver);

private:
    friend class JobContext;
    void finished();
    void postProgress(qint64 done, qint64 total, const QString &text);

    QPointer<QObject> m_receiver;
    JobStore m_store;
    std::shared_ptr<CancelToken> m_cancel;
    std::shared_ptr<JobContext::Shared> m_shared;
    std::function<void(const QString &, bool)> m_deliver;
    QThread *m_thread = nullptr;
    bool m_abandoned = false;
    bool m_delivered = false;
};

/// Runs `work` on a new thread and `done` on `receiver`'s (the UI) thread with its result —
/// not at all if `receiver` is gone by then or the job was abandoned. The work must not touch
/// UI-thread objects (widgets, the UI thread's Store): it reads what it captured by value and
/// the store through `JobContext::store()`.
template <typename T>
BackgroundJob *runJob(QObject *receiver, JobStore store, std::function<T(JobContext &)> work,
                      std::function<void(JobResult<T>)> done)
{
    auto *job = new BackgroundJob(receiver, std::move(store));
    auto slot = std::make_shared<std::optional<T>>();
    job->start([slot, work = std::move(work)](JobContext &context) { slot->emplace(work(context)); },
               [slot, done = std::move(done)](const QString &error, bool cancelled) {
                   JobResult<T> result;
                   result.value = std::move(*slot);
                   result.error = error;
                   result.cancelled = cancelled;
                   done(std::move(result));
               });
    return job;
}

/// The same for work that needs no store.
template <typename T>
BackgroundJob *runJob(QObject *receiver, std::function<T(JobContext &)> work, std::function<void(JobResult<T>)> done)
{
    return runJob<T>(receiver, JobStore{}, std::move(work), std::move(done));
}

} // namespace mltrl::ui
