#pragma once
/// Which evidence, cards and requirements changed since the user's last signed review: a small
/// service the views ask (`ChangeTracker::of(context)`) to mark their rows. Recomputed off the
/// UI thread whenever the revision on screen or the reviews change; `updated()` says when.
#include "core/diff/RevisionDiff.h"
#include "ui/common/BackgroundJob.h"

#include <QIcon>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include <map>

class QStandardItemModel;

namespace mltrl::ui {

class ProjectContext;

class ChangeTracker : public QObject {
    Q_OBJECT
public:
    /// The tracker of `context`, created on first use as its child (one per window).
    [[nodiscard]] static ChangeTracker *of(ProjectContext *context);
    ~ChangeTracker() override;

    /// True when item `id` of `kind` changed between the revision of the user's last signed
    /// review and the revision on screen. Card ids are "LEVEL" or "LEVEL/COMPONENT".
    [[nodiscard]] bool changed(ChangeKind kind, const QString &id) const;
    [[nodiscard]] QSet<QString> changedIds(ChangeKind kind) const;
    /// The revision the marks are relative to (0 when nothing is marked).
    [[nodiscard]] int reviewedRevision() const { return m_reviewedRevision; }
    /// True while a computation runs.
    [[nodiscard]] bool busy() const { return m_job != nullptr; }

signals:
    void updated();

private:
    explicit ChangeTracker(ProjectContext *context);
    void recompute();

    ProjectContext *m_context;
    std::map<ChangeKind, QSet<QString>> m_changed;
    int m_reviewedRevision = 0;
    QPointer<BackgroundJob> m_job;
    bool m_again = false;
};

/// The mark beside changed items: a small orange dot, and its tooltip text.
[[nodiscard]] QIcon changedIcon();
[[nodiscard]] QString changedToolTip(int reviewedRevision);

/// Marks the rows of `model` whose item in `idColumn` (id in `idRole`) changed: the mark as
/// its icon, the reason as its tooltip; other rows lose the mark.
void markChangedRows(QStandardItemModel *model, int idColumn, int idRole, ChangeKind kind,
                     const ChangeTracker &tracker);

} // namespace mltrl::ui
