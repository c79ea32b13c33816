#include "review/ReviewForm.h"

#include "common/BackgroundJob.h"
#include "panels/PanelUtil.h"
#include "plots/MetricPlot.h"
#include "review/AnnotationStore.h"
#include "review/DraftCommands.h"
#include "review/KeyDialog.h"
#include "review/Passphrase.h"
#include "review/ReviewBuilder.h"
#include "review/ReviewChecks.h"
#include "review/ReviewSigner.h"
#include "review/ReviewStore.h"
#include "review/SignDialog.h"
#include "review/SigningKey.h"
#include "review/TrustDialog.h"
#include "session/ProjectContext.h"
#include "session/StoreGuard.h"
#include "store/RevisionData.h"
#include "store/Store.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace mltrl::ui {

namespace {

const QStringList kVerdicts{QStringLiteral("met"), QStringLiteral("not_met"), QStringLiteral("waived"),
                            QStringLiteral("not_applicable")};
const QStringList kOutcomes{QStringLiteral("advance"), QStringLiteral("advance_with_conditions"),
                            QStringLiteral("hold"), QStringLiteral("switchback")};

QString targetText(const nlohmann::json &target)
{
    if (target.contains("evidence"))
        return QObject::tr("evidence %1").arg(QString::fromStdString(target["evidence"].get<std::string>()));
    if (target.contains("metric"))
        return QObject::tr("metric %1").arg(QString::fromStdString(target["metric"].get<std::string>()));
    if (target.contains("criterion"))
        return QObject::tr("criterion %1").arg(QString::fromStdString(target["criterion"].get<std::string>()));
    if (target.contains("requirement"))
        return QObject::tr("requirement %1").arg(QString::fromStdString(target["requirement"].get<std::string>()));
    if (target.contains("card"))
        return QObject::tr("card of level %1").arg(QString::fromStdString(target["card"].dump()));
    return QObject::tr("the project");
}

} // namespace

