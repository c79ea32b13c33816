// MetricPlot's hover search: the nearest point on screen over every sub-series, its values in
// words under the plot and a crosshair on it.
#include "ui/plots/MetricPlot.h"

#include "ui/plots/MetricPlotDrawn.h"

#include "qcustomplot.h"

#include <QLabel>

#include <algorithm>
#include <cmath>
#include <limits>

namespace mltrl::ui {

QString MetricPlot::hoverText() const
{
    return m_hover->text();
}

void MetricPlot::hoverAt(QPoint pos)
{
    if (!m_prepared || !m_crossV)
        return;
    const double mx = m_plot->xAxis->pixelToCoord(pos.x());
    const double my = m_plot->yAxis->pixelToCoord(pos.y());
    const MetricData &data = m_prepared->data;
    // The nearest point on screen, over every sub-series.
    double best = std::numeric_limits<double>::infinity();
    QString text;
    QPointF at;
    auto consider = [&](double x, double y, const QString &what) {
        if (std::isnan(x) || std::isnan(y))
            return;
        const double dx = m_plot->xAxis->coordToPixel(x) - pos.x();
        const double dy = m_plot->yAxis->coordToPixel(y) - pos.y();
        const double dist = dx * dx + dy * dy;
        if (dist < best) {
            best = dist;
            text = what;
            at = {x, y};
        }
    };
    for (std::size_t i = 0; i < data.series.size(); ++i) {
        const QString name = m_drawn[i].name;
        if (data.kind == MetricKind::Series) {
            const Envelope &env = m_prepared->value[i];
            if (env.size() == 0)
                continue;
            const auto x = env.x();
            auto it = std::lower_bound(x.begin(), x.end(), mx);
            for (auto cand : {it, it == x.begin() ? it : it - 1}) {
                if (cand == x.end())
                    continue;
                const std::size_t k = static_cast<std::size_t>(cand - x.begin());
                QString what = tr("step %1 · value %2").arg(exactNumber(x[k]), exactNumber(env.y()[k]));
                if (m_prepared->lower[i].size() > 0)
                    what +=
                        tr(" · interval %1 … %2")
                            .arg(exactNumber(m_prepared->lower[i].y()[k]), exactNumber(m_prepared->upper[i].y()[k]));
                consider(x[k], env.y()[k], what + tr(" · series %1").arg(name));
            }
        } else {
            const SeriesData &s = data.series[i];
            for (std::size_t k = 0; k < s.size(); ++k) {
                QString what;
                if (data.kind == MetricKind::Curve)
                    what = tr("x %1 · y %2 · series %3").arg(exactNumber(s.x[k]), exactNumber(s.y[k]), name);
                else
                    what =
                        tr("%1 · value %2%3")
                            .arg(k < data.groupLabels.size() ? QString::fromStdString(data.groupLabels[k]) : QString(),
                                 exactNumber(s.y[k]),
                                 s.lower.empty() || std::isnan(s.lower[k])
                                     ? QString()
                                     : tr(" · interval %1 … %2").arg(exactNumber(s.lower[k]), exactNumber(s.upper[k])));
                consider(s.x[k], s.y[k], what);
            }
        }
    }
    Q_UNUSED(my);
    const bool found = std::isfinite(best);
    m_crossV->setVisible(found);
    m_crossH->setVisible(found);
    if (found) {
        m_crossV->point1->setCoords(at.x(), 0);
        m_crossV->point2->setCoords(at.x(), 1);
        m_crossH->point1->setCoords(0, at.y());
        m_crossH->point2->setCoords(1, at.y());
    }
    m_hover->setText(text);
    m_plot->layer(QStringLiteral("overlay"))->replot();
}

void MetricPlot::onMouseMove(QMouseEvent *event)
{
    if (event->buttons() == Qt::NoButton)
        hoverAt(event->pos());
}

} // namespace mltrl::ui
