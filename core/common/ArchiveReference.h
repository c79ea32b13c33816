#pragma once
/// The one rule for what a reference written inside an archive document (a Markdown image, an
/// HTML `src`) means: a file of the same archive, relative to the archive path of the document
/// that names it — or nothing, with a reason. The workbench's resource resolver
/// (ui/common/ArchiveResources) and the importer's collection of a document's images
/// (assets/ArchiveAssets) both use it, so what is stored and what is shown agree.
#include <string>
#include <string_view>

namespace mltrl {

struct ArchiveReference {
    std::string archivePath; ///< the normalised path inside the archive; empty when refused
    std::string refused;     ///< why not, for the user ("an absolute path on this computer, …")
    /// True when the reference is not an archive path at all because it is a network address
    /// or path (refused, but a common and harmless sight in model cards: badges).
    bool network = false;
    [[nodiscard]] bool ok() const { return refused.empty(); }
};

/// Resolves `reference` as written in the document at archive path `documentPath` (empty: a
/// text of the manifest, resolved from the archive root). Absolute paths, paths that leave the
/// archive, `file:` and every other scheme, network paths, Windows paths and drive letters
/// are refused. Percent-encoding is decoded; `.` and `..` segments are resolved. Whether the
/// resulting path is a file of the archive is for the caller to check.
[[nodiscard]] ArchiveReference resolveArchiveReference(std::string_view reference, std::string_view documentPath);

} // namespace mltrl