ReviewForm::ReviewForm(ProjectContext *context, QWidget *parent)
    : QWidget(parent), m_context(context), m_defaultPassphrases(std::make_unique<DialogPassphraseProvider>()),
      m_passphrases(m_defaultPassphrases.get()), m_gates(new QComboBox(this)), m_status(new QLabel(this)),
      m_criteria(new QTableWidget(this)), m_outcome(new QComboBox(this)), m_conditions(new QPlainTextEdit(this)),
      m_toLevel(new QSpinBox(this)), m_rationale(new QPlainTextEdit(this)), m_blockers(new QListWidget(this)),
      m_problems(new QLabel(this)), m_sign(new QPushButton(tr("&Sign…"), this)),
      m_trust(new QPushButton(tr("&Trust…"), this)),
      m_acceptAll(new QPushButton(tr("Accept all &suggestions"), this)), m_reviews(new QTableWidget(this))
{
    m_criteria->setColumnCount(ColumnCount);
    m_criteria->setHorizontalHeaderLabels({tr("Criterion"), tr("Text"), tr("Observed"), tr("Threshold"),
                                           tr("Suggested"), tr("Verdict"), tr("Note"), tr("Check")});
    m_criteria->verticalHeader()->hide();
    m_criteria->setSelectionMode(QAbstractItemView::NoSelection);
    m_criteria->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_criteria->setWordWrap(true);
    // The criterion text and the reviewer's note share the spare width; the rest fit their contents,
    // so the table never needs a horizontal scroll bar at a laptop's width.
    m_criteria->horizontalHeader()->setSectionResizeMode(Text, QHeaderView::Stretch);
    m_criteria->horizontalHeader()->setSectionResizeMode(Note, QHeaderView::Stretch);
    m_criteria->horizontalHeader()->setSectionResizeMode(Check, QHeaderView::ResizeToContents);
    m_criteria->setMinimumHeight(150);   // the whole form fits a 1280×720 screen (issue 18)

    m_outcome->addItem(tr("— choose —"), QString());
    for (const QString &o : kOutcomes)
        m_outcome->addItem(o, o);
    m_toLevel->setRange(-1, 9);
    m_toLevel->setSpecialValueText(tr("—"));
    m_conditions->setPlaceholderText(tr("One condition per line"));
    m_conditions->setMaximumHeight(80);
    m_rationale->setPlaceholderText(tr("Why this outcome"));
    m_rationale->setMaximumHeight(90);
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::RichText);
    m_status->setTextFormat(Qt::RichText);

    m_reviews->setColumnCount(RColumnCount);
    m_reviews->setHorizontalHeaderLabels({tr("Review"), tr("Gate"), tr("Reviewer"), tr("Role"), tr("Outcome"),
                                          tr("Signed at"), tr("Signature"), tr("Signer"), tr("Stale")});
    m_reviews->verticalHeader()->hide();
    m_reviews->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_reviews->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_reviews->horizontalHeader()->setStretchLastSection(true);
    // Signature, signer and staleness first: at 1280 px a stale review never reads as valid.
    orderColumns(m_reviews, {RGate, ROutcome, RSignature, RSigner, RStale, RSignedAt, RReviewer, RRole, RId});

    auto *header = new QFormLayout;
    header->addRow(tr("&Gate:"), m_gates);
    header->addRow(tr("Status:"), m_status);

    auto *decision = new QGroupBox(tr("Decision"), this);
    auto *decisionForm = new QFormLayout(decision);
    decisionForm->addRow(tr("&Outcome:"), m_outcome);
    decisionForm->addRow(tr("&Conditions:"), m_conditions);
    decisionForm->addRow(tr("Switch back to &level:"), m_toLevel);
    decisionForm->addRow(tr("&Rationale:"), m_rationale);

    auto *blockers = new QGroupBox(tr("Open blocker annotations (acknowledge before an advance)"), this);
    auto *blockersLayout = new QVBoxLayout(blockers);
    blockersLayout->addWidget(m_blockers);

    // Right of the decision: what still stands between the draft and a signature, then the
    // buttons — so the criteria table above keeps the height.
    auto *buttons = new QHBoxLayout;
    m_acceptAll->setToolTip(tr("Take every remaining metric suggestion as your verdict (recorded as an accepted "
                               "suggestion). A suggestion is never signed unless you accept it."));
    buttons->addWidget(m_acceptAll);
    buttons->addStretch(1);
    buttons->addWidget(m_trust);
    buttons->addWidget(m_sign);
    auto *side = new QVBoxLayout;
    side->addWidget(blockers, 1);
    // The rule book's list can be long (one line per criterion without a verdict): it scrolls
    // in a box of its own, so the form never grows past a 720-pixel-high screen.
    auto *problemsBox = new QScrollArea(this);
    problemsBox->setObjectName(QStringLiteral("problemsBox"));
    problemsBox->setWidget(m_problems);
    problemsBox->setWidgetResizable(true);
    problemsBox->setFrameShape(QFrame::NoFrame);
    problemsBox->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    problemsBox->setMaximumHeight(fontMetrics().lineSpacing() * 8);
    m_problems->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    side->addWidget(problemsBox, 1);
    m_waiting = new QWidget(this);
    m_waiting->setObjectName(QStringLiteral("signingWait"));
    auto *waitingLayout = new QHBoxLayout(m_waiting);
    waitingLayout->setContentsMargins(0, 0, 0, 0);
    m_waitingLabel = new QLabel(m_waiting);
    m_waitingLabel->setWordWrap(true);
    m_cancelSigning = new QPushButton(tr("Cancel"), m_waiting);
    m_cancelSigning->setObjectName(QStringLiteral("cancelSigning"));
    connect(m_cancelSigning, &QPushButton::clicked, this, &ReviewForm::cancelSigning);
    waitingLayout->addWidget(m_waitingLabel, 1);
    waitingLayout->addWidget(m_cancelSigning);
    m_waiting->hide();
    side->addWidget(m_waiting);
    side->addLayout(buttons);

    auto *formPart = new QWidget(this);
    auto *formLayout = new QVBoxLayout(formPart);
    formLayout->setContentsMargins(0, 0, 0, 0);
    formLayout->addLayout(header);
    formLayout->addWidget(m_criteria, 1);
    auto *lower = new QHBoxLayout;
    lower->addWidget(decision, 3);
    lower->addLayout(side, 2);
    formLayout->addLayout(lower);

    auto *reviewsPart = new QGroupBox(tr("Signed reviews of this project"), this);
    reviewsPart->setMinimumHeight(170);   // three signed reviews in view; the splitter gives more
    auto *reviewsLayout = new QVBoxLayout(reviewsPart);
    reviewsLayout->addWidget(m_reviews);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(formPart);
    split->addWidget(reviewsPart);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_gates, &QComboBox::currentIndexChanged, this, &ReviewForm::fillCriteria);
    connect(m_outcome, &QComboBox::activated, this, [this](int index) {
        const QString o = m_outcome->itemData(index).toString();
        pushDraftEdit(m_context, new SetOutcomeCommand(m_context, key(),
                                                       o.isEmpty() ? std::nullopt : std::optional(o.toStdString())));
    });
    connect(m_toLevel, &QSpinBox::valueChanged, this, [this](int value) {
        if (m_refreshing)
            return;
        pushDraftEdit(m_context, new SetToLevelCommand(m_context, key(), value < 0 ? std::nullopt : std::optional(value)));
    });
    connect(m_conditions, &QPlainTextEdit::textChanged, this, &ReviewForm::editConditions);
    connect(m_rationale, &QPlainTextEdit::textChanged, this, [this] {
        if (m_refreshing)
            return;
        pushDraftEdit(m_context, new SetRationaleCommand(m_context, key(), m_rationale->toPlainText().toStdString()));
    });
    connect(m_blockers, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        if (m_refreshing)
            return;
        pushDraftEdit(m_context, new AcknowledgeBlockerCommand(m_context, key(), item->data(Qt::UserRole).toString().toStdString(),
                                                               item->checkState() == Qt::Checked));
    });
    connect(m_acceptAll, &QPushButton::clicked, this, [this] {
        if (m_context->revision() && !currentGate().isEmpty())
            pushDraftEdit(m_context, new AcceptSuggestionsCommand(m_context, key()));
    });
    connect(m_sign, &QPushButton::clicked, this, &ReviewForm::startSigning);
    connect(m_trust, &QPushButton::clicked, this, &ReviewForm::openTrustDialog);
    connect(context, &ProjectContext::revisionChanged, this, &ReviewForm::reload);
    connect(context, &ProjectContext::reviewsChanged, this, [this] {
        refreshDraft();
        refreshBlockerChecks();
        refreshReviews();
        refreshProblems();
    });
    connect(context, &ProjectContext::annotationsChanged, this, [this] {
        refreshBlockers();
        refreshProblems();
    });
    reload();
}

