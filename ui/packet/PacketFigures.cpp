#include "ui/packet/PacketFigures.h"

#include "core/review/ReviewRecord.h"
#include "ui/common/Levels.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace mltrl::packet {

namespace {

const QColor kInk(0x22, 0x22, 0x22);
const QColor kGrid(0xdd, 0xdd, 0xdd);
const QColor kPass(0xe3, 0xf4, 0xe1); // opaque tints: PDF/A-1 allows no transparency
const QColor kFail(0xfb, 0xe3, 0xe1);
const QColor kThreshold(0xb0, 0x1c, 0x1c);

QColor seriesColor(std::size_t i)
{
    static const QColor colors[] = {QColor(0x1f, 0x5f, 0xa8), QColor(0xd9, 0x6c, 0x06), QColor(0x2a, 0x8a, 0x3c),
                                    QColor(0x7b, 0x3f, 0xa0), QColor(0x8c, 0x56, 0x4b), QColor(0x17, 0x8f, 0x9b)};
    return colors[i % std::size(colors)];
}

/// A light, opaque version of `c` (a band behind its line).
QColor tint(QColor c, double amount)
{
    return QColor::fromRgbF(1 - (1 - c.redF()) * amount, 1 - (1 - c.greenF()) * amount, 1 - (1 - c.blueF()) * amount);
}

QFont sized(const QFont &f, double pt)
{
    QFont out = f;
    out.setPointSizeF(pt);
    return out;
}

/// "1.5", "0.88", "12k": short tick labels.
QString tickText(double v)
{
    return QString::number(v, 'g', 4);
}

/// About `n` round tick values covering [lo, hi].
std::vector<double> ticks(double lo, double hi, int n)
{
    std::vector<double> out;
    const double span = hi - lo;
    if (!(span > 0))
        return {lo};
    const double raw = span / n;
    const double mag = std::pow(10, std::floor(std::log10(raw)));
    double step = mag;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * mag >= raw) {
            step = m * mag;
            break;
        }
    for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
        out.push_back(std::abs(v) < step * 1e-9 ? 0 : v);
    return out;
}

} // namespace

void drawTrack(QPainter &p, const QRectF &box, double k, const PacketFonts &fonts, const RevisionData &rev)
{
    p.setRenderHint(QPainter::Antialiasing);
    const RevisionOverview &o = rev.overview;
    const double step = box.width() / 10;
    const double cy = box.top() + 30 * k;
    const double r = 9 * k;
    p.setPen(QPen(QColor(0x99, 0x99, 0x99), 2 * k));
    p.drawLine(QPointF(box.left() + step / 2, cy), QPointF(box.right() - step / 2, cy));
    for (int level = 0; level <= 9; ++level) {
        const QPointF c(box.left() + step * (level + 0.5), cy);
        const bool current = level == o.currentLevel;
        const bool system = o.systemLevel && level == *o.systemLevel;
        const bool target = o.targetLevel && level == *o.targetLevel;
        p.setPen(QPen(current ? kInk : QColor(0x77, 0x77, 0x77), (current ? 2.5 : 0.8) * k));
        p.setBrush(ui::levelColor(level));
        p.drawEllipse(c, current ? r * 1.35 : r, current ? r * 1.35 : r);
        if (target) {
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(kInk, 1 * k, Qt::DashLine));
            p.drawEllipse(c, r * 1.8, r * 1.8);
        }
        p.setPen(QPen(kInk, 0.5 * k));
        p.setFont(fonts.bold);
        p.drawText(QRectF(c.x() - r * 2, c.y() - r, r * 4, r * 2), Qt::AlignCenter, QString::number(level));
        p.setFont(sized(fonts.small, 6.5));
        p.drawText(QRectF(c.x() - step / 2, cy + 16 * k, step, 20 * k),
                   Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, ui::levelShortName(level));
        QStringList marks;
        if (current)
            marks << QStringLiteral("current");
        if (system)
            marks << QStringLiteral("system");
        if (target)
            marks << QStringLiteral("target");
        if (!marks.isEmpty()) {
            p.setFont(sized(fonts.bold, 7));
            p.drawText(QRectF(c.x() - step, box.top() - 2 * k, 2 * step, 14 * k), Qt::AlignCenter,
                       marks.join(QStringLiteral(" · ")));
        }
    }
    // Stage names under their stations.
    p.setFont(sized(fonts.small, 7));
    const struct {
        int from, to;
    } stages[] = {{0, 2}, {3, 5}, {6, 8}, {9, 9}};
    for (const auto &s : stages) {
        const QRectF band(box.left() + step * s.from + 2 * k, cy + 38 * k, step * (s.to - s.from + 1) - 4 * k, 12 * k);
        p.fillRect(band, tint(ui::levelColor(s.from), 0.5));
        p.setPen(QPen(kInk, 0.5 * k));
        p.drawText(band, Qt::AlignCenter, ui::stageName(ui::stageOf(s.from)));
    }
    QString held;
    for (const std::string &id : o.heldBackBy) {
        const Component *c = rev.manifest.findComponent(id);
        held += (held.isEmpty() ? QString() : QStringLiteral(", ")) + QString::fromStdString(id) +
                (c ? QStringLiteral(" (%1, level %2)").arg(QString::fromStdString(c->name)).arg(c->level) : QString());
    }
    p.setFont(fonts.body);
    p.drawText(QRectF(box.left(), cy + 54 * k, box.width(), 14 * k), Qt::AlignLeft | Qt::AlignVCenter,
               held.isEmpty() ? QStringLiteral("No components: the project level is the system level.")
                              : QStringLiteral("Holding the system back: %1").arg(held));
}

