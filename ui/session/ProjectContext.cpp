#include "ui/session/ProjectContext.h"

#include <QUndoStack>

namespace mltrl::ui {

ProjectContext::ProjectContext(Store *store, QObject *parent)
      : QObject(parent), m_store(store), m_undoStack(new QUndoStack(this))
{
}

void ProjectContext::setRevision(std::shared_ptr<const RevisionData> revision)
{
    m_revision = std::move(revision);
    m_undoStack->clear();
    emit revisionChanged();
}

void ProjectContext::reportStoreFailure(const QString &what, const QString &why) noexcept
{
    try {
        m_lastStoreError = QStringLiteral("%1 failed: %2").arg(what, why);
        emit storeFailed(m_lastStoreError);
        emit notice(m_lastStoreError);
    } catch (...) {
        // Out of memory while reporting: nothing more can be said, and nothing may escape.
    }
}

bool ProjectContext::navigate(const QString &href)
{
    const QString kind = href.section(QLatin1Char(':'), 0, 0);
    const QString target = href.section(QLatin1Char(':'), 1);
    if (target.isEmpty())
        return false;
    const QString first = target.section(QLatin1Char('/'), 0, 0);
    const QString rest = target.section(QLatin1Char('/'), 1);
    if (kind == QLatin1String("evidence"))
        emit showEvidence(target);
    else if (kind == QLatin1String("metric"))
        emit showMetric(target);
    else if (kind == QLatin1String("requirement"))
        emit showRequirement(target);
    else if (kind == QLatin1String("criterion"))
        emit showCriterion(first, rest);
    else if (kind == QLatin1String("card"))
        emit showCard(first.toInt(), rest);
    else
        return false;
    return true;
}

} // namespace mltrl::ui
