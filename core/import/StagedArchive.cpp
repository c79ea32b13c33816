#include "core/import/StagedArchive.h"

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <set>

namespace fs = std::filesystem;

namespace mltrl {

namespace {

/// Streams each entry into a blob-store temporary, hashing as it writes.
class StagingHandler final : public EntryHandler, public EntrySink {
public:
    StagingHandler(BlobStore &blobs, Problems &problems, std::string archiveName)
          : m_blobs(blobs), m_problems(problems), m_archive(std::move(archiveName))
    {
    }

    EntrySink *beginEntry(const std::string &path, std::uint64_t) override
    {
        std::string error;
        std::optional<BlobStore::Writer> writer = m_blobs.create(error);
        if (writer)
            m_writer = std::make_unique<BlobStore::Writer>(std::move(*writer));
        else
            m_writer.reset();
        if (!m_writer) {
            m_problems.error(m_archive, fmt::format("{}: {}", path, error));
            return nullptr;
        }
        return this;
    }

    bool write(std::span<const char> chunk) override
    {
        if (m_writer->write(chunk))
            return true;
        m_problems.error(m_archive, m_writer->error());
        return false;
    }

    bool finishEntry(const std::string &path, std::uint64_t size, bool ok) override
    {
        if (!m_writer)
            return false;
        const std::unique_ptr<BlobStore::Writer> writer = std::move(m_writer);
        if (!ok)
            return false; // the writer's destructor removes the partial temporary
        const std::optional<std::string> sha = writer->finish();
        if (!sha) {
            m_problems.error(m_archive, writer->error());
            return false;
        }
        staged[path] = StagedFile{*sha, size, writer->tempPath()};
        return true;
    }

    std::map<std::string, StagedFile> staged;

private:
    BlobStore &m_blobs;
    Problems &m_problems;
    std::string m_archive;
    std::unique_ptr<BlobStore::Writer> m_writer;
};

} // namespace

StagedArchive::~StagedArchive()
{
    // Published temporaries were renamed into the blob folder; removing them fails harmlessly.
    std::error_code ec;
    for (const auto &[path, file] : m_files)
        fs::remove(file.temp, ec);
}

bool StagedArchive::read(const fs::path &source, Problems &problems, const ArchiveLimits &limits,
                         const CancelToken *cancel, const ProgressFn &progress)
{
    m_source = source.filename().string();
    StagingHandler handler(m_blobs, problems, source.string());
    ArchiveSummary summary;
    const bool ok = readArchive(source, handler, summary, problems, limits, cancel, progress);
    m_rootPrefix = summary.rootPrefix;
    // Keep every temporary under our control (even on failure) so the destructor removes them.
    for (auto &[path, file] : handler.staged) {
        if (!m_rootPrefix.empty() && path.starts_with(m_rootPrefix))
            m_files.emplace(path.substr(m_rootPrefix.size()), std::move(file));
        else
            m_files.emplace(path, std::move(file));
    }
    return ok && !problems.hasErrors();
}

const StagedFile *StagedArchive::find(const std::string &path) const
{
    const auto it = m_files.find(path);
    return it == m_files.end() ? nullptr : &it->second;
}

std::vector<BlobStore::Pending> StagedArchive::pendingFor(const std::vector<std::string> &paths) const
{
    std::vector<BlobStore::Pending> out;
    std::set<std::string> seen;
    for (const std::string &p : paths) {
        const StagedFile *f = find(p);
        if (f && seen.insert(f->sha256).second)
            out.push_back({f->temp, f->sha256});
    }
    return out;
}

} // namespace mltrl
