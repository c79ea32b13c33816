#pragma once
/// Edits the verifier's trust of the workbench, the two files of the keys folder: the OpenSSH
/// allowed_signers file (who may sign reviews with which key) and reviewer_roles (which
/// sign-off roles each signer holds, amendment 1.1 G4 — a role a review merely claims does not
/// count). Import a file (its lines are added), add the workbench user's own key or role, or
/// edit the text; every line is checked as it is typed (core AllowedSigners, ReviewerRoles) and
/// both files are written atomically on Save.
#include <QDialog>

#include <filesystem>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace mltrl::ui {

class TrustDialog : public QDialog {
    Q_OBJECT
public:
    /// `rolesFile` empty: `reviewer_roles` beside `file`.
    explicit TrustDialog(std::filesystem::path file, QWidget *parent = nullptr, std::filesystem::path rolesFile = {});

    /// Adds the lines of an allowed_signers file; false when it cannot be read.
    bool importFile(const QString &path);
    /// Adds `principal namespaces="mltrl-gate-review" <key>` for the chosen signing key.
    bool addOwnKey();
    /// Adds `email role` for the chosen signing key's identity (its role, when it has one).
    bool addOwnRole();
    /// Writes the text (atomically); false with the reason shown.
    bool save();

    [[nodiscard]] QPlainTextEdit *editor() const { return m_text; }
    [[nodiscard]] QLabel *checkLabel() const { return m_check; }
    [[nodiscard]] QPlainTextEdit *rolesEditor() const { return m_roles; }

private:
    void check();
    static void appendLines(QPlainTextEdit *editor, const QString &lines);

    std::filesystem::path m_file;
    std::filesystem::path m_rolesFile;
    QPlainTextEdit *m_text;
    QPlainTextEdit *m_roles;
    QLabel *m_check;
};

} // namespace mltrl::ui
