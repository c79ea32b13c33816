#pragma once
/// Annotations on a metric plot: x-range annotations of the shown metric drawn as shaded
/// spans (colour by severity, text on hover), and a mode (tool button, Ctrl+Shift+A) where
/// dragging across the plot selects an x-range to annotate ({"metric", "x_range": [from, to]}).
/// MetricPlot knows nothing of it; the spans are re-added whenever the plot rebuilt its items.
#include "core/review/AnnotationStore.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <optional>
#include <vector>

class QAction;
class QCPItemRect;

namespace mltrl::ui {

class MetricPlot;
class ProjectContext;

class MetricAnnotationLayer : public QObject {
    Q_OBJECT
public:
    /// A layer for `plot`, owned by it; its mode button joins the plot's tool row.
    static MetricAnnotationLayer *attach(MetricPlot &plot, ProjectContext &context);

    [[nodiscard]] QAction *modeAction() const { return m_mode; }
    [[nodiscard]] bool isSelecting() const;
    void setSelecting(bool on);
    /// The x-range annotations of the shown metric, as drawn.
    [[nodiscard]] const std::vector<Annotation> &shown() const { return m_shown; }
    /// The span items on the plot now (in the order of shown()).
    [[nodiscard]] QList<QCPItemRect *> spanItems() const;
    /// Re-reads the context's annotations (ProjectContext::reviewWork()) and redraws.
    void reload();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    MetricAnnotationLayer(MetricPlot &plot, ProjectContext &context);
    [[nodiscard]] QString metricId() const;
    void drawSpans();
    void finishSelection(double x);

    MetricPlot &m_plot;
    ProjectContext &m_context;
    QAction *m_mode = nullptr;
    std::vector<Annotation> m_shown;
    QList<QPointer<QCPItemRect>> m_spans;
    QPointer<QCPItemRect> m_selection;
    std::optional<double> m_selectFrom;
    QString m_drawnFor; ///< metric the spans were drawn for
    bool m_inReplot = false;
};

} // namespace mltrl::ui
