#include "ui/meeting/NoteDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace mltrl::ui {

NoteDialog::NoteDialog(const QString &title, const QString &text, int pixelSize, QWidget *parent)
      : QDialog(parent), m_edit(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("meetingNoteDialog"));
    setWindowTitle(title);
    QFont f = font();
    f.setPixelSize(pixelSize);
    setFont(f);
    auto *heading = new QLabel(title, this);
    heading->setWordWrap(true);
    m_edit->setObjectName(QStringLiteral("meetingNoteEdit"));
    m_edit->setPlainText(text);
    m_edit->moveCursor(QTextCursor::End);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setToolTip(QStringLiteral("Save the note (Ctrl+Enter)"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (const QKeySequence &keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)})
        connect(new QShortcut(keys, this), &QShortcut::activated, this, &QDialog::accept);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_edit, 1);
    layout->addWidget(buttons);
    resize(pixelSize * 34, pixelSize * 14);
}

QString NoteDialog::text() const
{
    return m_edit->toPlainText().trimmed();
}

} // namespace mltrl::ui
