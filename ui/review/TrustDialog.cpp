#include "review/TrustDialog.h"

#include "crypto/AllowedSigners.h"
#include "review/KeyRing.h"
#include "review/ReviewRecord.h"

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

TrustDialog::TrustDialog(std::filesystem::path file, QWidget *parent)
    : QDialog(parent), m_file(std::move(file)), m_text(new QPlainTextEdit(this)), m_check(new QLabel(this))
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
    QFile in(QString::fromStdString(m_file.string()));
    if (in.open(QIODevice::ReadOnly))
        m_text->setPlainText(QString::fromUtf8(in.readAll()));

    auto *import = new QPushButton(tr("&Import file…"), this);
    auto *own = new QPushButton(tr("Add &my key"), this);
    auto *tools = new QHBoxLayout;
    tools->addWidget(import);
    tools->addWidget(own);
    tools->addStretch(1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(tools);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_check);
    layout->addWidget(buttons);
    resize(760, 420);

    connect(m_text, &QPlainTextEdit::textChanged, this, &TrustDialog::check);
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

void TrustDialog::appendLines(const QString &lines)
{
    QString text = m_text->toPlainText();
    if (!text.isEmpty() && !text.endsWith(QLatin1Char('\n')))
        text += QLatin1Char('\n');
    m_text->setPlainText(text + lines);
}

bool TrustDialog::importFile(const QString &path)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        m_check->setText(tr("%1 cannot be read.").arg(path));
        return false;
    }
    appendLines(QString::fromUtf8(in.readAll()));
    return true;
}

bool TrustDialog::addOwnKey()
{
    const auto choice = KeyRing().current();
    if (!choice) {
        m_check->setText(tr("You have no signing key yet: it is created when you first sign."));
        return false;
    }
    appendLines(QStringLiteral("%1 namespaces=\"%2\" %3\n")
                    .arg(QString::fromStdString(choice->identity.email), QString::fromUtf8(kReviewNamespace.data()),
                         QString::fromStdString(choice->identity.publicKey)));
    return true;
}

void TrustDialog::check()
{
    Problems problems;
    const AllowedSigners signers = AllowedSigners::parse(m_text->toPlainText().toStdString(), problems, "allowed_signers");
    int keys = 0;
    for (const AllowedSigner &s : signers.entries())
        keys += s.malformed ? 0 : 1;
    QStringList lines;
    for (const Problem &p : problems.items())
        lines << QString::fromStdString(p.toString()).toHtmlEscaped();
    m_check->setText(lines.isEmpty() ? tr("%n signer line(s), all readable.", nullptr, keys)
                                     : tr("%n signer line(s) readable; problems:<br>%1", nullptr, keys).arg(lines.join(QStringLiteral("<br>"))));
}

bool TrustDialog::save()
{
    std::error_code ec;
    std::filesystem::create_directories(m_file.parent_path(), ec);
    QSaveFile out(QString::fromStdString(m_file.string()));
    QString text = m_text->toPlainText();
    if (!text.isEmpty() && !text.endsWith(QLatin1Char('\n')))
        text += QLatin1Char('\n');
    if (!out.open(QIODevice::WriteOnly) || out.write(text.toUtf8()) < 0 || !out.commit()) {
        m_check->setText(tr("%1 cannot be written: %2").arg(QString::fromStdString(m_file.string()), out.errorString()));
        return false;
    }
    return true;
}

} // namespace mltrl::ui
