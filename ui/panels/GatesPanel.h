#pragma once
/// Gates view: a gate's criteria with thresholds, exact observed values and suggested verdicts
/// (icon + text, never colour alone), the sign-offs the gate requires, and for the selected
/// quantitative criterion its metric plot with the threshold drawn.
#include <QWidget>

class QComboBox;
class QLabel;
class QStandardItemModel;
class QTableView;

namespace mltrl::ui {

class MetricPlot;
class ProjectContext;

class GatesPanel : public QWidget {
    Q_OBJECT
public:
    enum Column { Id, Text, Metric, Aggregate, Op, Threshold, Observed, Suggested, Evidence, ColumnCount };

    explicit GatesPanel(ProjectContext *context, QWidget *parent = nullptr);

    bool selectGate(const QString &gateId);
    bool selectCriterion(const QString &gateId, const QString &criterionId);
    [[nodiscard]] QString currentGate() const;
    [[nodiscard]] QString currentCriterion() const;
    /// Emits showEvidence for the first evidence of the criterion in `row`.
    void openEvidenceOfRow(int row);

    [[nodiscard]] QStandardItemModel *model() const { return m_model; }
    [[nodiscard]] QTableView *table() const { return m_table; }
    [[nodiscard]] MetricPlot *plot() const { return m_plot; }
    [[nodiscard]] QLabel *signoffLabel() const { return m_signoffs; }
    [[nodiscard]] QLabel *evidenceLinks() const { return m_evidence; }
    /// The gate's derived review status (open, approved, …).
    [[nodiscard]] QLabel *statusLabel() const { return m_status; }

private:
    void reload();
    void fillCriteria();
    void showCurrent();
    void showStatus();

    ProjectContext *m_context;
    QComboBox *m_gates;
    QLabel *m_signoffs;
    QStandardItemModel *m_model;
    QTableView *m_table;
    QLabel *m_detail;
    QLabel *m_evidence;
    MetricPlot *m_plot;
    QLabel *m_status;
};

} // namespace mltrl::ui
