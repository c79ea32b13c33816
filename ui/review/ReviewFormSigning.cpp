// The review form's signing workflow: the key (made on first use), the summary to confirm,
// the passphrase, the signature (on a worker thread when ssh-agent or ssh-keygen may wait,
// with Cancel), and storing the signed review.
#include "ui/review/ReviewForm.h"

#include "ui/common/BackgroundJob.h"

#include "core/review/ReviewBuilder.h"
#include "core/review/ReviewStore.h"
#include "core/review/SigningKey.h"
#include "core/store/RevisionData.h"
#include "core/store/Store.h"
#include "ui/review/KeyDialog.h"
#include "ui/review/Passphrase.h"
#include "ui/review/SignDialog.h"
#include "ui/review/TrustDialog.h"
#include "ui/session/ProjectContext.h"

#include <QLabel>
#include <QPushButton>
#include <QUndoStack>

#include <algorithm>

namespace mltrl::ui {

bool ReviewForm::startSigning()
{
    // The record carries the revision's open annotations: take in any made outside this
    // window (the CLI) since the snapshot was read; the form refreshes if there are.
    if (!m_context->reloadReviewWork()) {
        showProblems({tr("The store cannot be read: %1").arg(m_context->lastStoreError())});
        return false;
    }
    QStringList list;
    if (!inputForSigning(list)) {
        showProblems(list);
        return false;
    }
    if (auto choice = KeyRing().current()) {
        continueWithKey(*choice);
        return true;
    }
    // First use: the key is made now, never at startup.
    QStringList roles;
    if (const auto r = m_context->revision())
        for (const Gate &g : r->manifest.gates)
            for (const Signoff &s : g.signoffs)
                if (!roles.contains(QString::fromStdString(s.role)))
                    roles << QString::fromStdString(s.role);
    delete m_keyDialog;
    m_keyDialog = new KeyDialog(KeyRing(), m_passphrases, roles, this);
    connect(m_keyDialog, &QDialog::accepted, this, [this] {
        if (m_keyDialog->choice())
            continueWithKey(*m_keyDialog->choice());
    });
    m_keyDialog->open();
    return true;
}

void ReviewForm::continueWithKey(const SigningKeyChoice &choice)
{
    QStringList list;
    auto input = inputForSigning(list);
    if (!input) {
        showProblems(list);
        return;
    }
    input->reviewer = choice.identity;
    Problems problems;
    const auto record = ReviewBuilder(*m_context->revision()).build(*input, problems);
    if (!record) {
        for (const Problem &p : problems.errors())
            list << QString::fromStdString(p.toString());
        showProblems(list);
        return;
    }
    m_signingKey = choice;
    delete m_signDialog;
    m_signDialog = new SignDialog(*record, choice.openSsh, this);
    connect(m_signDialog, &QDialog::accepted, this, &ReviewForm::finishSigning);
    m_signDialog->open();
}

void ReviewForm::finishSigning()
{
    if (!m_signDialog || !m_signingKey || m_signJob)
        return;
    const ReviewRecord record = m_signDialog->record();
    Problems problems;
    // Any key: the workbench's (OpenSSH now, PKCS#8 before), the user's OpenSSH key, or a key
    // in ssh-agent. The passphrase of an encrypted key the agent does not hold is asked here,
    // in the workbench's own dialog, and reaches ssh-keygen through SSH_ASKPASS.
    SigningKeyOptions options;
    if (SigningKey::needsPassphrase(m_signingKey->keyFile)) {
        std::optional<Secret> pass = m_passphrases->passphrase(
            this, tr("Passphrase of %1").arg(QString::fromStdString(m_signingKey->keyFile.string())));
        if (!pass)
            return;
        options.passphrase = std::string(pass->view());
        pass->clear();
    }
    auto key = SigningKey::open(m_signingKey->keyFile, options, problems);
    std::fill(options.passphrase.begin(), options.passphrase.end(), '\0');
    if (!key) {
        storeSigned(record, std::nullopt, problems);
        return;
    }
    if (key->method() == SigningMethod::InProcess) {
        auto made = key->sign(record, problems);
        storeSigned(record, std::move(made), problems);
        return;
    }
    // The agent or ssh-keygen may wait for the user (a confirmation, a token touch, a
    // passphrase): sign on a worker thread and keep the window alive, with a way out.
    auto pending = std::make_shared<const SigningKey>(std::move(*key));
    struct Outcome {
        std::optional<SignedReview> made;
        Problems problems;
    };
    m_pendingKey = pending;
    switch (pending->method()) {
    case SigningMethod::Agent:
        m_waitingLabel->setText(tr("Waiting for ssh-agent (confirm, or touch your security key if it blinks)…"));
        break;
    case SigningMethod::Decrypt:
        m_waitingLabel->setText(tr("Decrypting the key…"));
        break;
    default:
        m_waitingLabel->setText(tr("Waiting for ssh-keygen (touch your security key if it blinks)…"));
        break;
    }
    m_waiting->show();
    m_cancelSigning->setEnabled(true);
    m_sign->setEnabled(false);
    m_signJob = runJob<Outcome>(
        this,
        [pending, record](JobContext &) {
            Outcome out;
            out.made = pending->sign(record, out.problems);
            return out;
        },
        [this, record](JobResult<Outcome> result) {
            m_signJob = nullptr;
            m_pendingKey.reset();
            m_waiting->hide();
            refreshProblems();
            if (!result.ok())
                result.value.emplace().problems.error(record.id, result.error.toStdString());
            storeSigned(record, std::move(result.value->made), result.value->problems);
        });
}

void ReviewForm::cancelSigning()
{
    if (!m_pendingKey)
        return;
    m_pendingKey->cancel();
    m_cancelSigning->setEnabled(false);
    m_waitingLabel->setText(tr("Cancelling…"));
}

bool ReviewForm::isSigning() const
{
    return m_signJob != nullptr;
}

void ReviewForm::storeSigned(const ReviewRecord &record, std::optional<SignedReview> made, Problems &problems)
{
    const auto r = m_context->revision();
    if (!made || !ReviewStore(m_context->store()->db()).addSigned(r->overview.revisionId, *made, problems)) {
        QStringList list;
        for (const Problem &p : problems.errors())
            list << QString::fromStdString(p.toString());
        showProblems(list);
        return;
    }
    // The draft became the signed review; the next review of this gate starts afresh.
    Problems ignored;
    ReviewDraftStore(m_context->store()->db()).discard(r->overview.revisionId, record.gate, ignored);
    // Signing is a point of no return: undoing a draft edit now would bring back a draft of a
    // review that is already signed, so the history ends here.
    m_context->undoStack()->clear();
    emit m_context->notice(tr("Review %1 of %2 signed and stored.")
                               .arg(QString::fromStdString(record.id), QString::fromStdString(record.gate)));
    emit m_context->reviewsChanged();
    emit signedReview(QString::fromStdString(record.id));
}

void ReviewForm::openTrustDialog()
{
    auto *dialog = new TrustDialog(KeyRing().allowedSignersFile(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, m_context, &ProjectContext::reviewsChanged);
    dialog->open();
}

} // namespace mltrl::ui
