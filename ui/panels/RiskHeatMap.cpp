#include "ui/panels/RiskHeatMap.h"

#include "ui/common/Theme.h"

#include <QFocusEvent>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>

namespace mltrl::ui {

namespace {
constexpr double kGap = 6;
constexpr double kMinBandPoint = 7; // band names never smaller than this

QString bandRange(int band)
{
    return QStringLiteral("%1–%2").arg(riskBandLow(band)).arg(riskBandHigh(band));
}

QString trName(std::string_view name)
{
    return RiskHeatMap::tr(std::string(name).c_str());
}

/// The largest point size ≤ `from` (and ≥ 6) at which every text in `texts` fits `width`.
double fittingPointSize(QFont font, const QStringList &texts, double width, double from)
{
    for (double size = from; size > kMinBandPoint; size -= 0.5) {
        font.setPointSizeF(size);
        const QFontMetricsF fm(font);
        if (std::all_of(texts.begin(), texts.end(), [&](const QString &t) { return fm.horizontalAdvance(t) <= width; }))
            return size;
    }
    return kMinBandPoint;
}
} // namespace

RiskHeatMap::RiskHeatMap(QWidget *parent) : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setAccessibleName(tr("Risk heat-map"));
    describeCurrent();
}

QColor RiskHeatMap::levelColour(RiskLevel level)
{
    switch (level) {
    case RiskLevel::Acceptable:
        return {0x00, 0x9E, 0x73}; // bluish green
    case RiskLevel::Alarp:
        return {0xF0, 0xE4, 0x42}; // yellow
    case RiskLevel::Unacceptable:
        return {0xD5, 0x5E, 0x00}; // vermillion
    }
    return {};
}

QSize RiskHeatMap::sizeHint() const
{
    const QSize least = minimumSizeHint();
    return {std::max(400, least.width()), std::max(400, least.height())};
}

QSize RiskHeatMap::minimumSizeHint() const
{
    // Columns wide enough for the count or a turned band name.
    const QFontMetricsF fm(font());
    const double width =
        2 * kGap + leftMargin() + kRiskBands * std::max(fm.horizontalAdvance(QStringLiteral("000")), 1.6 * fm.height());
    return {static_cast<int>(std::ceil(width)), 300};
}

double RiskHeatMap::leftMargin() const
{
    const QFontMetricsF fm(font());
    double nameWidth = 0;
    for (int b = 0; b < kRiskBands; ++b)
        nameWidth = std::max(nameWidth, fm.horizontalAdvance(trName(impactBandName(b))));
    return fm.height() + kGap + nameWidth + kGap;
}

std::vector<RiskHeatMap::LegendEntry> RiskHeatMap::legendLayout(double width) const
{
    const QFontMetricsF fm(font());
    const double box = fm.height() * 0.8;
    std::vector<LegendEntry> entries;
    double x = 0;
    int row = 0;
    auto place = [&](std::optional<RiskLevel> level, const QString &text) {
        const double w = (level ? box + 4 : 0) + fm.horizontalAdvance(text);
        if (x > 0 && x + w > width) {
            x = 0;
            ++row;
        }
        entries.push_back({level, text, x, row});
        x += w + 2 * kGap;
    };
    for (RiskLevel level : {RiskLevel::Acceptable, RiskLevel::Alarp, RiskLevel::Unacceptable})
        place(level, trName(toString(level)));
    if (m_counts.notAssessed > 0)
        place(std::nullopt, tr("not assessed: %1").arg(m_counts.notAssessed));
    return entries;
}

void RiskHeatMap::setCounts(const RiskCounts &counts)
{
    m_counts = counts;
    describeCurrent();
    update();
}

void RiskHeatMap::setFilterCell(std::optional<RiskCell> cell)
{
    m_filter = cell;
    if (cell)
        m_current = *cell;
    describeCurrent();
    update();
}

void RiskHeatMap::setCurrentCell(RiskCell cell)
{
    m_current = {std::clamp(cell.probability, 0, kRiskBands - 1), std::clamp(cell.impact, 0, kRiskBands - 1)};
    describeCurrent();
    update();
}

void RiskHeatMap::setMarks(std::vector<Mark> marks)
{
    m_marks = std::move(marks);
    update();
}

