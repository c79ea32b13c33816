#include "ui/common/ArchiveResources.h"

#include "core/common/ArchiveReference.h"
#include "core/store/RevisionData.h"
#include "core/store/Store.h"
#include "ui/common/SafeImage.h"

#include <QColor>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QImage>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFragment>
#include <QUrl>

#include <algorithm>
#include <vector>

namespace mltrl::ui {

namespace {

/// A small grey square: what a document shows for an image nobody resolved (non-null, so Qt's
/// image handler does not try the name as a file path either).
const QImage &placeholderImage()
{
    static const QImage image = [] {
        QImage i(16, 16, QImage::Format_RGB32);
        i.fill(QColor(0xd0, 0xd0, 0xd0));
        return i;
    }();
    return image;
}

/// The document's provider, asked last (after its own resources and its widget's
/// loadResource, which ArchiveTextBrowser answers): the application's own `qrc:` resources,
/// else the placeholder (empty as text), never a file.
QVariant guardedResource(const QUrl &url)
{
    if (url.scheme() == QLatin1String("qrc")) {
        QFile file(QLatin1Char(':') + url.path());
        if (file.open(QIODevice::ReadOnly))
            return file.readAll();
    }
    return placeholderImage();
}

/// The scheme prefix of the names ArchiveDocument gives the images it resolved: an opaque
/// name, so Qt's "@2x" lookup never probes the reviewer's disk for the written path.
const QString kImageScheme = QStringLiteral("mltrl-archive-image");

struct ImageFragment {
    int position = 0;
    int length = 0;
    QTextImageFormat format;
};

/// The image fragments of `doc`, in document order.
std::vector<ImageFragment> imageFragments(QTextDocument *doc)
{
    std::vector<ImageFragment> fragments;
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next())
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            if (f.isValid() && f.charFormat().isImageFormat())
                fragments.push_back({f.position(), f.length(), f.charFormat().toImageFormat()});
        }
    return fragments;
}

/// Where a fragment keeps the reference the document wrote (its name becomes the key).
constexpr int kReferenceProperty = QTextFormat::UserProperty + 0x4d4c;

/// The text that replaces the image of `fragment`.
void replaceWithText(QTextDocument *doc, const ImageFragment &f, const QString &text)
{
    QTextCursor cursor(doc);
    cursor.setPosition(f.position);
    cursor.setPosition(f.position + f.length, QTextCursor::KeepAnchor);
    QTextCharFormat plain;
    plain.setFontItalic(true);
    plain.setForeground(QColor(0x8a, 0x1c, 0x1c));
    plain.setToolTip(text);
    cursor.insertText(text, plain);
}

