// The review form's lower part: the project's signed reviews (signature, signer, staleness,
// supersession, whether reviewer_roles grants the role) and the gate's status above the form.
#include "ui/review/ReviewForm.h"

#include "core/review/GateStatus.h"
#include "core/store/RevisionData.h"
#include "core/store/Store.h"
#include "ui/panels/PanelUtil.h"
#include "ui/review/ReviewChecks.h"
#include "ui/session/ProjectContext.h"
#include "ui/session/StoreGuard.h"

#include <QComboBox>
#include <QLabel>
#include <QTableWidget>

#include <algorithm>

namespace mltrl::ui {

void ReviewForm::refreshReviews()
{
    m_reviews->setRowCount(0);
    const auto r = m_context->revision();
    if (!r) {
        m_status->clear();
        return;
    }
    const VerifiedReviews reviews = guardStore(*m_context, tr("Reading the signed reviews"), [&] {
                                        return verifyProjectReviews(*m_context->store(), *r, workbenchTrust());
                                    }).value_or(VerifiedReviews{});
    m_reviews->setRowCount(static_cast<int>(reviews.stored.size()));
    for (std::size_t i = 0; i < reviews.stored.size(); ++i) {
        const StoredReview &s = reviews.stored[i];
        const ReviewCheck &c = reviews.checks[i];
        const int row = static_cast<int>(i);
        const auto set = [&](int col, const QString &text) {
            m_reviews->setItem(row, col, new QTableWidgetItem(text));
        };
        set(RId, QString::fromStdString(s.id.substr(0, 8)));
        m_reviews->item(row, RId)->setToolTip(QString::fromStdString(s.id));
        set(RGate, QString::fromStdString(s.gateId));
        set(RReviewer, c.record ? QStringLiteral("%1 <%2>").arg(QString::fromStdString(c.record->reviewer.name),
                                                                QString::fromStdString(c.record->reviewer.email))
                                : QString::fromStdString(s.reviewerEmail));
        const ReviewStanding &standing = reviews.standings[i];
        const Gate *reviewedGate = r->manifest.findGate(s.gateId);
        const bool selfDeclared = !standing.roleGranted && reviewedGate && !reviewedGate->signoffs.empty();
        set(RRole, selfDeclared ? tr("%1 (role self-declared)").arg(QString::fromStdString(s.reviewerRole))
                                : QString::fromStdString(s.reviewerRole));
        if (selfDeclared)
            m_reviews->item(row, RRole)
                ->setToolTip(tr("reviewer_roles does not grant this role to %1: the review "
                                "counts towards no sign-off of this gate")
                                 .arg(QString::fromStdString(s.reviewerEmail)));
        QString outcome = QString::fromStdString(s.outcome);
        if (standing.supersededBy) {
            const StoredReview &by = reviews.stored[*standing.supersededBy];
            outcome = tr("%1 — superseded by %2, %3, %4")
                          .arg(outcome, QString::fromStdString(by.id.substr(0, 8)),
                               QString::fromStdString(by.reviewerEmail), QString::fromStdString(by.signedAt));
        }
        set(ROutcome, outcome);
        if (!standing.warnings.empty())
            m_reviews->item(row, ROutcome)->setToolTip(QString::fromStdString(standing.warnings.front()));
        set(RSignedAt, QString::fromStdString(s.signedAt));
        const bool invalid = c.status == ReviewStatus::Invalid;
        set(RSignature, invalid ? tr("✗ invalid") : tr("✓ valid"));
        if (invalid && !c.reasons.empty())
            m_reviews->item(row, RSignature)->setToolTip(QString::fromStdString(c.reasons.front()));
        set(RSigner, c.signatureOk ? trustText(c.trust) : QString());
        if (!c.trustReason.empty())
            m_reviews->item(row, RSigner)->setToolTip(QString::fromStdString(c.trustReason));
        QStringList changed;
        if (c.status == ReviewStatus::Stale)
            for (const std::string &reason : c.reasons)
                changed << QString::fromStdString(reason);
        set(RStale, changed.isEmpty() ? tr("current") : tr("stale: %1").arg(changed.join(QStringLiteral("; "))));
    }
    m_reviews->resizeColumnsToContents();
    m_reviews->setColumnWidth(RStale, std::min(m_reviews->columnWidth(RStale), 300)); // the reasons wrap
    m_reviews->resizeRowsToContents();
    const Gate *gate = r->manifest.findGate(currentGate().toStdString());
    if (!gate) {
        m_status->clear();
        return;
    }
    const GateStatus status = gateStatus(*gate, reviews.checks, reviews.standings);
    const QString counted = status.counted == 1 ? tr("1 review counted") : tr("%1 reviews counted").arg(status.counted);
    m_status->setText(
        QStringLiteral("<b>%1</b> (%2)")
            .arg(gateStatusText(status, passedWithoutReview(r->manifest, *gate, status)).toHtmlEscaped(), counted));
}

} // namespace mltrl::ui
