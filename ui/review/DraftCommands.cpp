#include "ui/review/DraftCommands.h"

#include "core/store/Store.h"
#include "ui/session/ProjectContext.h"

#include <QUndoStack>

namespace mltrl::ui {

DraftCommand::DraftCommand(ProjectContext *context, DraftKey key, const QString &text)
      : QUndoCommand(text), m_context(context), m_key(std::move(key))
{
}

ReviewDraft DraftCommand::current() const
{
    // The context's snapshot: refreshed after every edit (each command emits reviewsChanged).
    return m_context->draft(m_key.revisionId, m_key.gate, m_key.reviewer);
}

bool DraftCommand::sameDraft(const DraftCommand &other) const
{
    return m_key.revisionId == other.m_key.revisionId && m_key.gate == other.m_key.gate &&
           m_key.reviewer == other.m_key.reviewer;
}

void DraftCommand::redo()
{
    if (m_skipRedo) { // pushDraftEdit already performed it
        m_skipRedo = false;
        return;
    }
    run(true);
}

void DraftCommand::undo()
{
    run(false);
}

void DraftCommand::run(bool forward)
{
    ReviewDraftStore drafts(m_context->store()->db(), m_key.reviewer);
    Problems problems;
    m_ok = apply(drafts, forward, problems);
    if (!m_ok && !problems.items().empty())
        emit m_context->notice(QString::fromStdString(problems.items().front().toString()));
    emit m_context->reviewsChanged();
}

bool pushDraftEdit(ProjectContext *context, DraftCommand *command)
{
    // Performed before the push so that an edit the store refuses never enters the history.
    command->redo();
    if (!command->succeeded()) {
        delete command;
        return false;
    }
    command->m_skipRedo = true;
    context->undoStack()->push(command);
    return true;
}

// ---- the edits ----------------------------------------------------------------------------

SetVerdictCommand::SetVerdictCommand(ProjectContext *context, DraftKey key, std::string criterion,
                                     std::optional<std::string> verdict, bool fromSuggestion)
      : DraftCommand(context, std::move(key),
                     QStringLiteral("%1 %2: %3")
                         .arg(fromSuggestion ? QStringLiteral("Accept suggestion") : QStringLiteral("Verdict"),
                              QString::fromStdString(criterion),
                              verdict ? QString::fromStdString(*verdict) : QStringLiteral("none"))),
        m_criterion(std::move(criterion)), m_new(std::move(verdict)), m_newFromSuggestion(fromSuggestion)
{
    const ReviewDraft draft = current();
    if (const DraftVerdict *row = draft.verdictFor(m_criterion)) {
        m_old = row->verdict;
        m_oldFromSuggestion = row->fromSuggestion;
    }
}

bool SetVerdictCommand::apply(ReviewDraftStore &drafts, bool forward, Problems &problems)
{
    return drafts.setVerdict(key().revisionId, key().gate, m_criterion, forward ? m_new : m_old, problems,
                             forward ? m_newFromSuggestion : m_oldFromSuggestion);
}

AcceptSuggestionsCommand::AcceptSuggestionsCommand(ProjectContext *context, DraftKey key)
      : DraftCommand(context, std::move(key), QStringLiteral("Accept all suggestions")), m_projectContext(context),
        m_before(current())
{
}

bool AcceptSuggestionsCommand::apply(ReviewDraftStore &drafts, bool forward, Problems &problems)
{
    if (!forward)
        return drafts.save(m_before, problems);
    const auto revision = m_projectContext->revision();
    if (!revision) {
        problems.error("review", "no revision is open");
        return false;
    }
    return drafts.acceptSuggestions(*revision, key().gate, problems).has_value();
}

SetNoteCommand::SetNoteCommand(ProjectContext *context, DraftKey key, std::string criterion, std::string note)
      : DraftCommand(context, std::move(key), QStringLiteral("Note on %1").arg(QString::fromStdString(criterion))),
        m_criterion(std::move(criterion)), m_new(std::move(note))
{
    const ReviewDraft draft = current();
    if (const DraftVerdict *row = draft.verdictFor(m_criterion))
        m_old = row->note;
}

bool SetNoteCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const SetNoteCommand *>(other); // same id() → same type
    if (!sameDraft(*o) || o->m_criterion != m_criterion)
        return false;
    m_new = o->m_new;
    return true;
}