/// Resolves every image of `doc` (cheap: no file is read): refused ones become placeholder
/// text at once; the others get an opaque key (a grey square until decoded) and a job, each
/// archive file once however often it is named.
std::shared_ptr<PendingImages> resolveImages(QTextDocument *doc, const ArchiveResources *archive,
                                             const QString &documentPath,
                                             const std::shared_ptr<QHash<QString, QImage>> &images,
                                             const QHash<QString, QImage> &own)
{
    auto pending = std::make_shared<PendingImages>();
    pending->images = images;
    const std::vector<ImageFragment> fragments = imageFragments(doc);
    QHash<QString, QString> keyOf; // archive path or own name → key
    int serial = 0;
    const auto newJob = [&](PendingImages::Job job) {
        job.key = QStringLiteral("%1:%2").arg(kImageScheme).arg(serial++);
        // Until decoded: a grey square (never a name Qt would look up anywhere else).
        doc->addResource(QTextDocument::ImageResource, QUrl(job.key), placeholderImage());
        pending->jobs.push_back(std::move(job));
        return pending->jobs.back().key;
    };
    for (const ImageFragment &f : fragments) {
        const QString name = f.format.name();
        QString key, refused;
        if (const auto mine = own.constFind(name); mine != own.constEnd()) {
            // Decoded by the workbench from archive data (within limits) before the document
            // was built, e.g. a notebook cell's attachments: counted against the budget.
            key = keyOf.value(QStringLiteral("own:") + name);
            if (key.isEmpty()) {
                PendingImages::Job job;
                job.what = QStringLiteral("an image of the document");
                job.own = true;
                job.image = *mine;
                key = newJob(std::move(job));
                keyOf.insert(QStringLiteral("own:") + name, key);
            }
        } else if (name.startsWith(QLatin1String("data:"), Qt::CaseInsensitive)) {
            // An image written into the document itself: decoded like any other (an SVG
            // inside would otherwise reach QtSvg's file loading through QImage).
            const qsizetype comma = name.indexOf(QLatin1Char(','));
            const QString header = comma > 0 ? name.mid(5, comma - 5) : QString();
            const QByteArray payload = comma > 0 ? name.mid(comma + 1).toLatin1() : QByteArray();
            PendingImages::Job job;
            job.what = QStringLiteral("an embedded image");
            job.item.bytes = header.endsWith(QLatin1String(";base64"), Qt::CaseInsensitive)
                                 ? QByteArray::fromBase64(payload)
                                 : QByteArray::fromPercentEncoding(payload);
            job.item.mediaType = header.section(QLatin1Char(';'), 0, 0);
            job.item.pixelBudget = ArchiveResources::kInlinePixelBudget;
            key = newJob(std::move(job));
        } else {
            const ArchiveResources::Resolved resolved =
                archive ? archive->resolve(name, documentPath) : ArchiveResources().resolve(name, documentPath);
            if (!resolved.ok()) {
                refused = resolved.refused;
            } else if (const auto known = keyOf.constFind(resolved.archivePath); known != keyOf.constEnd()) {
                key = *known;
            } else if (resolved.size > ArchiveResources::kMaxImageBytes) {
                refused = QStringLiteral("an image larger than %1 MiB").arg(ArchiveResources::kMaxImageBytes >> 20);
            } else {
                PendingImages::Job job;
                job.what = QStringLiteral("an image");
                job.item.path = resolved.blobPath;
                job.item.maxBytes = ArchiveResources::kMaxImageBytes;
                job.item.suffix = QFileInfo(resolved.archivePath).suffix();
                job.item.pixelBudget = ArchiveResources::kInlinePixelBudget;
                key = newJob(std::move(job));
                keyOf.insert(resolved.archivePath, key);
            }
        }
        pending->references << name;
        pending->keys << key;
        pending->refused << refused;
    }
    // Applied back to front, so replacing one fragment's text keeps the positions of the others.
    for (std::size_t i = fragments.size(); i-- > 0;) {
        const ImageFragment &f = fragments[i];
        const qsizetype n = qsizetype(i);
        if (pending->keys.at(n).isEmpty()) {
            replaceWithText(doc, f, ArchiveDocument::blockedText(f.format.name(), pending->refused.at(n)));
            continue;
        }
        QTextCursor cursor(doc);
        cursor.setPosition(f.position);
        cursor.setPosition(f.position + f.length, QTextCursor::KeepAnchor);
        QTextImageFormat format = f.format;
        format.setName(pending->keys.at(n));
        format.setToolTip(f.format.name());
        format.setProperty(kReferenceProperty, f.format.name());
        cursor.setCharFormat(format);
    }
    return pending;
}

void installProvider(QTextDocument *doc, const std::shared_ptr<QHash<QString, QImage>> &images)
{
    doc->setResourceProvider([images](const QUrl &url) -> QVariant {
        const auto it = images->constFind(url.toString());
        if (it != images->constEnd())
            return *it;
        return guardedResource(url);
    });
}

