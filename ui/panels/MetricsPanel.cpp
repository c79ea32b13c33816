#include "ui/panels/MetricsPanel.h"

#include "ui/panels/PanelUtil.h"
#include "ui/plots/MetricPlot.h"
#include "ui/session/ProjectContext.h"

#include "ui/common/NaturalSort.h"
#include <QHeaderView>

#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace mltrl::ui {

MetricsPanel::MetricsPanel(ProjectContext *context, QWidget *parent)
      : QWidget(parent), m_context(context), m_model(new QStandardItemModel(this)), m_proxy(new NaturalSortProxy(this)),
        m_table(new QTableView(this)), m_plot(new MetricPlot(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(kSortRole);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MetricsPanel::plotCurrent);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_plot);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(context, &ProjectContext::revisionChanged, this, &MetricsPanel::reload);
    connect(context, &ProjectContext::showMetric, this, [this](const QString &id) { selectMetric(id); });
    reload();
}

void MetricsPanel::reload()
{
    m_model->clear();
    m_model->setHorizontalHeaderLabels({tr("Metric"), tr("Title"), tr("Kind"), tr("Points"), tr("Level")});
    m_plot->clear();
    const auto revision = m_context->revision();
    if (!revision)
        return;
    for (const Metric &m : revision->manifest.metrics) {
        const auto points = revision->metricPoints.find(m.id);
        QList<QStandardItem *> row{textItem(m.id), textItem(m.title), textItem(std::string(toString(m.kind))),
                                   numberItem(points == revision->metricPoints.end()
                                                  ? std::nullopt
                                                  : std::optional<double>(static_cast<double>(points->second))),
                                   intItem(m.level)};
        row[0]->setData(QString::fromStdString(m.id), kIdRole);
        m_model->appendRow(row);
    }
    m_table->resizeColumnsToContents();
    if (m_model->rowCount() > 0)
        m_table->selectRow(0);
}

bool MetricsPanel::selectMetric(const QString &id)
{
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        if (m_proxy->index(r, 0).data(kIdRole).toString() == id) {
            m_table->selectRow(r);
            m_table->scrollTo(m_proxy->index(r, 0));
            return true;
        }
    }
    return false;
}

QString MetricsPanel::currentMetric() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.siblingAtColumn(0).data(kIdRole).toString() : QString();
}

void MetricsPanel::plotCurrent()
{
    const auto revision = m_context->revision();
    const QString id = currentMetric();
    const Metric *metric = revision ? revision->manifest.findMetric(id.toStdString()) : nullptr;
    if (!metric) {
        m_plot->clear();
        return;
    }
    m_plot->load(m_context->store(), revision->overview.revisionId, *metric);
}

} // namespace mltrl::ui
