#include "ui/changes/ChangeTracker.h"

#include "core/store/RevisionData.h"
#include "core/store/Store.h"
#include "ui/common/BackgroundJob.h"
#include "ui/session/ProjectContext.h"

#include <QPainter>
#include <QPixmap>
#include <QStandardItemModel>

namespace mltrl::ui {

namespace {

struct Marks {
    std::map<ChangeKind, QSet<QString>> changed;
    int reviewed = 0;
};

/// Runs on a worker thread with its own store connection.
Marks computeMarks(Store &store, const std::shared_ptr<const RevisionData> &revision)
{
    const std::string &projectId = revision->overview.id;
    const int shown = revision->overview.revision;
    Marks out;
    Problems problems;
    const std::optional<DiffPair> pair = defaultDiffPair(store, projectId);
    // Marks are relative to the user's last signed review only, on an earlier revision.
    if (!pair || !pair->reviewId || pair->from >= shown)
        return out;
    // The revision on screen is in memory already: only the reviewed one is loaded.
    const std::optional<RevisionData> reviewed = loadRevision(store, projectId, pair->from, problems);
    const std::optional<RevisionDiff> diff =
        reviewed ? diffRevisions(store, *reviewed, *revision, problems) : std::nullopt;
    if (!diff)
        return out;
    out.reviewed = pair->from;
    for (const Change &c : diff->changes)
        out.changed[c.kind].insert(QString::fromStdString(c.id));
    return out;
}

} // namespace

ChangeTracker *ChangeTracker::of(ProjectContext *context)
{
    if (auto *existing = context->findChild<ChangeTracker *>(QString(), Qt::FindDirectChildrenOnly))
        return existing;
    return new ChangeTracker(context);
}

ChangeTracker::ChangeTracker(ProjectContext *context) : QObject(context), m_context(context)
{
    connect(context, &ProjectContext::revisionChanged, this, &ChangeTracker::recompute);
    connect(context, &ProjectContext::reviewsChanged, this, &ChangeTracker::recompute);
    recompute();
}

ChangeTracker::~ChangeTracker()
{
    BackgroundJob::stop(m_job);
}

void ChangeTracker::recompute()
{
    if (m_job) { // one at a time; the latest state is computed once this one is done
        m_again = true;
        return;
    }
    const auto revision = m_context->revision();
    if (!revision || !m_context->store()) {
        m_changed.clear();
        m_reviewedRevision = 0;
        emit updated();
        return;
    }
    const std::filesystem::path dir = m_context->store()->dir();
    m_job = runJob<Marks>(
        this, JobStore{dir}, [revision](JobContext &job) { return computeMarks(job.store(), revision); },
        [this](JobResult<Marks> result) {
            m_job = nullptr;
            // No marks when the store cannot be read: the views show their rows unmarked.
            Marks marks = result.value.value_or(Marks{});
            m_changed = std::move(marks.changed);
            m_reviewedRevision = marks.reviewed;
            if (m_again) {
                m_again = false;
                recompute();
                return;
            }
            emit updated();
        });
}

bool ChangeTracker::changed(ChangeKind kind, const QString &id) const
{
    const auto it = m_changed.find(kind);
    return it != m_changed.end() && it->second.contains(id);
}

QSet<QString> ChangeTracker::changedIds(ChangeKind kind) const
{
    const auto it = m_changed.find(kind);
    return it == m_changed.end() ? QSet<QString>() : it->second;
}

QIcon changedIcon()
{
    QPixmap dot(12, 12);
    dot.fill(Qt::transparent);
    QPainter p(&dot);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0xE0, 0x7B, 0x00));
    p.drawEllipse(QRectF(2, 2, 8, 8));
    return QIcon(dot);
}

QString changedToolTip(int reviewedRevision)
{
    return QObject::tr("Changed since your last signed review (revision %1)").arg(reviewedRevision);
}

void markChangedRows(QStandardItemModel *model, int idColumn, int idRole, ChangeKind kind, const ChangeTracker &tracker)
{
    const QIcon mark = changedIcon();
    for (int row = 0; row < model->rowCount(); ++row) {
        QStandardItem *item = model->item(row, idColumn);
        if (!item)
            continue;
        const bool changed = tracker.changed(kind, item->data(idRole).toString());
        item->setIcon(changed ? mark : QIcon());
        item->setToolTip(changed ? changedToolTip(tracker.reviewedRevision()) : QString());
    }
}

} // namespace mltrl::ui
