#pragma once
/// Whether a store's blobs/ may hold garbage. Orphan blobs exist only when an import died
/// between publishing its blobs and committing its transaction, and partial temporaries only
/// when it died while staging; collecting them walks every blob file, which an open of a large
/// store must not pay each time. So publishing leaves a marker file on disk first, a commit
/// removes it, and an open collects only when the marker or a temporary is there.
#include <filesystem>

namespace mltrl::blobs {

/// The marker in the store folder `root`.
[[nodiscard]] std::filesystem::path unsettledMarker(const std::filesystem::path &root);
/// Leaves the marker (not flushed: the caller flushes the file system before any rename).
[[nodiscard]] bool markUnsettled(const std::filesystem::path &root);
/// Removes the marker (not flushed: if the removal is lost in a crash, the next open merely
/// collects once more).
void settle(const std::filesystem::path &root);
/// True when the marker is there or `tmpDir` holds a temporary.
[[nodiscard]] bool mayHoldGarbage(const std::filesystem::path &root, const std::filesystem::path &tmpDir);

} // namespace mltrl::blobs
