#pragma once
/// The undoable annotation edits. Each command writes the store in redo() and undo() (one
/// transaction with its audit entry, durable when the call returns) and then emits
/// ProjectContext::annotationsChanged(): the context refreshes its snapshot of the annotations
/// (ProjectContext::reviewWork()) once, and every list and highlight re-reads it. The value an
/// edit undoes to comes from that snapshot too.
/// A write that fails is reported through ProjectContext::notice(); a command whose first
/// redo() failed makes itself obsolete, so the undo stack drops it.
#include "core/review/AnnotationStore.h"

#include <QString>
#include <QUndoCommand>

#include <nlohmann/json.hpp>

#include <functional>

namespace mltrl::ui {

class ProjectContext;

/// Who writes annotations on this machine: the identity of the key chosen for signing
/// ("Name <email>", KeyRing's signing-key.json or the workbench key), else $USER (or
/// $USERNAME) before the reviewer has a key.
[[nodiscard]] QString annotationAuthor();

/// Adds an open annotation on the revision shown by `context`; undo removes it, redo puts
/// the same annotation (same id) back.
class AddAnnotationCommand : public QUndoCommand {
public:
    /// `added` (optional) hears the new id once the first redo() stored it: after a failed
    /// push the command is already deleted, so the caller cannot ask it.
    AddAnnotationCommand(ProjectContext &context, nlohmann::json target, QString severity, QString text,
                         std::function<void(const QString &id)> added = {});
    void redo() override;
    void undo() override;
    /// The id given by the first redo(); empty when it failed.
    [[nodiscard]] QString annotationId() const { return QString::fromStdString(m_annotation.id); }

private:
    ProjectContext &m_context;
    nlohmann::json m_target;
    QString m_severity;
    QString m_text;
    std::function<void(const QString &id)> m_onAdded;
    Annotation m_annotation;
    bool m_added = false;
};

/// Deletes an annotation; undo restores it exactly as it was.
class RemoveAnnotationCommand : public QUndoCommand {
public:
    RemoveAnnotationCommand(ProjectContext &context, const QString &annotationId);
    void redo() override;
    void undo() override;

private:
    ProjectContext &m_context;
    std::optional<Annotation> m_snapshot;
};

/// Marks an annotation `open` or `resolved`; undo brings back the status it had.
class SetAnnotationStatusCommand : public QUndoCommand {
public:
    SetAnnotationStatusCommand(ProjectContext &context, const QString &annotationId, const QString &status);
    void redo() override;
    void undo() override;

private:
    void apply(const std::string &status);
    ProjectContext &m_context;
    std::string m_id;
    std::string m_status;
    std::string m_previous;
};

/// Changes an annotation's severity and text; undo brings back the old ones.
class EditAnnotationCommand : public QUndoCommand {
public:
    EditAnnotationCommand(ProjectContext &context, const QString &annotationId, const QString &severity,
                          const QString &text);
    void redo() override;
    void undo() override;

private:
    void apply(const std::string &severity, const std::string &text);
    ProjectContext &m_context;
    std::string m_id;
    std::string m_severity;
    std::string m_text;
    std::string m_oldSeverity;
    std::string m_oldText;
};

} // namespace mltrl::ui
