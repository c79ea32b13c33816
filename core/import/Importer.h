#pragma once
/// Imports a project archive into the store — whole or not at all — and validates archives
/// without a store. All problems are reported, each naming where and what.
#include "core/archive/ArchiveReader.h"
#include "core/common/Cancel.h"
#include "core/common/Problems.h"
#include "core/manifest/ManifestParser.h"

#include <filesystem>
#include <string>

namespace mltrl {

class Store;

struct ImportOptions {
    ArchiveLimits archiveLimits;
    ManifestLimits manifestLimits;
};

struct ImportResult {
    enum class Outcome {
        Imported,       ///< a new revision was added
        AlreadyPresent, ///< byte-identical to an existing revision: nothing new
        Rejected,       ///< the archive has errors: the store is unchanged
        Cancelled,      ///< stopped by the user: the store is unchanged
        Failed,         ///< the store could not be written (disk full …): unchanged
    };
    Outcome outcome = Outcome::Rejected;
    std::string projectId;
    int revision = 0; ///< the revision imported, or the identical one already present

    [[nodiscard]] bool ok() const { return outcome == Outcome::Imported || outcome == Outcome::AlreadyPresent; }
};

/// Imports `source` (a .mltrl/.zip, .tar, .tar.gz/.tgz file or a directory) into `store`.
[[nodiscard]] ImportResult importArchive(Store &store, const std::filesystem::path &source, Problems &problems,
                                         const ImportOptions &options = {}, const CancelToken *cancel = nullptr,
                                         const ProgressFn &progress = {});

/// Full validation of `source` (container, manifest, files, hashes, metric files) without
/// touching any store: bytes are staged in a private temporary folder and then deleted.
/// Returns true when the archive would be accepted (warnings may be in `problems`).
[[nodiscard]] bool validateArchive(const std::filesystem::path &source, Problems &problems,
                                   const ImportOptions &options = {}, const CancelToken *cancel = nullptr);

} // namespace mltrl
