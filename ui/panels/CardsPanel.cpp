#include "ui/panels/CardsPanel.h"

#include "core/common/QtText.h"
#include "core/store/RevisionData.h"
#include "core/store/Store.h"
#include "ui/cards/CardMarkdown.h"
#include "ui/cards/WordDiff.h"
#include "ui/changes/ChangeTracker.h"
#include "ui/common/BackgroundJob.h"
#include "ui/session/ProjectContext.h"
#include "ui/session/StoreGuard.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QTabWidget>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace mltrl::ui {

namespace {

QString joined(const std::vector<std::string> &ids)
{
    QStringList out;
    for (const std::string &id : ids)
        out << qs(id);
    return out.join(QStringLiteral(", "));
}

} // namespace

std::vector<std::pair<QString, QString>> cardSections(const Card &card)
{
    QStringList debrief;
    for (const DebriefItem &d : card.debrief)
        debrief << QStringLiteral("Q: %1\nA: %2").arg(qs(d.question), qs(d.answer));
    return {{QObject::tr("TL;DR"), qs(card.tldr)},
            {QObject::tr("Model info"), qs(card.modelInfo)},
            {QObject::tr("Intended use"), qs(card.intendedUse)},
            {QObject::tr("Testing status"), qs(card.testingStatus)},
            {QObject::tr("Data considerations"), qs(card.dataConsiderations)},
            {QObject::tr("Caveats"), qs(card.caveats)},
            {QObject::tr("Debrief"), debrief.join(QStringLiteral("\n\n"))},
            {QObject::tr("Requirements"), joined(card.requirements)},
            {QObject::tr("Evidence"), joined(card.evidence)}};
}

QString cardName(const Card &card)
{
    return QObject::tr("Level %1 — %2")
        .arg(card.level)
        .arg(card.component.empty() ? QObject::tr("system") : qs(card.component));
}

