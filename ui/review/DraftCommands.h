#pragma once
/// Undoable edits of a review draft. Each command writes the store durably in redo() and in
/// undo() (core ReviewDraftStore: one transaction per call) and then emits
/// ProjectContext::reviewsChanged(): the context refreshes its snapshot of the drafts
/// (ProjectContext::reviewWork()) once, and every view re-reads the draft from it. Push them with
/// pushDraftEdit() (or ProjectContext::undoStack()->push()); the push performs the edit.
/// Consecutive typing in one note, the rationale or the conditions merges into one undo step.
#include "core/review/ReviewDraft.h"

#include <QUndoCommand>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mltrl::ui {

class ProjectContext;

/// Which draft an edit applies to.
struct DraftKey {
    std::int64_t revisionId = 0;
    std::string gate;
    std::string reviewer; ///< ReviewDraftStore's reviewer label ("" = the workbench's user)
};

/// Common part: the store access, failure reporting and the change signal.
class DraftCommand : public QUndoCommand {
public:
    DraftCommand(ProjectContext *context, DraftKey key, const QString &text);
    void redo() final;
    void undo() final;

    /// False when the last redo()/undo() was refused by the store (the problem was reported
    /// through ProjectContext::notice()).
    [[nodiscard]] bool succeeded() const { return m_ok; }

protected:
    /// Writes the new (`forward`) or the old value.
    virtual bool apply(ReviewDraftStore &drafts, bool forward, Problems &problems) = 0;
    [[nodiscard]] ReviewDraft current() const;
    [[nodiscard]] const DraftKey &key() const { return m_key; }
    [[nodiscard]] bool sameDraft(const DraftCommand &other) const;

private:
    friend bool pushDraftEdit(ProjectContext *context, DraftCommand *command);
    void run(bool forward);
    ProjectContext *m_context;
    DraftKey m_key;
    bool m_ok = true;
    bool m_skipRedo = false;
};

class SetVerdictCommand : public DraftCommand {
public:
    /// `fromSuggestion`: the reviewer accepted the metric's suggestion for this one criterion (G1).
    SetVerdictCommand(ProjectContext *context, DraftKey key, std::string criterion, std::optional<std::string> verdict,
                      bool fromSuggestion = false);

protected:
    bool apply(ReviewDraftStore &drafts, bool forward, Problems &problems) override;

private:
    std::string m_criterion;
    std::optional<std::string> m_old;
    std::optional<std::string> m_new;
    bool m_oldFromSuggestion = false;
    bool m_newFromSuggestion = false;
};

/// G1's explicit action "Accept all suggestions": every criterion without a verdict whose
/// metrics suggest one gets it, marked as an accepted suggestion. One undo step.
class AcceptSuggestionsCommand : public DraftCommand {
public:
    AcceptSuggestionsCommand(ProjectContext *context, DraftKey key);

protected:
    bool apply(ReviewDraftStore &drafts, bool forward, Problems &problems) override;

private:
    ProjectContext *m_projectContext;
    ReviewDraft m_before;
};

class SetNoteCommand : public DraftCommand {
public:
    SetNoteCommand(ProjectContext *context, DraftKey key, std::string criterion, std::string note);
    [[nodiscard]] int id() const override { return 0x4e6f7465; }
    bool mergeWith(const QUndoCommand *other) override;

protected:
    bool apply(ReviewDraftStore &drafts, bool forward, Problems &problems) override;

private:
    std::string m_criterion;
    std::string m_old;
    std::string m_new;
};

class SetOutcomeCommand : public DraftCommand {
public:
    SetOutcomeCommand(ProjectContext *context, DraftKey key, std::optional<std::string> outcome);

protected:
    bool apply(ReviewDraftStore &drafts, bool forward, Problems &problems) override;

private:
    std::optional<std::string> m_old;
    std::optional<std::string> m_new;
};

class SetToLevelCommand : public DraftCommand {
public:
    SetToLevelCommand(ProjectContext *context, DraftKey key, std::optional<int> level);

protected:
    bool apply(ReviewDraftStore &drafts, bool forward, Problems &problems) override;

private:
    std::optional<int> m_old;
    std::optional<int> m_new;
};

class SetConditionsCommand : public DraftCommand {
public:
    SetConditionsCommand(ProjectContext *context, DraftKey key, std::vector<std::string> conditions);
    [[nodiscard]] int id() const override { return 0x436f6e64; }
    bool mergeWith(const QUndoCommand *other) override;

protected:
    bool apply(ReviewDraftStore &drafts, bool forward, Problems &problems) override;

private:
    std::vector<std::string> m_old;
    std::vector<std::string> m_new;
};

class SetRationaleCommand : public DraftCommand {
public:
    SetRationaleCommand(ProjectContext *context, DraftKey key, std::string rationale);
    [[nodiscard]] int id() const override { return 0x52617469; }
    bool mergeWith(const QUndoCommand *other) override;

protected:
    bool apply(ReviewDraftStore &drafts, bool forward, Problems &problems) override;

private:
    std::string m_old;
    std::string m_new;
};

/// Acknowledges (or withdraws the acknowledgement of) an open blocker annotation.
class AcknowledgeBlockerCommand : public DraftCommand {
public:
    AcknowledgeBlockerCommand(ProjectContext *context, DraftKey key, std::string annotationId, bool acknowledge);

protected:
    bool apply(ReviewDraftStore &drafts, bool forward, Problems &problems) override;

private:
    std::string m_annotation;
    bool m_old;
    bool m_new;
};

/// Performs `command` and pushes it onto the context's undo stack; takes ownership. An edit
/// the store refuses is deleted, never enters the history, and false is returned.
bool pushDraftEdit(ProjectContext *context, DraftCommand *command);

} // namespace mltrl::ui
