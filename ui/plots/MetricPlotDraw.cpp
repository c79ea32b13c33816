// How MetricPlot draws a metric: series (with the min/max envelope per pixel column when the
// points outnumber the columns), curves (with the chance / perfect-calibration diagonal),
// groups (bars with intervals), the gate threshold with its pass and fail sides, and what is
// on screen for tests.
#include "ui/plots/MetricPlot.h"

#include "ui/common/StatusColours.h"
#include "ui/plots/MetricPlotDrawn.h"

#include "ui/common/Theme.h"

#include "qcustomplot.h"

#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>

namespace mltrl::ui {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
QColor seriesColour(std::size_t i)
{
    static const QColor colours[] = {QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00), QColor(0x00, 0x9E, 0x73),
                                     QColor(0xCC, 0x79, 0xA7), QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9),
                                     QColor(0x33, 0x33, 0x33)};
    return colours[i % std::size(colours)];
}

QString opText(CompareOp op)
{
    switch (op) {
    case CompareOp::Ge:
        return QStringLiteral("≥");
    case CompareOp::Gt:
        return QStringLiteral(">");
    case CompareOp::Le:
        return QStringLiteral("≤");
    case CompareOp::Lt:
        return QStringLiteral("<");
    case CompareOp::Eq:
        return QStringLiteral("=");
    }
    return {};
}

/// `colour` shifted until it reads on the plot's background (light or dark palette). The
/// margin above WCAG's 3:1 leaves room for the pass/fail shading drawn under the lines.
QColor onPlot(const QPalette &palette, const QColor &colour, double minRatio = 3.6)
{
    return readableOn(colour, palette.color(QPalette::Base), minRatio);
}

/// A graph with no data: a legend entry for an item (threshold, reference lines).
void legendEntry(QCustomPlot *plot, const QString &name, const QPen &pen, const QBrush &brush = {})
{
    QCPGraph *g = plot->addGraph();
    g->setName(name);
    g->setPen(pen);
    g->setBrush(brush);
}

QCPItemStraightLine *straightLine(QCustomPlot *plot, QPointF a, QPointF b, const QPen &pen)
{
    auto *line = new QCPItemStraightLine(plot);
    line->point1->setCoords(a);
    line->point2->setCoords(b);
    line->setPen(pen);
    return line;
}

/// A band from the top (top = true) or bottom of the plot area to y = `y` in plot coordinates.
void shade(QCustomPlot *plot, double y, bool top, const QColor &colour)
{
    auto *rect = new QCPItemRect(plot);
    for (QCPItemPosition *p : {rect->topLeft, rect->bottomRight}) {
        p->setAxes(plot->xAxis, plot->yAxis);
        p->setAxisRect(plot->axisRect());
        p->setTypeX(QCPItemPosition::ptAxisRectRatio);
    }
    QCPItemPosition *edge = top ? rect->topLeft : rect->bottomRight;
    QCPItemPosition *atThreshold = top ? rect->bottomRight : rect->topLeft;
    edge->setTypeY(QCPItemPosition::ptAxisRectRatio);
    edge->setCoords(top ? 0 : 1, top ? 0 : 1);
    atThreshold->setTypeY(QCPItemPosition::ptPlotCoords);
    atThreshold->setCoords(top ? 1 : 0, y);
    QColor fill = colour;
    fill.setAlpha(28);
    rect->setBrush(fill);
    rect->setPen(Qt::NoPen);
    rect->setLayer(QStringLiteral("background"));
}

} // namespace

