#include "ui/evidence/EvidencePanel.h"

#include "core/store/Store.h"
#include "ui/annotations/EvidenceAnnotationLayer.h"
#include "ui/changes/ChangeTracker.h"
#include "ui/evidence/EvidenceSource.h"
#include "ui/evidence/EvidenceTreeModel.h"
#include "ui/evidence/EvidenceViewer.h"
#include "ui/evidence/FindBar.h"
#include "ui/evidence/SearchIndex.h"
#include "ui/evidence/SearchIndexer.h"
#include "ui/evidence/SystemViewerLauncher.h"
#include "ui/session/ProjectContext.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace mltrl::ui {

namespace {
enum HitRole { HitKindRole = Qt::UserRole + 1, HitIdRole };

/// The snippet with its match markers turned into bold HTML.
QString snippetHtml(const QString &snippet)
{
    QString html = snippet.toHtmlEscaped();
    html.replace(SearchIndex::kMatchStart, QStringLiteral("<b>"));
    html.replace(SearchIndex::kMatchEnd, QStringLiteral("</b>"));
    html.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return html;
}
} // namespace

EvidencePanel::EvidencePanel(ProjectContext *context, QWidget *parent)
      : QWidget(parent), m_context(context), m_model(new EvidenceTreeModel(this)),
        m_proxy(new QSortFilterProxyModel(this)), m_indexer(new SearchIndexer(this))
{
    setObjectName(QStringLiteral("evidencePanel"));
    buildUi();
    connect(m_context, &ProjectContext::revisionChanged, this, &EvidencePanel::onRevisionChanged);
    // Evidence changed since the user's last signed review carries a mark.
    ChangeTracker *tracker = ChangeTracker::of(m_context);
    connect(tracker, &ChangeTracker::updated, this, [this, tracker] {
        m_model->setChanged(tracker->changedIds(ChangeKind::Evidence), changedIcon(),
                            changedToolTip(tracker->reviewedRevision()));
    });
    connect(m_context, &ProjectContext::showEvidence, this, &EvidencePanel::openEvidence);
    // Ctrl+F from anywhere in the panel (the browser, its filter, the search tab, the header)
    // finds in the viewer on screen. Inside the viewer its find bar's own shortcut answers, so
    // this one is off while the focus is there (two live shortcuts for one key would both stay
    // silent as ambiguous).
    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, &EvidencePanel::openFindBar);
    connect(qApp, &QApplication::focusChanged, find, [this, find](QWidget *, QWidget *now) {
        find->setEnabled(!(m_viewer && now && (now == m_viewer || m_viewer->isAncestorOf(now))));
    });
    connect(m_indexer, &SearchIndexer::progress, this, &EvidencePanel::onIndexProgress);
    connect(m_indexer, &SearchIndexer::finished, this, &EvidencePanel::onIndexFinished);
    onRevisionChanged();
}

EvidencePanel::~EvidencePanel()
{
    m_indexer->cancel();
}

void EvidencePanel::buildUi()
{
    // Browser tab: filter + tree.
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterRole(EvidenceTreeModel::SearchTextRole);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("evidenceFilter"));
    m_filter->setPlaceholderText(QStringLiteral("Filter by title, id, kind, file…"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, &EvidencePanel::setFilter);
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("evidenceTree"));
    m_tree->setModel(m_proxy);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->header()->setSectionResizeMode(EvidenceTreeModel::TitleColumn, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setColumnHidden(EvidenceTreeModel::MediaTypeColumn, true);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &EvidencePanel::onCurrentChanged);
    auto *browse = new QWidget(this);
    auto *browseLayout = new QVBoxLayout(browse);
    browseLayout->setContentsMargins(0, 4, 0, 0);
    browseLayout->addWidget(m_filter);
    browseLayout->addWidget(m_tree, 1);

    // Search tab: query, index status, hits.
    m_searchBox = new QLineEdit(this);
    m_searchBox->setObjectName(QStringLiteral("evidenceSearch"));
    m_searchBox->setPlaceholderText(QStringLiteral("Search evidence, cards and requirements…"));
    m_searchBox->setClearButtonEnabled(true);
    connect(m_searchBox, &QLineEdit::textChanged, this, &EvidencePanel::search);
    m_searchStatus = new QLabel(this);
    m_searchStatus->setObjectName(QStringLiteral("searchStatus"));
    m_searchStatus->setWordWrap(true);
    m_hits = new QListWidget(this);
    m_hits->setObjectName(QStringLiteral("searchHits"));
    m_hits->setWordWrap(true);
    connect(m_hits, &QListWidget::currentRowChanged, this, &EvidencePanel::openHit);
    auto *find = new QWidget(this);
    auto *findLayout = new QVBoxLayout(find);
    findLayout->setContentsMargins(0, 4, 0, 0);
    findLayout->addWidget(m_searchBox);
    findLayout->addWidget(m_searchStatus);
    findLayout->addWidget(m_hits, 1);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(browse, QStringLiteral("Browse"));
    m_tabs->addTab(find, QStringLiteral("Search"));

    // Centre: header line and the viewer.
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("evidenceHeader"));
    m_header->setTextFormat(Qt::PlainText); // an archive's title: never markup
    QFont headerFont = m_header->font();
    headerFont.setBold(true);
    headerFont.setPointSizeF(headerFont.pointSizeF() * 1.15);
    m_header->setFont(headerFont);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_openExternal = new QPushButton(QStringLiteral("Open with system viewer"), this);
    m_openExternal->setObjectName(QStringLiteral("openExternally"));
    m_openExternal->setToolTip(
        QStringLiteral("Opens a read-only copy in the application your system uses for this type"));
    m_openExternal->setEnabled(false);
    connect(m_openExternal, &QPushButton::clicked, this, &EvidencePanel::openExternally);
    auto *headerRow = new QHBoxLayout;
    headerRow->addWidget(m_header, 1);
    headerRow->addWidget(m_openExternal);
    m_placeholder = new QLabel(this);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    auto *centre = new QWidget(this);
    auto *centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(4, 0, 4, 0);
    centreLayout->addLayout(headerRow);
    m_viewerHost = new QVBoxLayout;
    m_viewerHost->addWidget(m_placeholder);
    centreLayout->addLayout(m_viewerHost, 1);

    // The facts go to the Inspector dock (publishFacts), not to a pane of their own.
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_tabs);
    split->addWidget(centre);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({300, 900});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
}

