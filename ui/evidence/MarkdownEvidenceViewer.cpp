#include "ui/evidence/MarkdownEvidenceViewer.h"

#include "ui/common/ArchiveTextBrowser.h"
#include "ui/common/BackgroundJob.h"
#include "ui/evidence/FindBar.h"
#include "ui/evidence/HfModelCard.h"

#include <QTextBrowser>
#include <QTextCursor>
#include <QVBoxLayout>

namespace mltrl::ui {

namespace {
constexpr qint64 kMaxMarkdownBytes = 16LL * 1024 * 1024;

/// The front matter's tables at the top of the rendered document (or why they are missing).
void insertFrontMatter(QTextBrowser &browser, const QString &yaml)
{
    QString error;
    QString html = hfModelCardHtml(yaml, &error);
    if (html.isEmpty())
        html = QStringLiteral("<p><i>%1</i></p>")
                   .arg((error.isEmpty() ? QStringLiteral("Empty front matter.") : error).toHtmlEscaped());
    QTextCursor cursor(browser.document());
    cursor.movePosition(QTextCursor::Start);
    cursor.insertHtml(html + QStringLiteral("<p>&nbsp;</p>"));
    browser.moveCursor(QTextCursor::Start);
}
} // namespace

MarkdownEvidenceViewer::MarkdownEvidenceViewer(const EvidenceSource &source, QWidget *parent)
      : EvidenceViewer(source, parent), m_browser(new ArchiveTextBrowser(this))
{
    setObjectName(QStringLiteral("markdownViewer"));
    m_browser->setObjectName(QStringLiteral("markdownBrowser"));
    // Links in evidence go to the system browser only when the user clicks them; images
    // only from the same archive, relative to this file.
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_browser, 1);
    m_find = new FindBar(this);
    m_find->setTarget(FindBar::textTarget(m_browser));
    layout->addWidget(m_find);
    // Loaded once the document's images are decoded (in the decoder process, off this thread).
    connect(m_browser, &ArchiveTextBrowser::imagesReady, this, &MarkdownEvidenceViewer::markLoaded);
    const QString path = source.blobPath;
    if (path.isEmpty()) {
        showText({}, QStringLiteral("The store holds no file for this evidence."));
        return;
    }
    if (source.size >= 0 && source.size < asyncThreshold()) {
        QString error;
        const QByteArray bytes = readFileHead(path, kMaxMarkdownBytes, &error);
        showText(bytes, error);
        return;
    }
    using Result = std::pair<QByteArray, QString>;
    runJob<Result>(
        this,
        [path](JobContext &) {
            QString error;
            QByteArray bytes = readFileHead(path, kMaxMarkdownBytes, &error);
            return Result{std::move(bytes), error};
        },
        [this](JobResult<Result> r) {
            if (!r.ok())
                r.value.emplace(QByteArray(), r.error);
            showText(r.value->first, r.value->second);
        });
}

void MarkdownEvidenceViewer::showText(const QByteArray &bytes, const QString &error)
{
    if (!error.isEmpty()) {
        m_browser->setPlainText(error);
        markLoaded();
        return;
    }
    // A Hugging Face model card: its YAML front matter as tables above the Markdown, whose
    // images resolve only inside the archive.
    const QString text = QString::fromUtf8(bytes);
    const std::optional<FrontMatter> front = splitFrontMatter(text);
    m_browser->setArchiveMarkdown(front ? front->body : text, source().archive, source().archivePath);
    if (front)
        insertFrontMatter(*m_browser, front->yaml);
    if (!m_browser->imagesPending())
        markLoaded();
}

} // namespace mltrl::ui
