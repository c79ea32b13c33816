#include "core/store/BlobStore.h"

#include "core/crypto/Sha256.h"
#include "core/store/UnsettledBlobs.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace mltrl {

namespace {

std::string errnoText(int err)
{
    return std::strerror(err);
}

bool isHexName(const std::string &s)
{
    return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

/// Flushes a whole file system to disk: one call instead of one fsync per blob.
bool syncFileSystemOf(const fs::path &dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::syncfs(fd) == 0;
    ::close(fd);
    return ok;
}

} // namespace

BlobStore::BlobStore(fs::path root) : m_root(std::move(root))
{
    std::error_code ec;
    fs::create_directories(m_root / "blobs", ec);
    fs::create_directories(m_root / "tmp", ec);
}

fs::path BlobStore::pathFor(const std::string &sha256) const
{
    return m_root / "blobs" / sha256.substr(0, 2) / sha256;
}

bool BlobStore::contains(const std::string &sha256) const
{
    std::error_code ec;
    return fs::is_regular_file(pathFor(sha256), ec);
}

std::optional<BlobStore::Writer> BlobStore::create(std::string &error)
{
    static std::atomic<unsigned> counter{0};
    for (int attempt = 0; attempt < 100; ++attempt) {
        const fs::path temp = tempDir() / fmt::format("blob-{}-{}", ::getpid(), counter.fetch_add(1));
        const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd >= 0)
            return Writer(temp, fd);
        if (errno != EEXIST) {
            error = fmt::format("cannot create {}: {}", temp.string(), errnoText(errno));
            return std::nullopt;
        }
    }
    error = "cannot create a temporary file in " + tempDir().string();
    return std::nullopt;
}

BlobStore::Writer::Writer(fs::path temp, int fd) : m_temp(std::move(temp)), m_fd(fd), m_hash(std::make_unique<Sha256>())
{
}

BlobStore::Writer::Writer(Writer &&other) noexcept
      : m_temp(std::move(other.m_temp)), m_fd(other.m_fd), m_size(other.m_size),
        m_writebackStarted(other.m_writebackStarted), m_hash(std::move(other.m_hash)),
        m_error(std::move(other.m_error)), m_handedOver(other.m_handedOver)
{
    other.m_fd = -1;
    other.m_temp.clear();
}

BlobStore::Writer::~Writer()
{
    // A writer that never finished leaves no temporary behind.
    closeFd();
    if (!m_handedOver && !m_temp.empty()) {
        std::error_code ec;
        fs::remove(m_temp, ec);
    }
}

void BlobStore::Writer::closeFd()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

