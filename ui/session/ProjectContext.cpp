#include "session/ProjectContext.h"

namespace mltrl::ui {

ProjectContext::ProjectContext(Store *store, QObject *parent) : QObject(parent), m_store(store)
{
}

void ProjectContext::setRevision(std::shared_ptr<const RevisionData> revision)
{
    m_revision = std::move(revision);
    emit revisionChanged();
}

} // namespace mltrl::ui
