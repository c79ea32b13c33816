#include "ui/overview/OverviewPanel.h"

#include "core/common/QtText.h"
#include "ui/common/Levels.h"
#include "ui/overview/ComponentsModel.h"
#include "ui/overview/HistoryPlot.h"
#include "ui/overview/MltrlTrackWidget.h"
#include "ui/session/ProjectContext.h"

#include "ui/common/NaturalSort.h"
#include <QAbstractTextDocumentLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLayout>
#include <QScrollArea>

#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <memory>

namespace mltrl::ui {

namespace {
QString peopleHtml(const QString &heading, const std::vector<Person> &people)
{
    QStringList items;
    for (const Person &p : people) {
        QString item = qs(p.name).toHtmlEscaped();
        if (!p.email.empty())
            item = QStringLiteral("<a href=\"mailto:%1\">%2</a>").arg(qs(p.email).toHtmlEscaped(), item);
        if (!p.role.empty())
            item += QStringLiteral(" (%1)").arg(qs(p.role).toHtmlEscaped());
        items << item;
    }
    return QStringLiteral("<b>%1:</b> %2")
        .arg(heading, items.isEmpty() ? QStringLiteral("—") : items.join(QStringLiteral(", ")));
}

QString linksHtml(const std::vector<Link> &links)
{
    QStringList items;
    for (const Link &l : links)
        items << QStringLiteral("<a href=\"%1\">%2</a>")
                     .arg(qs(l.url).toHtmlEscaped(), qs(l.title.empty() ? l.url : l.title).toHtmlEscaped());
    return QStringLiteral("<b>Links:</b> %1")
        .arg(items.isEmpty() ? QStringLiteral("—") : items.join(QStringLiteral(" · ")));
}

QGroupBox *section(const QString &title, QWidget *content, QWidget *parent)
{
    auto *box = new QGroupBox(title, parent);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(content);
    return box;
}
/// The summary shown whole, as tall as its text at the width it gets: a height-for-width
/// widget, so the layout gives it its height before the first frame and the owners and links
/// below never start out drawn over it.
/// The summary, shown whole: its height follows its width from the first frame on. Archive
/// Markdown, so its images resolve only inside the archive (ArchiveTextBrowser).
class SummaryBrowser : public ArchiveTextBrowser {
public:
    explicit SummaryBrowser(QWidget *parent) : ArchiveTextBrowser(parent)
    {
        QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Fixed);
        policy.setHeightForWidth(true);
        setSizePolicy(policy);
        connect(document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
                [this] { updateGeometry(); });
    }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override
    {
        std::unique_ptr<QTextDocument> doc(document()->clone());
        doc->setTextWidth(std::max(1, width - 2 * frameWidth()));
        return static_cast<int>(std::ceil(doc->size().height())) + 2 * frameWidth() + 4;
    }
    QSize sizeHint() const override
    {
        const QSize hint = ArchiveTextBrowser::sizeHint();
        return {hint.width(), heightForWidth(hint.width())};
    }
    QSize minimumSizeHint() const override { return {80, 0}; }
};
} // namespace

OverviewPanel::OverviewPanel(ProjectContext *context, QWidget *parent)
      : QWidget(parent), m_context(context), m_title(new QLabel(this)), m_subtitle(new QLabel(this)),
        m_summary(new SummaryBrowser(this)), m_people(new QLabel(this)), m_links(new QLabel(this)),
        m_track(new MltrlTrackWidget(this)), m_history(new HistoryPlot(this)), m_components(new ComponentsModel(this)),
        m_componentsView(new QTableView(this))
{
    setObjectName(QStringLiteral("overviewPanel"));
    m_title->setObjectName(QStringLiteral("overviewTitle"));
    m_subtitle->setObjectName(QStringLiteral("overviewSubtitle"));
    m_subtitle->setTextFormat(Qt::PlainText); // id and domain from the archive: never markup
    m_summary->setObjectName(QStringLiteral("overviewSummary"));
    m_summary->setFrameShape(QFrame::NoFrame);
    m_summary->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_summary->viewport()->setAutoFillBackground(false);
    m_summary->document()->setDocumentMargin(0);
    for (QLabel *l : {m_people, m_links}) {
        l->setWordWrap(true);
        l->setOpenExternalLinks(true);
        l->setTextInteractionFlags(Qt::TextBrowserInteraction);
    }
    m_people->setObjectName(QStringLiteral("overviewPeople"));
    m_links->setObjectName(QStringLiteral("overviewLinks"));
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_identified = new QLabel(this);
    m_identified->setObjectName(QStringLiteral("overviewIdentified"));
    m_identified->setTextFormat(Qt::PlainText); // archive paths are never markup
    m_identified->setWordWrap(true);
    m_identified->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_identified->setStyleSheet(QStringLiteral("QLabel { color: #b00020; font-weight: bold; }"));
    m_identified->setVisible(false);

    auto *proxy = new NaturalSortProxy(this);
    proxy->setSourceModel(m_components);
    proxy->setSortRole(ComponentsModel::SortRole);
    m_componentsView->setObjectName(QStringLiteral("overviewComponents"));
    m_componentsView->setModel(proxy);
    m_componentsView->setSortingEnabled(true);
    m_componentsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_componentsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_componentsView->verticalHeader()->hide();
    m_componentsView->horizontalHeader()->setStretchLastSection(true);
    m_componentsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_componentsView->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_componentsView->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    connect(m_componentsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this, proxy](const QModelIndex &current) {
                if (current.isValid())
                    inspectComponent(proxy->mapToSource(current).row());
            });

    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addWidget(m_identified);
    layout->addWidget(m_summary);
    layout->addWidget(m_people);
    layout->addWidget(m_links);
    layout->addWidget(section(QStringLiteral("MLTRL track"), m_track, content));
    layout->addWidget(section(QStringLiteral("History"), m_history, content));
    layout->addWidget(section(QStringLiteral("Components"), m_componentsView, content));
    layout->addStretch(1);

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("overviewScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    connect(m_context, &ProjectContext::revisionChanged, this, &OverviewPanel::showRevision);
    showRevision();
}

