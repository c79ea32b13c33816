#include "ui/library/LibraryView.h"

#include "ui/library/LibraryModel.h"
#include "ui/library/WelcomeView.h"
#include "ui/session/StoreGuard.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace mltrl::ui {

namespace {
QTableView *makeTable(QWidget *parent, const QString &name)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return view;
}
} // namespace

LibraryView::LibraryView(Store &store, QWidget *parent)
      : QWidget(parent), m_store(store), m_projects(new LibraryModel(this)), m_revisions(new RevisionsModel(this))
{
    setObjectName(QStringLiteral("libraryView"));

    auto *title = new QLabel(QStringLiteral("<h2>Library</h2>"), this);
    const auto button = [this](const QString &text, const QString &name, const QString &tip,
                               void (LibraryView::*signal)()) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(name);
        b->setToolTip(tip);
        connect(b, &QPushButton::clicked, this, signal);
        return b;
    };
    m_exampleButton =
        button(tr("Open the bundled example"), QStringLiteral("libraryExample"),
               tr("Import the example project (two revisions) and open it"), &LibraryView::exampleRequested);
    m_importButton = button(tr("Open an archive…"), QStringLiteral("libraryImport"),
                            tr("Import a project archive (Ctrl+O); dropping one onto the window works too"),
                            &LibraryView::importRequested);
    m_keyButton = button(tr("Signing key…"), QStringLiteral("libraryKey"), tr("Create or choose your signing key"),
                         &LibraryView::keyRequested);
    m_guideButton = button(tr("User guide"), QStringLiteral("libraryGuide"), tr("Help ▸ User Guide (F1)"),
                           &LibraryView::guideRequested);

    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_projects);
    proxy->setSortRole(LibraryModel::SortRole);
    m_projectsView = makeTable(this, QStringLiteral("libraryProjects"));
    m_projectsView->setModel(proxy);
    m_projectsView->setSortingEnabled(true);
    m_projectsView->sortByColumn(LibraryModel::NameColumn, Qt::AscendingOrder);

    m_revisionsTitle = new QLabel(this);
    m_revisionsView = makeTable(this, QStringLiteral("libraryRevisions"));
    m_revisionsView->setModel(m_revisions);

    auto *lower = new QWidget(this);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_revisionsTitle);
    lowerLayout->addWidget(m_revisionsView);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_projectsView);
    splitter->addWidget(lower);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *header = new QHBoxLayout;
    header->addWidget(title);
    header->addStretch(1);
    for (QPushButton *b : {m_exampleButton, m_importButton, m_keyButton, m_guideButton})
        header->addWidget(b);
    m_libraryPage = new QWidget(this);
    auto *libraryLayout = new QVBoxLayout(m_libraryPage);
    libraryLayout->addLayout(header);
    libraryLayout->addWidget(splitter, 1);

    m_welcome = new WelcomeView(this);
    connect(m_welcome, &WelcomeView::exampleRequested, this, &LibraryView::exampleRequested);
    connect(m_welcome, &WelcomeView::openRequested, this, &LibraryView::importRequested);
    connect(m_welcome, &WelcomeView::keyRequested, this, &LibraryView::keyRequested);
    connect(m_welcome, &WelcomeView::guideRequested, this, &LibraryView::guideRequested);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_welcome);
    m_pages->addWidget(m_libraryPage);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    connect(m_projectsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showRevisionsOf(current); });
    connect(m_projectsView, &QAbstractItemView::activated, this,
            [this](const QModelIndex &index) { emit openRequested(projectIdAt(index), 0); });
    connect(m_revisionsView, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        emit openRequested(m_revisions->projectId(), index.data(RevisionsModel::RevisionRole).toInt());
    });
    refresh();
}

void LibraryView::refresh()
{
    const QString selected = projectIdAt(m_projectsView->currentIndex());
    const auto report = [this](const QString &what, const QString &why) { emit storeFailed(what, why); };
    if (!guardStoreWith(report, tr("Reading the library"), [this] { m_projects->refresh(m_store); }))
        return;
    m_pages->setCurrentWidget(m_projects->rowCount() == 0 ? static_cast<QWidget *>(m_welcome) : m_libraryPage);
    if (!selected.isEmpty())
        selectProject(selected);
    else if (m_projects->rowCount() > 0)
        m_projectsView->selectRow(0);
    else
        showRevisionsOf({});
}

void LibraryView::selectProject(const QString &projectId)
{
    const int row = m_projects->rowOf(projectId);
    if (row < 0)
        return;
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(m_projectsView->model());
    m_projectsView->setCurrentIndex(proxy->mapFromSource(m_projects->index(row, 0)));
    m_projectsView->selectRow(m_projectsView->currentIndex().row());
}

void LibraryView::showRevisionsOf(const QModelIndex &projectIndex)
{
    const QString id = projectIdAt(projectIndex);
    const auto report = [this](const QString &what, const QString &why) { emit storeFailed(what, why); };
    guardStoreWith(report, tr("Reading the revisions of %1").arg(id), [&] { m_revisions->setProject(m_store, id); });
    m_revisionsTitle->setText(
        id.isEmpty() ? QString()
                     : QStringLiteral("<b>Revisions of %1</b> (double-click to open)").arg(id.toHtmlEscaped()));
}

bool LibraryView::showsWelcome() const
{
    return m_pages->currentWidget() == m_welcome;
}

QString LibraryView::projectIdAt(const QModelIndex &index) const
{
    return index.isValid() ? index.data(LibraryModel::ProjectIdRole).toString() : QString();
}

} // namespace mltrl::ui
