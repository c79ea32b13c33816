// readArchive on in-memory archives (ZIP, tar, tar.gz, whatever the bytes look like): the
// input is written to a memfd and read back through /proc/self/fd/N, so the reader takes
// its real path (content sniffing, libarchive's file reader) without touching the disk.
#include "FuzzCheck.h"
#include "core/archive/ArchiveReader.h"
#include "core/crypto/Sha256.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

/// Hashes every accepted entry, as the importer does, and checks the reader's bookkeeping.
class HashingHandler : public mltrl::EntryHandler, public mltrl::EntrySink {
public:
    mltrl::EntrySink *beginEntry(const std::string &path, std::uint64_t) override
    {
        FUZZ_CHECK(mltrl::checkArchivePath(path).empty());
        m_bytes = 0;
        return this;
    }
    bool write(std::span<const char> chunk) override
    {
        m_hash.update(chunk);
        m_bytes += chunk.size();
        return true;
    }
    bool finishEntry(const std::string &, std::uint64_t size, bool ok) override
    {
        (void)m_hash.finish();
        // A complete entry's size is the bytes the sink saw.
        FUZZ_CHECK(!ok || size == m_bytes);
        return true;
    }

private:
    mltrl::Sha256 m_hash;
    std::uint64_t m_bytes = 0;
};

/// One memfd for the whole run, rewritten per input.
int archiveFd()
{
    static const int fd = memfd_create("fuzz_archive", 0);
    FUZZ_CHECK(fd >= 0);
    return fd;
}

bool writeAll(int fd, const std::uint8_t *data, std::size_t size)
{
    if (ftruncate(fd, 0) != 0)
        return false;
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = pwrite(fd, data + done, size - done, static_cast<off_t>(done));
        if (n <= 0)
            return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const int fd = archiveFd();
    FUZZ_CHECK(writeAll(fd, data, size));
    const std::string path = "/proc/self/fd/" + std::to_string(fd);

    // Small limits so that bombs and huge declared sizes stop within milliseconds.
    mltrl::ArchiveLimits limits;
    limits.maxEntries = 256;
    limits.maxTotalBytes = 8u << 20;
    limits.bombMinBytes = 256u << 10;
    limits.bombRatio = 50.0;

    HashingHandler handler;
    mltrl::ArchiveSummary summary;
    mltrl::Problems problems;
    const bool ok = mltrl::readArchive(path, handler, summary, problems, limits);
    FUZZ_CHECK(ok == !problems.hasErrors());
    FUZZ_CHECK(summary.paths.size() <= limits.maxEntries);
    FUZZ_CHECK(!ok || summary.totalBytes <= limits.maxTotalBytes);
    for (const std::string &p : summary.paths)
        FUZZ_CHECK(mltrl::checkArchivePath(p).empty());
    return 0;
}
