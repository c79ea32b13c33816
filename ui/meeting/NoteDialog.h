#pragma once
/// The note dialog of meeting mode: large type, the current note to edit, Ctrl+Enter saves.
#include <QDialog>

class QPlainTextEdit;

namespace mltrl::ui {

class NoteDialog : public QDialog {
    Q_OBJECT
public:
    NoteDialog(const QString &title, const QString &text, int pixelSize, QWidget *parent = nullptr);
    [[nodiscard]] QString text() const;
    [[nodiscard]] QPlainTextEdit *editor() const { return m_edit; }

private:
    QPlainTextEdit *m_edit = nullptr;
};

} // namespace mltrl::ui