std::int64_t EvidencePanel::currentRevisionId() const
{
    return m_context->hasRevision() ? m_context->revision()->overview.revisionId : -2;
}

void EvidencePanel::onRevisionChanged()
{
    const auto revision = m_context->revision();
    m_model->setManifest(revision ? &revision->manifest : nullptr);
    QHash<QString, QString> identified;
    if (revision)
        for (const auto &[id, check] : revision->dicomChecks)
            if (check.identified().value_or(false))
                identified.insert(QString::fromStdString(id), QString::fromStdString(check.summary()));
    m_model->setIdentified(identified);
    m_tree->expandAll();
    m_hits->clear();
    m_indexedRevision = -1;
    clearViewer(revision ? QStringLiteral("Select evidence on the left.") : QStringLiteral("No project is open."));
    emit evidenceShown({});
    if (revision && m_context->store()) {
        m_searchStatus->setText(QStringLiteral("Indexing evidence for search…"));
        m_indexer->start(m_context->store()->dir(), revision);
    } else {
        m_indexer->cancel();
        m_searchStatus->clear();
    }
}

void EvidencePanel::setFilter(const QString &text)
{
    if (m_filter->text() != text)
        m_filter->setText(text);
    m_proxy->setFilterFixedString(text);
    m_tree->expandAll();
}

void EvidencePanel::onCurrentChanged()
{
    const QString id = m_tree->currentIndex().data(EvidenceTreeModel::EvidenceIdRole).toString();
    if (!id.isEmpty() && id != m_currentId)
        display(id);
}

void EvidencePanel::openEvidence(const QString &evidenceId, int page)
{
    QModelIndex source = m_model->indexOf(evidenceId);
    if (!source.isValid()) {
        emit m_context->notice(QStringLiteral("This revision has no evidence “%1”.").arg(evidenceId));
        return;
    }
    m_tabs->setCurrentIndex(0);
    if (!m_proxy->mapFromSource(source).isValid())
        setFilter({}); // the filter hides it: show everything again
    m_pendingPage = page;
    const QModelIndex index = m_proxy->mapFromSource(source);
    m_tree->scrollTo(index);
    m_tree->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (m_currentId == evidenceId && m_viewer && page >= 0)
        m_viewer->showPage(page);
    m_pendingPage = -1;
}

void EvidencePanel::clearViewer(const QString &message)
{
    if (m_viewer) {
        m_viewerHost->removeWidget(m_viewer);
        m_viewer->deleteLater();
        m_viewer = nullptr;
    }
    m_currentId.clear();
    m_header->clear();
    m_facts = {};
    m_openExternal->setEnabled(false);
    m_placeholder->setText(message);
    m_placeholder->show();
}

