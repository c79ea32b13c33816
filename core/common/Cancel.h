#pragma once
/// Cooperative cancellation and progress for long work run off the UI thread.
#include <atomic>
#include <cstdint>
#include <functional>

namespace mltrl {

/// Set from any thread; long operations poll it between chunks and stop cleanly.
class CancelToken {
public:
    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    [[nodiscard]] bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> m_cancelled{false};
};

/// Called with bytes done and bytes expected (0 when unknown). Must be cheap and thread-safe.
using ProgressFn = std::function<void(std::uint64_t done, std::uint64_t total)>;

} // namespace mltrl
