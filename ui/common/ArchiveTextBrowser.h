#pragma once
/// A QTextBrowser for text that comes from an archive (Markdown evidence, the project summary,
/// cards, notebook cells, model cards): its images resolve only through ArchiveResources, it
/// never loads anything by itself (loadResource answers with nothing, links never navigate
/// inside it), and web or mail links open in the system browser only when clicked.
/// Other links (evidence:, requirement:) are left to anchorClicked() handlers.
/// Its images are decoded off the UI thread, by one decoder process for the whole document
/// (ArchiveDocument::decodeImages): grey squares until imagesReady().
#include "ui/common/ArchiveResources.h"
#include "ui/common/BackgroundJob.h"

#include <QPointer>
#include <QTextBrowser>

#include <memory>

namespace mltrl::ui {

class ArchiveTextBrowser : public QTextBrowser {
    Q_OBJECT
public:
    explicit ArchiveTextBrowser(QWidget *parent = nullptr);
    ~ArchiveTextBrowser() override;

    /// Shows `markdown` read from `documentPath` of `archive` (null: no file resolves).
    void setArchiveMarkdown(const QString &markdown, std::shared_ptr<const ArchiveResources> archive,
                            const QString &documentPath = {}, const QHash<QString, QImage> &own = {});
    /// Shows HTML the workbench generated from archive data. `own`: images the workbench
    /// already decoded (within limits) that the HTML names by URL, e.g. a model card's graphics.
    void setArchiveHtml(const QString &html, std::shared_ptr<const ArchiveResources> archive,
                        const QString &documentPath = {}, const QHash<QString, QImage> &own = {});
    /// One line per image that was not shown, as the placeholder text says it (those known
    /// so far while imagesPending()).
    [[nodiscard]] const QStringList &blockedResources() const { return m_blocked; }
    /// True while the document's images are being decoded.
    [[nodiscard]] bool imagesPending() const { return m_pending != nullptr; }
    /// Grows to the height of its content instead of scrolling (notebook cells).
    void setFitToContent(bool fit);

    QVariant loadResource(int type, const QUrl &name) override;

signals:
    /// The document's images are decoded and shown (or their placeholder text is).
    void imagesReady();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitHeight();
    void decodeImages();
    std::shared_ptr<PendingImages> m_pending;
    QPointer<BackgroundJob> m_job;
    std::shared_ptr<const ArchiveResources> m_archive;
    QStringList m_blocked;
    bool m_fit = false;
};

} // namespace mltrl::ui
