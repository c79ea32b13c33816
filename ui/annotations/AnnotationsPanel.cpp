#include "ui/annotations/AnnotationsPanel.h"

#include "ui/annotations/AnnotationCommands.h"
#include "ui/annotations/AnnotationEditor.h"
#include "ui/annotations/AnnotationNavigation.h"
#include "ui/annotations/AnnotationStyle.h"
#include "ui/annotations/AnnotationsModel.h"
#include "ui/session/ProjectContext.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace mltrl::ui {

AnnotationsPanel::AnnotationsPanel(ProjectContext *context, QWidget *parent)
      : QWidget(parent), m_context(context), m_model(new AnnotationsModel(context, this)),
        m_filter(new AnnotationsFilter(this))
{
    setObjectName(QStringLiteral("annotationsPanel"));
    m_filter->setSourceModel(m_model);

    m_severity = new QComboBox(this);
    m_severity->setObjectName(QStringLiteral("severityFilter"));
    m_severity->addItem(QStringLiteral("All severities"), QString());
    for (const QString &s : annotationSeverities())
        m_severity->addItem(s, s);
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->addItem(QStringLiteral("Open and resolved"), QString());
    m_status->addItem(QStringLiteral("Open"), QStringLiteral("open"));
    m_status->addItem(QStringLiteral("Resolved"), QStringLiteral("resolved"));
    connect(m_severity, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setSeverity(m_severity->currentData().toString());
        updateCount();
    });
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setStatus(m_status->currentData().toString());
        updateCount();
    });

    m_resolve = new QPushButton(QStringLiteral("Resolve"), this);
    m_resolve->setObjectName(QStringLiteral("resolveButton"));
    m_edit = new QPushButton(QStringLiteral("Edit\u2026"), this);
    m_delete = new QPushButton(QStringLiteral("Delete"), this);
    connect(m_resolve, &QPushButton::clicked, this, &AnnotationsPanel::toggleResolved);
    connect(m_edit, &QPushButton::clicked, this, &AnnotationsPanel::editSelected);
    connect(m_delete, &QPushButton::clicked, this, &AnnotationsPanel::deleteSelected);
    m_count = new QLabel(this);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_severity);
    bar->addWidget(m_status);
    bar->addWidget(m_count);
    bar->addStretch();
    bar->addWidget(m_resolve);
    bar->addWidget(m_edit);
    bar->addWidget(m_delete);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("annotationsTable"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(AnnotationsModel::CreatedColumn, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    // Short columns fit their contents; the text takes what is left.
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(false);
    for (int c : {AnnotationsModel::SeverityColumn, AnnotationsModel::StatusColumn, AnnotationsModel::AuthorColumn,
                  AnnotationsModel::CreatedColumn})
        header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(AnnotationsModel::TargetColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(AnnotationsModel::TextColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(AnnotationsModel::TargetColumn, 220);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) { openRow(index.row()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AnnotationsPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateButtons();
        updateCount();
    });

    // The same actions from the keyboard and a context menu.
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        if (selectedId().isEmpty())
            return;
        QMenu menu(this);
        menu.addAction(QStringLiteral("Go to"), this, [this] { openRow(m_table->currentIndex().row()); });
        menu.addAction(m_resolve->text(), this, &AnnotationsPanel::toggleResolved);
        menu.addAction(QStringLiteral("Edit\u2026"), this, &AnnotationsPanel::editSelected);
        menu.addAction(QStringLiteral("Delete"), this, &AnnotationsPanel::deleteSelected);
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });
    auto *del = new QAction(this);
    del->setShortcut(QKeySequence::Delete);
    del->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(del, &QAction::triggered, this, &AnnotationsPanel::deleteSelected);
    m_table->addAction(del);

    // An annotation picked where it is shown (a banner chip) is selected here.
    connect(m_context, &ProjectContext::showAnnotation, this, [this](const QString &id) { select(id); });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    updateButtons();
    updateCount();
}

QString AnnotationsPanel::selectedId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.front().data(AnnotationsModel::IdRole).toString();
}

bool AnnotationsPanel::select(const QString &id)
{
    const int sourceRow = m_model->rowOf(id);
    if (sourceRow < 0)
        return false;
    QModelIndex index = m_filter->mapFromSource(m_model->index(sourceRow, 0));
    if (!index.isValid()) {
        m_severity->setCurrentIndex(0);
        m_status->setCurrentIndex(0);
        index = m_filter->mapFromSource(m_model->index(sourceRow, 0));
    }
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    return true;
}

void AnnotationsPanel::openRow(int row)
{
    const QModelIndex index = m_filter->index(row, 0);
    if (!index.isValid())
        return;
    navigateToAnnotation(*m_context, index.data(AnnotationsModel::IdRole).toString(),
                         nlohmann::json::parse(index.data(AnnotationsModel::TargetRole).toString().toStdString()));
}

void AnnotationsPanel::toggleResolved()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    const int row = m_model->rowOf(id);
    const bool resolved = m_model->annotation(row).status == "resolved";
    m_context->undoStack()->push(
        new SetAnnotationStatusCommand(*m_context, id, resolved ? QStringLiteral("open") : QStringLiteral("resolved")));
    select(id);
}

void AnnotationsPanel::editSelected()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    const Annotation &a = m_model->annotation(m_model->rowOf(id));
    const auto input = askAnnotation(this, describeTarget(a.target),
                                     {QString::fromStdString(a.severity), QString::fromStdString(a.text)});
    if (!input)
        return;
    m_context->undoStack()->push(new EditAnnotationCommand(*m_context, id, input->severity, input->text));
    select(id);
}

void AnnotationsPanel::deleteSelected()
{
    const QString id = selectedId();
    if (!id.isEmpty())
        m_context->undoStack()->push(new RemoveAnnotationCommand(*m_context, id));
}

void AnnotationsPanel::updateButtons()
{
    const QString id = selectedId();
    const bool any = !id.isEmpty();
    m_resolve->setEnabled(any);
    m_edit->setEnabled(any);
    m_delete->setEnabled(any);
    const bool resolved = any && m_model->annotation(m_model->rowOf(id)).status == "resolved";
    m_resolve->setText(resolved ? QStringLiteral("Reopen") : QStringLiteral("Resolve"));
}

void AnnotationsPanel::updateCount()
{
    int open = 0;
    for (int r = 0; r < m_model->rowCount(); ++r)
        open += m_model->annotation(r).status == "open" ? 1 : 0;
    m_count->setText(
        QStringLiteral("%1 shown · %2 open of %3").arg(m_filter->rowCount()).arg(open).arg(m_model->rowCount()));
}

} // namespace mltrl::ui
