#pragma once
/// Reads an archive once into a blob store's temporary area: each entry is streamed, hashed
/// and written in one pass. What is staged can then be checked, parsed and published (import)
/// or thrown away (validation, rejection).
#include "core/archive/ArchiveReader.h"
#include "core/store/BlobStore.h"

#include <cstdint>
#include <map>
#include <string>

namespace mltrl {

struct StagedFile {
    std::string sha256;
    std::uint64_t size = 0;
    std::filesystem::path temp; ///< the staged bytes (a temporary of the blob store)
};

class StagedArchive {
public:
    explicit StagedArchive(BlobStore &blobs) : m_blobs(blobs) {}
    ~StagedArchive(); ///< removes every temporary not published (published ones were moved)
    StagedArchive(const StagedArchive &) = delete;
    StagedArchive &operator=(const StagedArchive &) = delete;

    /// Streams `source` into staging. False when the archive must be rejected.
    bool read(const std::filesystem::path &source, Problems &problems, const ArchiveLimits &limits,
              const CancelToken *cancel, const ProgressFn &progress);

    /// Entries by path relative to the archive root (wrapping folder removed).
    [[nodiscard]] const std::map<std::string, StagedFile> &files() const { return m_files; }
    [[nodiscard]] const StagedFile *find(const std::string &path) const;
    [[nodiscard]] const std::string &rootPrefix() const { return m_rootPrefix; }
    [[nodiscard]] std::string sourceName() const { return m_source; }

    /// Hands the temporaries of `paths` over to the blob store (deduplicated by hash).
    [[nodiscard]] std::vector<BlobStore::Pending> pendingFor(const std::vector<std::string> &paths) const;

private:
    BlobStore &m_blobs;
    std::map<std::string, StagedFile> m_files;
    std::string m_rootPrefix;
    std::string m_source;
};

} // namespace mltrl
