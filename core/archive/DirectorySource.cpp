// A plain directory as an archive: walked in sorted order, links are never followed, only
// regular files carry bytes. Paths are relative to the directory and "/"-separated.
#include "core/archive/ReadSession.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace mltrl::archive_detail {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kChunkSize = 64 * 1024;

struct Found {
    std::string path; ///< relative, "/"-separated, raw bytes of the names
    fs::path full;
    EntryKind kind = EntryKind::Other;
    std::uint64_t size = 0;
};

EntryKind kindOf(fs::file_type type)
{
    switch (type) {
    case fs::file_type::regular:
        return EntryKind::File;
    case fs::file_type::directory:
        return EntryKind::Directory;
    case fs::file_type::symlink:
        return EntryKind::Symlink;
    case fs::file_type::block:
    case fs::file_type::character:
        return EntryKind::Device;
    case fs::file_type::fifo:
        return EntryKind::Fifo;
    case fs::file_type::socket:
        return EntryKind::Socket;
    default:
        return EntryKind::Other;
    }
}

/// Lists everything under `dir`, stopping once more than `limit` entries were seen (the
/// session reports the limit). Returns an error message, or "" on success.
std::string collect(const fs::path &dir, const std::string &prefix, std::uint64_t limit, std::vector<Found> &out)
{
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (out.size() > limit)
            return {};
        Found f;
        f.full = it->path();
        f.path = prefix + f.full.filename().native();
        // symlink_status: a link is reported as a link, never followed.
        const fs::file_status status = it->symlink_status(ec);
        if (ec)
            return fmt::format("cannot inspect \"{}\": {}", f.path, ec.message());
        f.kind = kindOf(status.type());
        if (f.kind == EntryKind::File)
            f.size = it->file_size(ec);
        ec.clear();
        const bool recurse = f.kind == EntryKind::Directory;
        out.push_back(f);
        if (recurse) {
            if (std::string why = collect(f.full, f.path + "/", limit, out); !why.empty())
                return why;
        }
    }
    if (ec)
        return fmt::format("cannot list the folder \"{}\": {}", prefix.empty() ? "." : prefix, ec.message());
    return {};
}

struct FileClose {
    void operator()(std::FILE *f) const { std::fclose(f); }
};

class DirectoryReader {
public:
    DirectoryReader(const fs::path &root, ReadSession &session) : m_root(root), m_session(session) {}

    void run()
    {
        std::vector<Found> found;
        if (std::string why = collect(m_root, {}, m_session.limits().maxEntries, found); !why.empty()) {
            m_session.fail({}, why);
            return;
        }
        std::sort(found.begin(), found.end(), [](const Found &a, const Found &b) { return a.path < b.path; });
        for (const Found &f : found)
            if (f.kind == EntryKind::File)
                m_total += f.size;
        m_chunk.resize(kChunkSize);
        for (const Found &f : found) {
            if (m_session.cancelled())
                return;
            const auto admission = m_session.admit(f.path, f.kind);
            if (!admission)
                return;
            if (*admission != ReadSession::Admission::Skip && !readFile(f, *admission))
                return;
        }
        m_session.reportProgress(m_total, m_total);
    }

private:
    /// Returns false when reading must stop.
    bool readFile(const Found &f, ReadSession::Admission admission)
    {
        std::unique_ptr<std::FILE, FileClose> file(std::fopen(f.full.c_str(), "rb"));
        if (!file) {
            m_session.entryError(fmt::format("cannot open: {}", std::strerror(errno)));
            return true;
        }
        m_session.beginEntry(admission, f.size);
        std::uint64_t produced = 0;
        bool ok = true;
        while (ok) {
            if (m_session.cancelled()) {
                ok = false;
                break;
            }
            const std::size_t n = std::fread(m_chunk.data(), 1, m_chunk.size(), file.get());
            if (n > 0) {
                produced += n;
                m_done += n;
                // Stored as is: the "compressed" size is the size itself, so never a bomb.
                ok = m_session.chunk({m_chunk.data(), n}, produced);
                m_session.reportProgress(m_done, m_total);
            }
            if (n < m_chunk.size()) {
                if (std::ferror(file.get())) {
                    m_session.fail(m_session.currentEntry(), fmt::format("cannot read: {}", std::strerror(errno)));
                    ok = false;
                }
                break;
            }
        }
        return m_session.endEntry(ok) && ok;
    }

    const fs::path &m_root;
    ReadSession &m_session;
    std::uint64_t m_total = 0;
    std::uint64_t m_done = 0;
    std::vector<char> m_chunk;
};

} // namespace

void readDirectory(const fs::path &source, ReadSession &session)
{
    DirectoryReader(source, session).run();
}

} // namespace mltrl::archive_detail
