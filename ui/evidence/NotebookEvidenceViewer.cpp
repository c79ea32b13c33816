#include "ui/evidence/NotebookEvidenceViewer.h"

#include "ui/common/Theme.h"

#include "ui/common/ArchiveTextBrowser.h"
#include "ui/common/BackgroundJob.h"
#include "ui/common/ImageBatch.h"
#include "ui/common/SafeImage.h"
#include "ui/evidence/FindBar.h"
#include "ui/evidence/Notebook.h"
#include "ui/evidence/NotebookOutputText.h"

#include <QFontDatabase>
#include <QFrame>
#include <QGridLayout>
#include <QImage>
#include <QLabel>
#include <QPixmap>
#include <QScrollArea>
#include <QVBoxLayout>

namespace mltrl::ui {

namespace {
constexpr qint64 kMaxNotebookBytes = 128LL * 1024 * 1024;

QLabel *promptLabel(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    l->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    l->setAlignment(Qt::AlignRight | Qt::AlignTop);
    l->setMinimumWidth(l->fontMetrics().horizontalAdvance(QStringLiteral("Out [000]:")));
    QPalette p = l->palette();
    p.setColor(QPalette::WindowText, readableOn(QColor(0x30, 0x3f, 0x9f), p.color(QPalette::Window), 4.5));
    l->setPalette(p);
    return l;
}

QLabel *textBlock(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setTextFormat(Qt::PlainText);
    l->setText(text);
    l->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return l;
}
} // namespace

NotebookEvidenceViewer::NotebookEvidenceViewer(const EvidenceSource &source, QWidget *parent)
      : EvidenceViewer(source, parent), m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("notebookViewer"));
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    auto *page = new QWidget(scroll);
    page->setBackgroundRole(QPalette::Base);
    page->setAutoFillBackground(true);
    m_cells = new QVBoxLayout(page);
    m_cells->setSpacing(10);
    scroll->setWidget(page);
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_error);
    layout->addWidget(scroll, 1);
    m_find = new FindBar(this);
    m_find->setTarget(FindBar::pageTarget(scroll));
    layout->addWidget(m_find);

    // Reading, parsing and decoding the output images all happen off the UI thread.
    const QString path = source.blobPath;
    const qint64 size = source.size;
    runJob<Loaded>(
        this,
        [path, size](JobContext &context) {
            Loaded l;
            if (path.isEmpty()) {
                l.error = QStringLiteral("The store holds no file for this evidence.");
                return l;
            }
            if (size > kMaxNotebookBytes) {
                l.error = QStringLiteral("This notebook is larger than %1 MiB and is not shown here; open it with the "
                                         "system viewer.")
                              .arg(kMaxNotebookBytes / (1024 * 1024));
                return l;
            }
            const QByteArray bytes = readFileHead(path, kMaxNotebookBytes, &l.error);
            if (!l.error.isEmpty())
                return l;
            l.notebook = Notebook::parse(bytes, &l.error);
            if (!l.notebook)
                return l;
            // Every attachment and output image in one decoder process (ImageBatch), in order.
            std::vector<imagebatch::Item> items;
            const auto item = [&items](const QByteArray &image, const QString &type) {
                imagebatch::Item i;
                i.bytes = image;
                i.mediaType = type;
                i.pixelBudget = ArchiveResources::kInlinePixelBudget;
                items.push_back(std::move(i));
            };
            for (const Notebook::Cell &cell : l.notebook->cells) {
                for (const Notebook::Attachment &a : cell.attachments)
                    item(a.bytes, a.type);
                for (const Notebook::Output &out : cell.outputs)
                    if (!out.image.isEmpty())
                        item(out.image, out.imageType);
            }
            std::vector<SafeImage::Result> decoded =
                imagebatch::decodeAll(items, [&context] { return context.isCancelled(); });
            std::size_t next = 0;
            for (const Notebook::Cell &cell : l.notebook->cells) {
                QHash<QString, QImage> attached;
                for (const Notebook::Attachment &a : cell.attachments)
                    attached.insert(QStringLiteral("attachment:") + a.name, std::move(decoded[next++].image));
                l.attachments.push_back(std::move(attached));
                for (const Notebook::Output &out : cell.outputs)
                    l.images.push_back(out.image.isEmpty() ? SafeImage::Result{} : std::move(decoded[next++]));
            }
            return l;
        },
        [this](JobResult<Loaded> result) {
            Loaded l = std::move(result.value).value_or(Loaded{});
            if (!result.ok())
                l.error = result.error;
            if (!l.notebook) {
                m_error->setText(l.error);
                m_error->show();
            } else {
                build(*l.notebook, l.images, l.attachments);
            }
            markLoaded();
        });
}

QWidget *NotebookEvidenceViewer::markdownCell(const QString &markdown, const QHash<QString, QImage> &attachments)
{
    // Like Markdown evidence: images only from the archive, relative to the notebook, and the
    // cell's own attachments (decoded like output images).
    auto *browser = new ArchiveTextBrowser;
    browser->setObjectName(QStringLiteral("notebookMarkdown"));
    browser->setFrameShape(QFrame::NoFrame);
    browser->setFitToContent(true);
    browser->setArchiveMarkdown(markdown, source().archive, source().archivePath, attachments);
    return browser;
}

QWidget *NotebookEvidenceViewer::codeCell(const QString &source, const QString &prompt)
{
    auto *frame = new QFrame;
    frame->setFrameShape(QFrame::StyledPanel);
    QPalette p = frame->palette();
    // A code cell stands out from the page by the palette's alternate base (light or dark).
    p.setColor(QPalette::Window, p.color(QPalette::AlternateBase));
    p.setColor(QPalette::WindowText, p.color(QPalette::Text));
    frame->setPalette(p);
    frame->setAutoFillBackground(true);
    auto *grid = new QGridLayout(frame);
    grid->setContentsMargins(6, 4, 6, 4);
    grid->addWidget(promptLabel(prompt, frame), 0, 0);
    grid->addWidget(textBlock(source, frame), 0, 1);
    grid->setColumnStretch(1, 1);
    return frame;
}