bool SetNoteCommand::apply(ReviewDraftStore &drafts, bool forward, Problems &problems)
{
    return drafts.setNote(key().revisionId, key().gate, m_criterion, forward ? m_new : m_old, problems);
}

SetOutcomeCommand::SetOutcomeCommand(ProjectContext *context, DraftKey key, std::optional<std::string> outcome)
      : DraftCommand(
            context, std::move(key),
            QStringLiteral("Outcome: %1").arg(outcome ? QString::fromStdString(*outcome) : QStringLiteral("none"))),
        m_old(current().outcome), m_new(std::move(outcome))
{
}

bool SetOutcomeCommand::apply(ReviewDraftStore &drafts, bool forward, Problems &problems)
{
    return drafts.setOutcome(key().revisionId, key().gate, forward ? m_new : m_old, problems);
}

SetToLevelCommand::SetToLevelCommand(ProjectContext *context, DraftKey key, std::optional<int> level)
      : DraftCommand(
            context, std::move(key),
            QStringLiteral("Switch back to: %1").arg(level ? QString::number(*level) : QStringLiteral("none"))),
        m_old(current().toLevel), m_new(level)
{
}

bool SetToLevelCommand::apply(ReviewDraftStore &drafts, bool forward, Problems &problems)
{
    return drafts.setToLevel(key().revisionId, key().gate, forward ? m_new : m_old, problems);
}

SetConditionsCommand::SetConditionsCommand(ProjectContext *context, DraftKey key, std::vector<std::string> conditions)
      : DraftCommand(context, std::move(key), QStringLiteral("Conditions")), m_old(current().conditions),
        m_new(std::move(conditions))
{
}

bool SetConditionsCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const SetConditionsCommand *>(other);
    if (!sameDraft(*o))
        return false;
    m_new = o->m_new;
    return true;
}

bool SetConditionsCommand::apply(ReviewDraftStore &drafts, bool forward, Problems &problems)
{
    return drafts.setConditions(key().revisionId, key().gate, forward ? m_new : m_old, problems);
}

SetRationaleCommand::SetRationaleCommand(ProjectContext *context, DraftKey key, std::string rationale)
      : DraftCommand(context, std::move(key), QStringLiteral("Rationale")), m_old(current().rationale),
        m_new(std::move(rationale))
{
}

bool SetRationaleCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const SetRationaleCommand *>(other);
    if (!sameDraft(*o))
        return false;
    m_new = o->m_new;
    return true;
}

bool SetRationaleCommand::apply(ReviewDraftStore &drafts, bool forward, Problems &problems)
{
    return drafts.setRationale(key().revisionId, key().gate, forward ? m_new : m_old, problems);
}

AcknowledgeBlockerCommand::AcknowledgeBlockerCommand(ProjectContext *context, DraftKey key, std::string annotationId,
                                                     bool acknowledge)
      : DraftCommand(context, std::move(key),
                     acknowledge ? QStringLiteral("Acknowledge blocker") : QStringLiteral("Withdraw acknowledgement")),
        m_annotation(std::move(annotationId)), m_new(acknowledge)
{
    m_old = current().isAcknowledged(m_annotation);
}

bool AcknowledgeBlockerCommand::apply(ReviewDraftStore &drafts, bool forward, Problems &problems)
{
    const bool ack = forward ? m_new : m_old;
    return ack ? drafts.acknowledgeBlocker(key().revisionId, key().gate, m_annotation, problems)
               : drafts.unacknowledgeBlocker(key().revisionId, key().gate, m_annotation, problems);
}

} // namespace mltrl::ui
