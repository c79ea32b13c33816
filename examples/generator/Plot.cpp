#include "Plot.h"

#include "Study.h"

#include <QFontDatabase>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace gen {

bool loadFonts()
{
    const int regular = QFontDatabase::addApplicationFont(
        QStringLiteral("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"));
    const int bold = QFontDatabase::addApplicationFont(
        QStringLiteral("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"));
    return regular >= 0 && bold >= 0;
}

QFont font(double pixelSize, bool bold)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(pixelSize);  // callers draw at 72 dpi (PDF) or ask for pixels (PNG, see below)
    f.setBold(bold);
    f.setHintingPreference(QFont::PreferNoHinting);
    f.setStyleStrategy(QFont::PreferAntialias);
    return f;
}

namespace {

QString number(double v, int decimals) { return QString::number(v, 'f', decimals); }

void line(QPainter& p, QPointF a, QPointF b, const QColor& c, double width,
          Qt::PenStyle style = Qt::SolidLine)
{
    QPen pen(c, width, style, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(pen);
    p.drawLine(a, b);
}

void legend(QPainter& p, QPointF topLeft, const std::vector<std::pair<QString, QColor>>& items,
            double fontPx)
{
    p.setFont(font(fontPx));
    const double row = fontPx * 1.6;
    double width = 0;
    for (const auto& item : items) width = std::max(width, p.fontMetrics().horizontalAdvance(item.first) * 1.0);
    const QRectF box(topLeft, QSizeF(width + fontPx * 3.6, row * items.size() + fontPx * 0.6));
    p.setPen(QPen(palette::grid, 1));
    p.setBrush(QColor(255, 255, 255, 235));
    p.drawRect(box);
    p.setBrush(Qt::NoBrush);
    double y = box.top() + fontPx * 0.3 + row / 2;
    for (const auto& [label, colour] : items) {
        line(p, {box.left() + fontPx * 0.6, y}, {box.left() + fontPx * 2.2, y}, colour, fontPx * 0.22);
        p.setPen(palette::ink);
        p.drawText(QRectF(box.left() + fontPx * 2.8, y - row / 2, width + fontPx, row),
                   Qt::AlignVCenter | Qt::AlignLeft, label);
        y += row;
    }
}

}  // namespace

Axes::Axes(QRectF frame, double x0, double x1, double y0, double y1, double fontPx)
    : plot_(frame.adjusted(fontPx * 5.2, fontPx * 0.6, -fontPx * 0.8, -fontPx * 3.8)),
      x0_(x0), x1_(x1), y0_(y0), y1_(y1), fontPx_(fontPx)
{
}

QPointF Axes::map(double x, double y) const
{
    return {plot_.left() + (x - x0_) / (x1_ - x0_) * plot_.width(),
            plot_.bottom() - (y - y0_) / (y1_ - y0_) * plot_.height()};
}

void Axes::draw(QPainter& p, double xStep, double yStep, const QString& xTitle,
                const QString& yTitle) const
{
    p.setFont(font(fontPx_ * 0.9));
    const int decimals = xStep < 0.1 ? 2 : 1;
    for (double x = x0_; x <= x1_ + 1e-9; x += xStep) {
        line(p, map(x, y0_), map(x, y1_), palette::grid, 1);
        p.setPen(palette::muted);
        const QPointF at = map(x, y0_);
        p.drawText(QRectF(at.x() - fontPx_ * 3, at.y() + fontPx_ * 0.4, fontPx_ * 6, fontPx_ * 1.4),
                   Qt::AlignHCenter | Qt::AlignTop, number(x, decimals));
    }
    for (double y = y0_; y <= y1_ + 1e-9; y += yStep) {
        line(p, map(x0_, y), map(x1_, y), palette::grid, 1);
        p.setPen(palette::muted);
        const QPointF at = map(x0_, y);
        p.drawText(QRectF(at.x() - fontPx_ * 4.4, at.y() - fontPx_ * 0.7, fontPx_ * 4, fontPx_ * 1.4),
                   Qt::AlignRight | Qt::AlignVCenter, number(y, yStep < 0.1 ? 2 : 1));
    }
    p.setPen(QPen(palette::muted, 1.2));
    p.setBrush(Qt::NoBrush);
    p.drawRect(plot_);
    p.setPen(palette::ink);
    p.setFont(font(fontPx_));
    p.drawText(QRectF(plot_.left(), plot_.bottom() + fontPx_ * 1.9, plot_.width(), fontPx_ * 1.6),
               Qt::AlignHCenter | Qt::AlignVCenter, xTitle);
    p.save();
    p.translate(plot_.left() - fontPx_ * 4.6, plot_.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-plot_.height() / 2, -fontPx_ * 0.8, plot_.height(), fontPx_ * 1.6),
               Qt::AlignCenter, yTitle);
    p.restore();
}

