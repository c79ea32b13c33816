#pragma once
/// Evidence and metric bytes, stored once per SHA-256 under `blobs/ab/abcdef…` beside the
/// database. New bytes go to a temporary file in `tmp/` while they are hashed; an import
/// publishes its temporaries (flush, rename into place, flush directories) just before it
/// commits its transaction, and deletes what it created when it fails.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace mltrl {

class Sha256;

class BlobStore {
public:
    explicit BlobStore(std::filesystem::path root);

    /// Writes one blob's bytes to a temporary file while hashing them.
    class Writer {
    public:
        Writer(Writer &&other) noexcept;
        Writer &operator=(Writer &&) = delete;
        ~Writer();
        /// False (with error()) when the write failed, e.g. the disk is full.
        bool write(std::span<const char> bytes);
        /// Closes the file; returns the lowercase hex SHA-256, or nullopt on failure.
        std::optional<std::string> finish();
        [[nodiscard]] std::uint64_t size() const { return m_size; }
        [[nodiscard]] const std::string &error() const { return m_error; }
        [[nodiscard]] const std::filesystem::path &tempPath() const { return m_temp; }

    private:
        friend class BlobStore;
        Writer(std::filesystem::path temp, int fd);
        void startWriteback(bool all);
        void closeFd();
        std::filesystem::path m_temp;
        int m_fd = -1;
        std::uint64_t m_size = 0;
        std::uint64_t m_writebackStarted = 0; ///< bytes already handed to the kernel's writeback
        std::unique_ptr<Sha256> m_hash;
        std::string m_error;
        bool m_handedOver = false;
    };

    /// Starts a temporary blob; nullopt (with `error`) when the file cannot be created.
    std::optional<Writer> create(std::string &error);

    [[nodiscard]] std::filesystem::path pathFor(const std::string &sha256) const;
    [[nodiscard]] bool contains(const std::string &sha256) const;
    [[nodiscard]] const std::filesystem::path &root() const { return m_root; }
    [[nodiscard]] std::filesystem::path tempDir() const { return m_root / "tmp"; }

    /// A finished temporary waiting to be published.
    struct Pending {
        std::filesystem::path temp;
        std::string sha256;
    };

    /// Makes the pending temporaries durable and moves them into place. Returns the hashes
    /// that did not exist before (so a failed commit can remove exactly those), or nullopt
    /// with `error`. Temporaries whose blob already exists are removed.
    std::optional<std::vector<std::string>> publish(const std::vector<Pending> &pending, std::string &error);

    /// Removes the given blobs (used to undo a publish whose transaction failed).
    void remove(const std::vector<std::string> &sha256s);

    /// Deletes temporaries and blobs not in `referenced` (sorted). Returns how many went.
    std::size_t collectGarbage(const std::vector<std::string> &referencedSorted);

    /// Reads a whole blob (for small files such as manifests); nullopt when missing.
    [[nodiscard]] std::optional<std::string> read(const std::string &sha256, std::uint64_t maxBytes) const;

private:
    std::filesystem::path m_root;
};

/// A read-only memory map of a file (metric files are parsed straight from their blob).
class MappedFile {
public:
    explicit MappedFile(const std::filesystem::path &path);
    ~MappedFile();
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;
    [[nodiscard]] bool isOpen() const { return m_ok; }
    [[nodiscard]] std::string_view bytes() const { return {static_cast<const char *>(m_data), m_size}; }
    [[nodiscard]] const std::string &error() const { return m_error; }
    /// Drops the pages of the first `bytes` bytes from this process (the page cache keeps them;
    /// touching them again reads them back). Keeps resident memory flat while a big file is
    /// parsed front to back.
    void release(std::size_t bytes);

private:
    void *m_data = nullptr;
    std::size_t m_size = 0;
    bool m_ok = false;
    std::string m_error;
};

} // namespace mltrl