void MetricPlot::build()
{
    const Metric &m = m_prepared->metric;
    m_plot->xAxis->setLabel(QString::fromStdString(m.xLabel.empty()
                                                       ? (m.kind == MetricKind::Series  ? std::string("step")
                                                          : m.kind == MetricKind::Curve ? std::string("x")
                                                                                        : std::string())
                                                       : m.xLabel));
    QString yLabel = QString::fromStdString(m.yLabel.empty() ? std::string("value") : m.yLabel);
    if (!m.unit.empty())
        yLabel += QStringLiteral(" (%1)").arg(QString::fromStdString(m.unit));
    m_plot->yAxis->setLabel(yLabel);
    const std::size_t points = m_prepared->data.pointCount();
    m_status->setText(QStringLiteral("%1 — %2 %3")
                          .arg(QString::fromStdString(m.title.empty() ? m.id : m.title))
                          .arg(points)
                          .arg(points == 1 ? QStringLiteral("point") : QStringLiteral("points")));

    m_drawn.resize(m_prepared->data.series.size());
    for (std::size_t i = 0; i < m_drawn.size(); ++i) {
        const std::string &name = m_prepared->data.series[i].name;
        m_drawn[i].name =
            name.empty() ? QString::fromStdString(m.title.empty() ? m.id : m.title) : QString::fromStdString(name);
        m_drawn[i].faint = !m_seriesFilter.isEmpty() && m_seriesFilter != QString::fromStdString(name);
    }
    switch (m_prepared->data.kind) {
    case MetricKind::Series:
        buildSeries();
        break;
    case MetricKind::Curve:
        buildCurve();
        break;
    case MetricKind::Groups:
        buildGroups();
        break;
    }
    const QRectF b = dataBounds();
    buildThreshold(b.left(), b.right());

    auto *layer = m_plot->layer(QStringLiteral("overlay"));
    QPen cross(onPlot(palette(), QColor(0x55, 0x55, 0x55)), 1, Qt::DotLine);
    m_crossV = straightLine(m_plot, {0, 0}, {0, 1}, cross);
    m_crossH = straightLine(m_plot, {0, 0}, {1, 0}, cross);
    for (auto *line : {m_crossV, m_crossH}) {
        line->setLayer(layer);
        line->setVisible(false);
        line->setSelectable(false);
    }
}

void MetricPlot::buildSeries()
{
    for (std::size_t i = 0; i < m_drawn.size(); ++i) {
        Drawn &d = m_drawn[i];
        QColor colour = onPlot(palette(), seriesColour(i));
        if (d.faint)
            colour.setAlpha(110);
        if (m_prepared->lower[i].size() > 0 && m_prepared->upper[i].size() > 0) {
            d.lower = m_plot->addGraph();
            d.upper = m_plot->addGraph();
            QColor band = colour;
            band.setAlpha(d.faint ? 25 : 50);
            for (QCPGraph *g : {d.lower, d.upper}) {
                g->setPen(Qt::NoPen);
                g->setAdaptiveSampling(false);
                g->removeFromLegend();
            }
            d.upper->setBrush(band);
            d.upper->setChannelFillGraph(d.lower);
        }
        d.value = m_plot->addGraph();
        d.value->setAdaptiveSampling(false); // we hand it ~2 points per column ourselves
        QPen pen(colour, d.faint ? 1.0 : 1.8);
        if (d.faint)
            pen.setStyle(Qt::DashLine);
        d.value->setPen(pen);
        d.value->setName(d.name);
        d.value->setScatterStyle(pointMarker(m_prepared->value[i].size(), colour));
    }
    if (integerSteps(m_prepared->data))
        m_plot->xAxis->setTicker(integerTicker());
}

void MetricPlot::buildCurve()
{
    const Metric &m = m_prepared->metric;
    auto has = [](const std::string &s, const char *what) {
        return QString::fromStdString(s).contains(QString::fromLatin1(what), Qt::CaseInsensitive);
    };
    bool unit = true;
    for (const SeriesData &s : m_prepared->data.series) {
        for (std::size_t k = 0; k < s.size(); ++k) {
            const double x = s.x[k], y = s.y[k];
            if ((!std::isnan(x) && (x < 0 || x > 1)) || (!std::isnan(y) && (y < 0 || y > 1)))
                unit = false;
        }
    }
    const bool roc = unit && (has(m.title, "ROC") || has(m.xLabel, "false positive") || has(m.yLabel, "ROC") ||
                              has(m.xLabel, "ROC") || has(m.title, "false positive"));
    const bool calibration = has(m.title, "calibration") || has(m.id, "calibration") || has(m.title, "reliability");
    if (roc || calibration) {
        QPen pen(onPlot(palette(), QColor(0x88, 0x88, 0x88)), 1, Qt::DashLine);
        straightLine(m_plot, {0, 0}, {1, 1}, pen);
        legendEntry(m_plot, roc ? tr("chance (diagonal)") : tr("perfect calibration (y = x)"), pen);
    }
    for (std::size_t i = 0; i < m_drawn.size(); ++i) {
        Drawn &d = m_drawn[i];
        const SeriesData &s = m_prepared->data.series[i];
        d.curve = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
        QVector<QCPCurveData> points;
        points.reserve(static_cast<qsizetype>(s.size()));
        for (std::size_t k = 0; k < s.size(); ++k)
            points.append(QCPCurveData(static_cast<double>(k), s.x[k], s.y[k]));
        d.curve->data()->set(points, true);
        d.curve->setPen(QPen(onPlot(palette(), seriesColour(i)), 1.8));
        d.curve->setName(d.name);
        d.curve->setScatterStyle(pointMarker(s.size(), onPlot(palette(), seriesColour(i))));
    }
}

