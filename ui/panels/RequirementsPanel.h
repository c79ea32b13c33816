#pragma once
/// Requirements view: a sortable, filterable table (kind, level, V&V status, risk) and a risk
/// matrix (p(failure) × impact) whose points and table rows select each other.
#include "common/NaturalSort.h"

#include <QSortFilterProxyModel>
#include <QWidget>

#include <vector>

class QComboBox;
class QCustomPlot;
class QCPCurve;
class QMouseEvent;
class QStandardItemModel;
class QTableView;

namespace mltrl::ui {

class ProjectContext;

/// Risk bands of a requirement (both coordinates 0..1; "high" means both at least 0.5).
enum class RiskBand { Any, High, Medium, Low, NotAssessed };

/// The table's filter: every criterion left at its "any" value lets every row through.
class RequirementsFilter : public NaturalSortProxy {
    Q_OBJECT
public:
    using NaturalSortProxy::NaturalSortProxy;
    void setKind(const QString &kind);           ///< empty = any
    void setLevel(int level);                    ///< -1 = any
    void setVvStatus(const QString &status);     ///< verification or validation has it; empty = any
    void setRisk(RiskBand band);

    [[nodiscard]] static RiskBand bandOf(double pFailure, double impact);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_kind;
    int m_level = -1;
    QString m_vv;
    RiskBand m_risk = RiskBand::Any;
};

class RequirementsPanel : public QWidget {
    Q_OBJECT
public:
    enum Column { Id, Text, Kind, Level, PFailure, Impact, Risk, Verification, Validation, ColumnCount };

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

private:
    void reload();
    void fillFilters();
    void fillMatrix();
    void highlight(const QString &id);
    void onMatrixClick(QMouseEvent *event);

    ProjectContext *m_context;
    QStandardItemModel *m_model;
    RequirementsFilter *m_proxy;
    QTableView *m_table;
    QComboBox *m_kind;
    QComboBox *m_level;
    QComboBox *m_vv;
    QComboBox *m_risk;
    QCustomPlot *m_matrix;
    QCPCurve *m_points = nullptr;
    QCPCurve *m_highlight = nullptr;
    std::vector<QString> m_matrixIds;
    QString m_highlighted;
};

} // namespace mltrl::ui
