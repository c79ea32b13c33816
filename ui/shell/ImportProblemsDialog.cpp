#include "ui/shell/ImportProblemsDialog.h"

#include "ui/common/Counted.h"
#include "ui/shell/ProblemsModel.h"

#include <QAction>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace mltrl::ui {

namespace {
QString countLine(const std::vector<Problem> &problems)
{
    qsizetype errors = 0;
    for (const Problem &p : problems)
        errors += p.severity == Severity::Error ? 1 : 0;
    const qsizetype warnings = static_cast<qsizetype>(problems.size()) - errors;
    return QStringLiteral("%1, %2.").arg(counted(errors, QStringLiteral("error")),
                                         counted(warnings, QStringLiteral("warning")));
}
} // namespace

ImportProblemsDialog::ImportProblemsDialog(const QString &heading, std::vector<Problem> problems, QWidget *parent)
      : QDialog(parent), m_model(new ProblemsModel(this)), m_view(new QTreeView(this))
{
    setObjectName(QStringLiteral("importProblemsDialog"));
    setWindowTitle(QStringLiteral("Import problems"));
    const QString counts = countLine(problems);
    m_model->setProblems(std::move(problems));

    auto *headingLabel = new QLabel(QStringLiteral("<b>%1</b><br>%2").arg(heading.toHtmlEscaped(), counts), this);
    headingLabel->setObjectName(QStringLiteral("problemsHeading"));
    headingLabel->setWordWrap(true);
    headingLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    m_view->setObjectName(QStringLiteral("problemsView"));
    m_view->setModel(proxy);
    m_view->setRootIsDecorated(false);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // keep the importer's order until asked
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setWordWrap(true);
    m_view->setUniformRowHeights(false);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setStretchLastSection(true);
    m_view->setColumnWidth(ProblemsModel::SeverityColumn, 110);
    m_view->setColumnWidth(ProblemsModel::WhereColumn, 300);

    auto *copy = new QAction(QStringLiteral("Copy"), m_view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copy, &QAction::triggered, this, &ImportProblemsDialog::copyToClipboard);
    m_view->addAction(copy);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copyButton = buttons->addButton(QStringLiteral("Copy all"), QDialogButtonBox::ActionRole);
    copyButton->setObjectName(QStringLiteral("copyProblems"));
    connect(copyButton, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_model->toText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(headingLabel);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    resize(900, 420);
}

void ImportProblemsDialog::copyToClipboard() const
{
    QModelIndexList rows;
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(m_view->model());
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows())
        rows << proxy->mapToSource(i);
    QGuiApplication::clipboard()->setText(m_model->toText(rows));
}

} // namespace mltrl::ui