bool BlobStore::Writer::write(std::span<const char> bytes)
{
    if (m_fd < 0)
        return false;
    m_hash->update(std::string_view(bytes.data(), bytes.size()));
    const char *p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(m_fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            m_error = fmt::format("cannot write {}: {}", m_temp.string(), errnoText(errno));
            closeFd();
            return false;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    m_size += bytes.size();
    startWriteback(false);
    return true;
}

void BlobStore::Writer::startWriteback(bool all)
{
    // Start flushing to disk now, asynchronously, while we go on reading and hashing: the
    // syncfs before publishing then finds little left to write. Without this the import is
    // CPU-bound hashing first and disk-bound flushing after, one after the other.
    constexpr std::uint64_t kStep = 8u << 20;
    const std::uint64_t pending = m_size - m_writebackStarted;
    if (pending == 0 || (!all && pending < kStep))
        return;
    ::sync_file_range(m_fd, static_cast<off_t>(m_writebackStarted), static_cast<off_t>(pending), SYNC_FILE_RANGE_WRITE);
    m_writebackStarted = m_size;
}

std::optional<std::string> BlobStore::Writer::finish()
{
    if (m_fd < 0)
        return std::nullopt;
    startWriteback(true);
    const int rc = ::close(m_fd);
    m_fd = -1;
    if (rc != 0) {
        m_error = fmt::format("cannot write {}: {}", m_temp.string(), errnoText(errno));
        return std::nullopt;
    }
    std::string hex = toHex(m_hash->finish());
    m_handedOver = true; // the temporary now belongs to the caller: publish or discard it
    return hex;
}

std::optional<std::vector<std::string>> BlobStore::publish(const std::vector<Pending> &pending, std::string &error)
{
    // Left before the flush below, so it is on disk before any rename can be; the importer
    // removes it after its commit.
    if (!blobs::markUnsettled(m_root)) {
        error = fmt::format("cannot write {}: {}", blobs::unsettledMarker(m_root).string(), errnoText(errno));
        return std::nullopt;
    }
    if (!syncFileSystemOf(tempDir())) {
        error = fmt::format("cannot flush {} to disk: {}", tempDir().string(), errnoText(errno));
        return std::nullopt;
    }
    std::vector<std::string> created;
    std::error_code ec;
    for (const Pending &p : pending) {
        const fs::path target = pathFor(p.sha256);
        if (fs::exists(target, ec)) {
            fs::remove(p.temp, ec);
            continue;
        }
        fs::create_directories(target.parent_path(), ec);
        if (::rename(p.temp.c_str(), target.c_str()) != 0) {
            error = fmt::format("cannot move {} into the store: {}", p.temp.string(), errnoText(errno));
            remove(created);
            return std::nullopt;
        }
        created.push_back(p.sha256);
    }
    // The renames themselves must reach the disk before the database says the blobs exist.
    if (!created.empty() && !syncFileSystemOf(m_root / "blobs")) {
        error = fmt::format("cannot flush {} to disk: {}", m_root.string(), errnoText(errno));
        remove(created);
        return std::nullopt;
    }
    return created;
}

void BlobStore::remove(const std::vector<std::string> &sha256s)
{
    std::error_code ec;
    for (const std::string &s : sha256s)
        fs::remove(pathFor(s), ec);
}

std::size_t BlobStore::collectGarbage(const std::vector<std::string> &referencedSorted)
{
    std::size_t removed = 0;
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(tempDir(), ec)) {
        if (fs::remove(entry.path(), ec))
            ++removed;
    }
    for (const auto &shard : fs::directory_iterator(m_root / "blobs", ec)) {
        if (!shard.is_directory(ec))
            continue;
        for (const auto &file : fs::directory_iterator(shard.path(), ec)) {
            const std::string name = file.path().filename().string();
            if (isHexName(name) && std::binary_search(referencedSorted.begin(), referencedSorted.end(), name))
                continue;
            if (fs::remove(file.path(), ec))
                ++removed;
        }
    }
    blobs::settle(m_root);
    return removed;
}

std::optional<std::string> BlobStore::read(const std::string &sha256, std::uint64_t maxBytes) const
{
    const fs::path p = pathFor(sha256);
    const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    std::string out;
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        out.append(buf, static_cast<std::size_t>(n));
        if (out.size() > maxBytes) {
            ::close(fd);
            return std::nullopt;
        }
    }
    ::close(fd);
    return out;
}

MappedFile::MappedFile(const fs::path &path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        m_error = fmt::format("cannot open {}: {}", path.string(), errnoText(errno));
        return;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        m_error = fmt::format("cannot read {}: {}", path.string(), errnoText(errno));
        ::close(fd);
        return;
    }
    m_size = static_cast<std::size_t>(st.st_size);
    if (m_size > 0) {
        m_data = ::mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m_data == MAP_FAILED) {
            m_data = nullptr;
            m_error = fmt::format("cannot map {}: {}", path.string(), errnoText(errno));
            ::close(fd);
            return;
        }
        ::madvise(m_data, m_size, MADV_SEQUENTIAL);
    }
    ::close(fd);
    m_ok = true;
}

void MappedFile::release(std::size_t bytes)
{
    const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const std::size_t whole = std::min(bytes, m_size) / page * page;
    if (m_data && whole > 0)
        ::madvise(m_data, whole, MADV_DONTNEED);
}

MappedFile::~MappedFile()
{
    if (m_data)
        ::munmap(m_data, m_size);
}

} // namespace mltrl
