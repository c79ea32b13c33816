#pragma once
/// Imports archives off the UI thread: a worker opens its own connection to the store (SQLite
/// connections belong to one thread), a progress dialog can cancel (the importer then leaves
/// the store unchanged), and problems of a rejected archive are shown in ImportProblemsDialog.
#include "core/common/Cancel.h"
#include "core/common/Problems.h"
#include "core/import/Importer.h"
#include "ui/common/BackgroundJob.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <filesystem>
#include <memory>

class QProgressDialog;
class QWidget;

namespace mltrl::ui {

class ImportProblemsDialog;

class ImportController : public QObject {
    Q_OBJECT
public:
    /// `dialogParent` parents the progress and problems dialogs (may be null in tests).
    ImportController(std::filesystem::path storeDir, QWidget *dialogParent, QObject *parent = nullptr);
    ~ImportController() override;

    /// Starts importing `source`; false (and nothing started) while another import runs.
    bool start(const QString &source);
    [[nodiscard]] bool isBusy() const { return m_job != nullptr; }
    /// What the progress dialog's Cancel does.
    void cancel();

    [[nodiscard]] const ImportResult &lastResult() const { return m_lastResult; }
    [[nodiscard]] const Problems &lastProblems() const { return m_lastProblems; }
    /// The dialog showing the last rejected import's problems (null when none was shown).
    [[nodiscard]] ImportProblemsDialog *problemsDialog() const;
    [[nodiscard]] QProgressDialog *progressDialog() const;

signals:
    /// A revision is in the store (new, or identical content already present).
    void imported(const QString &projectId, int revision, const QString &source);
    /// Any end: `outcome` is an ImportResult::Outcome; details in lastResult()/lastProblems().
    void finished(int outcome);
    /// One line for the status bar ("Import cancelled; the store is unchanged.").
    void notice(const QString &text);

private:
    void finish(const ImportResult &result, const Problems &problems);
    void showProblems(const QString &heading);
    void updateProgress(qint64 done, qint64 total);

    std::filesystem::path m_storeDir;
    QPointer<QWidget> m_dialogParent;
    QPointer<BackgroundJob> m_job;
    QString m_source;
    QPointer<QProgressDialog> m_progress;
    ImportResult m_lastResult;
    Problems m_lastProblems;
    QPointer<ImportProblemsDialog> m_problemsDialog;
};

} // namespace mltrl::ui