void OverviewPanel::showRevision()
{
    const auto revision = m_context->revision();
    if (!revision) {
        m_title->setText(QStringLiteral("<h1>No project open</h1>"));
        m_subtitle->clear();
        m_identified->clear();
        m_identified->setVisible(false);
        m_summary->clear();
        m_people->clear();
        m_links->clear();
        m_track->clear();
        m_history->clear();
        m_components->setComponents({}, {});
        settleLayout();
        return;
    }
    const RevisionOverview &o = revision->overview;
    const ProjectInfo &project = revision->manifest.project;
    m_title->setText(QStringLiteral("<h1>%1</h1>").arg(qs(project.name).toHtmlEscaped()));
    m_subtitle->setText(QStringLiteral("%1 · %2 · revision %3 of %4 · exported %5")
                            .arg(qs(project.id), qs(project.domain))
                            .arg(o.revision)
                            .arg(o.revisions)
                            .arg(qs(project.exportedAt)));
    // The question an auditor answers before an archive leaves a hospital: does any evidence
    // still identify a patient (the DICOM check made at import, docs/dicom.md)?
    QStringList identified;
    for (const Evidence &e : revision->manifest.evidence)
        if (const auto *check = revision->dicomCheck(e.id); check && check->identified().value_or(false))
            identified << qs(e.path);
    m_identified->setText(identified.isEmpty() ? QString()
                                               : QStringLiteral("DICOM files that identify a patient (%1): %2")
                                                     .arg(identified.size())
                                                     .arg(identified.join(QStringLiteral(", "))));
    m_identified->setVisible(!identified.isEmpty());
    // Images in the summary resolve only to files of this archive revision (from its root).
    m_summary->setArchiveMarkdown(qs(project.summary),
                                  m_context->store() ? ArchiveResources::of(*revision, *m_context->store()) : nullptr);
    m_people->setText(peopleHtml(QStringLiteral("Owners"), project.owners) + QStringLiteral("<br>") +
                      peopleHtml(QStringLiteral("Reviewers"), project.reviewers));
    m_links->setText(linksHtml(project.links));

    QList<TrackComponent> components;
    for (const Component &c : revision->manifest.components) {
        const bool held = std::find(o.heldBackBy.begin(), o.heldBackBy.end(), c.id) != o.heldBackBy.end();
        components.append({qs(c.id), qs(c.name), c.level, held});
    }
    m_track->setTrack(o.currentLevel, o.targetLevel, o.systemLevel, components);
    m_history->setHistory(revision->manifest.history, revision->invalidSwitchbacks, project.exportedAt);
    m_components->setComponents(revision->manifest.components, o.heldBackBy);
    settleLayout();
}

void OverviewPanel::settleLayout()
{
    // The new texts are laid out now, before the next frame: no frame shows the owners and
    // links drawn over a summary that has not grown yet (the summary's height follows its
    // width, so the layout places everything below it where it belongs).
    if (QLayout *layout = m_summary->parentWidget()->layout())
        layout->activate();
}

void OverviewPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    const QModelIndex current = m_componentsView->currentIndex();
    const auto *proxy = qobject_cast<const QSortFilterProxyModel *>(m_componentsView->model());
    if (current.isValid() && proxy && m_context->hasRevision())
        inspectComponent(proxy->mapToSource(current).row());
}

void OverviewPanel::inspectComponent(int row)
{
    const Component &c = m_components->component(row);
    QList<QPair<QString, QString>> facts{
        {QStringLiteral("Id"), qs(c.id)},
        {QStringLiteral("Name"), qs(c.name)},
        {QStringLiteral("Level"), QStringLiteral("%1 — %2").arg(c.level).arg(levelName(c.level))},
        {QStringLiteral("Stage"), stageName(stageOf(c.level))},
        {QStringLiteral("Code"), qs(c.code)},
        {QStringLiteral("Holds the system back"),
         m_components->isHeldBack(row) ? QStringLiteral("yes") : QStringLiteral("no")},
    };
    emit m_context->inspect(QStringLiteral("Component %1").arg(qs(c.id)), facts);
}

} // namespace mltrl::ui