void drawTitle(QPainter& p, QRectF frame, const QString& title, const QString& subtitle,
               double fontPx)
{
    p.setPen(palette::ink);
    p.setFont(font(fontPx * 1.25, true));
    p.drawText(QRectF(frame.left(), frame.top() - fontPx * 3.6, frame.width(), fontPx * 1.8),
               Qt::AlignLeft | Qt::AlignVCenter, title);
    p.setPen(palette::muted);
    p.setFont(font(fontPx * 0.95));
    p.drawText(QRectF(frame.left(), frame.top() - fontPx * 1.8, frame.width(), fontPx * 1.5),
               Qt::AlignLeft | Qt::AlignVCenter, subtitle);
}

void drawRoc(QPainter& p, QRectF frame, double fontPx, Edition edition)
{
    p.setRenderHint(QPainter::Antialiasing);
    const Axes axes(frame, 0, 1, 0, 1, fontPx);
    axes.draw(p, 0.2, 0.2, QStringLiteral("False positive rate (1 − specificity)"),
              QStringLiteral("True positive rate (sensitivity)"));
    line(p, axes.map(0, 0), axes.map(1, 1), palette::muted, 1, Qt::DashLine);
    const QColor colours[] = {palette::siteA, palette::siteB, palette::siteC};
    std::vector<std::pair<QString, QColor>> items;
    auto curve = [&](const Slice& s, const QColor& c, double width) {
        QPainterPath path(axes.map(0, 0));
        for (int i = 1; i <= 200; ++i) {
            const double fpr = std::pow(i / 200.0, 1.8);
            path.lineTo(axes.map(fpr, s.tprAt(fpr)));
        }
        p.setPen(QPen(c, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        // The deployed operating point.
        p.setBrush(Qt::white);
        p.setPen(QPen(c, width));
        p.drawEllipse(axes.map(s.fprAtOp, s.sensitivity()), fontPx * 0.38, fontPx * 0.38);
        items.emplace_back(QStringLiteral("%1  AUROC %2").arg(QString::fromStdString(s.name), number(s.auroc, 3)), c);
    };
    for (std::size_t i = 0; i < sites(edition).size(); ++i) curve(sites(edition)[i], colours[i], fontPx * 0.2);
    curve(pooled(), palette::pooled, fontPx * 0.28);
    legend(p, axes.map(0.30, 0.36), items, fontPx * 0.85);
}

void drawCalibration(QPainter& p, QRectF frame, double fontPx)
{
    p.setRenderHint(QPainter::Antialiasing);
    const Axes axes(frame, 0, 1, 0, 1, fontPx);
    axes.draw(p, 0.2, 0.2, QStringLiteral("Mean predicted probability"),
              QStringLiteral("Observed frequency of urgent finding"));
    line(p, axes.map(0, 0), axes.map(1, 1), palette::muted, 1, Qt::DashLine);
    std::vector<std::pair<QString, QColor>> items;
    for (const bool scaled : {false, true}) {
        const auto bins = calibration(scaled);
        const QColor c = scaled ? palette::siteA : palette::siteC;
        QPainterPath path;
        for (std::size_t i = 0; i < bins.size(); ++i) {
            const QPointF at = axes.map(bins[i].predicted, bins[i].observed);
            if (i == 0) path.moveTo(at); else path.lineTo(at);
        }
        p.setPen(QPen(c, fontPx * 0.22, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        p.setBrush(c);
        for (const CalibrationBin& b : bins) p.drawEllipse(axes.map(b.predicted, b.observed), fontPx * 0.3, fontPx * 0.3);
        items.emplace_back(QStringLiteral("%1  (ECE %2)")
                               .arg(scaled ? QStringLiteral("Temperature-scaled, T = %1").arg(kTemperature)
                                           : QStringLiteral("Uncalibrated"),
                                    number(expectedCalibrationError(bins), 3)),
                           c);
    }
    legend(p, axes.map(0.03, 0.97), items, fontPx * 0.85);
}

void drawForest(QPainter& p, QRectF frame, double fontPx)
{
    p.setRenderHint(QPainter::Antialiasing);
    std::vector<Slice> rows = subgroups();
    rows.insert(rows.begin(), pooled());
    const double labelWidth = fontPx * 9;
    const QRectF chart = frame.adjusted(labelWidth, 0, 0, 0);
    const Axes axes(chart, 0.80, 1.0, 0, static_cast<double>(rows.size()), fontPx);
    const QRectF plot = axes.plot();
    p.setFont(font(fontPx * 0.9));
    for (double x = 0.80; x <= 1.0 + 1e-9; x += 0.05) {
        line(p, axes.map(x, 0), axes.map(x, static_cast<double>(rows.size())), palette::grid, 1);
        p.setPen(palette::muted);
        const QPointF at = axes.map(x, 0);
        p.drawText(QRectF(at.x() - fontPx * 3, at.y() + fontPx * 0.4, fontPx * 6, fontPx * 1.4),
                   Qt::AlignHCenter | Qt::AlignTop, number(x, 2));
    }
    line(p, axes.map(0.85, 0), axes.map(0.85, static_cast<double>(rows.size())), palette::accent, 1.2, Qt::DashLine);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const double y = rows.size() - i - 0.5;
        const Slice& s = rows[i];
        const QColor c = i == 0 ? palette::pooled : palette::siteA;
        line(p, axes.map(s.aurocLower(), y), axes.map(std::min(s.aurocUpper(), 1.0), y), c, fontPx * 0.18);
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        const QPointF at = axes.map(s.auroc, y);
        const double r = fontPx * (i == 0 ? 0.5 : 0.38);
        p.drawRect(QRectF(at.x() - r, at.y() - r, 2 * r, 2 * r));
        p.setPen(palette::ink);
        p.setFont(font(fontPx * 0.9, i == 0));
        p.drawText(QRectF(frame.left(), at.y() - fontPx, labelWidth + fontPx * 4.5, fontPx * 2),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   QStringLiteral("%1 (n=%2)").arg(QString::fromStdString(s.name)).arg(s.n));
    }
    p.setPen(QPen(palette::muted, 1.2));
    p.setBrush(Qt::NoBrush);
    p.drawRect(plot);
    p.setPen(palette::ink);
    p.setFont(font(fontPx));
    p.drawText(QRectF(plot.left(), plot.bottom() + fontPx * 1.9, plot.width(), fontPx * 1.6),
               Qt::AlignHCenter | Qt::AlignVCenter,
               QStringLiteral("AUROC with 95 % CI (dashed: 0.85 floor)"));
}

void drawConfusion(QPainter& p, QRectF frame, double fontPx, Edition edition)
{
    p.setRenderHint(QPainter::Antialiasing);
    const Confusion c = pooledConfusion(edition);
    const int total = c.tp + c.fn + c.fp + c.tn;
    const double cell = std::min(frame.width() - fontPx * 8, frame.height() - fontPx * 8) / 2;
    const QPointF origin(frame.center().x() - cell + fontPx * 2, frame.top() + fontPx * 3.5);
    const int counts[2][2] = {{c.tp, c.fn}, {c.fp, c.tn}};  // [actual][predicted]
    const int rowTotals[2] = {c.tp + c.fn, c.fp + c.tn};
    const QString names[2] = {QStringLiteral("Urgent"), QStringLiteral("Not urgent")};
    for (int r = 0; r < 2; ++r) {
        for (int k = 0; k < 2; ++k) {
            // Shade by the row-normalised rate: the share of each actual class.
            const double rate = static_cast<double>(counts[r][k]) / rowTotals[r];
            const QColor shade = QColor::fromRgbF(1.0 - 0.78 * rate, 1.0 - 0.52 * rate, 1.0 - 0.25 * rate);
            const QRectF box(origin.x() + k * cell, origin.y() + r * cell, cell, cell);
            p.setPen(QPen(Qt::white, 2));
            p.setBrush(shade);
            p.drawRect(box);
            p.setPen(rate > 0.55 ? QColor(Qt::white) : palette::ink);
            p.setFont(font(fontPx * 1.6, true));
            p.drawText(box.adjusted(0, 0, 0, -cell * 0.18), Qt::AlignCenter, QString::number(counts[r][k]));
            p.setFont(font(fontPx * 0.95));
            p.drawText(box.adjusted(0, cell * 0.28, 0, 0), Qt::AlignCenter,
                       QStringLiteral("%1 % of actual").arg(number(100.0 * rate, 1)));
        }
        p.setPen(palette::ink);
        p.setFont(font(fontPx));
        p.save();
        p.translate(origin.x() - fontPx * 1.2, origin.y() + (r + 0.5) * cell);
        p.rotate(-90);
        p.drawText(QRectF(-cell / 2, -fontPx, cell, fontPx * 1.6), Qt::AlignCenter, names[r]);
        p.restore();
        p.drawText(QRectF(origin.x() + r * cell, origin.y() - fontPx * 2, cell, fontPx * 1.6),
                   Qt::AlignCenter, names[r]);
    }
    p.setFont(font(fontPx, true));
    p.drawText(QRectF(origin.x(), origin.y() - fontPx * 3.7, 2 * cell, fontPx * 1.6), Qt::AlignCenter,
               QStringLiteral("Model flag"));
    p.save();
    p.translate(origin.x() - fontPx * 3.4, origin.y() + cell);
    p.rotate(-90);
    p.drawText(QRectF(-cell, -fontPx, 2 * cell, fontPx * 1.6), Qt::AlignCenter,
               QStringLiteral("Radiologist reference"));
    p.restore();
    p.setFont(font(fontPx * 0.9));
    p.setPen(palette::muted);
    p.drawText(QRectF(frame.left(), origin.y() + 2 * cell + fontPx * 0.8, frame.width(), fontPx * 3),
               Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
               QStringLiteral("Pooled held-out test set, n = %1, threshold %2. Sensitivity %3, specificity %4.")
                   .arg(total)
                   .arg(afterReview(edition) ? QStringLiteral("%1 (site C %2)").arg(kThreshold).arg(kSiteCThreshold)
                                             : QString::number(kThreshold))
                   .arg(number(static_cast<double>(c.tp) / (c.tp + c.fn), 3),
                        number(static_cast<double>(c.tn) / (c.tn + c.fp), 3)));
}

}  // namespace gen