RiskHeatMap::Geometry RiskHeatMap::geometry() const
{
    const QFontMetricsF fm(font());
    const double line = fm.height();
    // Left: the rotated axis title, then the impact band names; below: the probability bands'
    // names and ranges (across when they fit a column at kMinBandPoint or more, else turned up
    // the column), the axis title, then the legend.
    const QRectF all = QRectF(rect()).adjusted(kGap, kGap, -kGap, -kGap);
    const auto legend = legendLayout(all.width());
    const double legendHeight = (legend.empty() ? 1 : legend.back().row + 1) * line + kGap;
    const double left = leftMargin();
    const double columnWidth = std::max(10.0, all.width() - left) / kRiskBands;
    QStringList across;
    for (int b = 0; b < kRiskBands; ++b)
        across << trName(probabilityBandName(b)) << bandRange(b);
    Geometry g;
    g.bandFontSize = fittingPointSize(font(), across, columnWidth - 4, font().pointSizeF());
    QFont bandFont = font();
    bandFont.setPointSizeF(g.bandFontSize);
    const QFontMetricsF bandMetrics(bandFont);
    g.bandsTurned = std::any_of(across.begin(), across.end(),
                                [&](const QString &t) { return bandMetrics.horizontalAdvance(t) > columnWidth - 4; });
    double bandHeight = 2 * bandMetrics.height();
    if (g.bandsTurned) {
        g.bandFontSize = font().pointSizeF();
        bandHeight = 0;
        for (int b = 0; b < kRiskBands; ++b)
            bandHeight = std::max(bandHeight, fm.horizontalAdvance(turnedBandText(b)) + 4);
    }
    g.bandHeight = bandHeight;
    const double bottom = bandHeight + line + kGap + legendHeight + kGap;
    g.grid =
        QRectF(all.left() + left, all.top(), std::max(10.0, all.width() - left), std::max(10.0, all.height() - bottom));
    g.legend = QRectF(all.left(), all.bottom() - legendHeight, all.width(), legendHeight);
    return g;
}

QString RiskHeatMap::turnedBandText(int band)
{
    return QStringLiteral("%1 %2").arg(trName(probabilityBandName(band)), bandRange(band));
}

QRectF RiskHeatMap::cellRect(RiskCell cell) const
{
    const QRectF grid = geometry().grid;
    const double w = grid.width() / kRiskBands;
    const double h = grid.height() / kRiskBands;
    // Impact grows upwards, as in the point matrix.
    return {grid.left() + cell.probability * w, grid.bottom() - (cell.impact + 1) * h, w, h};
}

std::optional<RiskCell> RiskHeatMap::cellAt(QPointF pos) const
{
    const QRectF grid = geometry().grid;
    if (!grid.contains(pos))
        return std::nullopt;
    const int p =
        std::clamp(static_cast<int>((pos.x() - grid.left()) / (grid.width() / kRiskBands)), 0, kRiskBands - 1);
    const int i =
        std::clamp(static_cast<int>((grid.bottom() - pos.y()) / (grid.height() / kRiskBands)), 0, kRiskBands - 1);
    return RiskCell{p, i};
}

QPointF RiskHeatMap::position(double pFailure, double impact) const
{
    const QRectF grid = geometry().grid;
    return {grid.left() + std::clamp(pFailure, 0.0, 1.0) * grid.width(),
            grid.bottom() - std::clamp(impact, 0.0, 1.0) * grid.height()};
}

QString RiskHeatMap::describe(RiskCell cell) const
{
    const int n = m_counts.at(cell);
    const QString count = n == 1 ? tr("1 requirement") : tr("%1 requirements").arg(n);
    return tr("p(failure) %1 (%2) × impact %3 (%4): %5, %6")
        .arg(trName(probabilityBandName(cell.probability)), bandRange(cell.probability),
             trName(impactBandName(cell.impact)), bandRange(cell.impact), count, trName(toString(riskLevel(cell))));
}

void RiskHeatMap::describeCurrent()
{
    setAccessibleDescription(describe(m_current));
}

void RiskHeatMap::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().color(QPalette::Window));
    const Geometry g = geometry();
    paintCells(p, g);
    paintAxes(p, g);
    paintLegend(p, g);
    paintMarks(p, g);
}

QColor RiskHeatMap::cellFill(RiskCell cell) const
{
    // A cell with requirements in it in full colour; an empty one only tinted.
    QColor tint = levelColour(riskLevel(cell));
    tint.setAlpha(m_counts.at(cell) > 0 ? 230 : 70);
    return composite(tint, palette().color(QPalette::Base));
}

QColor RiskHeatMap::countColour(RiskCell cell) const
{
    const QColor fill = cellFill(cell);
    if (m_counts.at(cell) > 0)
        return textOn(fill);
    // A zero steps back: the text colour half way to the cell's, still 3:1 (large bold type).
    const QColor full = textOn(fill);
    QColor muted = composite(QColor(full.red(), full.green(), full.blue(), 140), fill);
    return contrastRatio(muted, fill) >= 3.0 ? muted : full;
}

