#pragma once
/// One PreparedMetric per metric and revision while anything shows it: the Metrics panel, the
/// Gates panel and meeting slides that plot the same metric share one copy of its points and
/// envelopes (a 10-million-point series takes about 200 MB; a copy per plot was 600 MB and
/// more). Entries are held weakly: when the last plot lets go, the memory goes. Thread-safe; a
/// load of the same metric already running on another thread is waited for, not repeated.
#include "ui/plots/MetricPlot.h"

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace mltrl::ui {

class PreparedMetricCache {
public:
    using Loader = std::function<std::shared_ptr<const PreparedMetric>()>;

    /// The cache the plots use.
    static PreparedMetricCache &instance();

    /// What identifies a metric's points: the store, the revision (stored revisions never
    /// change) and the metric's id, kind and file.
    [[nodiscard]] static std::string key(const std::filesystem::path &storeDir, std::int64_t revisionId,
                                         const Metric &metric);

    /// The live entry for `key`, or the result of `load` (run on the calling thread, outside the
    /// lock) remembered for the next caller. A null result is not remembered (the next caller
    /// tries again). While another thread loads the same key, waits for it.
    [[nodiscard]] std::shared_ptr<const PreparedMetric> obtain(const std::string &key, const Loader &load);

    /// Entries whose points are still alive (for tests).
    [[nodiscard]] std::size_t liveEntries();

private:
    std::mutex m_mutex;
    std::condition_variable m_loaded;
    std::unordered_map<std::string, std::weak_ptr<const PreparedMetric>> m_entries;
    std::unordered_set<std::string> m_loading;
};

} // namespace mltrl::ui