ReviewForm::~ReviewForm()
{
    if (m_signJob) {
        // Closing while a signature is pending: end the wait, then the job.
        m_pendingKey->cancel();
        BackgroundJob::stop(m_signJob);
    }
}

void ReviewForm::setPassphraseProvider(PassphraseProvider *provider)
{
    m_passphrases = provider ? provider : m_defaultPassphrases.get();
}

DraftKey ReviewForm::key() const
{
    const auto r = m_context->revision();
    return DraftKey{r ? r->overview.revisionId : 0, currentGate().toStdString(), {}};
}

ReviewDraft ReviewForm::draft() const
{
    const DraftKey k = key();
    return guardStore(*m_context, tr("Reading the review draft"), [&] {
               return ReviewDraftStore(m_context->store()->db(), k.reviewer).load(k.revisionId, k.gate);
           }).value_or(ReviewDraft{k.revisionId, k.gate, k.reviewer, {}, {}, {}, {}, {}});
}

void ReviewForm::reload()
{
    {
        const QSignalBlocker block(m_gates);
        m_gates->clear();
        if (const auto r = m_context->revision()) {
            for (const Gate &g : r->manifest.gates)
                m_gates->addItem(tr("%1 — level %2: %3").arg(QString::fromStdString(g.id)).arg(g.level).arg(QString::fromStdString(g.title)),
                                 QString::fromStdString(g.id));
        }
        m_gates->setCurrentIndex(m_gates->count() - 1);
    }
    fillCriteria();
}

