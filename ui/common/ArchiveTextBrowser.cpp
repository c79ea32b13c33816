#include "ui/common/ArchiveTextBrowser.h"

#include "ui/common/SafeToolTips.h"

#include <QDesktopServices>
#include <QImage>
#include <QResizeEvent>
#include <QScrollBar>
#include <QTextDocument>

namespace mltrl::ui {

ArchiveTextBrowser::ArchiveTextBrowser(QWidget *parent) : QTextBrowser(parent)
{
    SafeToolTips::install();
    // QTextBrowser would open a relative or file: link itself (reading it from disk): links
    // are only ever handed to the system browser, and only web and mail ones.
    setOpenLinks(false);
    setOpenExternalLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, [](const QUrl &url) {
        const QString scheme = url.scheme().toLower();
        if (scheme == QLatin1String("http") || scheme == QLatin1String("https") || scheme == QLatin1String("mailto"))
            QDesktopServices::openUrl(url);
    });
    connect(document(), &QTextDocument::contentsChanged, this, [this] {
        if (m_fit)
            fitHeight();
    });
}

ArchiveTextBrowser::~ArchiveTextBrowser()
{
    BackgroundJob::stop(m_job); // the decoder is stopped at its next poll
}

void ArchiveTextBrowser::setArchiveMarkdown(const QString &markdown, std::shared_ptr<const ArchiveResources> archive,
                                            const QString &documentPath, const QHash<QString, QImage> &own)
{
    BackgroundJob::stop(m_job);
    m_archive = std::move(archive);
    m_blocked = ArchiveDocument::setMarkdown(document(), markdown, m_archive.get(), documentPath, own, &m_pending);
    if (m_fit)
        fitHeight();
    decodeImages();
}

void ArchiveTextBrowser::setArchiveHtml(const QString &html, std::shared_ptr<const ArchiveResources> archive,
                                        const QString &documentPath, const QHash<QString, QImage> &own)
{
    BackgroundJob::stop(m_job);
    m_archive = std::move(archive);
    m_blocked = ArchiveDocument::setHtml(document(), html, m_archive.get(), documentPath, own, &m_pending);
    if (m_fit)
        fitHeight();
    decodeImages();
}

void ArchiveTextBrowser::decodeImages()
{
    if (!m_pending)
        return;
    // In the decoder process, from a worker: the UI thread never waits for an image.
    std::shared_ptr<PendingImages> pending = m_pending;
    m_job = runJob<bool>(
        this,
        [pending](JobContext &context) {
            ArchiveDocument::decodeImages(*pending, [&context] { return context.isCancelled(); });
            return true;
        },
        [this, pending](JobResult<bool> result) {
            if (pending != m_pending)
                return; // another document since
            m_pending.reset();
            m_job = nullptr;
            if (!result.ok())
                for (PendingImages::Job &job : pending->jobs) {
                    job.image = QImage();
                    job.reason = QStringLiteral("%1 that cannot be shown (%2)").arg(job.what, result.error);
                }
            m_blocked = ArchiveDocument::applyImages(document(), *pending);
            if (m_fit)
                fitHeight();
            viewport()->update();
            emit imagesReady();
        });
}

QVariant ArchiveTextBrowser::loadResource(int type, const QUrl &name)
{
    // Reached only if a document's provider did not answer: never the disk.
    Q_UNUSED(name);
    if (type == QTextDocument::ImageResource) {
        QImage placeholder(16, 16, QImage::Format_RGB32);
        placeholder.fill(Qt::lightGray);
        return placeholder;
    }
    return QString();
}

void ArchiveTextBrowser::setFitToContent(bool fit)
{
    m_fit = fit;
    setVerticalScrollBarPolicy(fit ? Qt::ScrollBarAlwaysOff : Qt::ScrollBarAsNeeded);
    setSizePolicy(sizePolicy().horizontalPolicy(), fit ? QSizePolicy::Fixed : QSizePolicy::Expanding);
    if (fit)
        fitHeight();
}

void ArchiveTextBrowser::resizeEvent(QResizeEvent *event)
{
    QTextBrowser::resizeEvent(event);
    if (m_fit && event->size().width() != event->oldSize().width())
        fitHeight();
}

void ArchiveTextBrowser::fitHeight()
{
    QTextDocument *doc = document();
    doc->setTextWidth(viewport()->width());
    setFixedHeight(static_cast<int>(doc->size().height()) + 2 * frameWidth() + 4);
}

} // namespace mltrl::ui
