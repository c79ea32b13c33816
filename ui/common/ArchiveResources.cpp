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

QString readError(const QString &path)
{
    return QStringLiteral("an image whose stored file %1 cannot be read").arg(QFileInfo(path).fileName());
}

struct ImageFragment {
    int position = 0;
    int length = 0;
    QTextImageFormat format;
};

QStringList resolveImages(QTextDocument *doc, const ArchiveResources *archive, const QString &documentPath,
                          const std::shared_ptr<QHash<QString, QImage>> &images, const QHash<QString, QImage> &own)
{
    std::vector<ImageFragment> fragments;
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next())
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            if (f.isValid() && f.charFormat().isImageFormat())
                fragments.push_back({f.position(), f.length(), f.charFormat().toImageFormat()});
        }
    // Decoded in document order (so the budget goes to the first images), each archive file
    // once however often it is named; then applied back to front, so replacing one fragment's
    // text keeps the positions of the others.
    struct Outcome {
        QString key;    ///< the resource name when shown
        QString reason; ///< why not, otherwise
    };
    std::vector<Outcome> outcomes;
    QHash<QString, QString> keyOfFile; // archive path → resource name
    qint64 pixelsLeft = ArchiveResources::kDocumentPixelBudget;
    int serial = 0;
    const auto accept = [&](const SafeImage::Result &r, const QString &what) -> Outcome {
        if (r.image.isNull())
            return {{}, QStringLiteral("%1 that cannot be shown (%2)").arg(what, r.error)};
        const qint64 pixels = qint64(r.image.width()) * r.image.height();
        if (pixels > pixelsLeft)
            return {{},
                    QStringLiteral("%1 beyond this document's image budget (%2 in all)")
                        .arg(what, SafeImage::budgetText(ArchiveResources::kDocumentPixelBudget))};
        pixelsLeft -= pixels;
        const QString key = QStringLiteral("%1:%2").arg(kImageScheme).arg(serial++);
        images->insert(key, r.image);
        // The document's own resources come first (before loadResource and providers).
        doc->addResource(QTextDocument::ImageResource, QUrl(key), r.image);
        return {key, {}};
    };
    for (auto f = fragments.begin(); f != fragments.end(); ++f) {
        const QString name = f->format.name();
        if (const auto mine = own.constFind(name); mine != own.constEnd()) {
            // Decoded by the workbench from archive data (within limits) before the document
            // was built, e.g. a model card's graphics: shown, counted against the budget.
            SafeImage::Result decoded;
            decoded.image = *mine;
            if (decoded.image.isNull())
                decoded.error = QStringLiteral("not an image the workbench decodes");
            outcomes.push_back(accept(decoded, QStringLiteral("an image of the document")));
            continue;
        }
        if (name.startsWith(QLatin1String("data:"), Qt::CaseInsensitive)) {
            // An image written into the document itself: decoded like any other (an SVG
            // inside would otherwise reach QtSvg's file loading through QImage).
            const qsizetype comma = name.indexOf(QLatin1Char(','));
            const QString header = comma > 0 ? name.mid(5, comma - 5) : QString();
            const QByteArray payload = comma > 0 ? name.mid(comma + 1).toLatin1() : QByteArray();
            const QByteArray data = header.endsWith(QLatin1String(";base64"), Qt::CaseInsensitive)
                                        ? QByteArray::fromBase64(payload)
                                        : QByteArray::fromPercentEncoding(payload);
            outcomes.push_back(accept(SafeImage::decode(data, header.section(QLatin1Char(';'), 0, 0), QString(),
                                                        ArchiveResources::kInlinePixelBudget),
                                      QStringLiteral("an embedded image")));
            continue;
        }
        const ArchiveResources::Resolved resolved =
            archive ? archive->resolve(name, documentPath) : ArchiveResources().resolve(name, documentPath);
        if (!resolved.ok()) {
            outcomes.push_back({{}, resolved.refused});
        } else if (const auto known = keyOfFile.constFind(resolved.archivePath); known != keyOfFile.constEnd()) {
            outcomes.push_back({*known, {}});
        } else if (resolved.size > ArchiveResources::kMaxImageBytes) {
            outcomes.push_back(
                {{}, QStringLiteral("an image larger than %1 MiB").arg(ArchiveResources::kMaxImageBytes >> 20)});
        } else {
            QFile file(resolved.blobPath);
            if (!file.open(QIODevice::ReadOnly)) {
                outcomes.push_back({{}, readError(resolved.blobPath)});
                continue;
            }
            const Outcome o = accept(SafeImage::decode(file.read(ArchiveResources::kMaxImageBytes), QString(),
                                                       QFileInfo(resolved.archivePath).suffix(),
                                                       ArchiveResources::kInlinePixelBudget),
                                     QStringLiteral("an image"));
            if (!o.key.isEmpty())
                keyOfFile.insert(resolved.archivePath, o.key);
            outcomes.push_back(o);
        }
    }
    QStringList blocked;
    for (std::size_t i = fragments.size(); i-- > 0;) {
        const ImageFragment &f = fragments[i];
        const Outcome &o = outcomes[i];
        QTextCursor cursor(doc);
        cursor.setPosition(f.position);
        cursor.setPosition(f.position + f.length, QTextCursor::KeepAnchor);
        if (!o.key.isEmpty()) {
            QTextImageFormat format = f.format;
            format.setName(o.key);
            format.setToolTip(f.format.name());
            cursor.setCharFormat(format);
            continue;
        }
        const QString text = ArchiveDocument::blockedText(f.format.name(), o.reason);
        blocked << text;
        QTextCharFormat plain;
        plain.setFontItalic(true);
        plain.setForeground(QColor(0x8a, 0x1c, 0x1c));
        plain.setToolTip(text);
        cursor.insertText(text, plain);
    }
    std::reverse(blocked.begin(), blocked.end());
    return blocked;
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
                 const QString &documentPath, const QHash<QString, QImage> &own = {})
{
    auto images = std::make_shared<QHash<QString, QImage>>();
    installProvider(doc, images);
    doc->clear();
    if (markdown)
        doc->setMarkdown(text);
    else
        doc->setHtml(text);
    const QStringList blocked = resolveImages(doc, archive, documentPath, images, own);
    doc->markContentsDirty(0, doc->characterCount());
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
                                         const QString &documentPath, const QHash<QString, QImage> &own)
{
    return fill(doc, markdown, true, archive, documentPath, own);
}

QStringList ArchiveDocument::setHtml(QTextDocument *doc, const QString &html, const ArchiveResources *archive,
                                     const QString &documentPath, const QHash<QString, QImage> &own)
{
    return fill(doc, html, false, archive, documentPath, own);
}

} // namespace mltrl::ui
