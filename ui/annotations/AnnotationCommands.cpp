#include "ui/annotations/AnnotationCommands.h"

#include "core/review/KeyRing.h"
#include "core/store/Store.h"
#include "ui/session/ProjectContext.h"

namespace mltrl::ui {

namespace {

AnnotationStore storeOf(ProjectContext &context)
{
    return AnnotationStore(context.store()->db());
}

/// The annotation `id` as stored now: the context's snapshot, refreshed after every edit.
std::optional<Annotation> findAnnotation(const ProjectContext &context, const std::string &id)
{
    const auto work = context.reviewWork();
    if (const Annotation *a = work->findAnnotation(id))
        return *a;
    return std::nullopt;
}

/// Reports a failed write in the status line; true when `ok`.
bool reported(ProjectContext &context, bool ok, const Problems &problems, const QString &action)
{
    if (!ok) {
        const QString why = problems.items().empty() ? QStringLiteral("unknown error")
                                                     : QString::fromStdString(problems.items().front().what);
        emit context.notice(QStringLiteral("Could not %1 the annotation: %2").arg(action, why));
    }
    emit context.annotationsChanged();
    return ok;
}

QString shortText(const QString &text)
{
    const QString line = text.section(QLatin1Char('\n'), 0, 0);
    return line.size() > 40 ? line.left(39) + QChar(0x2026) : line;
}

} // namespace

QString annotationAuthor()
{
    // The identity the reviewer signs as, once they have chosen a key; the login name before.
    const auto key = KeyRing().current();
    return QString::fromStdString(mltrl::annotationAuthor(key ? &key->identity : nullptr));
}

AddAnnotationCommand::AddAnnotationCommand(ProjectContext &context, nlohmann::json target, QString severity,
                                           QString text, std::function<void(const QString &id)> added)
      : m_context(context), m_target(std::move(target)), m_severity(std::move(severity)), m_text(std::move(text)),
        m_onAdded(std::move(added))
{
    setText(QStringLiteral("Annotate \u201c%1\u201d").arg(shortText(m_text)));
}

void AddAnnotationCommand::redo()
{
    Problems problems;
    if (m_added) {
        // Redo after undo: the same annotation (id, created time) comes back.
        reported(m_context, storeOf(m_context).restore(m_annotation, problems), problems, QStringLiteral("restore"));
        return;
    }
    const auto revision = m_context.revision();
    std::optional<Annotation> added;
    if (revision && m_context.store())
        added = storeOf(m_context).add(revision->overview.id, revision->overview.revisionId, m_target,
                                       m_severity.toStdString(), m_text.toStdString(), annotationAuthor().toStdString(),
                                       problems);
    else
        problems.error("annotation", "no project is open");
    if (added) {
        m_annotation = *added;
        m_added = true;
        if (m_onAdded)
            m_onAdded(annotationId());
    } else {
        setObsolete(true);
    }
    reported(m_context, added.has_value(), problems, QStringLiteral("add"));
}

void AddAnnotationCommand::undo()
{
    Problems problems;
    // Keep what the store holds now (a later edit may have been undone already, but the
    // row is the truth) so that redo restores exactly this.
    if (auto current = findAnnotation(m_context, m_annotation.id))
        m_annotation = *current;
    reported(m_context, storeOf(m_context).remove(m_annotation.id, problems), problems, QStringLiteral("remove"));
}

RemoveAnnotationCommand::RemoveAnnotationCommand(ProjectContext &context, const QString &annotationId)
      : m_context(context), m_snapshot(findAnnotation(context, annotationId.toStdString()))
{
    setText(QStringLiteral("Delete annotation \u201c%1\u201d")
                .arg(m_snapshot ? shortText(QString::fromStdString(m_snapshot->text)) : annotationId));
}

void RemoveAnnotationCommand::redo()
{
    Problems problems;
    if (!m_snapshot) {
        problems.error("annotation", "it no longer exists");
        setObsolete(true);
        reported(m_context, false, problems, QStringLiteral("delete"));
        return;
    }
    m_snapshot = findAnnotation(m_context, m_snapshot->id).value_or(*m_snapshot);
    reported(m_context, storeOf(m_context).remove(m_snapshot->id, problems), problems, QStringLiteral("delete"));
}

void RemoveAnnotationCommand::undo()
{
    Problems problems;
    reported(m_context, storeOf(m_context).restore(*m_snapshot, problems), problems, QStringLiteral("restore"));
}

SetAnnotationStatusCommand::SetAnnotationStatusCommand(ProjectContext &context, const QString &annotationId,
                                                       const QString &status)
      : m_context(context), m_id(annotationId.toStdString()), m_status(status.toStdString())
{
    const auto current = findAnnotation(context, m_id);
    m_previous = current ? current->status : std::string("open");
    setText(status == QLatin1String("resolved") ? QStringLiteral("Resolve annotation")
                                                : QStringLiteral("Reopen annotation"));
}

void SetAnnotationStatusCommand::apply(const std::string &status)
{
    Problems problems;
    const bool ok = storeOf(m_context).setStatus(m_id, status, problems);
    if (!ok)
        setObsolete(true);
    reported(m_context, ok, problems, QStringLiteral("update"));
}

void SetAnnotationStatusCommand::redo()
{
    apply(m_status);
}

void SetAnnotationStatusCommand::undo()
{
    apply(m_previous);
}

EditAnnotationCommand::EditAnnotationCommand(ProjectContext &context, const QString &annotationId,
                                             const QString &severity, const QString &text)
      : m_context(context), m_id(annotationId.toStdString()), m_severity(severity.toStdString()),
        m_text(text.toStdString())
{
    if (const auto current = findAnnotation(context, m_id)) {
        m_oldSeverity = current->severity;
        m_oldText = current->text;
    }
    setText(QStringLiteral("Edit annotation \u201c%1\u201d").arg(shortText(text)));
}

void EditAnnotationCommand::apply(const std::string &severity, const std::string &text)
{
    Problems problems;
    const bool ok = storeOf(m_context).edit(m_id, severity, text, problems);
    if (!ok)
        setObsolete(true);
    reported(m_context, ok, problems, QStringLiteral("edit"));
}

void EditAnnotationCommand::redo()
{
    apply(m_severity, m_text);
}

void EditAnnotationCommand::undo()
{
    apply(m_oldSeverity, m_oldText);
}

} // namespace mltrl::ui
