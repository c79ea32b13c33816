#include "ui/session/ProjectContext.h"

#include "core/review/AnnotationStore.h"
#include "core/store/Store.h"
#include "ui/session/StoreGuard.h"

#include <QUndoStack>

namespace mltrl::ui {

namespace {
std::shared_ptr<const ReviewWork> emptyWork(std::int64_t revisionId)
{
    auto work = std::make_shared<ReviewWork>();
    work->revisionId = revisionId;
    return work;
}
} // namespace

ProjectContext::ProjectContext(Store *store, QObject *parent)
      : QObject(parent), m_store(store), m_work(emptyWork(0)), m_undoStack(new QUndoStack(this))
{
    // Connected before anyone else can connect: the snapshot is refreshed before any view
    // hears of the change and reads it (slots run in the order they were connected).
    connect(this, &ProjectContext::annotationsChanged, this, &ProjectContext::refreshAnnotations);
    connect(this, &ProjectContext::reviewsChanged, this, &ProjectContext::refreshDrafts);
}

void ProjectContext::setRevision(std::shared_ptr<const RevisionData> revision, std::shared_ptr<const ReviewWork> work)
{
    const std::int64_t id = revision ? revision->overview.revisionId : 0;
    if (!work || work->revisionId != id) {
        work = emptyWork(id);
        if (revision && m_store) {
            ++m_workReads;
            if (auto read = guardStore(*this, tr("Reading the annotations and review drafts"),
                                       [&] { return loadReviewWork(m_store->db(), id); }))
                work = std::make_shared<const ReviewWork>(std::move(*read));
        }
    }
    m_revision = std::move(revision);
    m_work = std::move(work);
    m_undoStack->clear();
    emit revisionChanged();
}

void ProjectContext::setRevision(std::shared_ptr<const RevisionData> revision)
{
    setRevision(std::move(revision), nullptr);
}

ReviewDraft ProjectContext::draft(std::int64_t revisionId, const std::string &gate, const std::string &reviewer) const
{
    if (m_work->revisionId == revisionId)
        return m_work->draft(gate, reviewer);
    return ReviewWork{revisionId, {}, {}}.draft(gate, reviewer); // an empty draft of that revision
}

void ProjectContext::refreshAnnotations()
{
    if (!m_revision || !m_store)
        return;
    const std::int64_t id = m_revision->overview.revisionId;
    ++m_workReads;
    auto annotations = guardStore(*this, tr("Reading the annotations"),
                                  [&] { return AnnotationStore(m_store->db()).forRevision(id); });
    if (!annotations)
        return; // the failure is reported; the views keep showing the last snapshot
    auto next = std::make_shared<ReviewWork>(*m_work);
    next->annotations = std::move(*annotations);
    m_work = std::move(next);
}

void ProjectContext::refreshDrafts()
{
    if (!m_revision || !m_store)
        return;
    const std::int64_t id = m_revision->overview.revisionId;
    ++m_workReads;
    auto drafts = guardStore(*this, tr("Reading the review drafts"), [&] { return loadDrafts(m_store->db(), id); });
    if (!drafts)
        return;
    auto next = std::make_shared<ReviewWork>(*m_work);
    next->drafts = std::move(*drafts);
    m_work = std::move(next);
}

bool ProjectContext::reloadReviewWork()
{
    if (!m_revision || !m_store)
        return true;
    const std::int64_t id = m_revision->overview.revisionId;
    ++m_workReads;
    auto read = guardStore(*this, tr("Reading the annotations and review drafts"),
                           [&] { return loadReviewWork(m_store->db(), id); });
    if (!read)
        return false;
    const bool annotations = read->annotations != m_work->annotations;
    const bool drafts = read->drafts != m_work->drafts;
    m_work = std::make_shared<const ReviewWork>(std::move(*read));
    // Rare (a change made outside this window): the signals' own refresh reads once more.
    if (annotations)
        emit annotationsChanged();
    if (drafts)
        emit reviewsChanged();
    return true;
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
