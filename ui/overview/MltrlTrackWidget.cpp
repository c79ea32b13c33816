#include "ui/overview/MltrlTrackWidget.h"

#include "ui/common/Levels.h"
#include "ui/common/Theme.h"

#include <QEvent>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace mltrl::ui {

namespace {
constexpr int kMargin = 16;
constexpr int kStageBand = 24;     // stage names and their coloured bar
constexpr int kComponentLine = 16; // one stacked component label
constexpr int kStationRadius = 14;
constexpr int kCurrentRadius = 19;
constexpr int kPathBand = 2 * kCurrentRadius + 8;
constexpr int kNameLines = 34; // two lines of level name
constexpr int kRoleLine = 15;
constexpr int kCalloutBand = 40;

/// `font` with its size multiplied by `factor`, whether it was set in points or in pixels.
QFont resized(QFont font, double factor)
{
    if (font.pixelSize() > 0)
        font.setPixelSize(std::max(1, static_cast<int>(std::lround(font.pixelSize() * factor))));
    else
        font.setPointSizeF(font.pointSizeF() * factor);
    return font;
}

QColor faded(const QColor &c, const QColor &base)
{
    // Levels above the current one are drawn lighter: the path still to go.
    return QColor((c.red() + 2 * base.red()) / 3, (c.green() + 2 * base.green()) / 3, (c.blue() + 2 * base.blue()) / 3);
}
} // namespace

struct MltrlTrackWidget::Layout {
    double left = 0;
    double step = 0;
    QList<int> componentRows;
    int componentsTop = 0;
    int pathY = 0;
    int namesTop = 0;
    int calloutTop = 0;
    [[nodiscard]] double x(int level) const { return left + step * level; }
};

MltrlTrackWidget::MltrlTrackWidget(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("mltrlTrack"));
    setAccessibleName(QStringLiteral("MLTRL track"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMouseTracking(true);
}

void MltrlTrackWidget::setTrack(int currentLevel, std::optional<int> targetLevel, std::optional<int> systemLevel,
                                QList<TrackComponent> components)
{
    m_hasTrack = true;
    m_current = currentLevel;
    m_target = targetLevel;
    m_system = systemLevel;
    m_components = std::move(components);
    setAccessibleDescription(calloutText());
    updateGeometry();
    update();
}

void MltrlTrackWidget::setScale(double scale)
{
    m_scale = std::max(0.5, scale);
    updateGeometry();
    update();
}

void MltrlTrackWidget::setCalloutShown(bool shown)
{
    m_callout = shown;
    updateGeometry();
    update();
}

void MltrlTrackWidget::clear()
{
    m_hasTrack = false;
    m_components.clear();
    m_target.reset();
    m_system.reset();
    setAccessibleDescription({});
    updateGeometry();
    update();
}

QStringList MltrlTrackWidget::heldBackBy() const
{
    QStringList ids;
    for (const TrackComponent &c : m_components) {
        if (c.heldBack)
            ids << c.id;
    }
    return ids;
}

QString MltrlTrackWidget::calloutText() const
{
    if (!m_hasTrack)
        return {};
    QString text = QStringLiteral("Current level %1 (%2)").arg(m_current).arg(levelName(m_current));
    if (m_target)
        text += QStringLiteral(", target %1 (%2)").arg(*m_target).arg(levelName(*m_target));
    text += QStringLiteral(". ");
    if (!m_system)
        return text + QStringLiteral("No components are listed, so there is no system level.");
    QStringList holders;
    for (const TrackComponent &c : m_components) {
        if (c.heldBack)
            holders << (c.name.isEmpty() ? c.id : QStringLiteral("%1 (%2)").arg(c.id, c.name));
    }
    text += QStringLiteral("System level %1").arg(*m_system);
    if (holders.size() == m_components.size() && holders.size() > 1)
        return text + QStringLiteral(": all components are at this level.");
    return text + QStringLiteral(", held back by %1.").arg(holders.join(QStringLiteral(", ")));
}

QFont MltrlTrackWidget::labelFont(bool bold) const
{
    QFont f = font();
    f = resized(f, 0.85);
    f.setBold(bold);
    return f;
}

namespace {
QString componentLabel(const TrackComponent &c)
{
    return (c.heldBack ? QStringLiteral("◆ ") : QStringLiteral("◇ ")) + c.id;
}
} // namespace

QList<int> MltrlTrackWidget::componentRows(double left, double step) const
{
    QList<int> rows(m_components.size(), 0);
    QList<int> order(m_components.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [this](int a, int b) { return m_components[a].level < m_components[b].level; });
    QList<QList<std::pair<double, double>>> taken; // per row: occupied x intervals
    for (int i : order) {
        const TrackComponent &c = m_components[i];
        const double w = QFontMetricsF(labelFont(c.heldBack)).horizontalAdvance(componentLabel(c)) + s(10);
        const double x = left + step * c.level;
        const std::pair<double, double> span{x, x + w}; // labels start at their tick
        qsizetype row = 0;
        for (; row < taken.size(); ++row) {
            const bool clash = std::any_of(taken[row].begin(), taken[row].end(), [&](const auto &o) {
                return span.first < o.second && o.first < span.second;
            });
            if (!clash)
                break;
        }
        if (row == taken.size())
            taken.append(QList<std::pair<double, double>>());
        taken[row].append(span);
        rows[i] = static_cast<int>(row);
    }
    return rows;
}

QStringList MltrlTrackWidget::rolesOf(int level) const
{
    QStringList roles;
    if (m_hasTrack && level == m_current)
        roles << QStringLiteral("current");
    if (m_system && level == *m_system)
        roles << QStringLiteral("system");
    if (m_target && level == *m_target)
        roles << QStringLiteral("target");
    return roles;
}

int MltrlTrackWidget::roleLines() const
{
    int most = 1;
    for (int level = kLowestLevel; level <= kHighestLevel; ++level)
        most = std::max(most, static_cast<int>(rolesOf(level).size()));
    return most;
}

MltrlTrackWidget::Layout MltrlTrackWidget::layout() const
{
    Layout l;
    l.left = s(kMargin + 40);
    l.step = std::max(1.0, (width() - 2.0 * l.left) / (kHighestLevel - kLowestLevel));
    l.componentRows = componentRows(l.left, l.step);
    const int rows =
        l.componentRows.isEmpty() ? 0 : *std::max_element(l.componentRows.begin(), l.componentRows.end()) + 1;
    l.componentsTop = static_cast<int>(s(kStageBand + 4));
    l.pathY = static_cast<int>(l.componentsTop + rows * s(kComponentLine) + (rows > 0 ? s(10) : 0) + s(kPathBand) / 2);
    l.namesTop = static_cast<int>(l.pathY + s(kPathBand) / 2);
    l.calloutTop = static_cast<int>(l.namesTop + s(kNameLines) + roleLines() * s(kRoleLine));
    return l;
}

QSize MltrlTrackWidget::sizeHint() const
{
    return {static_cast<int>(s(900)), static_cast<int>(layout().calloutTop + (m_callout ? s(kCalloutBand) : s(4)))};
}

void MltrlTrackWidget::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateGeometry(); // component labels may need more or fewer rows at the new width
}

