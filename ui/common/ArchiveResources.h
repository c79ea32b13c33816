#pragma once
/// The one place that decides what a document shown from an archive may load: Markdown
/// (evidence, the project summary, cards, notebook cells), model cards and SVG images can name
/// other files, and Qt would read any of them from the reviewer's disk (QTextDocument's default
/// resource loading follows absolute paths, `file:` URLs and `../`). Here a reference resolves
/// only to a file of the same archive revision in the store — a file the manifest names, or an
/// asset (an unlisted image the revision's Markdown shows, stored at import) — relative to the
/// archive path of the document that names it, by core's rule (common/ArchiveReference, which
/// the importer uses to choose the assets); anything else (absolute paths, `..` out of the
/// archive, `file:`, network URLs and paths, Windows paths) is refused with a reason the viewer
/// shows.
///
/// ArchiveDocument puts Markdown into a QTextDocument that way: images in the archive are
/// decoded by SafeImage within a pixel budget, in the decoder process (ImageBatch: one process
/// for all the images of a document, off the UI thread), and added to the document's own
/// resources (looked up before anything else) under opaque names; every other image, and every
/// image the decoder could not decode or crashed on, becomes the text "[image not shown: … ]". Qt asks a document's
/// resources, then its parent widget's loadResource() (ArchiveTextBrowser answers every request with a placeholder),
/// then reads local files itself, and only then asks resource providers: so archive text is only ever shown in an
/// ArchiveTextBrowser, and labels show archive strings as plain text.
#include "ui/common/ImageBatch.h"

#include <QHash>
#include <QImage>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>
#include <vector>

class QTextDocument;

namespace mltrl {
class Store;
struct RevisionData;
} // namespace mltrl

namespace mltrl::ui {

class ArchiveResources {
public:
    struct Resolved {
        QString archivePath; ///< the normalised path inside the archive (when it is one)
        QString blobPath;    ///< the stored bytes; empty when refused
        qint64 size = -1;
        QString refused; ///< why not, for the user; empty when resolved
        [[nodiscard]] bool ok() const { return refused.isEmpty(); }
    };

    /// No files: every reference is refused.
    ArchiveResources() = default;
    /// The files and assets of `revision` as stored in `store`.
    ArchiveResources(const RevisionData &revision, Store &store);
    static std::shared_ptr<const ArchiveResources> of(const RevisionData &revision, Store &store);

    /// `reference` as written in the document at archive path `documentPath` (empty: a text
    /// of the manifest, resolved from the archive root).
    [[nodiscard]] Resolved resolve(const QString &reference, const QString &documentPath) const;
    /// Adds a file (tests, and callers that build the table themselves).
    void addFile(const QString &archivePath, const QString &blobPath, qint64 size);

    /// Images of an archive document larger than this are not read.
    static constexpr qint64 kMaxImageBytes = 32LL * 1024 * 1024;
    /// Pixels of one image inside a document.
    static constexpr qint64 kInlinePixelBudget = 16LL * 1000 * 1000;
    /// Pixels of all images of one document together (each file counted once).
    static constexpr qint64 kDocumentPixelBudget = 64LL * 1000 * 1000;

private:
    struct File {
        QString blobPath;
        qint64 size = -1;
    };
    std::map<QString, File> m_files;
};

/// The images of a document still to be decoded: ArchiveDocument::setMarkdown makes it,
/// ArchiveDocument::decodeImages decodes them (a worker thread: it waits for the decoder
/// process), ArchiveDocument::applyImages puts them into the document (the UI thread).
struct PendingImages {
    struct Job {
        QString key;           ///< the resource name the document's fragments carry
        QString what;          ///< "an image", "an embedded image", for the placeholder text
        imagebatch::Item item; ///< what to decode (unless `own`)
        bool own = false;      ///< already decoded by the workbench: `image`
        QImage image;          ///< the decoded image (after decodeImages), else null
        QString reason;        ///< why not shown (after decodeImages)
    };
    std::vector<Job> jobs; ///< in document order, each archive file once
    /// Per image of the document, in order: what it names, and its job's key or why refused.
    QStringList references, keys, refused;
    std::shared_ptr<QHash<QString, QImage>> images; ///< the document's provider's table
    bool decoded = false;
    /// True when a job needs the decoder (otherwise decodeImages returns at once).
    [[nodiscard]] bool needsDecoder() const;
};

/// Markdown into a QTextDocument with only archive resources (see above).
class ArchiveDocument {
public:
    /// Replaces `doc`'s content with `markdown` (GitHub dialect) read from `documentPath` in
    /// `archive` (may be null: nothing resolves). Returns one line per image not shown.
    /// `own`: images the workbench already decoded that the Markdown names by URL (a notebook
    /// cell's `attachment:` images). With `pending`, images to decode show as grey squares
    /// and `*pending` says what to decode (decodeImages, then applyImages: the returned lines
    /// are then those known so far); without, they are decoded before this returns.
    static QStringList setMarkdown(QTextDocument *doc, const QString &markdown, const ArchiveResources *archive,
                                   const QString &documentPath, const QHash<QString, QImage> &own = {},
                                   std::shared_ptr<PendingImages> *pending = nullptr);
    /// The same for HTML generated by the workbench from archive data (already escaped).
    static QStringList setHtml(QTextDocument *doc, const QString &html, const ArchiveResources *archive,
                               const QString &documentPath, const QHash<QString, QImage> &own = {},
                               std::shared_ptr<PendingImages> *pending = nullptr);
    /// Decodes the jobs in the decoder process (one for all of them), in document order, and
    /// shares the document's pixel budget among them; `cancelled` ends it early.
    static void decodeImages(PendingImages &pending, const imagebatch::Cancelled &cancelled = {});
    /// Puts the decoded images into `doc` (which setMarkdown filled) and the text of those not
    /// shown in place of theirs; returns one line per image not shown, in document order.
    static QStringList applyImages(QTextDocument *doc, const PendingImages &pending);
    /// The text that replaces an image that is not shown.
    static QString blockedText(const QString &reference, const QString &reason);
};

} // namespace mltrl::ui
