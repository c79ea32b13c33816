#pragma once
/// One review meeting: the revision and gate it is held for (fixed when it starts), its
/// agenda, the open annotations worth raising, and how long each slide has been on screen.
/// The slides, the meeting view and the presenter view all read from it.
#include "core/review/AnnotationStore.h"
#include "core/review/ReviewDraft.h"
#include "core/store/RevisionData.h"
#include "ui/meeting/MeetingAgenda.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mltrl::ui {

class ProjectContext;
struct DraftKey;

class MeetingSession : public QObject {
    Q_OBJECT
public:
    /// `gateId` must name a gate of the context's revision.
    MeetingSession(ProjectContext *context, const QString &gateId, QObject *parent = nullptr);

    [[nodiscard]] ProjectContext *context() const { return m_context; }
    [[nodiscard]] const RevisionData &revision() const { return *m_revision; }
    [[nodiscard]] const Gate &gate() const { return *m_gate; }
    [[nodiscard]] QString gateId() const { return QString::fromStdString(m_gate->id); }
    [[nodiscard]] const std::vector<AgendaItem> &agenda() const { return m_agenda; }
    /// The agenda index of the decision slide.
    [[nodiscard]] int decisionIndex() const { return static_cast<int>(m_agenda.size()) - 1; }

    /// Open blocker and major annotations of the revision, blockers first (then oldest first).
    [[nodiscard]] const std::vector<Annotation> &openSerious() const { return m_serious; }
    /// Open annotations (any severity) whose target is `evidenceId`.
    [[nodiscard]] std::vector<Annotation> openOnEvidence(const std::string &evidenceId) const;
    /// Open annotations (any severity) on criterion `criterionId` of this gate.
    [[nodiscard]] std::vector<Annotation> openOnCriterion(const std::string &criterionId) const;

    /// The review draft of this gate (the one the review form edits: same store rows, same
    /// reviewer label), taken from ProjectContext::reviewWork() whenever the context says
    /// reviews changed.
    [[nodiscard]] const ReviewDraft &draft() const { return m_draft; }
    /// Draft edits, each an undoable command on ProjectContext::undoStack() that writes the
    /// store at once. An empty verdict/outcome clears it. False when the store refused.
    bool setVerdict(const std::string &criterion, const QString &verdict);
    bool setNote(const std::string &criterion, const QString &note);
    bool setOutcome(const QString &outcome);
    bool setRationale(const QString &rationale);
    /// The level a switchback goes to (nullopt: none chosen).
    bool setToLevel(std::optional<int> level);
    bool setConditions(const std::vector<std::string> &conditions);
    /// G1: accepts the metric's suggestion for one criterion as its verdict (false when the
    /// metrics suggest nothing or the store refused).
    bool acceptSuggestion(const std::string &criterion);
    /// G1's one explicit action: every remaining suggestion accepted (one undo step).
    bool acceptAllSuggestions();

    /// What is still missing before the reviewer can sign this draft: the review form's own
    /// checks (signingInput()), one sentence each; empty when it is ready to sign.
    [[nodiscard]] QStringList signingProblems() const;

    /// Timing: the view reports which slide is on screen; time accumulates per slide.
    void enterSlide(int index);
    [[nodiscard]] int currentSlide() const { return m_current; }
    [[nodiscard]] qint64 elapsedOn(int index) const;
    [[nodiscard]] qint64 totalElapsed() const { return m_total.elapsed(); }

signals:
    /// The annotations of the revision changed (re-read already).
    void annotationsChanged();
    /// The draft changed (here or in the review form; re-read already).
    void draftChanged();

private:
    void readAnnotations();
    void readDraft();
    [[nodiscard]] DraftKey draftKey() const;

    ProjectContext *m_context;
    std::shared_ptr<const RevisionData> m_revision;
    const Gate *m_gate = nullptr;
    std::vector<AgendaItem> m_agenda;
    std::vector<Annotation> m_open;
    std::vector<Annotation> m_serious;
    ReviewDraft m_draft;
    std::vector<qint64> m_spent;
    int m_current = -1;
    QElapsedTimer m_onSlide;
    QElapsedTimer m_total;
};

} // namespace mltrl::ui
