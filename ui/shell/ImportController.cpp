#include "shell/ImportController.h"

#include "common/OffThread.h"
#include "shell/ImportProblemsDialog.h"
#include "store/Store.h"

#include <QFileInfo>
#include <QProgressDialog>
#include <QTimer>

#include <exception>

namespace mltrl::ui {

/// Shared between the UI thread and the worker: the token and progress counters are atomic,
/// the rest is read only after the worker has finished.
struct ImportController::Job {
    QString source;
    CancelToken cancel;
    std::atomic<std::uint64_t> done{0};
    std::atomic<std::uint64_t> total{0};
};

namespace {
struct WorkerOutput {
    ImportResult result;
    Problems problems;
};

WorkerOutput runImport(const std::filesystem::path &storeDir, const std::filesystem::path &source,
                       const CancelToken &cancel, std::atomic<std::uint64_t> &done, std::atomic<std::uint64_t> &total)
{
    WorkerOutput out;
    try {
        std::unique_ptr<Store> store = Store::open(storeDir, out.problems);   // this thread's connection
        if (!store) {
            out.result.outcome = ImportResult::Outcome::Failed;
            return out;
        }
        out.result = importArchive(*store, source, out.problems, {}, &cancel, [&](std::uint64_t d, std::uint64_t t) {
            done.store(d, std::memory_order_relaxed);
            total.store(t, std::memory_order_relaxed);
        });
    } catch (const std::exception &e) {
        out.result.outcome = ImportResult::Outcome::Failed;
        out.problems.error(storeDir.string(), e.what());
    }
    return out;
}

QString fileLabel(const QString &source)
{
    return QFileInfo(source).fileName();
}
} // namespace

ImportController::ImportController(std::filesystem::path storeDir, QWidget *dialogParent, QObject *parent)
    : QObject(parent), m_storeDir(std::move(storeDir)), m_dialogParent(dialogParent),
      m_progressTimer(new QTimer(this))
{
    m_progressTimer->setInterval(100);
    connect(m_progressTimer, &QTimer::timeout, this, &ImportController::updateProgress);
}

ImportController::~ImportController()
{
    if (m_job)
        m_job->cancel.cancel();
    waitFor(m_thread);
}

ImportProblemsDialog *ImportController::problemsDialog() const
{
    return m_problemsDialog;
}

QProgressDialog *ImportController::progressDialog() const
{
    return m_progress;
}

bool ImportController::start(const QString &source)
{
    if (m_job)
        return false;
    auto job = std::make_shared<Job>();
    job->source = source;
    m_job = job;

    // Shown only when the import takes a moment, so quick imports do not flash a dialog.
    m_progress = new QProgressDialog(QStringLiteral("Importing %1…").arg(fileLabel(source)), QStringLiteral("Cancel"),
                                     0, 0, m_dialogParent);
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setWindowTitle(QStringLiteral("Import"));
    m_progress->setMinimumDuration(400);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    connect(m_progress, &QProgressDialog::canceled, this, &ImportController::cancel);
    m_progressTimer->start();

    const std::filesystem::path storeDir = m_storeDir;
    const std::filesystem::path path = source.toStdString();
    m_thread = runOffThread<WorkerOutput>(
        this, [job, storeDir, path] { return runImport(storeDir, path, job->cancel, job->done, job->total); },
        [this](WorkerOutput out) { finish(out.result, out.problems); });
    return true;
}

void ImportController::cancel()
{
    if (!m_job)
        return;
    m_job->cancel.cancel();
    if (m_progress)
        m_progress->setLabelText(QStringLiteral("Cancelling…"));
}

void ImportController::updateProgress()
{
    if (!m_job || !m_progress)
        return;
    const std::uint64_t total = m_job->total.load(std::memory_order_relaxed);
    const std::uint64_t done = m_job->done.load(std::memory_order_relaxed);
    if (total == 0)
        return;   // unknown size: the dialog stays a busy indicator
    m_progress->setMaximum(1000);
    m_progress->setValue(static_cast<int>(std::min<std::uint64_t>(1000, done * 1000 / total)));
}

void ImportController::finish(const ImportResult &result, const Problems &problems)
{
    const QString source = m_job->source;
    m_job.reset();
    m_progressTimer->stop();
    if (m_progress) {
        m_progress->hide();
        m_progress->deleteLater();
    }
    m_lastResult = result;
    m_lastProblems = problems;

    const QString name = fileLabel(source);
    using Outcome = ImportResult::Outcome;
    switch (result.outcome) {
    case Outcome::Imported:
        emit notice(QStringLiteral("Imported %1 as %2 revision %3.")
                        .arg(name, QString::fromStdString(result.projectId))
                        .arg(result.revision));
        break;
    case Outcome::AlreadyPresent:
        emit notice(QStringLiteral("%1 is already in the store as %2 revision %3.")
                        .arg(name, QString::fromStdString(result.projectId))
                        .arg(result.revision));
        break;
    case Outcome::Cancelled:
        emit notice(QStringLiteral("Import of %1 cancelled; the store is unchanged.").arg(name));
        break;
    case Outcome::Rejected:
        showProblems(QStringLiteral("%1 was not imported; the store is unchanged.").arg(name));
        emit notice(QStringLiteral("%1 was not imported: %2 error(s).").arg(name).arg(problems.errorCount()));
        break;
    case Outcome::Failed:
        showProblems(QStringLiteral("The store could not be written while importing %1; it is unchanged.").arg(name));
        emit notice(QStringLiteral("Import of %1 failed.").arg(name));
        break;
    }
    if (result.ok())
        emit imported(QString::fromStdString(result.projectId), result.revision, source);
    emit finished(static_cast<int>(result.outcome));
}

void ImportController::showProblems(const QString &heading)
{
    if (m_problemsDialog)
        m_problemsDialog->close();
    auto *dialog = new ImportProblemsDialog(heading, m_lastProblems.items(), m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_problemsDialog = dialog;
    dialog->open();   // window-modal, never blocks the event loop
}

} // namespace mltrl::ui