QStringList fill(QTextDocument *doc, const QString &text, bool markdown, const ArchiveResources *archive,
                 const QString &documentPath, const QHash<QString, QImage> &own,
                 std::shared_ptr<PendingImages> *pendingOut)
{
    auto images = std::make_shared<QHash<QString, QImage>>();
    installProvider(doc, images);
    doc->clear();
    if (markdown)
        doc->setMarkdown(text);
    else
        doc->setHtml(text);
    std::shared_ptr<PendingImages> pending = resolveImages(doc, archive, documentPath, images, own);
    if (!pendingOut || !pending->needsDecoder()) {
        // Nothing to wait for (or a caller that waits): decoded and put in now.
        ArchiveDocument::decodeImages(*pending);
        if (pendingOut)
            pendingOut->reset();
        return ArchiveDocument::applyImages(doc, *pending);
    }
    doc->markContentsDirty(0, doc->characterCount());
    *pendingOut = pending;
    QStringList blocked;
    for (qsizetype i = 0; i < pending->references.size(); ++i)
        if (pending->keys.at(i).isEmpty())
            blocked << ArchiveDocument::blockedText(pending->references.at(i), pending->refused.at(i));
    return blocked;
}

} // namespace

ArchiveResources::ArchiveResources(const RevisionData &revision, Store &store)
{
    // The files the manifest names and the unlisted images the revision's Markdown shows
    // (stored at import for exactly that; docs/archive-format.md).
    for (const auto *table : {&revision.files, &revision.assets})
        for (const auto &[path, file] : *table)
            addFile(QString::fromStdString(path), QString::fromStdString(store.blobs().pathFor(file.sha256).string()),
                    static_cast<qint64>(file.size));
}

std::shared_ptr<const ArchiveResources> ArchiveResources::of(const RevisionData &revision, Store &store)
{
    return std::make_shared<const ArchiveResources>(revision, store);
}

void ArchiveResources::addFile(const QString &archivePath, const QString &blobPath, qint64 size)
{
    m_files[archivePath] = File{blobPath, size};
}

ArchiveResources::Resolved ArchiveResources::resolve(const QString &reference, const QString &documentPath) const
{
    // The rule is core's, so the importer stores exactly the images resolved here.
    const ArchiveReference ref = resolveArchiveReference(reference.toStdString(), documentPath.toStdString());
    Resolved r;
    if (!ref.ok()) {
        r.refused = QString::fromStdString(ref.refused);
        return r;
    }
    r.archivePath = QString::fromStdString(ref.archivePath);
    const auto it = m_files.find(r.archivePath);
    if (it == m_files.end()) {
        r.refused = QStringLiteral("not a file this archive revision names or shows (%1)").arg(r.archivePath);
        return r;
    }
    r.blobPath = it->second.blobPath;
    r.size = it->second.size;
    return r;
}

QString ArchiveDocument::blockedText(const QString &reference, const QString &reason)
{
    return QStringLiteral("[image not shown: “%1” is %2]").arg(reference.left(200), reason);
}

QStringList ArchiveDocument::setMarkdown(QTextDocument *doc, const QString &markdown, const ArchiveResources *archive,
                                         const QString &documentPath, const QHash<QString, QImage> &own,
                                         std::shared_ptr<PendingImages> *pending)
{
    return fill(doc, markdown, true, archive, documentPath, own, pending);
}

QStringList ArchiveDocument::setHtml(QTextDocument *doc, const QString &html, const ArchiveResources *archive,
                                     const QString &documentPath, const QHash<QString, QImage> &own,
                                     std::shared_ptr<PendingImages> *pending)
{
    return fill(doc, html, false, archive, documentPath, own, pending);
}

bool PendingImages::needsDecoder() const
{
    return std::any_of(jobs.begin(), jobs.end(), [](const Job &j) { return !j.own; });
}