void drawHistory(QPainter &p, const QRectF &box, double k, const PacketFonts &fonts, const RevisionData &rev)
{
    p.setRenderHint(QPainter::Antialiasing);
    const auto &h = rev.manifest.history;
    const QRectF plot = box.adjusted(28 * k, 8 * k, -8 * k, -30 * k);
    auto yOf = [&](int level) { return plot.bottom() - plot.height() * level / 9.0; };
    p.setFont(sized(fonts.small, 7));
    for (int level = 0; level <= 9; ++level) {
        p.fillRect(QRectF(plot.left() - 26 * k, yOf(level) - 4 * k, 14 * k, 8 * k), ui::levelColor(level));
        p.setPen(QPen(kInk, 0.5 * k));
        p.drawText(QRectF(plot.left() - 26 * k, yOf(level) - 5 * k, 14 * k, 10 * k), Qt::AlignCenter,
                   QString::number(level));
        p.setPen(QPen(kGrid, 0.4 * k));
        p.drawLine(QPointF(plot.left(), yOf(level)), QPointF(plot.right(), yOf(level)));
    }
    if (h.empty())
        return;
    const double dx = h.size() > 1 ? plot.width() / static_cast<double>(h.size() - 1) : 0;
    auto xOf = [&](std::size_t i) { return plot.left() + (h.size() > 1 ? dx * i : plot.width() / 2); };
    std::optional<int> prev;
    for (std::size_t i = 0; i < h.size(); ++i) {
        const HistoryEntry &e = h[i];
        const int from = e.from.value_or(prev.value_or(e.to));
        const QPointF a(i == 0 ? xOf(0) : xOf(i - 1), yOf(from)), b(xOf(i), yOf(e.to));
        const bool invalid = rev.invalidSwitchbacks.count(i) > 0;
        if (i > 0) {
            QPen pen(e.kind == HistoryKind::Switchback ? kThreshold : QColor(0x1f, 0x5f, 0xa8), 1.6 * k);
            if (e.kind == HistoryKind::Switchback)
                pen.setStyle(Qt::DashLine);
            p.setPen(pen);
            p.drawLine(a, QPointF(b.x(), a.y()));
            p.drawLine(QPointF(b.x(), a.y()), b);
        }
        p.setPen(QPen(kInk, 0.6 * k));
        p.setBrush(ui::levelColor(e.to));
        p.drawEllipse(b, 3.5 * k, 3.5 * k);
        QString label = QString::fromStdString(e.at.substr(0, 10));
        if (e.kind == HistoryKind::Switchback)
            label +=
                QStringLiteral("\nswitchback (%1)%2")
                    .arg(QString::fromUtf8(toString(e.switchback)), invalid ? QStringLiteral(" INVALID") : QString());
        else if (i > 0)
            label += QStringLiteral("\n") + QString::fromUtf8(toString(e.kind));
        p.setPen(QPen(e.kind == HistoryKind::Switchback ? kThreshold : kInk, 0.5 * k));
        p.setFont(sized(fonts.small, 6));
        p.drawText(QRectF(b.x() - dx / 2, plot.bottom() + 4 * k, std::max(dx, 60 * k), 24 * k),
                   Qt::AlignHCenter | Qt::AlignTop, label);
        prev = e.to;
    }
}

