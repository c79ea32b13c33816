#pragma once
/// Internal to the archive reader: the bookkeeping shared by every source (libarchive,
/// directory) — entry admission (path rules, types, duplicates, count), per-entry streaming
/// checks (bomb ratio, total size, cancellation) and the problems they raise.
#include "core/archive/ArchiveReader.h"

#include <optional>
#include <unordered_set>

namespace mltrl::archive_detail {

enum class EntryKind { File, Directory, Symlink, Hardlink, Device, Fifo, Socket, Other };

/// A name safe to show: control characters and bytes that are not UTF-8 become "\xNN".
std::string printableName(std::string_view raw);

/// "1.5 MiB (1572864 bytes)".
std::string describeBytes(std::uint64_t bytes);

class ReadSession {
public:
    ReadSession(std::string archiveName, EntryHandler &handler, ArchiveSummary &summary, Problems &problems,
                const ArchiveLimits &limits, const CancelToken *cancel, const ProgressFn &progress);

    /// What to do with an entry's bytes after admission.
    enum class Admission {
        Accept, ///< regular file with a good, new path: bytes go to the handler
        Check,  ///< rejected (problem recorded) but its bytes are still read and checked
        Skip,   ///< nothing to read (directory, or a rejected non-file)
    };

    /// Counts the entry and applies the name, type and duplicate rules. Returns nullopt when
    /// reading must stop (entry limit).
    std::optional<Admission> admit(std::string_view rawName, EntryKind kind);
    /// Counts an entry whose name could not be read at all (`why` says so); its bytes are
    /// still checked. Returns nullopt when reading must stop (entry limit).
    std::optional<Admission> admitUnnamed(std::string why);

    /// Starts streaming the admitted entry. Returns false when the handler aborted.
    bool beginEntry(Admission admission, std::uint64_t declaredSize);
    /// One chunk of the current entry; `compressedSoFar` is the archive bytes consumed since
    /// the entry began. Returns false when reading must stop (problem recorded).
    bool chunk(std::span<const char> data, std::uint64_t compressedSoFar);
    /// Ends the current entry. Returns false when the handler asked to stop.
    bool endEntry(bool ok);

    /// A fatal problem: reading stops. `entry` empty = the archive as a whole.
    void fail(std::string_view entry, std::string what);
    /// A non-fatal problem on the current entry.
    void entryError(std::string what);
    void entryWarning(std::string what);
    /// A non-fatal problem with an entry known by its raw name only.
    void rawNameError(std::string_view rawName, std::string what);

    /// Polls the cancel token; records the problem once. True = stop.
    bool cancelled();
    void reportProgress(std::uint64_t done, std::uint64_t total) const;

    [[nodiscard]] const ArchiveLimits &limits() const { return m_limits; }
    [[nodiscard]] const std::string &archiveName() const { return m_archiveName; }
    /// Printable raw name of the current entry (for messages).
    [[nodiscard]] const std::string &currentEntry() const { return m_entryLabel; }

    /// Fills in the root prefix; true when no error was recorded by this read.
    bool finish();

private:
    std::string m_archiveName;
    EntryHandler &m_handler;
    ArchiveSummary &m_summary;
    Problems &m_problems;
    const ArchiveLimits &m_limits;
    const CancelToken *m_cancel;
    const ProgressFn &m_progress;

    std::size_t m_initialErrors;
    std::uint64_t m_entryCount = 0;
    std::unordered_set<std::string> m_seen;
    bool m_cancelReported = false;
    bool m_aborted = false; ///< the handler or a sink asked to stop

    // Current entry.
    std::string m_entryLabel; ///< printable raw name, for messages
    std::string m_entryPath;  ///< normalised path (accepted entries)
    Admission m_admission = Admission::Skip;
    EntrySink *m_sink = nullptr;
    std::uint64_t m_produced = 0;
};

/// The sources. Each streams every entry through the session and returns when done or when
/// the session says stop; problems are recorded in the session.
void readWithLibarchive(const std::filesystem::path &source, ReadSession &session);
void readDirectory(const std::filesystem::path &source, ReadSession &session);

/// Raw ZIP central-directory names that libarchive would rewrite ("\" to "/", when the name
/// has no "/"); empty when there are none or no central directory is found.
std::vector<std::string> zipNamesWithBackslashRewritten(const std::filesystem::path &source);

} // namespace mltrl::archive_detail