void MetricPlot::buildGroups()
{
    const auto &labels = m_prepared->data.groupLabels;
    auto ticker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
    for (std::size_t g = 0; g < labels.size(); ++g)
        ticker->addTick(static_cast<double>(g), groupTickLabel(m_prepared->data, g));
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setTickLabelRotation(labels.size() > 4 ? 30 : 0);

    QCPBarsGroup *group = m_drawn.size() > 1 ? new QCPBarsGroup(m_plot) : nullptr;
    for (std::size_t i = 0; i < m_drawn.size(); ++i) {
        Drawn &d = m_drawn[i];
        const SeriesData &s = m_prepared->data.series[i];
        d.bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
        d.bars->setWidth(m_drawn.size() > 1 ? 0.7 / static_cast<double>(m_drawn.size()) : 0.6);
        if (group)
            d.bars->setBarsGroup(group);
        const QColor colour = onPlot(palette(), seriesColour(i));
        QColor fill = colour;
        fill.setAlpha(170);
        d.bars->setBrush(fill);
        d.bars->setPen(QPen(isDark(palette()) ? colour.lighter(130) : colour.darker(130)));
        d.bars->setName(d.name);
        QVector<double> keys, values, minus, plus;
        for (std::size_t k = 0; k < s.size(); ++k) {
            keys.append(s.x[k]);
            values.append(s.y[k]);
            const double lo = s.lower.empty() ? kNaN : s.lower[k];
            const double hi = s.upper.empty() ? kNaN : s.upper[k];
            minus.append(std::isnan(lo) ? 0.0 : s.y[k] - lo);
            plus.append(std::isnan(hi) ? 0.0 : hi - s.y[k]);
        }
        d.bars->setData(keys, values, true);
        if (hasValues(s.lower) || hasValues(s.upper)) {
            auto *errors = new QCPErrorBars(m_plot->xAxis, m_plot->yAxis);
            errors->setDataPlottable(d.bars);
            errors->setData(minus, plus);
            errors->setPen(QPen(palette().color(QPalette::Text), 1.2));
            errors->setName(tr("%1: interval (lower–upper)").arg(d.name));
        }
    }
}

void MetricPlot::buildThreshold(double xFrom, double xTo)
{
    if (!m_threshold)
        return;
    const double t = m_threshold->value;
    const CompareOp op = m_threshold->op;
    QPen pen(palette().color(QPalette::Text), 1.6, Qt::DashDotLine);
    m_thresholdLine = straightLine(m_plot, {xFrom, t}, {xTo > xFrom ? xTo : xFrom + 1, t}, pen);
    legendEntry(m_plot, tr("gate threshold %1 %2").arg(opText(op), exactNumber(t)), pen);
    if (op == CompareOp::Eq)
        return;
    const bool passAbove = op == CompareOp::Ge || op == CompareOp::Gt;
    shade(m_plot, t, passAbove, status::passMark());
    shade(m_plot, t, !passAbove, status::failMark());
    // A second cue beside the colour: the words on each side of the line.
    auto label = [&](bool above, const QString &text, const QColor &colour) {
        auto *item = new QCPItemText(m_plot);
        item->position->setAxes(m_plot->xAxis, m_plot->yAxis);
        item->position->setAxisRect(m_plot->axisRect());
        item->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
        item->position->setTypeY(QCPItemPosition::ptPlotCoords);
        item->position->setCoords(0.01, t);
        item->setPositionAlignment(Qt::AlignLeft | (above ? Qt::AlignBottom : Qt::AlignTop));
        item->setText(text);
        item->setColor(onPlot(palette(), colour, 5.2));
        item->setClipToAxisRect(true);
    };
    label(passAbove, tr("✓ pass side"), status::passMark());
    label(!passAbove, tr("✗ fail side"), status::failMark());
    QColor pass = status::passMark();
    pass.setAlpha(60);
    QColor fail = status::failMark();
    fail.setAlpha(60);
    legendEntry(m_plot, tr("pass side (✓)"), Qt::NoPen, pass);
    legendEntry(m_plot, tr("fail side (✗)"), Qt::NoPen, fail);
}

