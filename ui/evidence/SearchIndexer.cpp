#include "evidence/SearchIndexer.h"

#include "common/QtText.h"
#include "evidence/EvidenceSource.h"
#include "evidence/EvidenceText.h"
#include "store/RevisionData.h"
#include "store/Store.h"

#include <QThread>

namespace mltrl::ui {

namespace {

SearchIndex::Item cardItem(const Card &card)
{
    SearchIndex::Item item;
    item.kind = QStringLiteral("card");
    item.itemId = QStringLiteral("%1/%2").arg(card.level).arg(qs(card.component));
    item.title = card.component.empty() ? QStringLiteral("Level %1 card").arg(card.level)
                                        : QStringLiteral("Level %1 card: %2").arg(card.level).arg(qs(card.component));
    QStringList body{qs(card.tldr), qs(card.modelInfo), qs(card.intendedUse), qs(card.testingStatus),
                     qs(card.dataConsiderations), qs(card.caveats)};
    for (const DebriefItem &d : card.debrief)
        body << qs(d.question) << qs(d.answer);
    body.removeAll(QString());
    item.body = body.join(QLatin1Char('\n'));
    return item;
}

SearchIndex::Item requirementItem(const Requirement &r)
{
    return {QStringLiteral("requirement"), qs(r.id), QStringLiteral("Requirement %1").arg(qs(r.id)),
            qs(r.text) + QLatin1Char('\n') + qs(r.kind)};
}

} // namespace

SearchIndexer::SearchIndexer(QObject *parent) : QObject(parent)
{
}

SearchIndexer::~SearchIndexer()
{
    cancel();
}

bool SearchIndexer::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

void SearchIndexer::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
}

std::vector<SearchIndex::Item> SearchIndexer::collect(const RevisionData &revision, Store &store,
                                                      const std::atomic_bool *cancel,
                                                      const std::function<void(int, int)> &progress)
{
    const Manifest &m = revision.manifest;
    std::vector<SearchIndex::Item> items;
    const int total = static_cast<int>(m.evidence.size());
    for (int i = 0; i < total; ++i) {
        if (cancel && cancel->load())
            return {};
        const Evidence &e = m.evidence[static_cast<std::size_t>(i)];
        const EvidenceSource source = EvidenceSource::resolve(revision, store, e);
        items.push_back({QStringLiteral("evidence"), source.id, source.title.isEmpty() ? source.id : source.title,
                         EvidenceText::extract(source)});
        if (progress)
            progress(i + 1, total);
    }
    for (const Card &c : m.cards)
        items.push_back(cardItem(c));
    for (const Requirement &r : m.requirements)
        items.push_back(requirementItem(r));
    return items;
}

void SearchIndexer::start(const std::filesystem::path &storeDir, std::shared_ptr<const RevisionData> revision)
{
    cancel();
    auto cancelFlag = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancelFlag;
    // Signals are emitted from the worker; receivers in the UI thread get them queued.
    m_thread = QThread::create([this, storeDir, revision, cancelFlag] {
        const qint64 revisionId = revision->overview.revisionId;
        try {
            Problems problems;
            std::unique_ptr<Store> store = Store::open(storeDir, problems);
            if (!store) {
                const QString why = problems.items().empty() ? QStringLiteral("cannot open the store")
                                                             : qs(problems.items().front().toString());
                emit finished(revisionId, false, why);
                return;
            }
            SearchIndex index(store->db());
            if (!index.isIndexed(revisionId)) {
                auto items = collect(*revision, *store, cancelFlag.get(),
                                     [this](int done, int total) { emit progress(done, total); });
                if (cancelFlag->load())
                    return;
                index.index(revisionId, items);
            }
            emit finished(revisionId, true, {});
        } catch (const std::exception &e) {
            emit finished(revisionId, false, QString::fromUtf8(e.what()));
        }
    });
    m_thread->start();
}

} // namespace mltrl::ui
