#pragma once
/// Edits the workbench's OpenSSH allowed_signers file: who may sign reviews with which key.
/// Import a file (its lines are added), add the workbench user's own key, or edit the text;
/// every line is checked as it is typed (core AllowedSigners) and the file is written
/// atomically on Save.
#include <QDialog>

#include <filesystem>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace mltrl::ui {

class TrustDialog : public QDialog {
    Q_OBJECT
public:
    explicit TrustDialog(std::filesystem::path file, QWidget *parent = nullptr);

    /// Adds the lines of an allowed_signers file; false when it cannot be read.
    bool importFile(const QString &path);
    /// Adds `principal namespaces="mltrl-gate-review" <key>` for the chosen signing key.
    bool addOwnKey();
    /// Writes the text (atomically); false with the reason shown.
    bool save();

    [[nodiscard]] QPlainTextEdit *editor() const { return m_text; }
    [[nodiscard]] QLabel *checkLabel() const { return m_check; }

private:
    void check();
    void appendLines(const QString &lines);

    std::filesystem::path m_file;
    QPlainTextEdit *m_text;
    QLabel *m_check;
};

} // namespace mltrl::ui
