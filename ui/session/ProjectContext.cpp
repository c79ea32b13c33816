#include "session/ProjectContext.h"

#include <QUndoStack>

namespace mltrl::ui {

ProjectContext::ProjectContext(Store *store, QObject *parent) : QObject(parent), m_store(store), m_undoStack(new QUndoStack(this))
{
}

void ProjectContext::setRevision(std::shared_ptr<const RevisionData> revision)
{
    m_revision = std::move(revision);
    m_undoStack->clear();
    emit revisionChanged();
}

} // namespace mltrl::ui
