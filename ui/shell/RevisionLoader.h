#pragma once
/// Loads a stored revision off the UI thread with its own store connection and hands the
/// result to the UI thread: the revision and the reviewer's annotations and drafts on it (the
/// snapshot ProjectContext keeps). A newer request supersedes an older one still running.
#include "core/review/ReviewWork.h"
#include "core/store/RevisionData.h"
#include "ui/common/BackgroundJob.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

namespace mltrl::ui {

class RevisionLoader : public QObject {
    Q_OBJECT
public:
    explicit RevisionLoader(std::filesystem::path storeDir, QObject *parent = nullptr);
    ~RevisionLoader() override;

    /// Loads `projectId` at `revision` (default: the latest).
    void load(const QString &projectId, std::optional<int> revision = std::nullopt);
    [[nodiscard]] bool isLoading() const { return m_pending > 0; }

signals:
    void loaded(std::shared_ptr<const mltrl::RevisionData> revision, std::shared_ptr<const mltrl::ReviewWork> work);
    /// The project or revision is absent or unreadable; `message` says why.
    void failed(const QString &projectId, const QString &message);

private:
    std::filesystem::path m_storeDir;
    std::vector<QPointer<BackgroundJob>> m_jobs;
    quint64 m_generation = 0;
    int m_pending = 0;
};

} // namespace mltrl::ui
