#include "ui/common/BackgroundJob.h"

#include "core/sqlite/Database.h"

#include <QCoreApplication>
#include <QThread>

#include <exception>
#include <mutex>
#include <set>
#include <stdexcept>

namespace mltrl::ui {

/// Shared by the job (UI thread) and its work.
struct JobContext::Shared {
    std::mutex mutex;
    QString error;                // written by the worker before it ends, read after QThread::finished
    BackgroundJob *job = nullptr; // outlives the thread (it deletes itself after delivery)
};

JobContext::JobContext(std::shared_ptr<Shared> shared, JobStore store, std::shared_ptr<CancelToken> cancel)
      : m_shared(std::move(shared)), m_storeSpec(std::move(store)), m_cancel(std::move(cancel))
{
}

Store &JobContext::store()
{
    if (m_store)
        return *m_store;
    if (m_storeSpec.dir.empty())
        throw std::logic_error("the job was started without a store");
    Problems problems;
    m_store = Store::connect(m_storeSpec.dir, m_storeSpec.access, problems);
    if (!m_store)
        throw std::runtime_error(problems.items().empty() ? std::string("the store cannot be opened")
                                                          : problems.items().front().toString());
    return *m_store;
}

void JobContext::progress(qint64 done, qint64 total, const QString &text)
{
    BackgroundJob *job = m_shared->job;
    QMetaObject::invokeMethod(
        job, [job, done, total, text] { job->postProgress(done, total, text); }, Qt::QueuedConnection);
}

void JobContext::close()
{
    m_store.reset(); // on the worker: the connection belongs to this thread
}

namespace {
QString describe(const std::exception &e)
{
    return QString::fromStdString(e.what());
}

/// Every job not yet deleted (touched on the UI thread only). A job whose owner did not wait
/// for it (a viewer closed while decoding) may still run when the application object goes
/// away: its thread is ended before the statics it may use are destroyed.
std::set<BackgroundJob *> &liveJobs()
{
    static std::set<BackgroundJob *> jobs;
    return jobs;
}

void stopLiveJobs()
{
    const std::set<BackgroundJob *> jobs = liveJobs();
    for (BackgroundJob *job : jobs)
        BackgroundJob::stop(job);
}
} // namespace

BackgroundJob::BackgroundJob(QObject *receiver, JobStore store)
      : m_receiver(receiver), m_store(std::move(store)), m_cancel(std::make_shared<CancelToken>()),
        m_shared(std::make_shared<JobContext::Shared>())
{
    m_shared->job = this;
    static const bool registered = [] {
        qAddPostRoutine(stopLiveJobs);
        return true;
    }();
    (void)registered;
    liveJobs().insert(this);
}

BackgroundJob::~BackgroundJob()
{
    liveJobs().erase(this);
    // Only reached after the thread finished (the job deletes itself then), or at exit.
    if (m_thread && m_thread->isRunning()) {
        m_cancel->cancel();
        m_thread->wait();
    }
}

void BackgroundJob::start(std::function<void(JobContext &)> work, std::function<void(const QString &, bool)> deliver)
{
    m_deliver = std::move(deliver);
    m_thread = QThread::create([shared = m_shared, store = m_store, cancel = m_cancel, work = std::move(work)] {
        JobContext context(shared, store, cancel);
        QString error;
        // The one place a worker's exceptions end: none may leave the thread (that would
        // terminate the process), so each becomes the job's error value.
        try {
            work(context);
        } catch (const sql::SqliteError &e) {
            error = QStringLiteral("the store failed: %1").arg(describe(e));
        } catch (const std::exception &e) {
            error = describe(e);
        } catch (...) {
            error = QStringLiteral("unknown error");
        }
        try {
            context.close();
        } catch (...) {
            // Closing a connection does not throw; nothing could be done about it here anyway.
        }
        const std::lock_guard lock(shared->mutex);
        shared->error = error;
    });
    m_thread->setParent(this);
    connect(m_thread, &QThread::finished, this, &BackgroundJob::finished);
    m_thread->start();
}

void BackgroundJob::finished()
{
    if (m_delivered)
        return;
    m_delivered = true;
    QString error;
    {
        const std::lock_guard lock(m_shared->mutex);
        error = m_shared->error;
    }
    // The receiver may be gone (a viewer closed while its file was read): then nobody waits.
    if (!m_abandoned && m_receiver && m_deliver)
        m_deliver(error, m_cancel->isCancelled());
    m_deliver = nullptr; // drops what the callback captured, on this thread
    deleteLater();
}

void BackgroundJob::postProgress(qint64 done, qint64 total, const QString &text)
{
    if (!m_abandoned && !m_delivered)
        emit progress(done, total, text);
}

void BackgroundJob::cancel()
{
    m_cancel->cancel();
}

void BackgroundJob::abandon()
{
    m_abandoned = true;
    m_cancel->cancel();
}

void BackgroundJob::wait()
{
    if (m_thread)
        m_thread->wait();
}

void BackgroundJob::stop(const QPointer<BackgroundJob> &job)
{
    if (!job)
        return;
    job->abandon();
    job->wait();
}

} // namespace mltrl::ui
