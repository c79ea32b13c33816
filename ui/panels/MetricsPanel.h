#pragma once
/// Metrics view: every metric of the revision (id, title, kind, points, level) and the plot of
/// the selected one.
#include <QWidget>

class QStandardItemModel;
class QSortFilterProxyModel;
class QTableView;

namespace mltrl::ui {

class MetricPlot;
class ProjectContext;

class MetricsPanel : public QWidget {
    Q_OBJECT
public:
    explicit MetricsPanel(ProjectContext *context, QWidget *parent = nullptr);

    /// Selects the metric `id` (and plots it); false when the revision has no such metric.
    bool selectMetric(const QString &id);
    [[nodiscard]] QString currentMetric() const;
    [[nodiscard]] QStandardItemModel *model() const { return m_model; }
    [[nodiscard]] QTableView *table() const { return m_table; }
    [[nodiscard]] MetricPlot *plot() const { return m_plot; }

private:
    void reload();
    void plotCurrent();

    ProjectContext *m_context;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    MetricPlot *m_plot;
};

} // namespace mltrl::ui
