#include "core/review/ArchiveExporter.h"

#include "core/review/AuditLog.h"
#include "core/review/ReviewStore.h"
#include "core/store/RevisionData.h"
#include "core/store/Store.h"

#include "core/common/AtomicFile.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

#include <fstream>
#include <memory>
#include <set>
#include <vector>

namespace mltrl {

namespace {

// A fixed entry time (1980-01-01, the ZIP epoch): the same revision exports to the same bytes.
constexpr time_t kEntryTime = 315532800;

struct EntrySource {
    std::string name;
    std::filesystem::path blob; ///< read from here when set
    std::string bytes;          ///< else these bytes
};

la_ssize_t writeToFile(struct archive *, void *clientData, const void *buffer, size_t length)
{
    auto *file = static_cast<AtomicFile *>(clientData);
    return file->write(buffer, length) ? static_cast<la_ssize_t>(length) : -1;
}

/// Writes ZIP entries into an AtomicFile through libarchive.
class ZipWriter {
public:
    explicit ZipWriter(AtomicFile &file) : m_archive(archive_write_new())
    {
        archive_write_set_format_zip(m_archive);
        archive_write_zip_set_compression_deflate(m_archive);
        m_ok = archive_write_open(m_archive, &file, nullptr, writeToFile, nullptr) == ARCHIVE_OK;
    }
    ~ZipWriter() { archive_write_free(m_archive); }
    ZipWriter(const ZipWriter &) = delete;
    ZipWriter &operator=(const ZipWriter &) = delete;

    bool add(const EntrySource &source, std::string &error)
    {
        if (!m_ok) {
            error = errorText();
            return false;
        }
        std::uint64_t size = source.bytes.size();
        std::ifstream in;
        if (!source.blob.empty()) {
            std::error_code ec;
            size = std::filesystem::file_size(source.blob, ec);
            in.open(source.blob, std::ios::binary);
            if (ec || !in) {
                error = fmt::format("{}: the stored bytes are missing ({})", source.name, source.blob.string());
                return false;
            }
        }
        std::unique_ptr<archive_entry, decltype(&archive_entry_free)> entry(archive_entry_new(), archive_entry_free);
        archive_entry_set_pathname_utf8(entry.get(), source.name.c_str());
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_perm(entry.get(), 0644);
        archive_entry_set_size(entry.get(), static_cast<la_int64_t>(size));
        archive_entry_set_mtime(entry.get(), kEntryTime, 0);
        if (archive_write_header(m_archive, entry.get()) != ARCHIVE_OK) {
            error = fmt::format("{}: {}", source.name, errorText());
            return false;
        }
        if (source.blob.empty())
            return writeData(source.bytes.data(), source.bytes.size(), source.name, error);
        std::vector<char> buf(1u << 20);
        while (in) {
            in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
            if (in.gcount() > 0 && !writeData(buf.data(), static_cast<std::size_t>(in.gcount()), source.name, error))
                return false;
        }
        return true;
    }

    bool close(std::string &error)
    {
        if (archive_write_close(m_archive) != ARCHIVE_OK) {
            error = errorText();
            return false;
        }
        return true;
    }

private:
    bool writeData(const char *data, std::size_t size, const std::string &name, std::string &error)
    {
        if (size == 0)
            return true;
        if (archive_write_data(m_archive, data, size) != static_cast<la_ssize_t>(size)) {
            error = fmt::format("{}: {}", name, errorText());
            return false;
        }
        return true;
    }
    std::string errorText() const
    {
        const char *e = archive_error_string(m_archive);
        return e ? e : "cannot write the archive";
    }

    struct archive *m_archive;
    bool m_ok = false;
};

/// mltrl.json first, then every named file once (sorted by path), then the assets (unlisted
/// images the revision's Markdown shows, sorted by path), then the reviews.
std::vector<EntrySource> entriesOf(Store &store, const RevisionData &rev, const std::vector<StoredReview> &reviews)
{
    std::vector<EntrySource> out;
    for (const auto &[path, file] : rev.files)
        if (path == "mltrl.json")
            out.insert(out.begin(), EntrySource{path, store.blobs().pathFor(file.sha256), {}});
        else
            out.push_back(EntrySource{path, store.blobs().pathFor(file.sha256), {}});
    for (const auto &[path, file] : rev.assets)
        out.push_back(EntrySource{path, store.blobs().pathFor(file.sha256), {}});
    for (const StoredReview &r : reviews) {
        out.push_back(EntrySource{fmt::format("reviews/{}.json", r.id), {}, r.record});
        out.push_back(EntrySource{fmt::format("reviews/{}.json.sig", r.id), {}, r.signature});
    }
    return out;
}

} // namespace

std::optional<ExportResult> ArchiveExporter::exportRevision(const std::string &projectId, std::optional<int> revision,
                                                            const std::filesystem::path &output, Problems &problems)
{
    const std::optional<RevisionData> rev = loadRevision(m_store, projectId, revision, problems);
    if (!rev)
        return std::nullopt;
    const std::vector<StoredReview> reviews = ReviewStore(m_store.db()).forRevision(rev->overview.revisionId);
    const std::vector<EntrySource> entries = entriesOf(m_store, *rev, reviews);

    // Written beside the target and renamed over it: an interrupted export leaves no truncated
    // archive, and a symbolic link planted at the output path is replaced, not written through.
    AtomicFile file(output);
    if (!file.open()) {
        problems.error(output.string(), fmt::format("cannot write: {}", file.error()));
        return std::nullopt;
    }
    std::string error;
    {
        ZipWriter zip(file);
        for (const EntrySource &e : entries)
            if (!zip.add(e, error))
                break;
        if (error.empty())
            zip.close(error);
    }
    if (!error.empty()) {
        file.cancel();
        problems.error(output.string(), file.error().empty() ? error : fmt::format("cannot write: {}", file.error()));
        return std::nullopt;
    }
    if (!file.commit()) {
        problems.error(output.string(), fmt::format("cannot write: {}", file.error()));
        return std::nullopt;
    }
    ExportResult result;
    result.revision = rev->overview.revision;
    result.files = static_cast<int>(rev->files.size());
    result.assets = static_cast<int>(rev->assets.size());
    result.reviews = static_cast<int>(reviews.size());
    try {
        sql::Transaction tx(m_store.db());
        AuditLog(m_store.db())
            .append("export", projectId,
                    {{"revision", result.revision},
                     {"file", output.string()},
                     {"files", result.files},
                     {"assets", result.assets},
                     {"reviews", result.reviews}});
        tx.commit();
    } catch (const sql::SqliteError &e) {
        problems.warning("audit log", fmt::format("the export was written but not logged: {}", e.what()));
    }
    return result;
}

} // namespace mltrl
