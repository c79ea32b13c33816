#pragma once
/// First use of signing: create the reviewer's key (an OpenSSH Ed25519 key; name, email, role;
/// the passphrase comes from a PassphraseProvider, entered twice) the way `mltrl keygen` does,
/// choose an OpenSSH key file, or one of the keys ssh-agent holds (listed). Shows the public key as an OpenSSH line and
/// its SHA256 fingerprint. Never opened at startup: the review form opens it on the first
/// "Sign…".
#include "core/review/KeyRing.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace mltrl::ui {

class PassphraseProvider;

class KeyDialog : public QDialog {
    Q_OBJECT
public:
    /// `roles`: suggestions for the role (the sign-off roles of the project's gates).
    KeyDialog(KeyRing ring, PassphraseProvider *passphrases, const QStringList &roles, QWidget *parent = nullptr);

    /// Creates the workbench key from the fields (asks the passphrase); false with the reason
    /// shown in the dialog when it cannot.
    bool createKey();
    /// Uses the OpenSSH key in the path field (its .pub must be beside it).
    bool useSshKey();
    /// Uses the key chosen in the list of keys ssh-agent holds.
    bool useAgentKey();

    [[nodiscard]] const std::optional<SigningKeyChoice> &choice() const { return m_choice; }

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *emailEdit() const { return m_email; }
    QComboBox *roleEdit() const { return m_role; }
    QLineEdit *sshKeyEdit() const { return m_sshKey; }
    QPushButton *createButton() const { return m_create; }
    QPushButton *useSshButton() const { return m_useSsh; }
    QPushButton *doneButton() const { return m_done; }
    QLineEdit *publicKeyLine() const { return m_publicLine; }
    QLabel *fingerprintLabel() const { return m_fingerprint; }
    QLabel *messageLabel() const { return m_message; }
    QComboBox *agentKeyList() const { return m_agentKeys; }
    QPushButton *useAgentButton() const { return m_useAgent; }

private:
    [[nodiscard]] bool identityComplete();
    void chosen(SigningKeyChoice choice, const QString &fingerprint);

    KeyRing m_ring;
    PassphraseProvider *m_passphrases;
    QLineEdit *m_name;
    QLineEdit *m_email;
    QComboBox *m_role;
    QLineEdit *m_sshKey;
    QPushButton *m_create;
    QPushButton *m_useSsh;
    QPushButton *m_done;
    QLineEdit *m_publicLine;
    QLabel *m_fingerprint;
    QLabel *m_message;
    QComboBox *m_agentKeys;
    QPushButton *m_useAgent;
    std::optional<SigningKeyChoice> m_choice;
};

} // namespace mltrl::ui
