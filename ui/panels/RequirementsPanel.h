#pragma once
/// Requirements view: a sortable, filterable table (kind, level, V&V status, risk level, risk
/// cell) and a risk chart (p(failure) × impact, ISO 14971-style bands): a point per requirement
/// with its id while the ids fit, a count heat-map (RiskHeatMap) when they would overlap (or when
/// the user picks it). Points and rows select each other; a heat-map cell filters the table.
#include "core/derive/RiskMatrix.h"
#include "ui/common/NaturalSort.h"

#include <QSortFilterProxyModel>
#include <QWidget>

#include <optional>
#include <vector>

class QComboBox;
class QCustomPlot;
class QCPCurve;
class QCPItemText;
class QMouseEvent;
class QStackedWidget;
class QStandardItemModel;
class QTableView;
class QToolButton;

namespace mltrl::ui {

class ProjectContext;
class RiskHeatMap;

/// Risk level of a requirement for the table's filter: its cell's level (derive/RiskMatrix.h).
enum class RiskBand { Any, Unacceptable, Alarp, Acceptable, NotAssessed };

/// The table's filter: every criterion left at its "any" value lets every row through.
class RequirementsFilter : public NaturalSortProxy {
    Q_OBJECT
public:
    using NaturalSortProxy::NaturalSortProxy;
    void setKind(const QString &kind);       ///< empty = any
    void setLevel(int level);                ///< -1 = any
    void setVvStatus(const QString &status); ///< verification or validation has it; empty = any
    void setRisk(RiskBand band);
    /// Only the requirements in this cell of the risk chart; nullopt = any.
    void setCell(std::optional<RiskCell> cell);
    [[nodiscard]] std::optional<RiskCell> cell() const { return m_cell; }

    [[nodiscard]] static RiskBand bandOf(double pFailure, double impact);
    /// Whether every criterion but the cell lets source row `sourceRow` through (the heat-map
    /// counts those, so a cell's count is the rows its click leaves).
    [[nodiscard]] bool acceptsIgnoringCell(int sourceRow) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_kind;
    int m_level = -1;
    QString m_vv;
    RiskBand m_risk = RiskBand::Any;
    std::optional<RiskCell> m_cell;
};

class RequirementsPanel : public QWidget {
    Q_OBJECT
public:
    enum Column { Id, Text, Kind, Level, PFailure, Impact, Risk, Verification, Validation, ColumnCount };
    /// How the risk chart is drawn: Auto = points while their ids fit apart, else the heat-map.
    enum class ChartMode { Auto, Points, HeatMap };

    explicit RequirementsPanel(ProjectContext *context, QWidget *parent = nullptr);

    bool selectRequirement(const QString &id);
    [[nodiscard]] QString currentRequirement() const;

    [[nodiscard]] QStandardItemModel *model() const { return m_model; }
    [[nodiscard]] RequirementsFilter *proxy() const { return m_proxy; }
    [[nodiscard]] QTableView *table() const { return m_table; }
    [[nodiscard]] QCustomPlot *matrix() const { return m_matrix; }
    [[nodiscard]] QComboBox *kindFilter() const { return m_kind; }
    [[nodiscard]] QComboBox *levelFilter() const { return m_level; }
    [[nodiscard]] QComboBox *vvFilter() const { return m_vv; }
    [[nodiscard]] QComboBox *riskFilter() const { return m_risk; }
    /// Points in the risk matrix and the requirement each one stands for.
    [[nodiscard]] int matrixPointCount() const;
    [[nodiscard]] const std::vector<QString> &matrixIds() const { return m_matrixIds; }
    /// Widget position of requirement `id`'s point in the matrix (for clicks).
    [[nodiscard]] QPoint matrixPosition(const QString &id) const;
    /// The requirement highlighted in the matrix (empty when none).
    [[nodiscard]] QString matrixHighlight() const { return m_highlighted; }
    /// Ids written beside their points in the point matrix (all, or only the selection's when
    /// they would overlap).
    [[nodiscard]] QStringList matrixLabels() const;

    [[nodiscard]] RiskHeatMap *heatMap() const { return m_heatMap; }
    [[nodiscard]] bool heatMapShown() const;
    [[nodiscard]] QComboBox *chartModeBox() const { return m_chartMode; }
    void setChartMode(ChartMode mode);
    /// The "filter: … ×" button shown while a heat-map cell filters the table; clicking it
    /// removes the filter.
    [[nodiscard]] QToolButton *cellFilterButton() const { return m_cellChip; }
    /// Filters the table to one cell of the risk chart (nullopt: remove that filter).
    void filterByCell(std::optional<RiskCell> cell);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Spot {
        QString id;
        double pFailure;
        double impact;
    };
    void reload();
    void fillFilters();
    void fillMatrix();
    void highlight(const QString &id);
    void onMatrixClick(QMouseEvent *event);
    void updateChart();
    void relabel();
    void updateHeatCounts();
    /// Where each point's id goes (RiskHeatMap.h's placeLabels) at the chart's size.
    [[nodiscard]] std::optional<std::vector<Qt::Alignment>> labelPlaces() const;

    ProjectContext *m_context;
    QStandardItemModel *m_model;
    RequirementsFilter *m_proxy;
    QTableView *m_table;
    QComboBox *m_kind;
    QComboBox *m_level;
    QComboBox *m_vv;
    QComboBox *m_risk;
    QCustomPlot *m_matrix;
    RiskHeatMap *m_heatMap;
    QStackedWidget *m_chart;
    QComboBox *m_chartMode;
    QToolButton *m_cellChip;
    QCPCurve *m_points = nullptr;
    QCPCurve *m_highlight = nullptr;
    std::vector<QString> m_matrixIds;
    std::vector<Spot> m_spots; ///< same order as m_matrixIds
    std::vector<QCPItemText *> m_labels;
    bool m_labelsOverlap = false;
    std::optional<std::vector<Qt::Alignment>> m_labelPlaces;
    QString m_highlighted;
};

} // namespace mltrl::ui
