#pragma once
/// The project a workbench window shows: the store, the loaded revision, and navigation
/// requests between panels ("show evidence X", "show criterion G/C"). Panels read from it and
/// talk to each other only through it, so none of them knows another's class.
#include "core/review/ReviewWork.h"
#include "core/store/RevisionData.h"

#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

#include <cstdint>
#include <memory>
#include <string>

class QUndoStack;

namespace mltrl {
class Store;
}

namespace mltrl::ui {

class ProjectContext : public QObject {
    Q_OBJECT
public:
    explicit ProjectContext(Store *store, QObject *parent = nullptr);

    [[nodiscard]] Store *store() const { return m_store; }
    /// The revision on screen; null before a project is opened.
    [[nodiscard]] std::shared_ptr<const RevisionData> revision() const { return m_revision; }
    [[nodiscard]] bool hasRevision() const { return m_revision != nullptr; }

    /// The reviewer's annotations and review drafts of the revision on screen: part of the
    /// loaded snapshot, never null (empty before a project is opened). Views read them here,
    /// never from the store: the context refreshes them once after every edit, before any view
    /// hears annotationsChanged() or reviewsChanged() (its own slots are connected first).
    /// Hold the pointer while iterating: a refresh replaces the value, it never changes it.
    [[nodiscard]] std::shared_ptr<const ReviewWork> reviewWork() const { return m_work; }
    /// The draft of `gate` by `reviewer` ("" = the workbench's user) of `revisionId`, from
    /// reviewWork(); an empty draft when none is stored or the revision is not the one on screen.
    [[nodiscard]] ReviewDraft draft(std::int64_t revisionId, const std::string &gate,
                                    const std::string &reviewer = {}) const;
    /// How many times the annotations or drafts were read from the store on the UI thread
    /// (each refresh after an edit, each setRevision() without them): tests count these reads,
    /// and the window compares it to tell whether an edit happened while a load ran.
    [[nodiscard]] quint64 reviewWorkReads() const { return m_workReads; }

    /// Replaces the revision on screen and its review work, both loaded off the UI thread by
    /// the caller (RevisionLoader). The undo history belongs to one revision, so it is cleared.
    /// Without `work` (or with another revision's), the work is read here, a small query
    /// through guardStore() (none when the store fails).
    void setRevision(std::shared_ptr<const RevisionData> revision, std::shared_ptr<const ReviewWork> work);
    /// The same, reading the review work here — for callers that load only the revision.
    void setRevision(std::shared_ptr<const RevisionData> revision);
    /// Re-reads the annotations and drafts (for changes made outside this window, e.g. by the
    /// CLI, before the reviewer signs) and emits annotationsChanged() / reviewsChanged() for
    /// what differs. False when the store cannot be read (reported).
    bool reloadReviewWork();

    /// The window's one undo history: every user edit (annotations, review drafts) is a
    /// QUndoCommand pushed here, whichever panel or mode made it, so Ctrl+Z undoes the last
    /// thing the user did. Each command writes the store durably in redo() and undo().
    [[nodiscard]] QUndoStack *undoStack() const { return m_undoStack; }

    /// Follows an item link as the Inspector shows them: "evidence:ID", "metric:ID",
    /// "criterion:GATE/ID", "requirement:ID", "card:LEVEL/COMPONENT" — by emitting the show*
    /// signal it stands for. False (and nothing emitted) for any other text.
    bool navigate(const QString &href);

    /// Reports that `what` ("Reading the gate's status") failed on the store (`why`): stored
    /// as lastStoreError() and emitted as storeFailed() and notice(). Called by guardStore()
    /// (session/StoreGuard.h) and by code that gets a failed job back; never throws.
    void reportStoreFailure(const QString &what, const QString &why) noexcept;
    /// The last failure reported, "" when none.
    [[nodiscard]] const QString &lastStoreError() const { return m_lastStoreError; }

signals:
    void revisionChanged();
    /// Navigation: the shell switches to the panel that shows the item, the panel selects it.
    void showEvidence(const QString &evidenceId, int page = -1);
    void showMetric(const QString &metricId);
    void showCriterion(const QString &gateId, const QString &criterionId);
    void showRequirement(const QString &requirementId);
    void showCard(int level, const QString &component);
    /// The project as a whole (the Overview).
    void showProject();
    /// Facts about what a panel has selected (id, hashes, size, links …), shown by the
    /// Inspector as label/value rows. An empty title and list clears it.
    void inspect(const QString &title, const QList<QPair<QString, QString>> &facts);
    /// Links (text, href for navigate()) shown under the facts last inspected, e.g. what cites
    /// an evidence file. inspect() clears them, so emit this right after it.
    void inspectLinks(const QList<QPair<QString, QString>> &links);
    /// The reviewer's annotations on the revision changed (added, edited, resolved, removed);
    /// reviewWork() has been refreshed when views hear it, and they re-read it.
    void annotationsChanged();
    /// The user picked an annotation where it is shown in place (a banner chip): the shell
    /// shows the Annotations list and the list selects it.
    void showAnnotation(const QString &annotationId);
    /// Sent right after the show* signal of an annotation's target when the user goes to the
    /// annotation itself (from the list): views that draw it in place scroll to it and mark it.
    void revealAnnotation(const QString &annotationId);
    /// The review draft or the signed reviews of the revision changed (reviewWork()'s drafts
    /// have been refreshed when views hear it).
    void reviewsChanged();
    /// Something the user should know about (shown in the status line, never a modal box).
    void notice(const QString &text);
    /// The store failed under a user action (vanished, read-only, full, damaged): the window
    /// shows `message` until the next failure or until the user dismisses it.
    void storeFailed(const QString &message);

private:
    /// Re-read on the UI thread after an edit (guarded); the other part is kept.
    void refreshAnnotations();
    void refreshDrafts();

    Store *m_store = nullptr;
    std::shared_ptr<const RevisionData> m_revision;
    std::shared_ptr<const ReviewWork> m_work;
    quint64 m_workReads = 0;
    QUndoStack *m_undoStack = nullptr;
    QString m_lastStoreError;
};

} // namespace mltrl::ui
