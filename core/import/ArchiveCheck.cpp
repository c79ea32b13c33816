#include "core/import/ArchiveCheck.h"

#include "core/common/PathRules.h"
#include "core/crypto/Sha256.h"

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <set>

namespace mltrl {

namespace {

constexpr std::string_view kManifestName = "mltrl.json";

std::optional<std::string> readStaged(const StagedFile &file, std::uint64_t maxBytes)
{
    if (file.size > maxBytes)
        return std::nullopt;
    std::ifstream in(file.temp, std::ios::binary);
    std::string bytes(static_cast<std::size_t>(file.size), '\0');
    if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
        return std::nullopt;
    return bytes;
}

bool isReviewFile(const std::string &path)
{
    return path.starts_with("reviews/") && path.find('/', 8) == std::string::npos &&
           (path.ends_with(".json") || path.ends_with(".json.sig"));
}

/// Every file the manifest names must be a regular file of the archive.
void checkNamedFile(const StagedArchive &staged, const std::string &path, const std::string &pointer,
                    const std::string &archiveName, Problems &problems)
{
    // A missing or malformed path was reported by the manifest check already.
    if (!describePathProblem(path).empty())
        return;
    if (!staged.find(path))
        problems.error(fmt::format("{}#{}", kManifestName, pointer),
                       fmt::format("\"{}\" is named in the manifest but is not in {}", path, archiveName));
}

std::string fingerprintOf(const std::string &manifestSha, const StagedArchive &staged, std::vector<std::string> paths)
{
    std::sort(paths.begin(), paths.end());
    paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
    Sha256 h;
    h.update(std::string_view(fmt::format("mltrl-revision-1\n{}\n", manifestSha)));
    for (const std::string &p : paths)
        if (const StagedFile *f = staged.find(p))
            h.update(std::string_view(fmt::format("{}\t{}\n", f->sha256, p)));
    return toHex(h.finish());
}

} // namespace

std::optional<CheckedArchive> checkStagedArchive(const StagedArchive &staged, const std::string &archiveName,
                                                 Problems &problems, const ManifestLimits &limits)
{
    const StagedFile *manifestFile = staged.find(std::string(kManifestName));
    if (!manifestFile) {
        problems.error(archiveName, "no mltrl.json at the root of the archive (is this an MLTRL project archive?)");
        return std::nullopt;
    }
    if (manifestFile->size > limits.maxBytes) {
        problems.error(std::string(kManifestName), fmt::format("the manifest is {} bytes; the limit is {} bytes",
                                                               manifestFile->size, limits.maxBytes));
        return std::nullopt;
    }
    const std::optional<std::string> bytes = readStaged(*manifestFile, limits.maxBytes);
    if (!bytes) {
        problems.error(std::string(kManifestName), "cannot read the manifest back from staging");
        return std::nullopt;
    }
    std::optional<Manifest> manifest = parseManifestForReport(*bytes, problems, limits);
    if (!manifest)
        return std::nullopt;

    CheckedArchive out;
    out.manifestSha256 = manifestFile->sha256;
    out.namedPaths.push_back(std::string(kManifestName));
    for (std::size_t i = 0; i < manifest->evidence.size(); ++i) {
        const Evidence &ev = manifest->evidence[i];
        const std::string pointer = fmt::format("/evidence/{}/path", i);
        checkNamedFile(staged, ev.path, pointer, archiveName, problems);
        out.namedPaths.push_back(ev.path);
        const StagedFile *f = staged.find(ev.path);
        if (f && !ev.sha256.empty() && f->sha256 != ev.sha256)
            problems.error(fmt::format("{}#/evidence/{}/sha256", kManifestName, i),
                           fmt::format("evidence \"{}\" ({}): declared SHA-256 {} but the file's is {}", ev.id, ev.path,
                                       ev.sha256, f->sha256));
        if (f && dicom::isDicomEvidence(ev.mediaType, f->temp)) {
            dicom::DeidentificationCheck check = dicom::checkDicomFile(f->temp);
            for (std::string &w : dicom::deidentificationWarnings(check))
                problems.warning(ev.path, std::move(w));
            out.dicomChecks.emplace(ev.id, std::move(check));
        }
    }
    for (std::size_t i = 0; i < manifest->metrics.size(); ++i) {
        const Metric &m = manifest->metrics[i];
        checkNamedFile(staged, m.path, fmt::format("/metrics/{}/path", i), archiveName, problems);
        out.namedPaths.push_back(m.path);
    }
    const std::set<std::string> named(out.namedPaths.begin(), out.namedPaths.end());
    out.assets = collectAssets(staged, *manifest, named, problems);
    std::map<std::string, const Asset *> assetOf;
    for (const Asset &a : out.assets)
        assetOf.emplace(a.path, &a);
    for (const auto &[path, file] : staged.files()) {
        if (named.count(path))
            continue;
        if (const auto asset = assetOf.find(path); asset != assetOf.end()) {
            problems.warning(fmt::format("{}: {}", archiveName, path),
                             fmt::format("file is not named in the manifest; stored as an image that {} shows",
                                         asset->second->document));
            continue;
        }
        if (isReviewFile(path)) {
            if (path.ends_with(".json"))
                out.reviewPaths.push_back(path);
            continue;
        }
        problems.warning(fmt::format("{}: {}", archiveName, path),
                         "file is not named in the manifest; it is ignored and not stored");
    }
    out.fingerprint = fingerprintOf(out.manifestSha256, staged, out.namedPaths);
    out.manifest = std::move(*manifest);
    return out;
}

} // namespace mltrl