QSize MltrlTrackWidget::minimumSizeHint() const
{
    return {static_cast<int>(s(560)), sizeHint().height()};
}

std::optional<int> MltrlTrackWidget::levelAt(QPoint pos) const
{
    const Layout l = layout();
    for (int level = kLowestLevel; level <= kHighestLevel; ++level) {
        const QPointF centre(l.x(level), l.pathY);
        if (QLineF(centre, pos).length() <= s(kCurrentRadius + 2))
            return level;
        // The name under a station counts too: it is the larger target.
        const QRectF name(l.x(level) - l.step / 2, l.namesTop, l.step, l.calloutTop - l.namesTop);
        if (name.contains(pos))
            return level;
    }
    return std::nullopt;
}

QString MltrlTrackWidget::stationToolTip(int level) const
{
    QStringList lines;
    lines << QStringLiteral("Level %1 — %2 (%3)").arg(level).arg(levelName(level), stageName(stageOf(level)));
    if (m_hasTrack && level == m_current)
        lines << QStringLiteral("Current level of the project");
    if (m_system && level == *m_system)
        lines << QStringLiteral("System level (lowest component level)");
    if (m_target && level == *m_target)
        lines << QStringLiteral("Target level");
    for (const TrackComponent &c : m_components) {
        if (c.level == level)
            lines << QStringLiteral("Component %1%2")
                         .arg(c.name.isEmpty() ? c.id : c.name,
                              c.heldBack ? QStringLiteral(" — holds the system back") : QString());
    }
    return lines.join(QLatin1Char('\n'));
}

