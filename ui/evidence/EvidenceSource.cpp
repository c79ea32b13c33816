#include "ui/evidence/EvidenceSource.h"

#include "core/store/RevisionData.h"
#include "core/store/Store.h"

#include <QFileInfo>

namespace mltrl::ui {

QString EvidenceSource::fileName() const
{
    return archivePath.section(QLatin1Char('/'), -1);
}

QString EvidenceSource::suffix() const
{
    return QFileInfo(fileName()).suffix().toLower();
}

EvidenceSource EvidenceSource::resolve(const RevisionData &revision, Store &store, const Evidence &evidence)
{
    EvidenceSource s;
    s.id = QString::fromStdString(evidence.id);
    s.title = QString::fromStdString(evidence.title);
    s.kind = QString::fromStdString(evidence.kind);
    s.level = evidence.level;
    s.mediaType = QString::fromStdString(evidence.mediaType);
    s.created = QString::fromStdString(evidence.created);
    s.archivePath = QString::fromStdString(evidence.path);
    if (const dicom::DeidentificationCheck *check = revision.dicomCheck(evidence.id))
        s.dicom = *check;
    s.sha256 = QString::fromStdString(evidence.sha256);
    if (const StoredFile *file = revision.fileFor(evidence.path)) {
        s.sha256 = QString::fromStdString(file->sha256);
        s.size = static_cast<qint64>(file->size);

        s.blobPath = QString::fromStdString(store.blobs().pathFor(file->sha256).string());
    }
    s.archive = ArchiveResources::of(revision, store);
    return s;
}

} // namespace mltrl::ui
