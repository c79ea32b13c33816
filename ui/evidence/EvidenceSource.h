#pragma once
/// One evidence item of the revision on screen, resolved against the store: its manifest facts
/// plus where its bytes are. Viewers, the facts pane and the search indexer all start from it.
#include "core/dicom/DeidentificationCheck.h"
#include "ui/common/ArchiveResources.h"

#include <QString>

#include <memory>
#include <optional>

namespace mltrl {
class Store;
struct RevisionData;
struct Evidence;
} // namespace mltrl

namespace mltrl::ui {

struct EvidenceSource {
    QString id;
    QString title;
    QString kind;
    std::optional<int> level;
    QString mediaType;
    QString created;
    /// DICOM evidence: its de-identification check from the store (nullopt: not DICOM).
    std::optional<dicom::DeidentificationCheck> dicom;
    QString archivePath; ///< path inside the archive, e.g. evidence/figures/roc.png
    QString sha256;      ///< of the stored bytes (declared or computed at import)
    qint64 size = -1;    ///< -1 when the store has no file for it
    QString blobPath;    ///< absolute path of the bytes in the blob store
    /// The other files of the same archive revision: all a viewer may load besides blobPath
    /// (images of a Markdown report). Null: nothing else resolves.
    std::shared_ptr<const ArchiveResources> archive;

    /// The last segment of the archive path (what the file was called).
    [[nodiscard]] QString fileName() const;
    /// Lower-case extension of the file name without the dot ("pdf", "ipynb", "").
    [[nodiscard]] QString suffix() const;

    /// Resolves `evidence` of `revision`; blobPath/size stay empty when no stored file exists.
    static EvidenceSource resolve(const RevisionData &revision, Store &store, const Evidence &evidence);
};

} // namespace mltrl::ui
