#include "shell/RevisionLoader.h"

#include "common/OffThread.h"
#include "store/Store.h"

#include <QStringList>

#include <algorithm>
#include <exception>

namespace mltrl::ui {

namespace {
struct LoadOutput {
    std::shared_ptr<const RevisionData> revision;
    Problems problems;
};

LoadOutput loadOffThread(const std::filesystem::path &storeDir, const std::string &projectId,
                         std::optional<int> revision)
{
    LoadOutput out;
    try {
        std::unique_ptr<Store> store = Store::open(storeDir, out.problems);   // this thread's connection
        if (!store)
            return out;
        if (std::optional<RevisionData> data = loadRevision(*store, projectId, revision, out.problems))
            out.revision = std::make_shared<const RevisionData>(std::move(*data));
    } catch (const std::exception &e) {
        out.problems.error(storeDir.string(), e.what());
    }
    return out;
}

QString describe(const Problems &problems)
{
    QStringList lines;
    for (const Problem &p : problems.items())
        lines << QString::fromStdString(p.toString());
    return lines.isEmpty() ? QStringLiteral("the revision could not be loaded") : lines.join(QLatin1String("; "));
}
} // namespace

RevisionLoader::RevisionLoader(std::filesystem::path storeDir, QObject *parent)
    : QObject(parent), m_storeDir(std::move(storeDir))
{
}

RevisionLoader::~RevisionLoader()
{
    for (const QPointer<QThread> &t : m_threads)
        waitFor(t);
}

void RevisionLoader::load(const QString &projectId, std::optional<int> revision)
{
    const quint64 generation = ++m_generation;
    ++m_pending;
    std::erase_if(m_threads, [](const QPointer<QThread> &t) { return t.isNull(); });
    const std::filesystem::path dir = m_storeDir;
    const std::string id = projectId.toStdString();
    m_threads.push_back(runOffThread<LoadOutput>(
        this, [dir, id, revision] { return loadOffThread(dir, id, revision); },
        [this, generation, projectId](LoadOutput out) {
            --m_pending;
            if (generation != m_generation)
                return;   // superseded by a later request
            if (out.revision)
                emit loaded(out.revision);
            else
                emit failed(projectId, describe(out.problems));
        }));
}

} // namespace mltrl::ui
