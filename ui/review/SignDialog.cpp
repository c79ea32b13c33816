#include "ui/review/SignDialog.h"

#include "core/common/QtText.h"
#include "core/crypto/Ed25519Key.h"
#include "core/crypto/SshPublicKey.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace mltrl::ui {

QString SignDialog::summaryHtml(const ReviewRecord &r)
{
    QString html;
    const auto pub = SshPublicKey::fromOpenSsh(r.reviewer.publicKey);
    html += QObject::tr("<h3>Review of %1 (level %2) — %3</h3>")
                .arg(htmlEscaped(r.gate))
                .arg(r.level)
                .arg(htmlEscaped(r.decision.outcome));
    html += QObject::tr("<p><b>Reviewer:</b> %1 &lt;%2&gt;%3<br><b>Key:</b> %4</p>")
                .arg(htmlEscaped(r.reviewer.name), htmlEscaped(r.reviewer.email),
                     r.reviewer.role.empty() ? QString() : QStringLiteral(", ") + htmlEscaped(r.reviewer.role),
                     pub ? htmlEscaped(pub->fingerprint()) : QObject::tr("(unreadable)"));
    html += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\" "
                           "border=\"1\"><tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th></tr>")
                .arg(QObject::tr("Criterion"), QObject::tr("Verdict"), QObject::tr("Observed"), QObject::tr("Note"));
    for (const CriterionVerdict &v : r.verdicts)
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
                    .arg(htmlEscaped(v.criterion), htmlEscaped(v.verdict),
                         v.observed ? QString::fromStdString(shortestDouble(*v.observed)) : QStringLiteral("—"),
                         v.note ? htmlEscaped(*v.note) : QString());
    html += QStringLiteral("</table>");
    if (r.decision.toLevel)
        html += QObject::tr("<p><b>Switch back to level:</b> %1</p>").arg(*r.decision.toLevel);
    if (!r.decision.conditions.empty()) {
        html += QObject::tr("<p><b>Conditions:</b></p><ul>");
        for (const std::string &c : r.decision.conditions)
            html += QStringLiteral("<li>%1</li>").arg(htmlEscaped(c));
        html += QStringLiteral("</ul>");
    }
    if (r.decision.rationale)
        html += QObject::tr("<p><b>Rationale:</b> %1</p>").arg(htmlEscaped(*r.decision.rationale));
    if (!r.annotations.empty())
        html += QObject::tr("<p><b>Open annotations carried:</b> %1</p>").arg(r.annotations.size());
    html += QObject::tr("<p><b>Binds:</b> manifest %1…, %2 evidence files, %3 metric files. "
                        "Once signed the review cannot be changed; a correction supersedes it.</p>")
                .arg(htmlEscaped(r.manifestSha256.substr(0, 16)))
                .arg(r.evidence.size())
                .arg(r.metrics.size());
    return html;
}

SignDialog::SignDialog(const ReviewRecord &record, bool openSshKey, QWidget *parent)
      : QDialog(parent), m_record(record), m_summary(new QTextBrowser(this)), m_sign(new QPushButton(tr("&Sign"), this))
{
    setWindowTitle(tr("Sign review"));
    m_summary->setHtml(summaryHtml(record));
    auto *how =
        new QLabel(openSshKey ? tr("Signed with your OpenSSH key: by ssh-agent when it holds the key (it may ask "
                                   "for a confirmation or a touch), else here (asking its passphrase if it has one).")
                              : tr("You will be asked for your key's passphrase if it has one."),
                   this);
    how->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_sign, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    m_sign->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary, 1);
    layout->addWidget(how);
    layout->addWidget(buttons);
    resize(640, 520);
}

} // namespace mltrl::ui