void ArchiveDocument::decodeImages(PendingImages &pending, const imagebatch::Cancelled &cancelled)
{
    // One decoder process for all of them, in document order (so the budget goes to the first).
    std::vector<imagebatch::Item> items;
    std::vector<std::size_t> jobOf;
    for (std::size_t j = 0; j < pending.jobs.size(); ++j)
        if (!pending.jobs[j].own) {
            items.push_back(pending.jobs[j].item);
            jobOf.push_back(j);
        }
    // Each result is counted against the budget as it arrives (nothing beyond it is kept);
    // images the workbench decoded itself are counted in their place among them.
    qint64 pixelsLeft = ArchiveResources::kDocumentPixelBudget;
    std::size_t next = 0; // the next job to count
    const auto count = [&](PendingImages::Job &job, const SafeImage::Result &r) {
        job.image = QImage();
        if (r.image.isNull()) {
            job.reason = QStringLiteral("%1 that cannot be shown (%2)").arg(job.what, r.error);
        } else if (const qint64 pixels = qint64(r.image.width()) * r.image.height(); pixels > pixelsLeft) {
            job.reason = QStringLiteral("%1 beyond this document's image budget (%2 in all)")
                             .arg(job.what, SafeImage::budgetText(ArchiveResources::kDocumentPixelBudget));
        } else {
            pixelsLeft -= pixels;
            job.image = r.image;
        }
    };
    const auto countOwnUpTo = [&](std::size_t end) {
        for (; next < end; ++next) {
            PendingImages::Job &job = pending.jobs[next];
            SafeImage::Result r;
            r.image = job.image;
            if (r.image.isNull())
                r.error = QStringLiteral("not an image the workbench decodes");
            count(job, r);
        }
    };
    // Each image is decoded within what is left of the document's budget: one that cannot fit
    // is refused by its header, not decoded in vain.
    std::vector<qint64> asked(items.size(), 0);
    const auto beyond = [](const PendingImages::Job &job) {
        return QStringLiteral("%1 beyond this document's image budget (%2 in all)")
            .arg(job.what, SafeImage::budgetText(ArchiveResources::kDocumentPixelBudget));
    };
    bool stopped = false;
    imagebatch::decode(
        items,
        [&](std::size_t i, SafeImage::Result r) {
            countOwnUpTo(jobOf[i]);
            PendingImages::Job &job = pending.jobs[jobOf[i]];
            const qint64 natural = qint64(r.naturalSize.width()) * r.naturalSize.height();
            if (r.image.isNull() && (asked[i] <= 0 || (asked[i] < items[i].pixelBudget && natural > asked[i]))) {
                job.image = QImage();
                job.reason = beyond(job); // it would have fitted its own budget, not what was left
            } else {
                count(job, r);
            }
            next = jobOf[i] + 1;
        },
        [&] {
            stopped = stopped || (cancelled && cancelled());
            return stopped;
        },
        30000,
        [&](std::size_t i) {
            countOwnUpTo(jobOf[i]);
            asked[i] = std::min(items[i].pixelBudget, pixelsLeft);
            return asked[i];
        });
    if (stopped) {
        for (; next < pending.jobs.size(); ++next) {
            pending.jobs[next].image = QImage();
            pending.jobs[next].reason =
                QStringLiteral("%1 that was not decoded (stopped)").arg(pending.jobs[next].what);
        }
    }
    countOwnUpTo(pending.jobs.size());
    pending.decoded = true;
}

QStringList ArchiveDocument::applyImages(QTextDocument *doc, const PendingImages &pending)
{
    QHash<QString, const PendingImages::Job *> jobOf;
    for (const PendingImages::Job &job : pending.jobs) {
        jobOf.insert(job.key, &job);
        if (!job.image.isNull()) {
            pending.images->insert(job.key, job.image);
            // The document's own resources come first (before loadResource and providers).
            doc->addResource(QTextDocument::ImageResource, QUrl(job.key), job.image);
        }
    }
    // The images not shown become their text, back to front (positions of the others stay).
    const std::vector<ImageFragment> fragments = imageFragments(doc);
    for (auto f = fragments.rbegin(); f != fragments.rend(); ++f) {
        const PendingImages::Job *job = jobOf.value(f->format.name());
        if (job && job->image.isNull())
            replaceWithText(doc, *f, blockedText(f->format.property(kReferenceProperty).toString(), job->reason));
    }
    doc->markContentsDirty(0, doc->characterCount());
    QStringList blocked;
    for (qsizetype i = 0; i < pending.references.size(); ++i) {
        const PendingImages::Job *job = jobOf.value(pending.keys.at(i));
        if (!job)
            blocked << blockedText(pending.references.at(i), pending.refused.at(i));
        else if (job->image.isNull())
            blocked << blockedText(pending.references.at(i), job->reason);
    }
    return blocked;
}

} // namespace mltrl::ui
