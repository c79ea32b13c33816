#include "ui/review/ReviewForm.h"

#include "core/review/AnnotationStore.h"
#include "core/review/ReviewBuilder.h"
#include "core/review/ReviewSigner.h"
#include "core/review/ReviewStore.h"
#include "core/review/SigningKey.h"
#include "core/store/RevisionData.h"
#include "core/store/Store.h"
#include "ui/common/BackgroundJob.h"
#include "ui/common/StatusColours.h"
#include "ui/panels/PanelUtil.h"
#include "ui/plots/MetricPlot.h"
#include "ui/review/DraftCommands.h"
#include "ui/review/KeyDialog.h"
#include "ui/review/Passphrase.h"
#include "ui/review/ReviewChecks.h"
#include "ui/review/SignDialog.h"
#include "ui/review/TrustDialog.h"
#include "ui/session/ProjectContext.h"

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
    m_criteria->setMinimumHeight(150); // the whole form fits a 1280×720 screen (issue 18)

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
    reviewsPart->setMinimumHeight(170); // three signed reviews in view; the splitter gives more
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
        pushDraftEdit(m_context,
                      new SetToLevelCommand(m_context, key(), value < 0 ? std::nullopt : std::optional(value)));
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
        pushDraftEdit(m_context,
                      new AcknowledgeBlockerCommand(m_context, key(), item->data(Qt::UserRole).toString().toStdString(),
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
    return m_context->draft(k.revisionId, k.gate, k.reviewer);
}

void ReviewForm::reload()
{
    fillGateBox(m_gates, m_context->revision().get());
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
            m_criteria->setItem(row, Observed,
                                new QTableWidgetItem(c.isQuantitative()
                                                         ? (o && o->observed ? exactNumber(*o->observed) : tr("none"))
                                                         : QString()));
            m_criteria->setItem(
                row, Threshold,
                new QTableWidgetItem(c.isQuantitative() && c.threshold
                                         ? QStringLiteral("%1 %2").arg(QString::fromUtf8(toString(c.op).data()),
                                                                       exactNumber(*c.threshold))
                                         : QString()));
            const QString suggested = o && o->suggested ? QString::fromStdString(*o->suggested) : QString();
            m_criteria->setItem(row, Suggested,
                                new QTableWidgetItem(suggested.isEmpty() ? (c.isQuantitative() ? tr("? no value")
                                                                                               : tr("reviewer decides"))
                                                                         : QString()));
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
                pushDraftEdit(m_context,
                              new SetVerdictCommand(m_context, key(), id.toStdString(),
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
        return; // a blank line or trailing space: nothing the record would carry changed
    pushDraftEdit(m_context, new SetConditionsCommand(m_context, key(), lines));
}

void ReviewForm::refreshBlockers()
{
    m_refreshing = true;
    m_blockers->clear();
    const auto r = m_context->revision();
    if (r) {
        const ReviewDraft d = draft();
        const auto work = m_context->reviewWork();
        for (const Annotation &a : work->annotations) {
            if (a.status != "open" || a.severity != "blocker")
                continue;
            auto *item = new QListWidgetItem(
                tr("⚠ %1 — on %2").arg(QString::fromStdString(a.text), targetText(a.target)), m_blockers);
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
    return signingInput(*r, m_context->reviewWork()->annotations, draft(), problems);
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
                                  : check.isEmpty()                      ? tr("✓")
                                                                         : tr("⚠ verdict needed");
        item->setText(shortText);
        item->setToolTip(check);
        item->setForeground(check.isEmpty() ? status::passText() : status::failText());
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

} // namespace mltrl::ui
