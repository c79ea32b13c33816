#include "evidence/TextEvidenceViewer.h"

#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace mltrl::ui {

TextEvidenceViewer::TextEvidenceViewer(const EvidenceSource &source, QWidget *parent)
    : EvidenceViewer(source, parent), m_editor(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("textViewer"));
    m_editor->setObjectName(QStringLiteral("textEditor"));
    m_editor->setReadOnly(true);
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_editor);
    readBytes(maxBytes(), [this](const QByteArray &bytes, const QString &error) {
        if (!error.isEmpty()) {
            m_editor->setPlainText(error);
            return;
        }
        QString text = QString::fromUtf8(bytes);
        if (this->source().size > maxBytes())
            text += QStringLiteral("\n\n[… only the first %1 MiB are shown; open with the system viewer for the rest]")
                        .arg(maxBytes() / (1024 * 1024));
        m_editor->setPlainText(text);
    });
}

TextEvidenceViewer::~TextEvidenceViewer()
{
    deleteHelpers();
}

} // namespace mltrl::ui