bool MltrlTrackWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        if (const std::optional<int> level = levelAt(help->pos()))
            QToolTip::showText(help->globalPos(), stationToolTip(*level), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

namespace {
/// Draws `text` wrapped into `rect`, shrinking the font until it fits (long level names in
/// narrow windows), never below 70 % of the starting size.
void drawFitted(QPainter &p, const QRectF &rect, const QString &text, const QFont &start)
{
    const int flags = Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap;
    QFont font = start;
    for (double factor = 1.0; factor > 0.7; factor -= 0.05) {
        font = resized(start, factor);
        const QRectF need = QFontMetricsF(font).boundingRect(rect, flags, text);
        if (need.width() <= rect.width() + 0.5 && need.height() <= rect.height() + 0.5)
            break;
    }
    p.setFont(font);
    p.drawText(rect, flags, text);
}
} // namespace

QColor MltrlTrackWidget::stationFill(int level) const
{
    const QColor fill = levelColor(level);
    return m_hasTrack && level > m_current ? faded(fill, palette().color(QPalette::Window)) : fill;
}

QColor MltrlTrackWidget::stationTextColour(int level) const
{
    // Faded stations take the window's lightness, so the number's colour follows the fill.
    return textOn(stationFill(level));
}

void MltrlTrackWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const Layout l = layout();
    const QColor text = palette().color(QPalette::WindowText);
    const QColor base = palette().color(QPalette::Window);
    const bool drawn = m_hasTrack;
    const QFont normal = font();
    QFont bold = normal;
    bold.setBold(true);
    const QFont small = labelFont(false);
    const QFont smallBold = labelFont(true);

    // Stage names over coloured bars: the stage is readable without its colour.
    for (Stage stage : {Stage::Research, Stage::Prototyping, Stage::Productization, Stage::Deployment}) {
        int first = kHighestLevel, last = kLowestLevel;
        for (int level = kLowestLevel; level <= kHighestLevel; ++level) {
            if (stageOf(level) == stage) {
                first = std::min(first, level);
                last = std::max(last, level);
            }
        }
        const QRectF band(l.x(first) - l.step / 2 + 3, s(2), l.x(last) - l.x(first) + l.step - 6, s(kStageBand - 6));
        p.setPen(Qt::NoPen);
        p.setBrush(stageColor(stage));
        p.drawRoundedRect(QRectF(band.left(), band.bottom() - s(1), band.width(), s(4)), s(2), s(2));
        p.setPen(text);
        p.setFont(smallBold);
        // A one-level stage is narrower than its name: let the name overhang its bar.
        const QString name = stageName(stage).toUpper();
        const double w = std::max(band.width(), QFontMetricsF(smallBold).horizontalAdvance(name) + 4);
        p.drawText(QRectF(band.center().x() - w / 2, band.top(), w, band.height() - 4), Qt::AlignCenter, name);
    }

    // The path: a thick line through the stations, coloured by stage, lighter beyond the level reached.
    for (int level = kLowestLevel; level < kHighestLevel; ++level) {
        QColor c = levelColor(level + 1);
        if (drawn && level + 1 > m_current)
            c = faded(c, base);
        p.setPen(QPen(c, s(6), Qt::SolidLine, Qt::FlatCap));
        p.drawLine(QPointF(l.x(level), l.pathY), QPointF(l.x(level + 1), l.pathY));
    }

    for (int level = kLowestLevel; level <= kHighestLevel; ++level) {
        const QPointF centre(l.x(level), l.pathY);
        const bool isCurrent = drawn && level == m_current;
        const bool isTarget = m_target && level == *m_target;
        const double radius = isCurrent ? s(kCurrentRadius) : s(kStationRadius);
        const QColor fill = stationFill(level);
        p.setBrush(fill);
        p.setPen(QPen(isCurrent ? text : fill.darker(140), s(isCurrent ? 3 : 1)));
        p.drawEllipse(centre, radius, radius);
        if (isTarget) {
            // A dashed ring around the target station.
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(text, s(2), Qt::DashLine));
            p.drawEllipse(centre, radius + s(5), radius + s(5));
        }
        p.setPen(stationTextColour(level));
        p.setFont(isCurrent ? bold : normal);
        p.drawText(QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius), Qt::AlignCenter,
                   QString::number(level));

        // Name (two lines at most), then one line per role this level plays.
        const QRectF nameRect(centre.x() - l.step / 2 + 2, l.namesTop + s(2), l.step - 4, s(kNameLines - 2));
        p.setPen(text);
        drawFitted(p, nameRect, levelShortName(level), isCurrent ? smallBold : small);
        p.setFont(smallBold);
        double y = nameRect.bottom();
        for (const QString &role : rolesOf(level)) {
            p.drawText(QRectF(centre.x() - l.step, y, 2 * l.step, s(kRoleLine)), Qt::AlignHCenter | Qt::AlignTop,
                       QStringLiteral("▲ ") + role);
            y += s(kRoleLine);
        }
    }

    // Component markers: labels in rows above the path, right of a tick down to their station.
    const double stationTop = l.pathY - s(kCurrentRadius + 1);
    for (qsizetype i = 0; i < m_components.size(); ++i) {
        const TrackComponent &c = m_components[i];
        if (c.level < kLowestLevel || c.level > kHighestLevel)
            continue;
        const double x = l.x(c.level);
        const double labelBottom = stationTop - s(6) - l.componentRows[i] * s(kComponentLine);
        p.setPen(QPen(text, s(1.2)));
        p.drawLine(QPointF(x, labelBottom), QPointF(x, stationTop));
        p.setFont(c.heldBack ? smallBold : small);
        p.drawLine(QPointF(x, labelBottom - s(kComponentLine) / 2.0), QPointF(x, labelBottom));
        p.drawText(QRectF(x + s(4), labelBottom - s(kComponentLine), 4 * l.step, s(kComponentLine)),
                   Qt::AlignLeft | Qt::AlignBottom, componentLabel(c));
    }

    // The call-out: which component holds the system back, in words.
    if (!m_callout)
        return;
    p.setFont(normal);
    p.setPen(text);
    p.drawText(QRectF(s(kMargin), l.calloutTop + s(4), width() - 2 * s(kMargin), s(kCalloutBand - 4)),
               Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
               drawn ? calloutText() + QStringLiteral("  ◆ holds the system back  ◇ other component")
                     : QStringLiteral("No project loaded."));
}

} // namespace mltrl::ui
