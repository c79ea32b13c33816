#include "ui/meeting/MeetingSession.h"

#include "core/review/ReviewBuilder.h"
#include "ui/review/DraftCommands.h"
#include "ui/review/ReviewChecks.h"
#include "ui/session/ProjectContext.h"

#include <algorithm>

namespace mltrl::ui {

MeetingSession::MeetingSession(ProjectContext *context, const QString &gateId, QObject *parent)
      : QObject(parent), m_context(context), m_revision(context->revision())
{
    m_gate = m_revision->manifest.findGate(gateId.toStdString());
    Q_ASSERT(m_gate);
    m_agenda = buildAgenda(*m_gate);
    m_spent.assign(m_agenda.size(), 0);
    m_total.start();
    readAnnotations();
    readDraft();
    connect(context, &ProjectContext::reviewsChanged, this, [this] {
        readDraft();
        emit draftChanged();
    });
    connect(context, &ProjectContext::annotationsChanged, this, [this] {
        readAnnotations();
        emit annotationsChanged();
    });
}

void MeetingSession::readAnnotations()
{
    m_open.clear();
    m_serious.clear();
    const auto work = m_context->reviewWork();
    if (work->revisionId != m_revision->overview.revisionId)
        return; // another revision is on screen: the meeting is ending
    for (const Annotation &a : work->annotations) {
        if (a.status != "open")
            continue;
        if (a.severity == "blocker" || a.severity == "major")
            m_serious.push_back(a);
        m_open.push_back(a);
    }
    std::stable_sort(m_serious.begin(), m_serious.end(), [](const Annotation &a, const Annotation &b) {
        return (a.severity == "blocker") > (b.severity == "blocker");
    });
}

void MeetingSession::readDraft()
{
    const DraftKey key = draftKey();
    m_draft = m_context->draft(key.revisionId, key.gate, key.reviewer);
}

namespace {
std::optional<std::string> optional(const QString &s)
{
    return s.isEmpty() ? std::nullopt : std::optional<std::string>(s.toStdString());
}
} // namespace

bool MeetingSession::setVerdict(const std::string &criterion, const QString &verdict)
{
    return pushDraftEdit(m_context, new SetVerdictCommand(m_context, draftKey(), criterion, optional(verdict)));
}

bool MeetingSession::acceptSuggestion(const std::string &criterion)
{
    const CriterionOverview *o = m_revision->criterion(m_gate->id, criterion);
    if (!o || !o->suggested)
        return false;
    return pushDraftEdit(m_context, new SetVerdictCommand(m_context, draftKey(), criterion, *o->suggested, true));
}

bool MeetingSession::acceptAllSuggestions()
{
    return pushDraftEdit(m_context, new AcceptSuggestionsCommand(m_context, draftKey()));
}

bool MeetingSession::setNote(const std::string &criterion, const QString &note)
{
    return pushDraftEdit(m_context, new SetNoteCommand(m_context, draftKey(), criterion, note.toStdString()));
}

bool MeetingSession::setOutcome(const QString &outcome)
{
    return pushDraftEdit(m_context, new SetOutcomeCommand(m_context, draftKey(), optional(outcome)));
}

bool MeetingSession::setRationale(const QString &rationale)
{
    return pushDraftEdit(m_context, new SetRationaleCommand(m_context, draftKey(), rationale.toStdString()));
}

bool MeetingSession::setToLevel(std::optional<int> level)
{
    return pushDraftEdit(m_context, new SetToLevelCommand(m_context, draftKey(), level));
}

bool MeetingSession::setConditions(const std::vector<std::string> &conditions)
{
    return pushDraftEdit(m_context, new SetConditionsCommand(m_context, draftKey(), conditions));
}

QStringList MeetingSession::signingProblems() const
{
    QStringList problems;
    (void)signingInput(*m_revision, m_open, m_draft, problems);
    return problems;
}

DraftKey MeetingSession::draftKey() const
{
    // The workbench's own reviewer label (""), so the review form shows what the meeting entered.
    return {m_revision->overview.revisionId, m_gate->id, {}};
}

std::vector<Annotation> MeetingSession::openOnEvidence(const std::string &evidenceId) const
{
    std::vector<Annotation> out;
    for (const Annotation &a : m_open)
        if (a.target.contains("evidence") && a.target["evidence"] == evidenceId)
            out.push_back(a);
    return out;
}

std::vector<Annotation> MeetingSession::openOnCriterion(const std::string &criterionId) const
{
    std::vector<Annotation> out;
    for (const Annotation &a : m_open)
        if (a.target.contains("criterion") && a.target["criterion"] == criterionId && a.target.contains("gate") &&
            a.target["gate"] == m_gate->id)
            out.push_back(a);
    return out;
}

void MeetingSession::enterSlide(int index)
{
    if (m_current >= 0 && m_onSlide.isValid())
        m_spent[static_cast<std::size_t>(m_current)] += m_onSlide.elapsed();
    m_current = index;
    m_onSlide.start();
}

qint64 MeetingSession::elapsedOn(int index) const
{
    if (index < 0 || index >= static_cast<int>(m_spent.size()))
        return 0;
    const qint64 before = m_spent[static_cast<std::size_t>(index)];
    return index == m_current && m_onSlide.isValid() ? before + m_onSlide.elapsed() : before;
}

} // namespace mltrl::ui
