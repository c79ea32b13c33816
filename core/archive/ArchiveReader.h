#pragma once
/// Streams the entries of a project archive (ZIP/.mltrl, tar, tar.gz/tgz, or a directory)
/// exactly once each, enforcing the container rules of the contract (§1) on the bytes actually
/// produced: path rules, entry types, duplicates, entry count, total size, decompression bombs.
/// Nothing is extracted; the consumer sees each entry's bytes in chunks.
#include "core/common/Cancel.h"
#include "core/common/Problems.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace mltrl {

struct ArchiveLimits {
    std::uint64_t maxEntries = 100'000;
    std::uint64_t maxTotalBytes = 64ull << 30; ///< uncompressed, all entries
    std::uint64_t bombMinBytes = 1ull << 20;   ///< an entry over this size …
    double bombRatio = 200.0;                  ///< … and over this × its compressed size is a bomb
    std::size_t maxPathBytes = 1024;
};

/// Consumer of one entry. `path` is the normalised entry name (one leading "./" removed,
/// no trailing "/"), already checked against the path rules.
class EntrySink {
public:
    virtual ~EntrySink() = default;
    /// Called for each chunk; return false to abort the whole read (e.g. a write failed —
    /// the sink records its own problem).
    virtual bool write(std::span<const char> chunk) = 0;
};

/// Called once per regular-file entry; returns the sink for its bytes (nullptr = skip the
/// bytes; they are still read, counted and checked). `finish(ok)` is called after the last
/// chunk (ok = false when the entry was cut short by an error, a limit or cancellation).
class EntryHandler {
public:
    virtual ~EntryHandler() = default;
    virtual EntrySink *beginEntry(const std::string &path, std::uint64_t declaredSize) = 0;
    /// Return false to stop the whole read (the handler records its own problem).
    virtual bool finishEntry(const std::string &path, std::uint64_t size, bool ok) = 0;
};

struct ArchiveSummary {
    std::vector<std::string> paths; ///< every regular-file entry, in archive order
    std::uint64_t totalBytes = 0;   ///< uncompressed bytes produced
    std::string rootPrefix; ///< "folder/" when the archive wraps everything in one folder holding mltrl.json, else ""
};

enum class ArchiveFormat { Zip, Tar, TarGz, Directory, Unknown };

/// Guesses from the name and, for files, the first bytes (a .mltrl renamed is still a ZIP).
[[nodiscard]] ArchiveFormat detectArchiveFormat(const std::filesystem::path &source);

/// Reads every entry. Errors and warnings go to `problems`: `where` is the entry's raw name
/// (control characters and non-UTF-8 bytes shown as "\xNN"), or the archive's file name for
/// problems of the archive as a whole. Entry problems (path rules, links and special files,
/// duplicates) are all collected and reading goes on; a bomb, a limit, a damaged or truncated
/// archive, cancellation or a handler/sink asking to stop end the read at once. Only accepted
/// regular files reach the handler; rejected ones are still read and checked.
/// Returns false when any error was found or the handler stopped the read (reject the archive).
[[nodiscard]] bool readArchive(const std::filesystem::path &source, EntryHandler &handler, ArchiveSummary &summary,
                               Problems &problems, const ArchiveLimits &limits = {},
                               const CancelToken *cancel = nullptr, const ProgressFn &progress = {});

/// Checks one archive path against the contract's rules; returns an empty string when it
/// is fine, else what is wrong in plain words.
[[nodiscard]] std::string checkArchivePath(std::string_view path, std::size_t maxBytes = 1024);

/// The wrapping-folder rule: if every path lies in one top folder and `<folder>/mltrl.json`
/// exists (and there is no root `mltrl.json`), returns "<folder>/", else "".
[[nodiscard]] std::string detectRootPrefix(const std::vector<std::string> &paths);

} // namespace mltrl