QWidget *NotebookEvidenceViewer::richOutput(const QString &html, const QString &objectName, bool monospace)
{
    // Rich text the workbench generated (escaped or sanitized): no archive resources at all,
    // so nothing in it can load anything.
    auto *browser = new ArchiveTextBrowser;
    browser->setObjectName(objectName);
    browser->setFrameShape(QFrame::NoFrame);
    browser->setFitToContent(true);
    if (monospace)
        browser->document()->setDefaultFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    browser->setArchiveHtml(html, nullptr);
    return browser;
}

void NotebookEvidenceViewer::build(const Notebook &notebook, const std::vector<SafeImage::Result> &images,
                                   const std::vector<QHash<QString, QImage>> &attachments)
{
    std::size_t outputIndex = 0;
    std::size_t cellIndex = 0;
    for (const Notebook::Cell &cell : notebook.cells) {
        const QHash<QString, QImage> &attached = attachments[cellIndex++];
        auto *cellWidget = new QWidget;
        cellWidget->setObjectName(QStringLiteral("notebookCell"));
        auto *grid = new QGridLayout(cellWidget);
        grid->setContentsMargins(0, 0, 0, 0);
        grid->setColumnStretch(1, 1);
        if (cell.type == Notebook::Cell::Type::Markdown) {
            grid->addWidget(markdownCell(cell.source, attached), 0, 0, 1, 2);
        } else {
            const QString count = cell.executionCount ? QString::number(*cell.executionCount) : QStringLiteral(" ");
            const QString prompt =
                cell.type == Notebook::Cell::Type::Code ? QStringLiteral("In [%1]:").arg(count) : QString();
            grid->addWidget(codeCell(cell.source, prompt), 0, 0, 1, 2);
            int row = 1;
            for (const Notebook::Output &out : cell.outputs) {
                const SafeImage::Result &decoded = images[outputIndex++];
                if (!out.image.isEmpty()) {
                    if (!decoded.image.isNull()) {
                        auto *img = new QLabel(cellWidget);
                        img->setObjectName(QStringLiteral("notebookImage"));
                        QPixmap pixmap = QPixmap::fromImage(decoded.image);
                        // An SVG is drawn larger than it declares (sharp when zoomed); a notebook
                        // shows it at its declared size, as Jupyter does.
                        const QSizeF natural(decoded.naturalSize);
                        if (out.imageType == QLatin1String("image/svg+xml") && natural.width() >= 1 &&
                            natural.height() >= 1 && natural.width() < decoded.image.width()) {
                            const qreal dpr = devicePixelRatioF();
                            pixmap =
                                pixmap.scaled((natural * dpr).toSize(), Qt::KeepAspectRatio, Qt::SmoothTransformation);
                            pixmap.setDevicePixelRatio(dpr);
                        }
                        img->setPixmap(pixmap);
                        img->setAlignment(Qt::AlignLeft | Qt::AlignTop);
                        img->setToolTip(decoded.note);
                        grid->addWidget(img, row++, 1);
                        ++m_imageCount;
                        continue; // text/plain beside an image is only its repr: "<Figure …>"
                    }
                    auto *note =
                        textBlock(QStringLiteral("[image output not shown: %1]").arg(decoded.error), cellWidget);
                    note->setObjectName(QStringLiteral("notebookOutput"));
                    grid->addWidget(note, row++, 1);
                }
                const auto addOutput = [&](QWidget *w) {
                    if (cell.executionCount && row == 1)
                        grid->addWidget(promptLabel(QStringLiteral("Out [%1]:").arg(*cell.executionCount), cellWidget),
                                        row, 0);
                    grid->addWidget(w, row++, 1);
                };
                if (!out.html.isEmpty()) {
                    // Jupyter shows the HTML form of a result (a DataFrame as a table), not its repr.
                    addOutput(richOutput(
                        out.html, out.htmlIsTable ? QStringLiteral("notebookTable") : QStringLiteral("notebookHtml"),
                        false));
                    continue;
                }
                if (out.text.isEmpty())
                    continue;
                const QColor base = palette().color(QPalette::Base);
                if (out.isError) {
                    // The traceback with IPython's colours; uncoloured parts in the error colour.
                    const QColor red = readableOn(QColor(0xb7, 0x1c, 0x1c), base, 4.5);
                    addOutput(richOutput(QStringLiteral("<div style=\"color:%1\">%2</div>")
                                             .arg(red.name(), NotebookOutputText::ansiToHtml(out.text.trimmed(), base)),
                                         QStringLiteral("notebookError"), true));
                } else if (out.text.contains(QChar(0x1b))) {
                    addOutput(richOutput(NotebookOutputText::ansiToHtml(out.text.trimmed(), base),
                                         QStringLiteral("notebookAnsi"), true));
                } else {
                    auto *text = textBlock(out.text.trimmed(), cellWidget);
                    text->setObjectName(QStringLiteral("notebookOutput"));
                    addOutput(text);
                }
            }
        }
        m_cells->addWidget(cellWidget);
        ++m_cellCount;
    }
    if (notebook.cellsLeftOut > 0)
        m_cells->addWidget(
            textBlock(QStringLiteral("[… %1 more cells not shown (at most %2 are); open the notebook with the "
                                     "system viewer for the rest]")
                          .arg(notebook.cellsLeftOut)
                          .arg(Notebook::kMaxCells),
                      this));
    m_cells->addStretch();
}

} // namespace mltrl::ui