bool ReviewForm::selectGate(const QString &gateId)
{
    const int i = m_gates->findData(gateId);
    if (i < 0)
        return false;
    m_gates->setCurrentIndex(i);
    return true;
}

QString ReviewForm::currentGate() const
{
    return m_gates->currentData().toString();
}

QComboBox *ReviewForm::verdictBox(int row) const
{
    return qobject_cast<QComboBox *>(m_criteria->cellWidget(row, Verdict));
}

QPushButton *ReviewForm::acceptButton(int row) const
{
    return qobject_cast<QPushButton *>(m_criteria->cellWidget(row, Suggested));
}

QLineEdit *ReviewForm::noteEdit(int row) const
{
    return qobject_cast<QLineEdit *>(m_criteria->cellWidget(row, Note));
}

int ReviewForm::rowOf(const QString &criterionId) const
{
    for (int r = 0; r < m_criteria->rowCount(); ++r)
        if (m_criteria->item(r, Id)->data(kIdRole).toString() == criterionId)
            return r;
    return -1;
}

void ReviewForm::fillCriteria()
{
    m_criteria->setRowCount(0);
    const auto r = m_context->revision();
    const Gate *gate = r ? r->manifest.findGate(currentGate().toStdString()) : nullptr;
    if (gate) {
        m_criteria->setRowCount(static_cast<int>(gate->criteria.size()));
        int row = 0;
        for (const Criterion &c : gate->criteria) {
            const CriterionOverview *o = r->criterion(gate->id, c.id);
            const QString id = QString::fromStdString(c.id);
            auto *idItem = new QTableWidgetItem(id);
            idItem->setData(kIdRole, id);
            m_criteria->setItem(row, Id, idItem);
            m_criteria->setItem(row, Text, new QTableWidgetItem(QString::fromStdString(c.text)));
            m_criteria->setItem(row, Observed, new QTableWidgetItem(
                c.isQuantitative() ? (o && o->observed ? exactNumber(*o->observed) : tr("none")) : QString()));
            m_criteria->setItem(row, Threshold, new QTableWidgetItem(
                c.isQuantitative() && c.threshold
                    ? QStringLiteral("%1 %2").arg(QString::fromUtf8(toString(c.op).data()), exactNumber(*c.threshold))
                    : QString()));
            const QString suggested = o && o->suggested ? QString::fromStdString(*o->suggested) : QString();
            m_criteria->setItem(row, Suggested, new QTableWidgetItem(
                suggested.isEmpty() ? (c.isQuantitative() ? tr("? no value") : tr("reviewer decides")) : QString()));
            if (!suggested.isEmpty()) {
                // A suggestion is shown as one, never pre-filled as the verdict (G1): the
                // reviewer accepts it here, or chooses a verdict of their own.
                auto *accept = new QPushButton(tr("%1 — accept").arg(suggested), m_criteria);
                accept->setToolTip(tr("The metrics suggest %1. Accept it as your verdict.").arg(suggested));
                connect(accept, &QPushButton::clicked, this, [this, id, suggested] {
                    pushDraftEdit(m_context, new SetVerdictCommand(m_context, key(), id.toStdString(),
                                                                   suggested.toStdString(), true));
                });
                m_criteria->setCellWidget(row, Suggested, accept);
            }
            m_criteria->setItem(row, Check, new QTableWidgetItem);

            auto *verdict = new QComboBox(m_criteria);
            verdict->addItem(tr("— choose —"), QString());
            for (const QString &v : kVerdicts)
                verdict->addItem(v, v);
            connect(verdict, &QComboBox::activated, this, [this, id, verdict](int index) {
                const QString v = verdict->itemData(index).toString();
                pushDraftEdit(m_context, new SetVerdictCommand(m_context, key(), id.toStdString(),
                                                               v.isEmpty() ? std::nullopt : std::optional(v.toStdString())));
            });
            m_criteria->setCellWidget(row, Verdict, verdict);
            auto *note = new QLineEdit(m_criteria);
            note->setPlaceholderText(tr("note"));
            connect(note, &QLineEdit::textEdited, this, [this, id](const QString &text) {
                pushDraftEdit(m_context, new SetNoteCommand(m_context, key(), id.toStdString(), text.toStdString()));
            });
            m_criteria->setCellWidget(row, Note, note);
            ++row;
        }
    }
    m_criteria->resizeColumnsToContents();
    m_criteria->setColumnWidth(Text, std::min(m_criteria->columnWidth(Text), 320));
    m_criteria->setColumnWidth(Note, std::max(m_criteria->columnWidth(Note), 220));
    m_criteria->resizeRowsToContents();
    refreshDraft();
    refreshBlockers();
    refreshReviews();
    refreshProblems();
}

