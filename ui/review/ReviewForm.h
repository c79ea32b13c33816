#pragma once
/// The gate review form (panel "Review"): a verdict and note per criterion (the metrics'
/// suggestion pre-filled), the outcome with its conditions or target level, the rationale,
/// and the open blocker annotations to acknowledge before an advance. Every edit is a draft
/// command (durable, undoable). "Sign…" builds the record, shows its summary, asks the
/// passphrase, signs and stores the review; below, the project's signed reviews with their
/// verification and the gate status.
#include "core/review/KeyRing.h"
#include "core/review/ReviewDraft.h"
#include "core/review/ReviewSigner.h"
#include "ui/common/BackgroundJob.h"
#include "ui/review/DraftCommands.h"

#include <QPointer>
#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace mltrl {
class SigningKey;
}

namespace mltrl::ui {

class KeyDialog;
class PassphraseProvider;
class ProjectContext;
class SignDialog;

class ReviewForm : public QWidget {
    Q_OBJECT
public:
    enum Column { Id, Text, Observed, Threshold, Suggested, Verdict, Note, Check, ColumnCount };
    enum ReviewColumn { RId, RGate, RReviewer, RRole, ROutcome, RSignedAt, RSignature, RSigner, RStale, RColumnCount };

    explicit ReviewForm(ProjectContext *context, QWidget *parent = nullptr);
    ~ReviewForm() override;

    /// The passphrase seam (default: dialogs). Not owned.
    void setPassphraseProvider(PassphraseProvider *provider);

    bool selectGate(const QString &gateId);
    [[nodiscard]] QString currentGate() const;
    /// The stored draft of the current gate.
    [[nodiscard]] ReviewDraft draft() const;

    /// What stands between the draft and a signature (empty: ready to sign).
    [[nodiscard]] QStringList problems() const;

    /// Starts signing: opens the key dialog on first use, then the summary; both are
    /// window-modal and non-blocking (open()), so tests drive them. False when the draft is
    /// not ready (the problems are shown).
    bool startSigning();

    // For tests and the shell.
    [[nodiscard]] QTableWidget *criteria() const { return m_criteria; }
    [[nodiscard]] QComboBox *verdictBox(int row) const;
    [[nodiscard]] QLineEdit *noteEdit(int row) const;
    [[nodiscard]] int rowOf(const QString &criterionId) const;
    [[nodiscard]] QComboBox *outcomeBox() const { return m_outcome; }
    [[nodiscard]] QPlainTextEdit *conditionsEdit() const { return m_conditions; }
    [[nodiscard]] QSpinBox *toLevelBox() const { return m_toLevel; }
    [[nodiscard]] QPlainTextEdit *rationaleEdit() const { return m_rationale; }
    [[nodiscard]] QListWidget *blockerList() const { return m_blockers; }
    [[nodiscard]] QLabel *statusLabel() const { return m_status; }
    [[nodiscard]] QLabel *problemsLabel() const { return m_problems; }
    [[nodiscard]] QPushButton *signButton() const { return m_sign; }
    /// G1's one explicit action: accept every remaining suggestion.
    [[nodiscard]] QPushButton *acceptAllButton() const { return m_acceptAll; }
    /// The "Accept" button of a criterion's suggestion (null when the metrics suggest nothing).
    [[nodiscard]] QPushButton *acceptButton(int row) const;
    [[nodiscard]] QTableWidget *reviewsTable() const { return m_reviews; }
    [[nodiscard]] KeyDialog *keyDialog() const { return m_keyDialog; }
    [[nodiscard]] SignDialog *signDialog() const { return m_signDialog; }
    /// While a signature through ssh-agent or ssh-keygen is pending: "Waiting for …" and Cancel.
    [[nodiscard]] QWidget *waitingRow() const { return m_waiting; }
    [[nodiscard]] QLabel *waitingLabel() const { return m_waitingLabel; }
    [[nodiscard]] QPushButton *cancelSigningButton() const { return m_cancelSigning; }
    [[nodiscard]] bool isSigning() const;
    /// Ends a pending signature (the agent request or ssh-keygen); nothing is stored.
    void cancelSigning();

signals:
    /// A review was signed and stored (its id).
    void signedReview(const QString &reviewId);

private:
    void reload();
    void fillCriteria();
    void refreshDraft();
    void refreshBlockers();
    void refreshBlockerChecks();
    void refreshReviews();
    void refreshProblems();
    [[nodiscard]] DraftKey key() const;
    [[nodiscard]] std::optional<ReviewInput> inputForSigning(QStringList &problems) const;
    void continueWithKey(const SigningKeyChoice &choice);
    void finishSigning();
    void storeSigned(const ReviewRecord &record, std::optional<SignedReview> made, Problems &problems);
    void showProblems(const QStringList &problems);
    void editConditions();
    void openTrustDialog();

    ProjectContext *m_context;
    std::unique_ptr<PassphraseProvider> m_defaultPassphrases;
    PassphraseProvider *m_passphrases;
    QComboBox *m_gates;
    QLabel *m_status;
    QTableWidget *m_criteria;
    QComboBox *m_outcome;
    QPlainTextEdit *m_conditions;
    QSpinBox *m_toLevel;
    QPlainTextEdit *m_rationale;
    QListWidget *m_blockers;
    QLabel *m_problems;
    QPushButton *m_sign;
    QPushButton *m_trust;
    QPushButton *m_acceptAll;
    QTableWidget *m_reviews;
    KeyDialog *m_keyDialog = nullptr;
    SignDialog *m_signDialog = nullptr;
    std::optional<SigningKeyChoice> m_signingKey;
    QWidget *m_waiting = nullptr;
    QLabel *m_waitingLabel = nullptr;
    QPushButton *m_cancelSigning = nullptr;
    QPointer<BackgroundJob> m_signJob;
    std::shared_ptr<const SigningKey> m_pendingKey;
    bool m_refreshing = false;
};

} // namespace mltrl::ui
