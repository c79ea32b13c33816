#include "ui/shell/ImportController.h"

#include "core/store/Store.h"
#include "ui/common/BackgroundJob.h"
#include "ui/shell/ImportProblemsDialog.h"

#include <QFileInfo>
#include <QProgressDialog>

#include <exception>

namespace mltrl::ui {

namespace {
struct WorkerOutput {
    ImportResult result;
    Problems problems;
};

/// On the job's thread, with its own read-write connection to the store.
WorkerOutput runImport(JobContext &job, const std::filesystem::path &source)
{
    WorkerOutput out;
    // The reader reports every chunk; the dialog shows per mille of a known size.
    std::uint64_t shown = ~std::uint64_t(0);
    out.result = importArchive(job.store(), source, out.problems, {}, &job.cancelToken(),
                               [&job, &shown](std::uint64_t done, std::uint64_t total) {
                                   const std::uint64_t permille =
                                       total ? std::min<std::uint64_t>(1000, done * 1000 / total) : 0;
                                   if (total == 0 || permille == shown)
                                       return;
                                   shown = permille;
                                   job.progress(static_cast<qint64>(done), static_cast<qint64>(total));
                               });
    return out;
}

QString fileLabel(const QString &source)
{
    return QFileInfo(source).fileName();
}
} // namespace

ImportController::ImportController(std::filesystem::path storeDir, QWidget *dialogParent, QObject *parent)
      : QObject(parent), m_storeDir(std::move(storeDir)), m_dialogParent(dialogParent)
{
}

ImportController::~ImportController()
{
    BackgroundJob::stop(m_job); // the importer sees the cancel and leaves the store unchanged
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
    m_source = source;

    // Shown only when the import takes a moment, so quick imports do not flash a dialog.
    m_progress = new QProgressDialog(QStringLiteral("Importing %1…").arg(fileLabel(source)), QStringLiteral("Cancel"),
                                     0, 0, m_dialogParent);
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setWindowTitle(QStringLiteral("Import"));
    m_progress->setMinimumDuration(400);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    connect(m_progress, &QProgressDialog::canceled, this, &ImportController::cancel);

    const std::filesystem::path path = source.toStdString();
    m_job = runJob<WorkerOutput>(
        this, JobStore{m_storeDir, Store::Access::ReadWrite}, [path](JobContext &job) { return runImport(job, path); },
        [this](JobResult<WorkerOutput> out) {
            if (!out.ok()) { // the store vanished or failed under the import
                out.value.emplace();
                out.value->result.outcome = ImportResult::Outcome::Failed;
                out.value->problems.error(m_storeDir.string(), out.error.toStdString());
            }
            finish(out.value->result, out.value->problems);
        });
    connect(m_job, &BackgroundJob::progress, this, &ImportController::updateProgress);
    return true;
}

void ImportController::cancel()
{
    if (!m_job)
        return;
    m_job->cancel();
    if (m_progress)
        m_progress->setLabelText(QStringLiteral("Cancelling…"));
}

void ImportController::updateProgress(qint64 done, qint64 total)
{
    if (!m_progress || total <= 0)
        return; // unknown size: the dialog stays a busy indicator
    m_progress->setMaximum(1000);
    m_progress->setValue(static_cast<int>(std::min<qint64>(1000, done * 1000 / total)));
}

void ImportController::finish(const ImportResult &result, const Problems &problems)
{
    const QString source = m_source;
    m_job = nullptr;
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
    dialog->open(); // window-modal, never blocks the event loop
}

} // namespace mltrl::ui
