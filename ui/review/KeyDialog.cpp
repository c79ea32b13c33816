#include "ui/review/KeyDialog.h"

#include "core/crypto/SshAgent.h"
#include "core/crypto/SshPublicKey.h"
#include "core/review/ReviewerKey.h"
#include "ui/review/Passphrase.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <fstream>

namespace mltrl::ui {

KeyDialog::KeyDialog(KeyRing ring, PassphraseProvider *passphrases, const QStringList &roles, QWidget *parent)
      : QDialog(parent), m_ring(std::move(ring)), m_passphrases(passphrases), m_name(new QLineEdit(this)),
        m_email(new QLineEdit(this)), m_role(new QComboBox(this)), m_sshKey(new QLineEdit(this)),
        m_create(new QPushButton(tr("&Create key…"), this)), m_useSsh(new QPushButton(tr("&Use this key"), this)),
        m_done(new QPushButton(tr("&Done"), this)), m_publicLine(new QLineEdit(this)), m_fingerprint(new QLabel(this)),
        m_message(new QLabel(this)), m_agentKeys(new QComboBox(this)),
        m_useAgent(new QPushButton(tr("Use &agent key"), this))
{
    setWindowTitle(tr("Your signing key"));
    m_role->setEditable(true);
    m_role->addItems(roles);
    m_role->setCurrentText(QString());
    m_name->setPlaceholderText(tr("e.g. Dana Reviewer"));
    m_email->setPlaceholderText(tr("e.g. dana@example.org (the allowed-signers principal)"));
    m_sshKey->setPlaceholderText(tr("~/.ssh/id_ed25519"));
    m_publicLine->setReadOnly(true);
    m_publicLine->setPlaceholderText(tr("no key yet"));
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setWordWrap(true);

    auto *intro = new QLabel(tr("Reviews are signed with an SSH key that stays on this computer (or in ssh-agent). "
                                "Your name, email and role go into every review you sign."),
                             this);
    intro->setWordWrap(true);

    auto *who = new QGroupBox(tr("Reviewer"), this);
    auto *whoForm = new QFormLayout(who);
    whoForm->addRow(tr("&Name:"), m_name);
    whoForm->addRow(tr("&Email:"), m_email);
    whoForm->addRow(tr("&Role:"), m_role);

    auto *fresh = new QGroupBox(tr("New workbench key"), this);
    auto *freshLayout = new QVBoxLayout(fresh);
    auto *freshText = new QLabel(tr("Written to %1 (mode 0600, encrypted with your passphrase).")
                                     .arg(QString::fromStdString(m_ring.newKeyFile().string())),
                                 this);
    freshText->setWordWrap(true);
    freshLayout->addWidget(freshText);
    freshLayout->addWidget(m_create, 0, Qt::AlignLeft);

    auto *ssh = new QGroupBox(tr("Or sign with an existing OpenSSH key (Ed25519, ECDSA, RSA or a security key)"), this);
    auto *sshLayout = new QHBoxLayout(ssh);
    auto *browse = new QPushButton(tr("&Browse…"), this);
    sshLayout->addWidget(m_sshKey, 1);
    sshLayout->addWidget(browse);
    sshLayout->addWidget(m_useSsh);

    // The keys ssh-agent holds (hardware keys included: the agent asks for the touch).
    auto *agent = new QGroupBox(tr("Or a key in ssh-agent"), this);
    agent->setObjectName(QStringLiteral("agentKeys"));
    auto *agentLayout = new QHBoxLayout(agent);
    agentLayout->addWidget(m_agentKeys, 1);
    agentLayout->addWidget(m_useAgent);
    m_agentKeys->setObjectName(QStringLiteral("agentKeyList"));
    {
        SshAgent sshAgent;
        sshAgent.setTimeoutMs(2000); // a local socket: an agent that does not answer at once is broken
        std::string error;
        const auto keys = sshAgent.socketPath().empty() ? std::nullopt : sshAgent.identities(&error);
        for (const AgentKey &k : keys.value_or(std::vector<AgentKey>{}))
            m_agentKeys->addItem(QStringLiteral("%1 %2 %3")
                                     .arg(QString::fromUtf8(k.key.shortName().data()),
                                          QString::fromStdString(k.key.fingerprint()),
                                          QString::fromStdString(k.comment)),
                                 QString::fromStdString(k.key.toOpenSsh()));
        m_useAgent->setEnabled(m_agentKeys->count() > 0);
        if (m_agentKeys->count() == 0)
            m_agentKeys->addItem(sshAgent.socketPath().empty() ? tr("no ssh-agent (SSH_AUTH_SOCK is not set)")
                                                               : tr("ssh-agent holds no usable key"));
    }

    auto *result = new QGroupBox(tr("Public key"), this);
    auto *resultForm = new QFormLayout(result);
    resultForm->addRow(tr("OpenSSH:"), m_publicLine);
    resultForm->addRow(tr("Fingerprint:"), m_fingerprint);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_done, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    m_done->setEnabled(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(who);
    layout->addWidget(fresh);
    layout->addWidget(ssh);
    layout->addWidget(agent);
    layout->addWidget(result);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    setMinimumWidth(640);

    connect(m_create, &QPushButton::clicked, this, &KeyDialog::createKey);
    connect(m_useSsh, &QPushButton::clicked, this, &KeyDialog::useSshKey);
    connect(m_useAgent, &QPushButton::clicked, this, &KeyDialog::useAgentKey);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("OpenSSH private key"), m_sshKey->text());
        if (!file.isEmpty())
            m_sshKey->setText(file);
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

bool KeyDialog::identityComplete()
{
    if (m_name->text().trimmed().isEmpty() || m_email->text().trimmed().isEmpty()) {
        m_message->setText(tr("Name and email are needed: they go into every review you sign."));
        return false;
    }
    return true;
}

bool KeyDialog::createKey()
{
    if (!identityComplete())
        return false;
    if (std::filesystem::exists(m_ring.newKeyFile())) {
        m_message->setText(tr("A workbench key already exists at %1; it is not replaced.")
                               .arg(QString::fromStdString(m_ring.newKeyFile().string())));
        return false;
    }
    std::optional<Secret> pass =
        m_passphrases->newPassphrase(this, tr("A passphrase for your new signing key (asked each time you sign)."));
    if (!pass) {
        m_message->setText(tr("No key created."));
        return false;
    }
    ReviewerIdentity who{m_name->text().trimmed().toStdString(),
                         m_email->text().trimmed().toStdString(),
                         m_role->currentText().trimmed().toStdString(),
                         {}};
    Problems problems;
    const auto pub = createReviewerKey(m_ring.newKeyFile(), who, pass->view(), problems);
    pass->clear();
    if (!pub) {
        m_message->setText(QString::fromStdString(problems.items().front().toString()));
        return false;
    }
    who.publicKey = pub->toOpenSsh();
    chosen(SigningKeyChoice{m_ring.newKeyFile(), who, false}, QString::fromStdString(pub->fingerprint()));
    return true;
}

bool KeyDialog::useSshKey()
{
    if (!identityComplete())
        return false;
    QString path = m_sshKey->text().trimmed();
    if (path.startsWith(QStringLiteral("~/")))
        path = QDir::homePath() + path.mid(1);
    const std::filesystem::path file = path.toStdString();
    Problems problems;
    auto who = readReviewerIdentity(file, problems);
    if (!isOpenSshPrivateKey(file)) {
        m_message->setText(tr("%1 is not an OpenSSH private key.").arg(path));
        return false;
    }
    if (!who) {
        m_message->setText(QString::fromStdString(problems.items().front().toString()));
        return false;
    }
    who->name = m_name->text().trimmed().toStdString();
    who->email = m_email->text().trimmed().toStdString();
    who->role = m_role->currentText().trimmed().toStdString();
    const auto pub = SshPublicKey::fromOpenSsh(who->publicKey);
    chosen(SigningKeyChoice{file, *who, true}, QString::fromStdString(pub->fingerprint()));
    return true;
}

bool KeyDialog::useAgentKey()
{
    if (!identityComplete() || !m_useAgent->isEnabled())
        return false;
    const auto pub = SshPublicKey::fromOpenSsh(m_agentKeys->currentData().toString().toStdString());
    if (!pub)
        return false;
    // The public half goes into the key ring; SigningKey finds its private half in the agent.
    std::error_code ec;
    std::filesystem::create_directories(m_ring.dir(), ec);
    const std::string fp = pub->fingerprint();
    std::string name = "agent-";
    for (char c : fp.substr(7, 16))
        name.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
    const std::filesystem::path file = m_ring.dir() / (name + ".pub");
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out << pub->toOpenSsh() << "\n";
        if (!out) {
            m_message->setText(tr("Cannot write %1.").arg(QString::fromStdString(file.string())));
            return false;
        }
    }
    ReviewerIdentity who{m_name->text().trimmed().toStdString(), m_email->text().trimmed().toStdString(),
                         m_role->currentText().trimmed().toStdString(), pub->toOpenSsh()};
    chosen(SigningKeyChoice{file, who, true}, QString::fromStdString(fp));
    m_message->setText(tr("Reviews will be signed by ssh-agent with this key."));
    return true;
}

void KeyDialog::chosen(SigningKeyChoice choice, const QString &fingerprint)
{
    Problems problems;
    if (!m_ring.setCurrent(choice, problems)) {
        m_message->setText(QString::fromStdString(problems.items().front().toString()));
        return;
    }
    const auto pub = SshPublicKey::fromOpenSsh(choice.identity.publicKey);
    m_publicLine->setText(
        QString::fromStdString(pub->toOpenSsh(choice.identity.name + " <" + choice.identity.email + ">")));
    m_publicLine->setCursorPosition(0);
    m_fingerprint->setText(fingerprint);
    m_message->setText(choice.openSsh
                           ? tr("Reviews will be signed with this OpenSSH key (in process, through ssh-agent when it "
                                "holds it, or through ssh-keygen).")
                           : tr("Key created. Give the OpenSSH line to whoever keeps the allowed_signers file."));
    m_choice = std::move(choice);
    m_create->setEnabled(false);
    m_useSsh->setEnabled(false);
    m_useAgent->setEnabled(false);
    m_done->setEnabled(true);
    m_done->setDefault(true);
}

} // namespace mltrl::ui