void RiskHeatMap::paintCells(QPainter &p, const Geometry &g) const
{
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    QFont countFont = font();
    countFont.setBold(true);
    // As large as the cells allow (three digits across, a third of the height), never smaller
    // than the text around it.
    QStringList widest{QStringLiteral("000")};
    const double cellWidth = g.grid.width() / kRiskBands;
    double size = fittingPointSize(countFont, widest, cellWidth * 0.75, font().pointSizeF() * 1.8);
    size = std::min(size, g.grid.height() / kRiskBands / 2.2 * 72.0 / std::max(1, logicalDpiY()));
    countFont.setPointSizeF(std::max(size, font().pointSizeF()));
    for (int pb = 0; pb < kRiskBands; ++pb) {
        for (int ib = 0; ib < kRiskBands; ++ib) {
            const RiskCell cell{pb, ib};
            const QRectF r = cellRect(cell);
            const int n = m_counts.at(cell);
            const QColor fill = cellFill(cell);
            p.fillRect(r, fill);
            if (riskLevel(cell) == RiskLevel::Unacceptable) {
                QColor hatch = textOn(fill);
                hatch.setAlpha(n > 0 ? 60 : 35);
                p.fillRect(r, QBrush(hatch, Qt::BDiagPattern));
            }
            p.setPen(QPen(palette().color(QPalette::Window), 1.5));
            p.setBrush(Qt::NoBrush);
            p.drawRect(r);
            p.setPen(countColour(cell));
            p.setFont(countFont);
            p.drawText(r, Qt::AlignCenter, QString::number(n));
        }
    }
    p.setFont(font());
    // The grid's frame, so the faint empty cells still read as part of it.
    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(g.grid);
    if (m_filter) {
        p.setPen(QPen(text, 3.5));
        p.drawRect(cellRect(*m_filter).adjusted(1.5, 1.5, -1.5, -1.5));
    }
    if (hasFocus()) {
        p.setPen(QPen(readableOn(palette().color(QPalette::Highlight), base, 3.0), 2, Qt::DashLine));
        p.drawRect(cellRect(m_current).adjusted(4, 4, -4, -4));
    }
}

void RiskHeatMap::paintAxes(QPainter &p, const Geometry &g) const
{
    const QColor text = palette().color(QPalette::WindowText);
    const QFontMetricsF fm(font());
    const double line = fm.height();
    p.setPen(text);
    p.setFont(font());
    // Impact: band names right-aligned beside their row, the title rotated.
    for (int ib = 0; ib < kRiskBands; ++ib) {
        const QRectF row = cellRect({0, ib});
        p.drawText(QRectF(g.grid.left() - kGap - 200, row.top(), 200, row.height()), Qt::AlignRight | Qt::AlignVCenter,
                   trName(impactBandName(ib)));
    }
    p.save();
    p.translate(kGap, g.grid.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-g.grid.height() / 2, 0, g.grid.height(), line), Qt::AlignCenter, tr("impact →"));
    p.restore();
    // p(failure): name and range under each column (or turned up the column), then the title.
    QFont bandFont = font();
    bandFont.setPointSizeF(g.bandFontSize);
    p.setFont(bandFont);
    const double bandLine = QFontMetricsF(bandFont).height();
    for (int pb = 0; pb < kRiskBands; ++pb) {
        const QRectF column = cellRect({pb, 0});
        if (g.bandsTurned) {
            p.save();
            p.translate(column.center().x() - bandLine / 2, g.grid.bottom() + 2);
            p.rotate(-90);
            p.drawText(QRectF(-g.bandHeight, 0, g.bandHeight, bandLine), Qt::AlignRight | Qt::AlignVCenter,
                       turnedBandText(pb));
            p.restore();
            continue;
        }
        p.drawText(QRectF(column.left(), g.grid.bottom() + 2, column.width(), bandLine),
                   Qt::AlignHCenter | Qt::AlignTop, trName(probabilityBandName(pb)));
        p.drawText(QRectF(column.left(), g.grid.bottom() + 2 + bandLine, column.width(), bandLine),
                   Qt::AlignHCenter | Qt::AlignTop, bandRange(pb));
    }
    p.setFont(font());
    p.drawText(QRectF(g.grid.left(), g.grid.bottom() + 2 + g.bandHeight, g.grid.width(), line),
               Qt::AlignHCenter | Qt::AlignTop, tr("p(failure) →"));
}

void RiskHeatMap::paintLegend(QPainter &p, const Geometry &g) const
{
    const QColor base = palette().color(QPalette::Base);
    const QFontMetricsF fm(font());
    const double box = fm.height() * 0.8;
    p.setFont(font());
    for (const LegendEntry &e : legendLayout(g.legend.width())) {
        const double x = g.legend.left() + e.x;
        const double y = g.legend.top() + kGap + (e.row + 0.5) * fm.height();
        double textX = x;
        if (e.level) {
            QColor tint = levelColour(*e.level);
            tint.setAlpha(230);
            const QColor fill = composite(tint, base);
            const QRectF swatch(x, y - box / 2, box, box);
            p.fillRect(swatch, fill);
            if (*e.level == RiskLevel::Unacceptable) {
                QColor hatch = textOn(fill);
                hatch.setAlpha(60);
                p.fillRect(swatch, QBrush(hatch, Qt::BDiagPattern));
            }
            p.setPen(palette().color(QPalette::WindowText));
            p.setBrush(Qt::NoBrush);
            p.drawRect(swatch);
            textX += box + 4;
        }
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QPointF(textX, y + fm.ascent() / 2 - 1), e.text);
    }
}

