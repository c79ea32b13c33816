#include "ui/evidence/BinaryEvidenceViewer.h"

#include <QFontDatabase>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace mltrl::ui {

QString BinaryEvidenceViewer::hexDump(const QByteArray &bytes)
{
    QString out;
    for (qsizetype offset = 0; offset < bytes.size(); offset += 16) {
        const QByteArray line = bytes.mid(offset, 16);
        QString hex;
        QString text;
        for (qsizetype i = 0; i < 16; ++i) {
            if (i < line.size()) {
                const auto byte = static_cast<unsigned char>(line[i]);
                hex += QStringLiteral("%1 ").arg(byte, 2, 16, QLatin1Char('0'));
                text += (byte >= 0x20 && byte < 0x7f) ? QLatin1Char(static_cast<char>(byte)) : QLatin1Char('.');
            } else {
                hex += QStringLiteral("   ");
            }
            if (i == 7)
                hex += QLatin1Char(' ');
        }
        out += QStringLiteral("%1  %2 |%3|\n").arg(offset, 8, 16, QLatin1Char('0')).arg(hex, text);
    }
    return out;
}

BinaryEvidenceViewer::BinaryEvidenceViewer(const EvidenceSource &source, QWidget *parent)
      : EvidenceViewer(source, parent), m_dump(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("binaryViewer"));
    auto *note = new QLabel(this);
    note->setWordWrap(true);
    note->setTextFormat(Qt::PlainText); // names from the archive: never markup
    note->setText(QStringLiteral("The workbench has no viewer for “%1” (%2, %3 bytes). The first %4 bytes are shown "
                                 "below; use “Open with system viewer” to see the whole file.")
                      .arg(source.fileName(),
                           source.mediaType.isEmpty() ? QStringLiteral("no media type") : source.mediaType,
                           QLocale().toString(source.size))
                      .arg(kPreviewBytes));
    m_dump->setObjectName(QStringLiteral("hexDump"));
    m_dump->setReadOnly(true);
    m_dump->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_dump->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(note);
    layout->addWidget(m_dump, 1);
    readBytes(kPreviewBytes, [this](const QByteArray &bytes, const QString &error) {
        m_dump->setPlainText(error.isEmpty() ? hexDump(bytes) : error);
    });
}

} // namespace mltrl::ui
