#include "library/LibraryView.h"

#include "library/LibraryModel.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
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
    auto *importButton = new QPushButton(QStringLiteral("Import archive…"), this);
    importButton->setObjectName(QStringLiteral("libraryImport"));
    connect(importButton, &QPushButton::clicked, this, &LibraryView::importRequested);
    m_emptyHint = new QLabel(QStringLiteral("No projects yet. Import an archive (File ▸ Open, Ctrl+O) or drop one "
                                            "onto this window."),
                             this);
    m_emptyHint->setObjectName(QStringLiteral("libraryEmptyHint"));

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
    header->addWidget(importButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_emptyHint);
    layout->addWidget(splitter, 1);

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
    m_projects->refresh(m_store);
    m_emptyHint->setVisible(m_projects->rowCount() == 0);
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
    m_revisions->setProject(m_store, id);
    m_revisionsTitle->setText(id.isEmpty() ? QString()
                                           : QStringLiteral("<b>Revisions of %1</b> (double-click to open)")
                                                 .arg(id.toHtmlEscaped()));
}

QString LibraryView::projectIdAt(const QModelIndex &index) const
{
    return index.isValid() ? index.data(LibraryModel::ProjectIdRole).toString() : QString();
}

} // namespace mltrl::ui
