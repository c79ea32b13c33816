#include "ui/plots/PreparedMetricCache.h"

#include <fmt/format.h>

#include <algorithm>

namespace mltrl::ui {

PreparedMetricCache &PreparedMetricCache::instance()
{
    static PreparedMetricCache cache;
    return cache;
}

std::string PreparedMetricCache::key(const std::filesystem::path &storeDir, std::int64_t revisionId,
                                     const Metric &metric)
{
    // Length-prefixed parts: no separator inside an id or path can make two keys equal.
    const std::string dir = storeDir.lexically_normal().string();
    return fmt::format("{}:{}|{}|{}:{}|{}:{}|{}", dir.size(), dir, revisionId, metric.id.size(), metric.id,
                       metric.path.size(), metric.path, static_cast<int>(metric.kind));
}

std::shared_ptr<const PreparedMetric> PreparedMetricCache::obtain(const std::string &key, const Loader &load)
{
    std::unique_lock lock(m_mutex);
    while (true) {
        if (auto it = m_entries.find(key); it != m_entries.end()) {
            if (auto alive = it->second.lock())
                return alive;
            m_entries.erase(it);
        }
        if (!m_loading.contains(key))
            break;
        m_loaded.wait(lock);
    }
    // Forget entries nobody holds any more (the map stays as small as what is on screen).
    std::erase_if(m_entries, [](const auto &entry) { return entry.second.expired(); });
    m_loading.insert(key);
    lock.unlock();

    std::shared_ptr<const PreparedMetric> result;
    try {
        result = load();
    } catch (...) {
        lock.lock();
        m_loading.erase(key);
        m_loaded.notify_all();
        throw;
    }
    lock.lock();
    m_loading.erase(key);
    if (result)
        m_entries[key] = result;
    m_loaded.notify_all();
    return result;
}

std::size_t PreparedMetricCache::liveEntries()
{
    std::lock_guard lock(m_mutex);
    return static_cast<std::size_t>(
        std::count_if(m_entries.begin(), m_entries.end(), [](const auto &entry) { return !entry.second.expired(); }));
}

} // namespace mltrl::ui