QString metricCaption(const MetricFigure &f)
{
    QStringList parts;
    for (const FigureSeries &s : f.series)
        if (s.envelope)
            parts << QStringLiteral(
                         "%1%2: %3 points shown as their exact min/max envelope over %4 columns (every point "
                         "lies inside it; none is dropped)")
                         .arg(s.name.empty() ? QString() : QString::fromStdString(s.name) + QStringLiteral(" "))
                         .arg(s.name.empty() ? QStringLiteral("series") : QString())
                         .arg(s.points)
                         .arg(kFigureColumns);
    if (parts.isEmpty()) {
        std::size_t n = 0;
        for (const FigureSeries &s : f.series)
            n += s.points;
        bool marked = f.metric.kind != MetricKind::Groups;
        for (const FigureSeries &s : f.series)
            marked = marked && s.line.size() <= kMarkedPoints;
        return QStringLiteral("Every point drawn (%1 in all)%2.")
            .arg(n)
            .arg(marked || f.metric.kind == MetricKind::Groups ? QStringLiteral(", each marked") : QString());
    }
    return parts.join(QStringLiteral("; ")) + QStringLiteral(".");
}

void drawMetric(QPainter &p, const QRectF &box, double k, const PacketFonts &fonts, const MetricFigure &f)
{
    p.setRenderHint(QPainter::Antialiasing);
    const bool groups = f.metric.kind == MetricKind::Groups;
    // Data range over everything drawn, thresholds included.
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    auto take = [&](const std::vector<QPointF> &pts) {
        for (const QPointF &q : pts) {
            x0 = std::min(x0, q.x()), x1 = std::max(x1, q.x());
            y0 = std::min(y0, q.y()), y1 = std::max(y1, q.y());
        }
    };
    for (const FigureSeries &s : f.series) {
        take(s.line), take(s.low), take(s.high), take(s.bandLow), take(s.bandHigh);
    }
    for (const Criterion &c : f.criteria)
        if (c.threshold)
            y0 = std::min(y0, *c.threshold), y1 = std::max(y1, *c.threshold);
    if (!(x0 <= x1) || !(y0 <= y1)) {
        p.setFont(fonts.body);
        p.drawText(box, Qt::AlignCenter, QStringLiteral("No points."));
        return;
    }
    if (groups)
        x0 -= 0.5, x1 += 0.5;
    if (x0 == x1)
        x0 -= 1, x1 += 1;
    const double pad = (y1 - y0) * 0.08 + (y1 == y0 ? std::max(1e-9, std::abs(y0) * 0.05) : 0);
    y0 -= pad, y1 += pad;

    const QRectF plot = box.adjusted(46 * k, 6 * k, -8 * k, -(groups ? 30 : 22) * k);
    auto X = [&](double x) { return plot.left() + (x - x0) / (x1 - x0) * plot.width(); };
    auto Y = [&](double y) { return plot.bottom() - (y - y0) / (y1 - y0) * plot.height(); };
    auto map = [&](const QPointF &q) { return QPointF(X(q.x()), Y(q.y())); };

    // Pass/fail shading of the first criterion with a threshold (the others are drawn as lines).
    for (const Criterion &c : f.criteria) {
        if (!c.threshold || c.op == CompareOp::Eq)
            continue;
        const bool passAbove = c.op == CompareOp::Ge || c.op == CompareOp::Gt;
        const double ty = Y(*c.threshold);
        const QRectF above(plot.left(), plot.top(), plot.width(), ty - plot.top());
        const QRectF below(plot.left(), ty, plot.width(), plot.bottom() - ty);
        p.fillRect(above, passAbove ? kPass : kFail);
        p.fillRect(below, passAbove ? kFail : kPass);
        break;
    }
    // Grid and axes.
    p.setFont(sized(fonts.small, 6.5));
    for (double t : ticks(y0, y1, 5)) {
        p.setPen(QPen(kGrid, 0.4 * k));
        p.drawLine(QPointF(plot.left(), Y(t)), QPointF(plot.right(), Y(t)));
        p.setPen(QPen(kInk, 0.5 * k));
        p.drawText(QRectF(box.left(), Y(t) - 5 * k, 42 * k, 10 * k), Qt::AlignRight | Qt::AlignVCenter, tickText(t));
    }
    if (groups) {
        const std::size_t n = f.groupLabels.size();
        const std::size_t every = std::max<std::size_t>(1, n / 12);
        for (std::size_t i = 0; i < n; i += every)
            p.drawText(QRectF(X(double(i)) - 40 * k, plot.bottom() + 3 * k, 80 * k, 24 * k),
                       Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, QString::fromStdString(f.groupLabels[i]));
    } else {
        for (double t : ticks(x0, x1, 6))
            p.drawText(QRectF(X(t) - 30 * k, plot.bottom() + 3 * k, 60 * k, 10 * k), Qt::AlignHCenter | Qt::AlignTop,
                       tickText(t));
        p.drawText(QRectF(plot.left(), plot.bottom() + 12 * k, plot.width(), 10 * k), Qt::AlignCenter,
                   QString::fromStdString(f.metric.xLabel.empty() ? (f.metric.kind == MetricKind::Curve ? "x" : "step")
                                                                  : f.metric.xLabel));
    }
    p.setPen(QPen(kInk, 0.8 * k));
    p.setBrush(Qt::NoBrush);
    p.drawRect(plot);
    p.save();
    p.setClipRect(plot);

    for (std::size_t i = 0; i < f.series.size(); ++i) {
        const FigureSeries &s = f.series[i];
        const QColor color = seriesColor(i);
        // Band: a filled polygon along the upper bound and back along the lower one.
        if (!s.bandLow.empty() && s.bandLow.size() == s.bandHigh.size()) {
            if (groups) {
                p.setPen(QPen(color, 0.9 * k));
                for (std::size_t j = 0; j < s.bandLow.size(); ++j) {
                    const double gx = X(s.bandLow[j].x()) + (i - (f.series.size() - 1) / 2.0) * 6 * k;
                    p.drawLine(QPointF(gx, Y(s.bandLow[j].y())), QPointF(gx, Y(s.bandHigh[j].y())));
                    p.drawLine(QPointF(gx - 2 * k, Y(s.bandLow[j].y())), QPointF(gx + 2 * k, Y(s.bandLow[j].y())));
                    p.drawLine(QPointF(gx - 2 * k, Y(s.bandHigh[j].y())), QPointF(gx + 2 * k, Y(s.bandHigh[j].y())));
                }
            } else {
                QPolygonF band;
                for (const QPointF &q : s.bandHigh)
                    band << map(q);
                for (auto it = s.bandLow.rbegin(); it != s.bandLow.rend(); ++it)
                    band << map(*it);
                p.setPen(Qt::NoPen);
                p.setBrush(tint(color, 0.25));
                p.drawPolygon(band);
            }
        }
        if (s.envelope) {
            // The envelope: a filled polygon from the column maxima back along the minima.
            QPolygonF env;
            for (const QPointF &q : s.high)
                env << map(q);
            for (auto it = s.low.rbegin(); it != s.low.rend(); ++it)
                env << map(*it);
            p.setPen(QPen(color, 0.5 * k));
            p.setBrush(tint(color, 0.6));
            p.drawPolygon(env);
        } else if (groups) {
            p.setPen(QPen(kInk, 0.5 * k));
            p.setBrush(color);
            for (const QPointF &q : s.line) {
                const QPointF c = map(q) + QPointF((i - (f.series.size() - 1) / 2.0) * 6 * k, 0);
                p.drawEllipse(c, 2.6 * k, 2.6 * k);
            }
        } else {
            QPolygonF line;
            for (const QPointF &q : s.line)
                line << map(q);
            p.setPen(QPen(color, 1.1 * k));
            p.setBrush(Qt::NoBrush);
            p.drawPolyline(line);
            // Few points: each one marked, so a single point (a polyline of one vertex draws
            // nothing) or a sparse series is seen point by point.
            // One point's band has no area: drawn as an error bar.
            if (s.bandLow.size() == 1 && s.bandHigh.size() == 1) {
                const QPointF lo = map(s.bandLow[0]), hi = map(s.bandHigh[0]);
                p.setPen(QPen(color, 0.9 * k));
                p.drawLine(lo, hi);
                p.drawLine(lo - QPointF(3 * k, 0), lo + QPointF(3 * k, 0));
                p.drawLine(hi - QPointF(3 * k, 0), hi + QPointF(3 * k, 0));
            }
            if (std::size_t(line.size()) <= kMarkedPoints) {
                const double r = (line.size() == 1 ? 3.2 : 2.0) * k;
                p.setPen(QPen(kInk, 0.5 * k));
                p.setBrush(color);
                for (const QPointF &c : line)
                    p.drawEllipse(c, r, r);
            }
        }
    }
    // Threshold lines, one per distinct (op, threshold), labelled with every criterion on it
    // (a project often repeats a criterion in several gates).
    p.setFont(sized(fonts.small, 6.5));
    std::vector<std::pair<std::pair<CompareOp, double>, QStringList>> lines;
    for (std::size_t i = 0; i < f.criteria.size(); ++i) {
        const Criterion &c = f.criteria[i];
        if (!c.threshold)
            continue;
        const auto key = std::pair(c.op, *c.threshold);
        auto it = std::find_if(lines.begin(), lines.end(), [&](const auto &l) { return l.first == key; });
        if (it == lines.end())
            it = lines.insert(lines.end(), {key, {}});
        it->second << QString::fromStdString(f.gates[i] + "/" + c.id);
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto &[key, names] = lines[i];
        const double ty = Y(key.second);
        p.setPen(QPen(kThreshold, 1.2 * k, Qt::DashLine));
        p.drawLine(QPointF(plot.left(), ty), QPointF(plot.right(), ty));
        p.setPen(QPen(kThreshold, 0.5 * k));
        const QString label = QStringLiteral("%1 %2 %3")
                                  .arg(names.join(QStringLiteral(", ")), QString::fromUtf8(toString(key.first)),
                                       QString::fromStdString(shortestDouble(key.second)));
        p.drawText(QRectF(plot.left() + 4 * k, ty - (11 + 9 * double(i % 2)) * k, plot.width() - 8 * k, 10 * k),
                   Qt::AlignRight | Qt::AlignVCenter, label);
    }
    p.restore();
    // Legend of sub-series.
    if (f.series.size() > 1 || !f.series.front().name.empty()) {
        p.setFont(sized(fonts.small, 6.5));
        double lx = plot.left() + 4 * k;
        for (std::size_t i = 0; i < f.series.size(); ++i) {
            const QString name = QString::fromStdString(f.series[i].name.empty() ? "(all)" : f.series[i].name);
            p.fillRect(QRectF(lx, plot.top() + 4 * k, 8 * k, 6 * k), seriesColor(i));
            p.setPen(QPen(kInk, 0.5 * k));
            const double w = p.fontMetrics().horizontalAdvance(name) + 16 * k;
            p.drawText(QRectF(lx + 10 * k, plot.top() + 2 * k, w, 10 * k), Qt::AlignLeft | Qt::AlignVCenter, name);
            lx += w + 4 * k;
        }
    }
}

} // namespace mltrl::packet
