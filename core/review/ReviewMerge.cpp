#include "core/review/ReviewMerge.h"

#include "core/import/ArchiveCheck.h"
#include "core/import/StagedArchive.h"
#include "core/review/ReviewStore.h"

#include <fmt/format.h>

#include <fstream>

namespace mltrl {

namespace {

constexpr std::uint64_t kMaxRecordBytes = 1u << 20;
constexpr std::uint64_t kMaxSignatureBytes = 64u << 10;

std::optional<std::string> readSmall(const StagedFile *file, std::uint64_t maxBytes, std::string &error)
{
    if (!file) {
        error = "missing";
        return std::nullopt;
    }
    if (file->size > maxBytes) {
        error = fmt::format("{} bytes, more than the {} a review file may have", file->size, maxBytes);
        return std::nullopt;
    }
    std::ifstream in(file->temp, std::ios::binary);
    std::string bytes(static_cast<std::size_t>(file->size), '\0');
    if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
        error = "cannot be read back from staging";
        return std::nullopt;
    }
    return bytes;
}

/// The revision of the project whose manifest has this hash (the earliest), or 0.
std::int64_t revisionWithManifest(sql::Database &db, const std::string &projectId, const std::string &manifestSha)
{
    auto st =
        db.prepare("SELECT id FROM revisions WHERE project_id = ? AND manifest_sha256 = ? ORDER BY number LIMIT 1");
    st.bindAll(projectId, manifestSha);
    return st.step() ? st.int64(0) : 0;
}

} // namespace

ReviewContext contextOf(const StagedArchive &staged, const CheckedArchive &checked)
{
    return ReviewContext::from(checked.manifest, checked.manifestSha256,
                               [&](const std::string &path) -> std::optional<std::string> {
                                   const StagedFile *f = staged.find(path);
                                   return f ? std::optional<std::string>(f->sha256) : std::nullopt;
                               });
}

std::vector<ArchiveReview> verifyArchiveReviews(const StagedArchive &staged, const CheckedArchive &checked,
                                                const ReviewVerifier &verifier)
{
    const ReviewContext context = contextOf(staged, checked);
    std::vector<ArchiveReview> out;
    for (const std::string &path : checked.reviewPaths) {
        ArchiveReview r;
        r.path = path;
        r.fileId = path.substr(8, path.size() - 8 - 5); // reviews/<id>.json
        std::string error;
        const auto bytes = readSmall(staged.find(path), kMaxRecordBytes, error);
        if (!bytes) {
            r.check.reasons.push_back(fmt::format("{}: {}", path, error));
            out.push_back(std::move(r));
            continue;
        }
        const auto sig = readSmall(staged.find(path + ".sig"), kMaxSignatureBytes, error);
        if (!sig) {
            r.check.reasons.push_back(fmt::format("{}.sig: {} (a review needs its signature)", path, error));
            out.push_back(std::move(r));
            continue;
        }
        r.bytes = *bytes;
        r.signature = *sig;
        r.check = verifier.verify(r.bytes, r.signature, r.fileId, context);
        out.push_back(std::move(r));
    }
    // A signature without its record is reported too: something was lost on the way.
    for (const auto &[path, file] : staged.files())
        if (path.starts_with("reviews/") && path.ends_with(".json.sig") &&
            !staged.find(path.substr(0, path.size() - 4))) {
            ArchiveReview r;
            r.path = path;
            r.fileId = path.substr(8, path.size() - 8 - 9);
            r.check.reasons.push_back(fmt::format("{}: a signature without its record", path));
            out.push_back(std::move(r));
        }
    return out;
}

ReviewMergeResult mergeArchiveReviews(sql::Database &db, const StagedArchive &staged, const CheckedArchive &checked,
                                      std::int64_t importedRevisionId, Problems &problems)
{
    ReviewMergeResult result;
    ReviewStore reviews(db);
    const std::string &project = checked.manifest.project.id;
    for (const ArchiveReview &r : verifyArchiveReviews(staged, checked, ReviewVerifier())) {
        if (r.check.status == ReviewStatus::Invalid) {
            ++result.rejected;
            std::string why;
            for (const std::string &reason : r.check.reasons)
                why += (why.empty() ? "" : "; ") + reason;
            problems.warning(r.path, fmt::format("invalid review, not stored: {}", why));
            continue;
        }
        const ReviewRecord &rec = *r.check.record;
        std::int64_t target = revisionWithManifest(db, project, rec.manifestSha256);
        if (target == 0) {
            target = importedRevisionId;
            problems.warning(r.path, "the review names a manifest no revision of the project has; it is kept as "
                                     "stale against the imported revision");
        }
        switch (reviews.insert(target, rec, r.bytes, r.signature, "imported")) {
        case ReviewStore::Insert::Added:
            ++result.added;
            break;
        case ReviewStore::Insert::AlreadyPresent:
            ++result.alreadyPresent;
            break;
        case ReviewStore::Insert::Conflict:
            ++result.rejected;
            problems.warning(r.path, "a different review with this id is already stored; the stored one is kept");
            break;
        }
    }
    return result;
}

} // namespace mltrl
