#pragma once
/// A plot of one metric (series, curve or groups) that never downsamples silently: a visible
/// range with more than two points per pixel column is drawn as the exact min/max envelope of
/// each column (and the legend says so), otherwise every point is drawn. Points are loaded and
/// the envelopes built off the UI thread; zoom (wheel), pan (drag), reset (button, R or Home)
/// and export (PNG, PDF, SVG) work on the plot.
#include "core/manifest/Manifest.h"
#include "core/metrics/Envelope.h"
#include "core/metrics/MetricData.h"
#include "ui/common/BackgroundJob.h"
#include "ui/common/WidgetHelpers.h"

#include <QPointF>
#include <QPointer>
#include <QSharedPointer>
#include <QString>
#include <QVector>
#include <QWidget>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;
class QCPAxisTicker;
class QCPScatterStyle;
class QColor;
class QLabel;
class QToolButton;

namespace mltrl {
class Store;
}

namespace mltrl::ui {

/// A metric with its points and, per sub-series, the envelopes of value/lower/upper; built once
/// (off the UI thread) and shared read-only, so a 10-million-point series is sorted only once.
/// The envelopes read the points of `data` in place (Envelope::borrowing) when they are in x
/// order, so the points are held once; hence no copies of a PreparedMetric.
struct PreparedMetric {
    PreparedMetric() = default;
    PreparedMetric(const PreparedMetric &) = delete;
    PreparedMetric &operator=(const PreparedMetric &) = delete;

    Metric metric;
    MetricData data;
    std::vector<Envelope> value; ///< per sub-series (series kind only)
    std::vector<Envelope> lower; ///< per sub-series; empty envelope when the file has no band
    std::vector<Envelope> upper;

    /// Builds the envelopes (slow for huge series: call off the UI thread).
    [[nodiscard]] static std::shared_ptr<const PreparedMetric> build(Metric metric, MetricData data);
};

/// The gate threshold drawn over a metric (from a criterion).
struct PlotThreshold {
    double value = 0;
    CompareOp op = CompareOp::Ge;
};

class MetricPlot : public QWidget {
    Q_OBJECT
public:
    explicit MetricPlot(QWidget *parent = nullptr);
    ~MetricPlot() override;
    /// Registers a helper (the annotation layer) deleted before the plot's widgets go.
    void addHelper(QObject *helper) { m_helpers.add(helper); }

    /// Loads `metric`'s points of revision `revisionId` off the UI thread (the worker opens its
    /// own connection to the store in `store->dir()`), then shows them. `seriesFilter` names
    /// the sub-series a criterion looks at (the others are drawn fainter).
    void load(Store *store, std::int64_t revisionId, const Metric &metric,
              std::optional<PlotThreshold> threshold = std::nullopt, const QString &seriesFilter = {});
    /// Shows already prepared points (no store involved).
    void show(std::shared_ptr<const PreparedMetric> prepared, std::optional<PlotThreshold> threshold = std::nullopt,
              const QString &seriesFilter = {});
    void clear();
    /// Shows `text` instead of a plot (no empty axis frame), e.g. for a qualitative criterion.
    void showMessage(const QString &text);
    /// The sentence shown instead of the plot; empty while a plot is shown.
    [[nodiscard]] QString message() const;

    /// Whole data range on both axes.
    void resetView();
    /// Sets the visible x range (as a pan/zoom would).
    void setXRange(double from, double to);
    /// Redraws now (re-computing the drawn points for the visible range first).
    void replotNow();

    /// Exports to `fileName`; the format follows the suffix (.png, .pdf, .svg).
    bool exportTo(const QString &fileName);
    /// Test seam: the next export takes this name instead of asking with a file dialog.
    void setNextExportFileName(const QString &fileName) { m_nextExportFileName = fileName; }
    /// Asks for a file name (or takes the seam's) and exports; false when cancelled or failed.
    bool exportWithDialog(const QString &format);

    // What is on screen (for tests, benchmarks and the status line).
    [[nodiscard]] bool isLoading() const { return m_loading; }
    [[nodiscard]] std::shared_ptr<const PreparedMetric> prepared() const { return m_prepared; }
    [[nodiscard]] int subSeriesCount() const;
    /// Points handed to QCustomPlot for sub-series `i` (bars for groups; two per column of an envelope).
    [[nodiscard]] int pointsDrawn(int i) const;
    [[nodiscard]] QVector<QPointF> drawnPoints(int i) const;
    /// The envelope columns drawn for sub-series `i` (empty when every point is drawn).
    [[nodiscard]] const std::vector<Envelope::Column> &drawnColumns(int i) const;
    /// True when some sub-series is drawn as a min/max envelope.
    [[nodiscard]] bool envelopeInUse() const;
    /// The legend entries, in order.
    [[nodiscard]] QStringList legendTexts() const;
    [[nodiscard]] std::optional<double> thresholdDrawn() const;
    /// Pixel columns of the plot area.
    [[nodiscard]] int pixelColumns() const;
    [[nodiscard]] QString hoverText() const;
    /// The crosshair at widget position `pos` of the plot (as a mouse move would).
    void hoverAt(QPoint pos);
    [[nodiscard]] QCustomPlot *plot() const { return m_plot; }

signals:
    void loaded();
    void loadFailed(const QString &reason);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    struct Drawn;
    void build();
    void buildSeries();
    void buildCurve();
    void buildGroups();
    void buildThreshold(double xFrom, double xTo);
    void updateVisible();
    void updateSeriesGraph(std::size_t i, double xFrom, double xTo, int columns);
    void onMouseMove(QMouseEvent *event);
    [[nodiscard]] QRectF dataBounds() const;
    void setMessage(const QString &text);

    QCustomPlot *m_plot = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_hover = nullptr;
    QToolButton *m_reset = nullptr;
    QToolButton *m_export = nullptr;
    QPointer<BackgroundJob> m_job;

    std::shared_ptr<const PreparedMetric> m_prepared;
    std::optional<PlotThreshold> m_threshold;
    QString m_seriesFilter;
    std::vector<Drawn> m_drawn;
    WidgetHelpers m_helpers;
    QCPItemStraightLine *m_thresholdLine = nullptr;
    QCPItemStraightLine *m_crossV = nullptr;
    QCPItemStraightLine *m_crossH = nullptr;
    bool m_loading = false;
    QString m_nextExportFileName;
    // The range the drawn points were computed for: a replot with the same range and width
    // reuses them.
    double m_cachedFrom = 0, m_cachedTo = 0;
    int m_cachedColumns = -1;
};

/// Steps of a series that are all whole numbers (the x axis then ticks only on integers).
[[nodiscard]] bool integerSteps(const MetricData &data);
/// A ticker with whole-number ticks only (1, 2, 5, 10 … apart).
[[nodiscard]] QSharedPointer<QCPAxisTicker> integerTicker();
/// A filled marker on every point when a line has few (≤ kFewPoints) points, none otherwise.
[[nodiscard]] QCPScatterStyle pointMarker(std::size_t points, const QColor &colour);
constexpr std::size_t kFewPoints = 60;
/// The tick label of group `g`: its name, and "n = …" below it when the metric has `n`.
[[nodiscard]] QString groupTickLabel(const MetricData &data, std::size_t g);

/// Shortest text that reads back as exactly `v` ("0.1", "0.30000000000000004").
[[nodiscard]] QString exactNumber(double v);

} // namespace mltrl::ui
