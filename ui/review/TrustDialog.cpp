#include "ui/review/TrustDialog.h"

#include "core/crypto/AllowedSigners.h"
#include "core/review/KeyRing.h"
#include "core/review/ReviewRecord.h"
#include "core/review/ReviewerRoles.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace mltrl::ui {

namespace {

QString readText(const std::filesystem::path &file)
{
    QFile in(QString::fromStdString(file.string()));
    return in.open(QIODevice::ReadOnly) ? QString::fromUtf8(in.readAll()) : QString();
}

bool writeText(const std::filesystem::path &file, QString text, QString &error)
{
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    QSaveFile out(QString::fromStdString(file.string()));
    if (!text.isEmpty() && !text.endsWith(QLatin1Char('\n')))
        text += QLatin1Char('\n');
    if (!out.open(QIODevice::WriteOnly) || out.write(text.toUtf8()) < 0 || !out.commit()) {
        error = QObject::tr("%1 cannot be written: %2").arg(QString::fromStdString(file.string()), out.errorString());
        return false;
    }
    return true;
}

} // namespace

TrustDialog::TrustDialog(std::filesystem::path file, QWidget *parent, std::filesystem::path rolesFile)
      : QDialog(parent), m_file(std::move(file)),
        m_rolesFile(rolesFile.empty() ? m_file.parent_path() / "reviewer_roles" : std::move(rolesFile)),
        m_text(new QPlainTextEdit(this)), m_roles(new QPlainTextEdit(this)), m_check(new QLabel(this))
{
    setWindowTitle(tr("Trusted signers"));
    auto *intro = new QLabel(tr("Reviews count towards a gate's sign-offs only when their signer is allowed here "
                                "for the namespace mltrl-gate-review (OpenSSH allowed_signers format: "
                                "<tt>principal [options] key</tt>, one per line).<br>File: %1")
                                 .arg(QString::fromStdString(m_file.string()).toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_check->setWordWrap(true);
    m_text->setPlainText(readText(m_file));
    auto *rolesIntro = new QLabel(tr("Roles: a review counts towards a gate's sign-off role only when this file "
                                     "grants that role to its signer (<tt>email role</tt>, one per line; "
                                     "<tt>#</tt> starts a comment). The role a review claims is not enough.<br>"
                                     "File: %1")
                                      .arg(QString::fromStdString(m_rolesFile.string()).toHtmlEscaped()),
                                  this);
    rolesIntro->setWordWrap(true);
    m_roles->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_roles->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_roles->setPlainText(readText(m_rolesFile));

    auto *import = new QPushButton(tr("&Import file…"), this);
    auto *own = new QPushButton(tr("Add &my key"), this);
    auto *ownRole = new QPushButton(tr("Add my &role"), this);
    auto *tools = new QHBoxLayout;
    tools->addWidget(import);
    tools->addWidget(own);
    tools->addStretch(1);
    auto *roleTools = new QHBoxLayout;
    roleTools->addWidget(ownRole);
    roleTools->addStretch(1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(tools);
    layout->addWidget(m_text, 2);
    layout->addWidget(rolesIntro);
    layout->addLayout(roleTools);
    layout->addWidget(m_roles, 1);
    layout->addWidget(m_check);
    layout->addWidget(buttons);
    resize(760, 560);

    connect(m_text, &QPlainTextEdit::textChanged, this, &TrustDialog::check);
    connect(m_roles, &QPlainTextEdit::textChanged, this, &TrustDialog::check);
    connect(ownRole, &QPushButton::clicked, this, &TrustDialog::addOwnRole);
    connect(import, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import allowed_signers"));
        if (!path.isEmpty())
            importFile(path);
    });
    connect(own, &QPushButton::clicked, this, &TrustDialog::addOwnKey);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    check();
}

void TrustDialog::appendLines(QPlainTextEdit *editor, const QString &lines)
{
    QString text = editor->toPlainText();
    if (!text.isEmpty() && !text.endsWith(QLatin1Char('\n')))
        text += QLatin1Char('\n');
    editor->setPlainText(text + lines);
}

bool TrustDialog::importFile(const QString &path)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        m_check->setText(tr("%1 cannot be read.").arg(path));
        return false;
    }
    appendLines(m_text, QString::fromUtf8(in.readAll()));
    return true;
}

bool TrustDialog::addOwnKey()
{
    const auto choice = KeyRing().current();
    if (!choice) {
        m_check->setText(tr("You have no signing key yet: it is created when you first sign."));
        return false;
    }
    appendLines(m_text,
                QStringLiteral("%1 namespaces=\"%2\" %3\n")
                    .arg(QString::fromStdString(choice->identity.email), QString::fromUtf8(kReviewNamespace.data()),
                         QString::fromStdString(choice->identity.publicKey)));
    return true;
}

bool TrustDialog::addOwnRole()
{
    const auto choice = KeyRing().current();
    if (!choice || choice->identity.role.empty()) {
        m_check->setText(choice ? tr("Your signing key names no role.")
                                : tr("You have no signing key yet: it is created when you first sign."));
        return false;
    }
    appendLines(m_roles, QStringLiteral("%1 %2\n").arg(QString::fromStdString(choice->identity.email),
                                                       QString::fromStdString(choice->identity.role)));
    return true;
}

void TrustDialog::check()
{
    Problems problems;
    const AllowedSigners signers =
        AllowedSigners::parse(m_text->toPlainText().toStdString(), problems, "allowed_signers");
    int keys = 0;
    for (const AllowedSigner &s : signers.entries())
        keys += s.malformed ? 0 : 1;
    const ReviewerRoles roles = ReviewerRoles::parse(m_roles->toPlainText().toStdString(), problems, "reviewer_roles");
    const int grants = static_cast<int>(roles.grantsList().size());
    QStringList lines;
    for (const Problem &p : problems.items())
        lines << QString::fromStdString(p.toString()).toHtmlEscaped();
    const QString counts = tr("%1 signer line%2 and %3 role grant%4 readable")
                               .arg(keys)
                               .arg(keys == 1 ? QString() : QStringLiteral("s"))
                               .arg(grants)
                               .arg(grants == 1 ? QString() : QStringLiteral("s"));
    m_check->setText(lines.isEmpty() ? counts + QStringLiteral(".")
                                     : counts + tr("; problems:<br>%1").arg(lines.join(QStringLiteral("<br>"))));
}

bool TrustDialog::save()
{
    QString error;
    if (!writeText(m_file, m_text->toPlainText(), error) || !writeText(m_rolesFile, m_roles->toPlainText(), error)) {
        m_check->setText(error);
        return false;
    }
    return true;
}

} // namespace mltrl::ui
