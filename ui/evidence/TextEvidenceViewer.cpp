#include "ui/evidence/TextEvidenceViewer.h"

#include "ui/common/BackgroundJob.h"
#include "ui/evidence/FindBar.h"

#include <QFile>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTextCursor>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace mltrl::ui {

namespace {

struct Page {
    QString text;
    qint64 consumed = 0; ///< bytes of the file this page covers
    QString error;
};

/// Reads up to `max` bytes at `offset`, ending at the last line end (or the last complete
/// UTF-8 character when a page holds no line end) so no character is split between pages.
Page readPageAt(const QString &path, qint64 offset, qint64 max, bool toEnd)
{
    Page p;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset)) {
        p.error = QStringLiteral("Cannot read %1: %2").arg(path, file.errorString());
        return p;
    }
    QByteArray bytes = file.read(max);
    if (!toEnd && !file.atEnd()) {
        qsizetype cut = bytes.lastIndexOf('\n') + 1;
        if (cut <= 0) {
            cut = bytes.size();
            while (cut > 0 && (static_cast<unsigned char>(bytes[cut - 1]) & 0xc0) == 0x80)
                --cut;
            if (cut > 0 && (static_cast<unsigned char>(bytes[cut - 1]) & 0x80))
                --cut; // a lead byte whose continuation is on the next page
            if (cut <= 0)
                cut = bytes.size();
        }
        bytes.truncate(cut);
    }
    p.consumed = bytes.size();
    p.text = QString::fromUtf8(bytes);
    return p;
}

} // namespace

TextEvidenceViewer::TextEvidenceViewer(const EvidenceSource &source, QWidget *parent, const QString &note)
      : EvidenceViewer(source, parent), m_editor(new QPlainTextEdit(this)), m_note(new QLabel(this)),
        m_more(new QPushButton(this))
{
    setObjectName(QStringLiteral("textViewer"));
    m_editor->setObjectName(QStringLiteral("textEditor"));
    m_editor->setReadOnly(true);
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_note->setObjectName(QStringLiteral("textNote"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    m_more->setObjectName(QStringLiteral("loadMore"));
    m_more->hide();
    connect(m_more, &QPushButton::clicked, this, &TextEvidenceViewer::loadMore);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_note, 1);
    bar->addWidget(m_more);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_editor, 1);
    layout->addLayout(bar);
    m_find = new FindBar(this);
    FindBar::Target find = FindBar::textTarget(m_editor);
    find.scope = [this]() -> QString {
        if (this->source().size <= m_offset)
            return {};
        const auto mib = [](qint64 b) { return QString::number(double(b) / (1024 * 1024), 'f', 1); };
        return QStringLiteral("Searching the %1 MiB loaded of %2 MiB.").arg(mib(m_offset), mib(this->source().size));
    };
    m_find->setTarget(std::move(find));
    layout->addWidget(m_find);
    m_note->setProperty("reason", note);
    readPage(true);
}

TextEvidenceViewer::~TextEvidenceViewer()
{
    deleteHelpers();
}

void TextEvidenceViewer::loadMore()
{
    if (m_reading || m_offset >= source().size || m_offset >= maxBytes())
        return;
    readPage(false);
}

void TextEvidenceViewer::readPage(bool first)
{
    const QString path = source().blobPath;
    if (path.isEmpty()) {
        m_editor->setPlainText(QStringLiteral("The store holds no file for this evidence."));
        markLoaded();
        return;
    }
    const qint64 offset = m_offset;
    const qint64 size = source().size;
    const qint64 max = std::min(pageBytes(), maxBytes() - offset);
    const bool toEnd = size >= 0 && offset + max >= size;
    const auto show = [this, first](Page p) {
        m_reading = false;
        if (!p.error.isEmpty()) {
            if (first)
                m_editor->setPlainText(p.error);
            m_note->setText(p.error);
        } else if (first) {
            m_editor->setPlainText(p.text);
        } else {
            // appendPlainText would add a line break between pages.
            QScrollBar *bar = m_editor->verticalScrollBar();
            const int keep = bar->value();
            QTextCursor end(m_editor->document());
            end.movePosition(QTextCursor::End);
            end.insertText(p.text);
            bar->setValue(keep);
        }
        m_offset += p.consumed;
        updateStatus();
        if (!first)
            m_find->refresh(); // an open search covers the new page too
        if (first)
            markLoaded();
    };
    m_reading = true;
    if (first && size >= 0 && size < asyncThreshold()) {
        show(readPageAt(path, offset, max, toEnd));
        return;
    }
    runJob<Page>(
        this, [path, offset, max, toEnd](JobContext &) { return readPageAt(path, offset, max, toEnd); },
        [show](JobResult<Page> result) {
            if (!result.ok()) { // reading threw (out of memory): an empty page with the reason
                result.value.emplace();
                result.value->error = result.error;
            }
            show(std::move(*result.value));
        });
}

void TextEvidenceViewer::updateStatus()
{
    const QString reason = m_note->property("reason").toString();
    const qint64 size = source().size;
    const bool more = size > m_offset && m_offset < maxBytes();
    QString status;
    if (size > m_offset) {
        const auto mib = [](qint64 b) { return QString::number(double(b) / (1024 * 1024), 'f', 1); };
        status = QStringLiteral("Showing the first %1 MiB of %2 MiB.").arg(mib(m_offset), mib(size));
        if (!more)
            status += QStringLiteral(" The viewer stops at %1 MiB; open with the system viewer for the rest.")
                          .arg(maxBytes() / (1024 * 1024));
    }
    const QString text = reason.isEmpty() ? status : status.isEmpty() ? reason : reason + QLatin1Char(' ') + status;
    m_note->setText(text);
    m_note->setVisible(!text.isEmpty());
    m_more->setText(QStringLiteral("Load %1 MiB more").arg(pageBytes() / (1024 * 1024)));
    m_more->setVisible(more);
}

} // namespace mltrl::ui
