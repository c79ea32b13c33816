// How a metric plot reads: whole-number step axes, markers on few points, n per group, and
// the sentence shown instead of an empty frame (see MetricPlot.h).
#include "ui/plots/MetricPlot.h"

#include "qcustomplot.h"

#include <QLabel>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace mltrl::ui {

bool integerSteps(const MetricData &data)
{
    if (data.kind != MetricKind::Series)
        return false;
    bool any = false;
    for (const SeriesData &s : data.series)
        for (const double x : s.x) {
            if (std::isnan(x))
                continue;
            if (!std::isfinite(x) || x != std::floor(x))
                return false;
            any = true;
        }
    return any;
}

QSharedPointer<QCPAxisTicker> integerTicker()
{
    auto ticker = QSharedPointer<QCPAxisTickerFixed>(new QCPAxisTickerFixed);
    ticker->setTickStep(1.0);
    // Zoomed out, the step grows by 1, 2, 5, 10 …: never a fractional step.
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    ticker->setTickCount(8);
    return ticker;
}

QCPScatterStyle pointMarker(std::size_t points, const QColor &colour)
{
    if (points > kFewPoints)
        return QCPScatterStyle(QCPScatterStyle::ssNone);
    // Big enough to see on a projector, filled so a lone point is not a hairline ring.
    return QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, points <= 1 ? 9 : 7);
}

QString groupTickLabel(const MetricData &data, std::size_t g)
{
    const QString name = g < data.groupLabels.size() ? QString::fromStdString(data.groupLabels[g]) : QString();
    // The n of the group: the same for every sub-series in a well-formed file; when they
    // differ, the range is shown.
    double lo = NAN, hi = NAN;
    for (const SeriesData &s : data.series) {
        if (s.count.empty())
            continue;
        for (std::size_t k = 0; k < s.size() && k < s.count.size(); ++k) {
            if (s.x[k] != static_cast<double>(g) || std::isnan(s.count[k]))
                continue;
            lo = std::isnan(lo) ? s.count[k] : std::min(lo, s.count[k]);
            hi = std::isnan(hi) ? s.count[k] : std::max(hi, s.count[k]);
        }
    }
    if (std::isnan(lo))
        return name;
    const QLocale c = QLocale::c();
    const QString n = lo == hi
                          ? c.toString(std::llround(lo))
                          : QStringLiteral("%1–%2").arg(c.toString(std::llround(lo)), c.toString(std::llround(hi)));
    return QStringLiteral("%1\nn = %2").arg(name, n);
}

QString exactNumber(double v)
{
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

QString MetricPlot::message() const
{
    return m_plot->isHidden() ? m_message->text() : QString();
}

} // namespace mltrl::ui