void ReviewForm::refreshDraft()
{
    const auto r = m_context->revision();
    if (!r || currentGate().isEmpty())
        return;
    m_refreshing = true;
    const ReviewDraft d = draft();
    const Gate *gate = r->manifest.findGate(d.gate);
    for (int row = 0; gate && row < m_criteria->rowCount(); ++row) {
        const std::string id = m_criteria->item(row, Id)->data(kIdRole).toString().toStdString();
        const DraftVerdict *v = d.verdictFor(id);
        const CriterionOverview *o = r->criterion(d.gate, id);
        // Only what the reviewer set or accepted is shown as the verdict (G1).
        const std::optional<std::string> shown = v ? v->verdict : std::nullopt;
        const bool accepted = v && v->verdict && v->fromSuggestion;
        QComboBox *box = verdictBox(row);
        box->setCurrentIndex(shown ? box->findData(QString::fromStdString(*shown)) : 0);
        box->setToolTip(accepted ? tr("%1 — suggestion accepted").arg(QString::fromStdString(*shown)) : QString());
        if (QPushButton *accept = acceptButton(row)) {
            const QString suggested = o && o->suggested ? QString::fromStdString(*o->suggested) : QString();
            accept->setEnabled(!shown);
            accept->setText(accepted ? tr("%1 — accepted").arg(suggested) : tr("%1 — accept").arg(suggested));
        }
        QLineEdit *note = noteEdit(row);
        const QString noteText = v ? QString::fromStdString(v->note) : QString();
        if (note->text() != noteText)
            note->setText(noteText);
    }
    m_outcome->setCurrentIndex(d.outcome ? m_outcome->findData(QString::fromStdString(*d.outcome)) : 0);
    const bool switchback = d.outcome == std::optional<std::string>("switchback");
    m_toLevel->setEnabled(switchback);
    m_toLevel->setValue(d.toLevel.value_or(-1));
    m_conditions->setEnabled(d.outcome == std::optional<std::string>("advance_with_conditions"));
    if (conditionLines(m_conditions->toPlainText()) != d.conditions) {
        QStringList lines;
        for (const std::string &c : d.conditions)
            lines << QString::fromStdString(c);
        m_conditions->setPlainText(lines.join(QLatin1Char('\n')));
    }
    if (m_rationale->toPlainText().toStdString() != d.rationale)
        m_rationale->setPlainText(QString::fromStdString(d.rationale));
    m_refreshing = false;
}

void ReviewForm::editConditions()
{
    if (m_refreshing)
        return;
    const std::vector<std::string> lines = conditionLines(m_conditions->toPlainText());
    if (lines == draft().conditions)
        return;   // a blank line or trailing space: nothing the record would carry changed
    pushDraftEdit(m_context, new SetConditionsCommand(m_context, key(), lines));
}

void ReviewForm::refreshBlockers()
{
    m_refreshing = true;
    m_blockers->clear();
    const auto r = m_context->revision();
    if (r) {
        const ReviewDraft d = draft();
        const auto annotations = guardStore(*m_context, tr("Reading the annotations"), [&] {
            return AnnotationStore(m_context->store()->db()).forRevision(r->overview.revisionId);
        });
        for (const Annotation &a : annotations.value_or(std::vector<Annotation>{})) {
            if (a.status != "open" || a.severity != "blocker")
                continue;
            auto *item = new QListWidgetItem(tr("⚠ %1 — on %2").arg(QString::fromStdString(a.text), targetText(a.target)),
                                             m_blockers);
            item->setData(Qt::UserRole, QString::fromStdString(a.id));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(d.isAcknowledged(a.id) ? Qt::Checked : Qt::Unchecked);
        }
    }
    if (m_blockers->count() == 0) {
        auto *none = new QListWidgetItem(tr("No open blocker annotations."), m_blockers);
        none->setFlags(Qt::NoItemFlags);
    }
    m_refreshing = false;
}