QRectF MetricPlot::dataBounds() const
{
    bool any = false;
    double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
    auto add = [&](double x, double y) {
        if (!std::isfinite(x) || !std::isfinite(y))
            return;
        if (!any) {
            x0 = x1 = x;
            y0 = y1 = y;
            any = true;
        }
        x0 = std::min(x0, x);
        x1 = std::max(x1, x);
        y0 = std::min(y0, y);
        y1 = std::max(y1, y);
    };
    if (!m_prepared)
        return QRectF(0, 0, 1, 1);
    const MetricData &data = m_prepared->data;
    if (data.kind == MetricKind::Series) {
        for (std::size_t i = 0; i < data.series.size(); ++i) {
            for (const Envelope *e : {&m_prepared->value[i], &m_prepared->lower[i], &m_prepared->upper[i]}) {
                if (e->size() == 0)
                    continue;
                const auto [lo, hi] = e->rangeMinMax(0, e->size());
                add(e->x().front(), lo);
                add(e->x().back(), hi);
                add(e->x().front(), hi);
            }
        }
    } else {
        for (const SeriesData &s : data.series) {
            for (std::size_t k = 0; k < s.size(); ++k) {
                add(s.x[k], s.y[k]);
                if (!s.lower.empty())
                    add(s.x[k], s.lower[k]);
                if (!s.upper.empty())
                    add(s.x[k], s.upper[k]);
            }
        }
        if (data.kind == MetricKind::Groups) {
            add(-0.5, 0);
            add(static_cast<double>(data.groupLabels.size()) - 0.5, 0);
        }
    }
    if (m_threshold && any)
        add(x0, m_threshold->value);
    if (!any)
        return QRectF(0, 0, 1, 1);
    return QRectF(QPointF(x0, y0), QPointF(x1, y1));
}

void MetricPlot::updateVisible()
{
    if (!m_prepared || m_prepared->data.kind != MetricKind::Series)
        return;
    const QCPRange range = m_plot->xAxis->range();
    const int columns = pixelColumns();
    if (range.lower == m_cachedFrom && range.upper == m_cachedTo && columns == m_cachedColumns)
        return;
    m_cachedFrom = range.lower;
    m_cachedTo = range.upper;
    m_cachedColumns = columns;
    int drawn = 0;
    for (std::size_t i = 0; i < m_drawn.size(); ++i) {
        updateSeriesGraph(i, range.lower, range.upper, columns);
        drawn += pointsDrawn(static_cast<int>(i));
    }
    // Antialiased filling and stroking of thousands of jagged segments costs more than a frame
    // in the raster engine; at one point per pixel column it adds nothing visible.
    const bool dense = drawn > 600;
    m_plot->setNotAntialiasedElements(dense ? QCP::aePlottables | QCP::aeFills : QCP::aeNone);
}

