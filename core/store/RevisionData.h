#pragma once
/// Everything about one stored revision that a viewer needs, loaded in one go (off the UI
/// thread): the overview, the full typed manifest (re-read from the stored `mltrl.json` bytes,
/// so nothing the team wrote is lost), stored files and derived facts. Metric points are
/// loaded separately, one metric at a time, by loadMetricData().
#include "core/common/Problems.h"
#include "core/dicom/DeidentificationCheck.h"
#include "core/manifest/Manifest.h"
#include "core/metrics/MetricData.h"
#include "core/store/ProjectQueries.h"

#include <map>
#include <optional>
#include <string>

namespace mltrl {

class Store;

struct StoredFile {
    std::string sha256;
    std::uint64_t size = 0;
};

struct RevisionData {
    RevisionOverview overview;
    Manifest manifest;
    std::map<std::string, StoredFile> files; ///< by archive path
    /// Unlisted images the revision's Markdown shows (assets), by archive path; never in `files`.
    std::map<std::string, StoredFile> assets;
    std::map<std::size_t, std::string> invalidSwitchbacks; ///< history index → reason
    std::map<std::string, std::uint64_t> metricPoints;     ///< metric id → point count
    /// The de-identification check of each DICOM evidence file, by evidence id.
    std::map<std::string, dicom::DeidentificationCheck> dicomChecks;

    [[nodiscard]] const StoredFile *fileFor(const std::string &path) const;
    /// The DICOM check of an evidence item; nullptr when it is not DICOM.
    [[nodiscard]] const dicom::DeidentificationCheck *dicomCheck(const std::string &evidenceId) const;
    [[nodiscard]] const CriterionOverview *criterion(const std::string &gate, const std::string &id) const;
};

/// Loads a revision (default: the latest); nullopt with a problem when absent or unreadable.
[[nodiscard]] std::optional<RevisionData> loadRevision(Store &store, const std::string &projectId,
                                                       std::optional<int> revision, Problems &problems);

/// The stored points of one metric; nullopt when the revision has no such metric.
[[nodiscard]] std::optional<MetricData> loadMetricData(Store &store, std::int64_t revisionId,
                                                       const std::string &metricId);

/// The revisions of a project, oldest first: (number, imported_at, manifest sha256).
struct RevisionListEntry {
    int number = 0;
    std::string importedAt;
    std::string manifestSha256;
    int currentLevel = 0;
};
[[nodiscard]] std::vector<RevisionListEntry> listRevisions(Store &store, const std::string &projectId);

} // namespace mltrl
