#include "ui/review/Passphrase.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace mltrl::ui {

void wipe(std::string &text)
{
    volatile char *p = text.data();
    for (std::size_t i = 0; i < text.size(); ++i)
        p[i] = '\0';
    text.clear();
}

void wipe(QString &text)
{
    // detach() gives this QString its own buffer, so the wipe does not touch shared copies
    // and does reach the characters this object holds.
    text.detach();
    auto *p = reinterpret_cast<volatile char16_t *>(text.data());
    for (qsizetype i = 0; i < text.size(); ++i)
        p[i] = u'\0';
    text.clear();
}

Secret Secret::takeFrom(QString &text)
{
    QByteArray utf8 = text.toUtf8();
    Secret s(std::string(utf8.constData(), static_cast<std::size_t>(utf8.size())));
    volatile char *p = utf8.data();
    for (qsizetype i = 0; i < utf8.size(); ++i)
        p[i] = '\0';
    wipe(text);
    return s;
}

Secret &Secret::operator=(Secret &&other) noexcept
{
    if (this != &other) {
        clear();
        m_text = std::move(other.m_text);
        other.clear();
    }
    return *this;
}

void Secret::clear()
{
    wipe(m_text);
}

namespace {

/// Takes a password field's text into a Secret and wipes the field.
Secret take(QLineEdit *edit)
{
    QString text = edit->text();
    edit->clear();
    return Secret::takeFrom(text);
}

QLineEdit *passwordField(QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setEchoMode(QLineEdit::Password);
    edit->setMinimumWidth(280);
    return edit;
}

} // namespace

std::optional<Secret> DialogPassphraseProvider::passphrase(QWidget *parent, const QString &prompt)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(QObject::tr("Passphrase"));
    auto *form = new QFormLayout(&dialog);
    auto *label = new QLabel(prompt, &dialog);
    label->setWordWrap(true);
    form->addRow(label);
    QLineEdit *edit = passwordField(&dialog);
    form->addRow(QObject::tr("&Passphrase:"), edit);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    const bool ok = dialog.exec() == QDialog::Accepted;
    Secret s = take(edit);
    if (!ok)
        return std::nullopt;
    return s;
}

std::optional<Secret> DialogPassphraseProvider::newPassphrase(QWidget *parent, const QString &prompt)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(QObject::tr("New passphrase"));
    auto *form = new QFormLayout(&dialog);
    auto *label = new QLabel(prompt, &dialog);
    label->setWordWrap(true);
    form->addRow(label);
    QLineEdit *first = passwordField(&dialog);
    QLineEdit *second = passwordField(&dialog);
    form->addRow(QObject::tr("&Passphrase:"), first);
    form->addRow(QObject::tr("&Again:"), second);
    auto *status = new QLabel(&dialog);
    form->addRow(status);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    const auto check = [=] {
        const bool same = first->text() == second->text();
        ok->setEnabled(same);
        status->setText(!same                     ? QObject::tr("The two entries differ.")
                        : first->text().isEmpty() ? QObject::tr("Empty: the key is stored unencrypted.")
                                                  : QString());
    };
    QObject::connect(first, &QLineEdit::textChanged, &dialog, check);
    QObject::connect(second, &QLineEdit::textChanged, &dialog, check);
    check();
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    const bool accepted = dialog.exec() == QDialog::Accepted;
    Secret s = take(first);
    Secret again = take(second);
    if (!accepted)
        return std::nullopt;
    return s;
}

std::optional<Secret> FixedPassphraseProvider::passphrase(QWidget *, const QString &prompt)
{
    ++m_requests;
    m_lastPrompt = prompt;
    if (!m_answer)
        return std::nullopt;
    return Secret(*m_answer);
}

std::optional<Secret> FixedPassphraseProvider::newPassphrase(QWidget *parent, const QString &prompt)
{
    return passphrase(parent, prompt);
}

} // namespace mltrl::ui