void RiskHeatMap::paintMarks(QPainter &p, const Geometry &g) const
{
    const QColor text = palette().color(QPalette::Text);
    const QFontMetricsF fm(font());
    for (const Mark &m : m_marks) {
        const QPointF at = position(m.pFailure, m.impact);
        // A ring in the text colour with a contrasting halo, readable on every cell colour.
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(textOn(text), 5));
        p.drawEllipse(at, 8, 8);
        p.setPen(QPen(text, 2.5));
        p.drawEllipse(at, 8, 8);
        // The id on a plate beside the ring, kept inside the grid.
        const double w = fm.horizontalAdvance(m.id) + 8;
        const double h = fm.height() + 2;
        QRectF plate(at.x() + 11, at.y() - h - 4, w, h);
        if (plate.right() > g.grid.right())
            plate.moveRight(at.x() - 11);
        if (plate.top() < g.grid.top())
            plate.moveTop(at.y() + 4);
        p.setPen(Qt::NoPen);
        p.setBrush(palette().color(QPalette::Base));
        p.drawRoundedRect(plate, 3, 3);
        p.setPen(text);
        p.drawText(plate, Qt::AlignCenter, m.id);
    }
}

void RiskHeatMap::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    if (const auto cell = cellAt(event->position())) {
        setCurrentCell(*cell);
        emit cellActivated(*cell);
    }
}

void RiskHeatMap::keyPressEvent(QKeyEvent *event)
{
    RiskCell next = m_current;
    switch (event->key()) {
    case Qt::Key_Left:
        --next.probability;
        break;
    case Qt::Key_Right:
        ++next.probability;
        break;
    case Qt::Key_Up:
        ++next.impact;
        break;
    case Qt::Key_Down:
        --next.impact;
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        emit cellActivated(m_current);
        return;
    case Qt::Key_Escape:
        if (m_filter) {
            emit clearRequested();
            return;
        }
        return QWidget::keyPressEvent(event);
    default:
        return QWidget::keyPressEvent(event);
    }
    setCurrentCell(next);
}

void RiskHeatMap::focusInEvent(QFocusEvent *event)
{
    QWidget::focusInEvent(event);
    update();
}

void RiskHeatMap::focusOutEvent(QFocusEvent *event)
{
    QWidget::focusOutEvent(event);
    update();
}

bool RiskHeatMap::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        if (const auto cell = cellAt(help->pos()))
            QToolTip::showText(help->globalPos(), describe(*cell), this);
        else
            QToolTip::hideText();
        return true;
    }
    if (event->type() == QEvent::PaletteChange)
        update();
    return QWidget::event(event);
}

std::optional<std::vector<Qt::Alignment>> placeLabels(const std::vector<MatrixLabel> &labels,
                                                      const QFontMetricsF &metrics, QPointF padding, const QRectF &area)
{
    // Beside the point, in this order of preference; the alignment is the label's corner that
    // sits at the point (so AlignLeft | AlignBottom is the upper right of the point).
    static constexpr Qt::Alignment kSides[] = {Qt::AlignLeft | Qt::AlignBottom, Qt::AlignRight | Qt::AlignBottom,
                                               Qt::AlignLeft | Qt::AlignTop, Qt::AlignRight | Qt::AlignTop};
    std::vector<QRectF> placed;
    std::vector<Qt::Alignment> sides;
    placed.reserve(labels.size());
    for (const MatrixLabel &l : labels) {
        const QSizeF size(metrics.horizontalAdvance(l.id), metrics.height());
        bool done = false;
        for (Qt::Alignment side : kSides) {
            const double x = side & Qt::AlignLeft ? l.at.x() + padding.x() : l.at.x() - padding.x() - size.width();
            const double y = side & Qt::AlignBottom ? l.at.y() - padding.y() - size.height() : l.at.y() + padding.y();
            const QRectF box(QPointF(x, y), size);
            if (!area.contains(box))
                continue;
            if (std::any_of(placed.begin(), placed.end(), [&](const QRectF &other) { return other.intersects(box); }))
                continue;
            placed.push_back(box);
            sides.push_back(side);
            done = true;
            break;
        }
        if (!done)
            return std::nullopt;
    }
    return sides;
}

} // namespace mltrl::ui
