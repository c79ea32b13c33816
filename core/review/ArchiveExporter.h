#pragma once
/// Exports a stored revision as a ZIP archive (§4): `mltrl.json` first at the top level (no
/// wrapping folder) with its original bytes, every evidence and metric file byte for byte
/// from the blob store, the revision's assets (unlisted images its Markdown shows), and
/// `reviews/<id>.json` + `.json.sig` for each signed review stored with the revision. The
/// file appears atomically (written beside it, then renamed), and the export is recorded in
/// the audit log.
#include "core/common/Problems.h"

#include <filesystem>
#include <optional>
#include <string>

namespace mltrl {

class Store;

struct ExportResult {
    int revision = 0;
    int files = 0;  ///< manifest, evidence and metric files
    int assets = 0; ///< unlisted images the revision's Markdown shows
    int reviews = 0;
};

class ArchiveExporter {
public:
    explicit ArchiveExporter(Store &store) : m_store(store) {}

    /// Exports `projectId` at `revision` (default: the latest) to `output`.
    [[nodiscard]] std::optional<ExportResult> exportRevision(const std::string &projectId, std::optional<int> revision,
                                                             const std::filesystem::path &output, Problems &problems);

private:
    Store &m_store;
};

} // namespace mltrl
