// ZIP, tar and tar.gz through libarchive: only those formats and the gzip filter are enabled,
// entries are streamed once with archive_read_data, nothing touches the disk.
#include "core/archive/ReadSession.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

#include <cstring>
#include <memory>

namespace mltrl::archive_detail {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kBlockSize = 128 * 1024;
constexpr std::size_t kChunkSize = 64 * 1024;

struct ArchiveFree {
    void operator()(archive *a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;

std::string errorText(archive *a)
{
    const char *text = archive_error_string(a);
    return text ? text : "unknown error";
}

EntryKind kindOf(archive_entry *entry)
{
    if (archive_entry_hardlink(entry) != nullptr)
        return EntryKind::Hardlink;
    switch (archive_entry_filetype(entry)) {
    case AE_IFREG:
        return EntryKind::File;
    case AE_IFDIR:
        return EntryKind::Directory;
    case AE_IFLNK:
        return EntryKind::Symlink;
    case AE_IFCHR:
    case AE_IFBLK:
        return EntryKind::Device;
    case AE_IFIFO:
        return EntryKind::Fifo;
    case AE_IFSOCK:
        return EntryKind::Socket;
    default:
        return EntryKind::Other;
    }
}

std::uint64_t consumed(archive *a)
{
    // Filter -1 is the raw file: for tar.gz these are gzip bytes, not tar bytes.
    const la_int64_t bytes = archive_filter_bytes(a, -1);
    return bytes > 0 ? static_cast<std::uint64_t>(bytes) : 0;
}

class LibarchiveReader {
public:
    LibarchiveReader(const fs::path &source, ReadSession &session) : m_source(source), m_session(session)
    {
        std::error_code ec;
        const auto size = fs::file_size(source, ec);
        m_fileSize = ec ? 0 : size;
    }

    void run()
    {
        ArchivePtr a(archive_read_new());
        archive_read_support_format_zip(a.get());
        archive_read_support_format_tar(a.get());
        archive_read_support_filter_gzip(a.get());
        if (archive_read_open_filename(a.get(), m_source.c_str(), kBlockSize) != ARCHIVE_OK) {
            const std::string why = errorText(a.get());
            if (why.find("Unrecognized archive format") != std::string::npos)
                m_session.fail({}, "not a ZIP, tar or tar.gz archive");
            else
                m_session.fail({}, fmt::format("cannot open the archive: {}", why));
            return;
        }
        m_chunk.resize(kChunkSize);
        while (readOneEntry(a.get())) {
        }
    }

private:
    /// Returns false when reading ends (end of archive or a stop).
    bool readOneEntry(archive *a)
    {
        if (m_session.cancelled())
            return false;
        archive_entry *entry = nullptr;
        const int r = archive_read_next_header(a, &entry);
        if (r == ARCHIVE_EOF) {
            m_session.reportProgress(m_fileSize, m_fileSize);
            return false;
        }
        if (r < ARCHIVE_WARN) {
            m_session.fail({}, fmt::format("the archive is damaged or truncated{}: {}",
                                           m_lastEntry.empty() ? "" : fmt::format(" (after entry \"{}\")", m_lastEntry),
                                           errorText(a)));
            return false;
        }
        if (!m_rawNamesChecked) {
            m_rawNamesChecked = true; // the format is known once the first header is read
            if ((archive_format(a) & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_ZIP)
                for (const std::string &raw : zipNamesWithBackslashRewritten(m_source))
                    m_session.rawNameError(raw, checkArchivePath(raw, m_session.limits().maxPathBytes));
        }
        const char *name = archive_entry_pathname_utf8(entry);
        if (!name)
            name = archive_entry_pathname(entry);
        const auto admission =
            name ? m_session.admit(name, kindOf(entry))
                 : m_session.admitUnnamed(fmt::format("the entry name cannot be read as UTF-8 ({})", errorText(a)));
        if (!admission)
            return false;
        m_lastEntry = m_session.currentEntry();
        // A warning on a header means libarchive found it inconsistent (e.g. ZIP sizes that
        // differ between local header and central directory): reject rather than guess.
        if (r == ARCHIVE_WARN && name)
            m_session.entryError(fmt::format("inconsistent entry header: {}", errorText(a)));
        m_session.reportProgress(consumed(a), m_fileSize);
        if (*admission == ReadSession::Admission::Skip)
            return true; // the next header call skips the data
        const la_int64_t declared = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : 0;
        m_session.beginEntry(*admission, declared > 0 ? static_cast<std::uint64_t>(declared) : 0);
        const bool ok = streamData(a);
        return m_session.endEntry(ok) && ok;
    }

    bool streamData(archive *a)
    {
        const std::uint64_t start = consumed(a);
        while (true) {
            if (m_session.cancelled())
                return false;
            const la_ssize_t n = archive_read_data(a, m_chunk.data(), m_chunk.size());
            if (n == 0)
                return true;
            if (n < 0) {
                m_session.fail(m_session.currentEntry(),
                               fmt::format("cannot read this entry of {}; the archive is damaged or truncated: {}",
                                           m_session.archiveName(), errorText(a)));
                return false;
            }
            const std::uint64_t now = consumed(a);
            if (!m_session.chunk({m_chunk.data(), static_cast<std::size_t>(n)}, now > start ? now - start : 0))
                return false;
            m_session.reportProgress(now, m_fileSize);
        }
    }

    const fs::path &m_source;
    ReadSession &m_session;
    std::uint64_t m_fileSize = 0;
    std::vector<char> m_chunk;
    std::string m_lastEntry;
    bool m_rawNamesChecked = false;
};

} // namespace

void readWithLibarchive(const fs::path &source, ReadSession &session)
{
    LibarchiveReader(source, session).run();
}

} // namespace mltrl::archive_detail