void ReviewForm::refreshBlockerChecks()
{
    // In place (never rebuilding the list): this runs inside the list's own itemChanged when
    // the reviewer ticks a box, and after an undo.
    m_refreshing = true;
    const ReviewDraft d = draft();
    for (int i = 0; i < m_blockers->count(); ++i) {
        QListWidgetItem *item = m_blockers->item(i);
        const QString id = item->data(Qt::UserRole).toString();
        if (!id.isEmpty())
            item->setCheckState(d.isAcknowledged(id.toStdString()) ? Qt::Checked : Qt::Unchecked);
    }
    m_refreshing = false;
}

std::optional<ReviewInput> ReviewForm::inputForSigning(QStringList &problems) const
{
    const auto r = m_context->revision();
    if (!r || !r->manifest.findGate(currentGate().toStdString())) {
        problems << tr("Open a project and choose a gate.");
        return std::nullopt;
    }
    const ReviewDraft d = draft();
    const auto input = guardStore(*m_context, tr("Checking the review"),
                                  [&] { return signingInput(*m_context->store(), *r, d, problems); });
    if (!input)
        problems << tr("The store cannot be read: %1").arg(m_context->lastStoreError());
    return input.value_or(std::nullopt);
}

QStringList ReviewForm::problems() const
{
    QStringList out;
    (void)inputForSigning(out);
    return out;
}

void ReviewForm::refreshProblems()
{
    const QStringList list = problems();
    // Per row: what the reviewer still has to do there.
    for (int row = 0; row < m_criteria->rowCount(); ++row) {
        const QString id = m_criteria->item(row, Id)->data(kIdRole).toString();
        QString check;
        for (const QString &p : list)
            if (criterionOfProblem(p) == id)
                check = p;
        QTableWidgetItem *item = m_criteria->item(row, Check);
        // Short in the cell (the column stays narrow), the whole sentence in the tooltip.
        const QString shortText = check.contains(QStringLiteral("note")) ? tr("⚠ note required")
                                  : check.isEmpty()                       ? tr("✓")
                                                                          : tr("⚠ verdict needed");
        item->setText(shortText);
        item->setToolTip(check);
        item->setForeground(check.isEmpty() ? QColor(0x00, 0x6B, 0x4E) : QColor(0xA0, 0x40, 0x00));
    }
    m_sign->setEnabled(list.isEmpty());
    showProblems(list);
}

void ReviewForm::showProblems(const QStringList &problems)
{
    if (problems.isEmpty()) {
        m_problems->setText(tr("Ready to sign. The draft is saved as you type."));
        return;
    }
    QStringList items;
    for (const QString &p : problems)
        items << QStringLiteral("<li>%1</li>").arg(p.toHtmlEscaped());
    m_problems->setText(tr("<b>Before signing:</b><ul style=\"margin:0\">%1</ul>").arg(items.join(QString())));
}

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
        const auto set = [&](int col, const QString &text) { m_reviews->setItem(row, col, new QTableWidgetItem(text)); };
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
            m_reviews->item(row, RRole)->setToolTip(tr("reviewer_roles does not grant this role to %1: the review "
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
    m_reviews->setColumnWidth(RStale, std::min(m_reviews->columnWidth(RStale), 300));   // the reasons wrap
    m_reviews->resizeRowsToContents();
    const Gate *gate = r->manifest.findGate(currentGate().toStdString());
    if (!gate) {
        m_status->clear();
        return;
    }
    const GateStatus status = gateStatus(*gate, reviews.checks, reviews.standings);
    const QString counted = status.counted == 1 ? tr("1 review counted") : tr("%1 reviews counted").arg(status.counted);
    m_status->setText(QStringLiteral("<b>%1</b> (%2)").arg(
        gateStatusText(status, passedWithoutReview(r->manifest, *gate, status)).toHtmlEscaped(), counted));
}

bool ReviewForm::startSigning()
{
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
