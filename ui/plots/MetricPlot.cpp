// The metric plot widget: its parts, loading off the UI thread, the view (reset, ranges, keys).
// Drawing is in MetricPlotDraw.cpp, the hover search in MetricPlotHover.cpp, export in
// MetricPlotExport.cpp.
#include "ui/plots/MetricPlot.h"

#include "ui/plots/MetricPlotDrawn.h"

#include "core/store/RevisionData.h"
#include "core/store/Store.h"
#include "ui/common/BackgroundJob.h"
#include "ui/common/Theme.h"
#include "ui/plots/PreparedMetricCache.h"

#include "qcustomplot.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace mltrl::ui {

std::shared_ptr<const PreparedMetric> PreparedMetric::build(Metric metric, MetricData data)
{
    auto p = std::make_shared<PreparedMetric>();
    p->metric = std::move(metric);
    p->data = std::move(data);
    if (p->data.kind == MetricKind::Series) {
        for (const SeriesData &s : p->data.series) {
            p->value.push_back(Envelope::borrowing(s.x, s.y));
            p->lower.push_back(hasValues(s.lower) ? Envelope::borrowing(s.x, s.lower) : Envelope());
            p->upper.push_back(hasValues(s.upper) ? Envelope::borrowing(s.x, s.upper) : Envelope());
        }
    }
    return p;
}