CardsPanel::CardsPanel(ProjectContext *context, QWidget *parent)
      : QWidget(parent), m_context(context), m_tabs(new QTabWidget(this)), m_card(new QComboBox(this)),
        m_view(new ArchiveTextBrowser(this)), m_left(new QComboBox(this)), m_rightRevision(new QComboBox(this)),
        m_right(new QComboBox(this)), m_summary(new QLabel(this)), m_diff(new QTextBrowser(this))
{
    m_view->setOpenLinks(false);
    connect(m_view, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == QStringLiteral("requirement"))
            emit m_context->showRequirement(url.path());
        else if (url.scheme() == QStringLiteral("evidence"))
            emit m_context->showEvidence(url.path());
    });
    connect(m_card, &QComboBox::currentIndexChanged, this, &CardsPanel::renderCard);
    connect(m_left, &QComboBox::currentIndexChanged, this, &CardsPanel::renderDiff);
    connect(m_right, &QComboBox::currentIndexChanged, this, &CardsPanel::renderDiff);
    connect(m_rightRevision, &QComboBox::currentIndexChanged, this, &CardsPanel::loadRightRevision);
    m_summary->setWordWrap(true);

    auto *cardPage = new QWidget(this);
    auto *cardLayout = new QVBoxLayout(cardPage);
    auto *pick = new QFormLayout;
    pick->addRow(tr("&Card:"), m_card);
    cardLayout->addLayout(pick);
    cardLayout->addWidget(m_view, 1);

    auto *diffPage = new QWidget(this);
    auto *diffLayout = new QVBoxLayout(diffPage);
    auto *choose = new QHBoxLayout;
    choose->addWidget(new QLabel(tr("Left (this revision):"), this));
    choose->addWidget(m_left, 1);
    choose->addWidget(new QLabel(tr("Right:"), this));
    choose->addWidget(m_rightRevision);
    choose->addWidget(m_right, 1);
    diffLayout->addLayout(choose);
    diffLayout->addWidget(m_summary);
    diffLayout->addWidget(m_diff, 1);

    m_tabs->addTab(cardPage, tr("Card"));
    m_tabs->addTab(diffPage, tr("Compare"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    connect(context, &ProjectContext::revisionChanged, this, &CardsPanel::reload);
    connect(ChangeTracker::of(context), &ChangeTracker::updated, this, &CardsPanel::markChangedCards);
    connect(context, &ProjectContext::showCard, this, [this](int level, const QString &component) {
        if (selectCard(level, component))
            m_tabs->setCurrentIndex(0);
    });
    reload();
}

void CardsPanel::reload()
{
    if (m_job)
        m_job->abandon();
    m_job = nullptr;
    m_other.reset();
    const auto r = m_context->revision();
    for (QComboBox *box : {m_card, m_left, m_rightRevision, m_right}) {
        const QSignalBlocker block(box);
        box->clear();
    }
    if (r) {
        for (const Card &c : r->manifest.cards) {
            m_card->addItem(cardName(c));
            m_left->addItem(cardName(c));
        }
        const QSignalBlocker block(m_rightRevision);
        m_rightRevision->addItem(tr("this revision (%1)").arg(r->overview.revision), 0);
        const auto revisions = guardStore(*m_context, tr("Listing the revisions"),
                                          [&] { return listRevisions(*m_context->store(), r->overview.id); });
        for (const RevisionListEntry &e : revisions.value_or(std::vector<RevisionListEntry>{}))
            if (e.number != r->overview.revision)
                m_rightRevision->addItem(tr("revision %1 (%2)").arg(e.number).arg(qs(e.importedAt)), e.number);
        m_rightRevision->setEnabled(m_rightRevision->count() > 1);
    }
    m_card->setCurrentIndex(m_card->count() - 1);
    {
        const QSignalBlocker block(m_left);
        m_left->setCurrentIndex(std::max(0, m_left->count() - 2));
    }
    fillRightCards();
    renderCard();
    renderDiff();
    markChangedCards();
}

void CardsPanel::markChangedCards()
{
    const auto r = m_context->revision();
    const ChangeTracker *tracker = ChangeTracker::of(m_context);
    if (!r)
        return;
    for (int i = 0; i < m_card->count() && i < static_cast<int>(r->manifest.cards.size()); ++i) {
        const Card &c = r->manifest.cards[static_cast<std::size_t>(i)];
        const QString id =
            c.component.empty() ? QString::number(c.level) : QStringLiteral("%1/%2").arg(c.level).arg(qs(c.component));
        const bool changed = tracker->changed(ChangeKind::Card, id);
        m_card->setItemIcon(i, changed ? changedIcon() : QIcon());
        m_card->setItemData(i, changed ? changedToolTip(tracker->reviewedRevision()) : QVariant(), Qt::ToolTipRole);
    }
}

bool CardsPanel::selectCard(int level, const QString &component)
{
    const auto r = m_context->revision();
    if (!r)
        return false;
    for (std::size_t i = 0; i < r->manifest.cards.size(); ++i) {
        const Card &c = r->manifest.cards[i];
        if (c.level == level && qs(c.component) == component) {
            m_card->setCurrentIndex(static_cast<int>(i));
            return true;
        }
    }
    return false;
}

void CardsPanel::renderCard()
{
    const auto r = m_context->revision();
    const int i = m_card->currentIndex();
    if (!r || i < 0 || i >= static_cast<int>(r->manifest.cards.size())) {
        m_view->setHtml(tr("<p>This revision has no MLTRL cards.</p>"));
        return;
    }
    // Card sections may carry Markdown, like the project summary: rendered as the Overview renders it.
    // Images in a card resolve only to files of this archive revision.
    std::shared_ptr<const ArchiveResources> archive =
        m_context->store() ? ArchiveResources::of(*r, *m_context->store()) : nullptr;
    m_view->setArchiveMarkdown(cardMarkdown(r->manifest.cards[static_cast<std::size_t>(i)], r.get()),
                               std::move(archive));
}

const std::vector<Card> *CardsPanel::rightCards() const
{
    if (m_rightRevision->currentData().toInt() == 0) {
        const auto r = m_context->revision();
        return r ? &r->manifest.cards : nullptr;
    }
    return m_other ? &m_other->manifest.cards : nullptr;
}

void CardsPanel::loadRightRevision()
{
    m_other.reset();
    const int number = m_rightRevision->currentData().toInt();
    const auto r = m_context->revision();
    if (m_job)
        m_job->abandon(); // a revision picked before: its result is not wanted any more
    m_job = nullptr;
    if (number == 0 || !r) {
        fillRightCards();
        renderDiff();
        return;
    }
    {
        const QSignalBlocker block(m_right);
        m_right->clear();
    }
    m_summary->setText(tr("Loading revision %1…").arg(number));
    // Off the UI thread, on the job's own store connection.
    m_job = runJob<std::shared_ptr<const RevisionData>>(
        this, JobStore{m_context->store()->dir()},
        [project = r->overview.id, number](JobContext &job) -> std::shared_ptr<const RevisionData> {
            Problems problems;
            if (auto data = loadRevision(job.store(), project, number, problems))
                return std::make_shared<const RevisionData>(std::move(*data));
            return nullptr;
        },
        [this, number](JobResult<std::shared_ptr<const RevisionData>> result) {
            m_job = nullptr;
            m_other = result.ok() ? *result.value : nullptr;
            if (!m_other)
                m_summary->setText(result.ok()
                                       ? tr("Revision %1 could not be loaded.").arg(number)
                                       : tr("Revision %1 could not be loaded: %2").arg(number).arg(result.error));
            fillRightCards();
            renderDiff();
        });
}

void CardsPanel::fillRightCards()
{
    const QSignalBlocker block(m_right);
    m_right->clear();
    const std::vector<Card> *cards = rightCards();
    if (!cards)
        return;
    for (const Card &c : *cards)
        m_right->addItem(cardName(c));
    // Default: the card the left side shows, else the next level's.
    int pick = -1;
    const auto r = m_context->revision();
    const int left = m_left->currentIndex();
    const bool sameRevision = m_rightRevision->currentData().toInt() == 0;
    if (r && left >= 0 && !sameRevision) {
        const Card &l = r->manifest.cards[static_cast<std::size_t>(left)];
        for (std::size_t i = 0; i < cards->size(); ++i)
            if ((*cards)[i].level == l.level && (*cards)[i].component == l.component)
                pick = static_cast<int>(i);
    }
    if (pick < 0)
        pick = std::min(left + 1, m_right->count() - 1);
    if (m_pendingRightIndex >= 0 && m_pendingRightIndex < m_right->count())
        pick = m_pendingRightIndex;
    m_pendingRightIndex = -1;
    m_right->setCurrentIndex(pick);
}

void CardsPanel::compare(int leftIndex, int rightRevision, int rightIndex)
{
    m_tabs->setCurrentIndex(1);
    {
        const QSignalBlocker block(m_left);
        m_left->setCurrentIndex(leftIndex);
    }
    const int at = m_rightRevision->findData(rightRevision);
    if (at >= 0 && at != m_rightRevision->currentIndex()) {
        m_pendingRightIndex = rightIndex;
        m_rightRevision->setCurrentIndex(at); // loads, then renders and emits compareReady
        return;
    }
    {
        const QSignalBlocker block(m_right);
        m_right->setCurrentIndex(rightIndex);
    }
    renderDiff();
}

void CardsPanel::renderDiff()
{
    m_changed.clear();
    const auto r = m_context->revision();
    const std::vector<Card> *right = rightCards();
    const int li = m_left->currentIndex();
    const int ri = m_right->currentIndex();
    if (!r || !right || li < 0 || ri < 0 || li >= static_cast<int>(r->manifest.cards.size()) ||
        ri >= static_cast<int>(right->size())) {
        m_diff->setHtml(tr("<p>Choose two cards to compare.</p>"));
        if (!m_job)
            m_summary->setText(tr("Nothing to compare."));
        emit compareReady();
        return;
    }
    const auto a = cardSections(r->manifest.cards[static_cast<std::size_t>(li)]);
    const auto b = cardSections((*right)[static_cast<std::size_t>(ri)]);
    QString html =
        QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"6\" border=\"1\" "
                       "style=\"border-collapse:collapse\"><tr><th width=\"16%\">%1</th><th width=\"42%\">%2</th>"
                       "<th width=\"42%\">%3</th></tr>")
            .arg(tr("Section"), m_left->currentText().toHtmlEscaped(),
                 (m_right->currentText() + QStringLiteral(" · ") + m_rightRevision->currentText()).toHtmlEscaped());
    for (std::size_t s = 0; s < a.size(); ++s) {
        const WordDiff d = diffWords(a[s].second, b[s].second);
        if (d.changed)
            m_changed << a[s].first;
        html += QStringLiteral(
                    "<tr><td valign=\"top\"><b>%1</b>%2</td><td valign=\"top\">%3</td><td valign=\"top\">%4</td></tr>")
                    .arg(a[s].first.toHtmlEscaped(),
                         d.changed ? tr("<br><span style=\"color:#a04000\">✎ changed</span>")
                                   : tr("<br><span style=\"color:#666\">= same</span>"),
                         d.leftHtml, d.rightHtml);
    }
    html += QStringLiteral("</table>");
    m_diff->setHtml(html);
    m_summary->setText(m_changed.isEmpty()
                           ? tr("The two cards are identical.")
                           : tr("Changed sections: %1. Removed words are struck through, added words underlined.")
                                 .arg(m_changed.join(QStringLiteral(", "))));
    emit compareReady();
}

} // namespace mltrl::ui
