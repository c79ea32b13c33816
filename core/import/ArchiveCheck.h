#pragma once
/// Checks a staged archive against its manifest: the manifest is there and valid, every file
/// it names is present with the declared hash, and what it does not name is reported.
#include "core/dicom/DeidentificationCheck.h"
#include "core/import/ArchiveAssets.h"
#include "core/import/StagedArchive.h"
#include "core/manifest/ManifestParser.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mltrl {

struct CheckedArchive {
    Manifest manifest;
    std::string manifestSha256;
    /// Identity of the revision's content: SHA-256 over the manifest hash and every named
    /// file's path and hash. Equal fingerprints mean a byte-identical revision.
    std::string fingerprint;
    std::vector<std::string> namedPaths;  ///< mltrl.json, evidence and metric files
    std::vector<std::string> reviewPaths; ///< reviews/<id>.json (each with its .json.sig)
    /// Unlisted images the revision's Markdown shows (ArchiveAssets), stored with it. Not part
    /// of the fingerprint: the contract's identity of a revision is the manifest and the files
    /// it names (§5).
    std::vector<Asset> assets;
    /// The de-identification check of each DICOM evidence file, by evidence id.
    std::map<std::string, dicom::DeidentificationCheck> dicomChecks;
};

/// Returns nullopt only when there is no usable manifest; otherwise the (possibly faulty)
/// archive, so that callers can go on to report problems in metric files too. The archive is
/// acceptable only when `problems` holds no errors. DICOM evidence is checked for identifying
/// attributes: one warning per identified file, where = its path.
[[nodiscard]] std::optional<CheckedArchive> checkStagedArchive(const StagedArchive &staged,
                                                               const std::string &archiveName, Problems &problems,
                                                               const ManifestLimits &limits = {});

} // namespace mltrl