MetricPlot::MetricPlot(QWidget *parent) : QWidget(parent)
{
    m_plot = new QCustomPlot(this);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setNoAntialiasingOnDrag(true);
    // Line segments drawn one by one: the polyline stroker is far too slow for jagged data.
    m_plot->setPlottingHint(QCP::phFastPolylines, true);
    m_plot->setMinimumSize(320, 220);
    m_plot->legend->setVisible(true);
    // The legend sits in a row of its own under the axes, never over the data.
    m_plot->plotLayout()->addElement(1, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(1, 0.001);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->legend->setWrap(3);
    m_plot->legend->setMargins(QMargins(4, 2, 4, 2));
    m_plot->setFocusPolicy(Qt::StrongFocus);
    connect(m_plot, &QCustomPlot::afterLayout, this, &MetricPlot::updateVisible);
    connect(m_plot, &QCustomPlot::mouseMove, this, &MetricPlot::onMouseMove);

    m_status = new QLabel(this);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("plotMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setMinimumSize(320, 220);
    m_hover = new QLabel(this);
    m_hover->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reset = new QToolButton(this);
    m_reset->setText(tr("Reset view"));
    m_reset->setToolTip(tr("Show all points (R or Home)"));
    connect(m_reset, &QToolButton::clicked, this, &MetricPlot::resetView);
    m_export = new QToolButton(this);
    m_export->setText(tr("Export"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_export);
    for (const QString &format : {QStringLiteral("PNG"), QStringLiteral("PDF"), QStringLiteral("SVG")})
        menu->addAction(tr("Export as %1…").arg(format), this, [this, format] { exportWithDialog(format); });
    m_export->setMenu(menu);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    bar->addWidget(m_reset);
    bar->addWidget(m_export);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_message, 1);
    layout->addWidget(m_hover);
    // Light/dark follows the system: draw again in the new palette, keeping the view.
    followPalette(this, [this] {
        if (!m_prepared) {
            const QString keep = message();
            clear();
            setMessage(keep);
            return;
        }
        const QCPRange x = m_plot->xAxis->range();
        const QCPRange y = m_plot->yAxis->range();
        show(m_prepared, m_threshold, m_seriesFilter);
        m_plot->xAxis->setRange(x);
        m_plot->yAxis->setRange(y);
        replotNow();
    });
    clear();
}

MetricPlot::~MetricPlot()
{
    BackgroundJob::stop(m_job);
    m_helpers.deleteAll(); // see WidgetHelpers
}

void MetricPlot::load(Store *store, std::int64_t revisionId, const Metric &metric,
                      std::optional<PlotThreshold> threshold, const QString &seriesFilter)
{
    clear();
    m_loading = true;
    m_status->setText(tr("Loading %1…").arg(QString::fromStdString(metric.id)));
    setMessage(tr("Loading %1…").arg(QString::fromStdString(metric.id)));
    m_threshold = threshold;
    m_seriesFilter = seriesFilter;

    // SQLite connections must not cross threads: the job has its own. Plots of the same metric
    // share one copy of its points (PreparedMetricCache).
    const std::filesystem::path dir = store->dir();
    m_job = runJob<std::shared_ptr<const PreparedMetric>>(
        this, JobStore{dir},
        [dir, revisionId, metric](JobContext &job) -> std::shared_ptr<const PreparedMetric> {
            return PreparedMetricCache::instance().obtain(
                PreparedMetricCache::key(dir, revisionId, metric), [&]() -> std::shared_ptr<const PreparedMetric> {
                    if (auto data = loadMetricData(job.store(), revisionId, metric.id))
                        return PreparedMetric::build(metric, std::move(*data));
                    return nullptr;
                });
        },
        [this, threshold, seriesFilter](JobResult<std::shared_ptr<const PreparedMetric>> result) {
            m_job = nullptr;
            m_loading = false;
            if (!result.ok() || !*result.value) {
                m_status->setText(result.ok() ? tr("The metric could not be loaded.")
                                              : tr("The metric could not be loaded: %1").arg(result.error));
                emit loadFailed(m_status->text());
                return;
            }
            show(*result.value, threshold, seriesFilter);
            emit loaded();
        });
}

void MetricPlot::clear()
{
    if (m_job)
        m_job->abandon(); // its result is not wanted any more
    m_job = nullptr;
    m_loading = false;
    m_prepared.reset();
    m_drawn.clear();
    m_threshold.reset();
    m_thresholdLine = nullptr;
    m_plot->clearGraphs();
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_crossV = m_crossH = nullptr;
    m_cachedColumns = -1;
    m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    m_plot->xAxis->setLabel({});
    m_plot->yAxis->setLabel({});
    m_status->setText(tr("No metric selected."));
    m_hover->clear();
    stylePlot(m_plot, palette());
    m_plot->replot();
    setMessage(tr("No metric selected."));
}

void MetricPlot::showMessage(const QString &text)
{
    clear();
    m_status->clear();
    setMessage(text);
}

void MetricPlot::setMessage(const QString &text)
{
    // No axis frame without data: a plain sentence instead.
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    m_plot->setVisible(text.isEmpty());
    m_reset->setEnabled(text.isEmpty());
    m_export->setEnabled(text.isEmpty());
}

void MetricPlot::show(std::shared_ptr<const PreparedMetric> prepared, std::optional<PlotThreshold> threshold,
                      const QString &seriesFilter)
{
    clear();
    m_prepared = std::move(prepared);
    m_threshold = threshold;
    m_seriesFilter = seriesFilter;
    if (!m_prepared)
        return;
    if (m_prepared->data.pointCount() == 0) {
        setMessage(tr("%1 has no points.").arg(QString::fromStdString(m_prepared->metric.id)));
        return;
    }
    setMessage({});
    build();
    resetView();
}

void MetricPlot::resetView()
{
    const QRectF b = dataBounds();
    double x0 = b.left(), x1 = b.right(), y0 = b.top(), y1 = b.bottom();
    if (x1 <= x0) {
        x0 -= 0.5;
        x1 += 0.5;
    }
    if (y1 <= y0) {
        y0 -= 0.5;
        y1 += 0.5;
    }
    const double ypad = (y1 - y0) * 0.05;
    const bool groups = m_prepared && m_prepared->data.kind == MetricKind::Groups;
    m_plot->xAxis->setRange(x0, x1);
    m_plot->yAxis->setRange(groups && y0 >= 0 ? 0 : y0 - ypad, y1 + ypad);
    m_plot->replot();
}

void MetricPlot::setXRange(double from, double to)
{
    m_plot->xAxis->setRange(from, to);
}

void MetricPlot::replotNow()
{
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
}

int MetricPlot::pixelColumns() const
{
    return std::max(1, m_plot->axisRect()->width());
}

void MetricPlot::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_R || event->key() == Qt::Key_Home) {
        resetView();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace mltrl::ui