void EvidencePanel::display(const QString &evidenceId)
{
    const auto revision = m_context->revision();
    const Evidence *evidence = revision ? revision->manifest.findEvidence(evidenceId.toStdString()) : nullptr;
    if (!evidence || !m_context->store())
        return;
    clearViewer({});
    m_placeholder->hide();
    const EvidenceSource source = EvidenceSource::resolve(*revision, *m_context->store(), *evidence);
    m_currentId = evidenceId;
    m_header->setText(source.title.isEmpty() ? source.id : source.title);
    m_facts = EvidenceFacts::of(source, revision->manifest);
    publishFacts();
    m_openExternal->setEnabled(!source.blobPath.isEmpty());
    // Types never handed to the system say why on hover (and on click, in the status bar).
    QString refusal;
    m_openExternal->setToolTip(
        SystemViewerLauncher::extensionFor(source.mediaType, source.suffix(), &refusal)
            ? QStringLiteral("Opens a read-only copy in the application your system uses for this type")
            : refusal);
    m_viewer = EvidenceViewer::create(source, this);
    EvidenceAnnotationLayer::attach(*m_viewer, *m_context); // highlights and the annotate mode
    m_viewerHost->addWidget(m_viewer);
    if (m_pendingPage >= 0)
        m_viewer->showPage(m_pendingPage);
    emit evidenceShown(evidenceId);
}

void EvidencePanel::publishFacts()
{
    if (m_currentId.isEmpty())
        return;
    emit m_context->inspect(m_facts.title, m_facts.facts);
    emit m_context->inspectLinks(m_facts.links);
}

bool EvidencePanel::openFindBar()
{
    auto *bar = m_viewer ? m_viewer->findChild<FindBar *>(QStringLiteral("findBar")) : nullptr;
    if (!bar)
        return false;
    bar->open();
    return true;
}

void EvidencePanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    publishFacts();
}

void EvidencePanel::openExternally()
{
    if (!m_viewer)
        return;
    QString error;
    if (!SystemViewerLauncher::open(m_viewer->source(), &error))
        emit m_context->notice(error);
}

void EvidencePanel::search(const QString &text)
{
    if (m_searchBox->text() != text) {
        m_tabs->setCurrentIndex(1); // asked from outside: show where the hits appear
        const QSignalBlocker block(m_searchBox);
        m_searchBox->setText(text);
    }
    const QSignalBlocker block(m_hits);
    m_hits->clear();
    if (text.trimmed().isEmpty() || !m_context->store() || !m_context->hasRevision())
        return;
    if (!isSearchReady()) {
        m_searchStatus->setText(
            QStringLiteral("The search index is still being built; results will appear when it is ready."));
        return;
    }
    std::vector<SearchIndex::Hit> hits;
    try {
        SearchIndex index(m_context->store()->db());
        hits = index.search(currentRevisionId(), text);
    } catch (const std::exception &e) {
        m_searchStatus->setText(QStringLiteral("Search failed: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    m_searchStatus->setText(hits.empty() ? QStringLiteral("No matches.")
                                         : QStringLiteral("%1 match(es).").arg(hits.size()));
    for (const SearchIndex::Hit &hit : hits) {
        auto *item = new QListWidgetItem(m_hits);
        item->setData(HitKindRole, hit.kind);
        item->setData(HitIdRole, hit.itemId);
        item->setToolTip(hit.itemId);
        auto *label = new QLabel(QStringLiteral("<b>%1</b> <small>(%2)</small><br><span>%3</span>")
                                     .arg(hit.title.toHtmlEscaped(), hit.kind, snippetHtml(hit.snippet)));
        label->setWordWrap(true);
        label->setTextFormat(Qt::RichText);
        label->setContentsMargins(4, 3, 4, 3);
        item->setSizeHint(label->sizeHint() +
                          QSize(0, label->heightForWidth(m_hits->viewport()->width()) - label->sizeHint().height()));
        m_hits->setItemWidget(item, label);
    }
}

void EvidencePanel::openHit(int row)
{
    const QListWidgetItem *item = m_hits->item(row);
    if (!item)
        return;
    const QString kind = item->data(HitKindRole).toString();
    const QString id = item->data(HitIdRole).toString();
    if (kind == QLatin1String("evidence")) {
        const int tab = m_tabs->currentIndex();
        openEvidence(id);
        m_tabs->setCurrentIndex(tab); // stay on the hit list while stepping through hits
    } else if (kind == QLatin1String("requirement")) {
        emit m_context->showRequirement(id);
    } else if (kind == QLatin1String("card")) {
        emit m_context->showCard(id.section(QLatin1Char('/'), 0, 0).toInt(), id.section(QLatin1Char('/'), 1));
    }
}

void EvidencePanel::onIndexProgress(int done, int total)
{
    m_searchStatus->setText(QStringLiteral("Indexing evidence for search: %1 of %2…").arg(done).arg(total));
}

void EvidencePanel::onIndexFinished(qint64 revisionId, bool ok, const QString &error)
{
    if (revisionId != currentRevisionId())
        return; // a late report about a revision no longer on screen
    if (!ok) {
        m_searchStatus->setText(QStringLiteral("Search is unavailable: %1").arg(error));
        return;
    }
    m_indexedRevision = revisionId;
    m_searchStatus->setText(QStringLiteral("Search index ready."));
    if (!m_searchBox->text().trimmed().isEmpty())
        search(m_searchBox->text());
}

} // namespace mltrl::ui
