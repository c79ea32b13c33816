#include "evidence/MarkdownEvidenceViewer.h"

#include "common/ArchiveTextBrowser.h"
#include "evidence/FindBar.h"

#include <QVBoxLayout>

namespace mltrl::ui {

namespace {
constexpr qint64 kMaxMarkdownBytes = 16LL * 1024 * 1024;
}

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
    readBytes(kMaxMarkdownBytes, [this](const QByteArray &bytes, const QString &error) {
        if (!error.isEmpty())
            m_browser->setPlainText(error);
        else
            m_browser->setArchiveMarkdown(QString::fromUtf8(bytes), this->source().archive, this->source().archivePath);
    });
}

} // namespace mltrl::ui