void MetricPlot::updateSeriesGraph(std::size_t i, double xFrom, double xTo, int columns)
{
    Drawn &d = m_drawn[i];
    const Envelope &env = m_prepared->value[i];
    const Envelope &lower = m_prepared->lower[i];
    const Envelope &upper = m_prepared->upper[i];
    const auto [first, last] = env.pointRange(xFrom, xTo);
    // One point beyond each edge keeps the line running off the plot instead of stopping short.
    const std::size_t from = first > 0 ? first - 1 : 0;
    const std::size_t to = std::min(env.size(), last + 1);
    QVector<QCPGraphData> values, lows, highs;
    auto raw = [&](std::size_t k) {
        values.append(QCPGraphData(env.x()[k], env.y()[k]));
        if (d.lower) {
            lows.append(QCPGraphData(lower.x()[k], lower.y()[k]));
            highs.append(QCPGraphData(upper.x()[k], upper.y()[k]));
        }
    };
    d.envelope = !env.drawEveryPoint(xFrom, xTo, columns);
    d.columns.clear();
    if (!d.envelope) {
        values.reserve(static_cast<qsizetype>(to - from));
        for (std::size_t k = from; k < to; ++k)
            values.append(QCPGraphData(env.x()[k], env.y()[k]));
        if (d.lower)
            for (std::size_t k = from; k < to; ++k) {
                lows.append(QCPGraphData(lower.x()[k], lower.y()[k]));
                highs.append(QCPGraphData(upper.x()[k], upper.y()[k]));
            }
        d.value->setName(d.name);
    } else {
        d.columns = env.columns(xFrom, xTo, columns);
        values.reserve(static_cast<qsizetype>(2 * d.columns.size() + 2));
        if (from < first)
            raw(from);
        for (const Envelope::Column &c : d.columns) {
            if (c.count == 0 || std::isnan(c.yMin))
                continue;
            const double mid = (c.xFrom + c.xTo) / 2;
            // Down and up within the column: one vertical stroke covering every value in it.
            values.append(QCPGraphData(mid, c.yMin));
            values.append(QCPGraphData(mid, c.yMax));
            if (d.lower) {
                lows.append(QCPGraphData(mid, lower.rangeMinMax(c.first, c.first + c.count).first));
                highs.append(QCPGraphData(mid, upper.rangeMinMax(c.first, c.first + c.count).second));
            }
        }
        if (last < to)
            raw(last);
        const double perColumn = static_cast<double>(last - first) / static_cast<double>(columns);
        d.value->setName(tr("%1 — min/max envelope of %2 points per pixel column")
                             .arg(d.name, QLocale().toString(std::llround(perColumn))));
    }
    // A thin (cosmetic) pen for many points: wide pens go through the slow general stroker,
    // which takes far longer than a frame for a few thousand jagged segments.
    QPen pen = d.value->pen();
    pen.setWidthF(values.size() > 300 ? 1.0 : (d.faint ? 1.0 : 1.8));
    pen.setCosmetic(true);
    d.value->setPen(pen);
    d.value->data()->set(values, true);
    if (d.lower) {
        d.lower->data()->set(lows, true);
        d.upper->data()->set(highs, true);
    }
}

int MetricPlot::subSeriesCount() const
{
    return static_cast<int>(m_drawn.size());
}

int MetricPlot::pointsDrawn(int i) const
{
    if (i < 0 || i >= subSeriesCount())
        return 0;
    const Drawn &d = m_drawn[static_cast<std::size_t>(i)];
    if (d.value)
        return d.value->dataCount();
    if (d.curve)
        return d.curve->dataCount();
    if (d.bars)
        return d.bars->dataCount();
    return 0;
}

QVector<QPointF> MetricPlot::drawnPoints(int i) const
{
    QVector<QPointF> out;
    if (i < 0 || i >= subSeriesCount())
        return out;
    const Drawn &d = m_drawn[static_cast<std::size_t>(i)];
    if (d.value)
        for (const QCPGraphData &p : *d.value->data())
            out.append({p.key, p.value});
    if (d.curve)
        for (const QCPCurveData &p : *d.curve->data())
            out.append({p.key, p.value});
    if (d.bars)
        for (const QCPBarsData &p : *d.bars->data())
            out.append({p.key, p.value});
    return out;
}

const std::vector<Envelope::Column> &MetricPlot::drawnColumns(int i) const
{
    static const std::vector<Envelope::Column> none;
    if (i < 0 || i >= subSeriesCount())
        return none;
    return m_drawn[static_cast<std::size_t>(i)].columns;
}

bool MetricPlot::envelopeInUse() const
{
    return std::any_of(m_drawn.begin(), m_drawn.end(), [](const Drawn &d) { return d.envelope; });
}

QStringList MetricPlot::legendTexts() const
{
    QStringList out;
    for (int i = 0; i < m_plot->legend->itemCount(); ++i)
        if (auto *item = qobject_cast<QCPPlottableLegendItem *>(m_plot->legend->item(i)))
            out << item->plottable()->name();
    return out;
}

std::optional<double> MetricPlot::thresholdDrawn() const
{
    if (!m_thresholdLine)
        return std::nullopt;
    return m_thresholdLine->point1->coords().y();
}

} // namespace mltrl::ui
