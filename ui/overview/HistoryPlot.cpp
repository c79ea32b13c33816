#include "ui/overview/HistoryPlot.h"

#include "ui/common/Levels.h"
#include "ui/common/Theme.h"

#include "qcustomplot.h"

#include <QDateTime>
#include <QTimeZone>
#include <QToolTip>
#include <QVBoxLayout>

namespace mltrl::ui {

namespace {
constexpr double kHoverDistance = 10;

struct KindStyle {
    QString kind;
    QString legend;
    QCPScatterStyle::ScatterShape shape;
    QColor colour;
};

/// Shapes carry the kind; colours only help.
const std::vector<KindStyle> &kindStyles()
{
    static const std::vector<KindStyle> styles{
        {QStringLiteral("start"), QStringLiteral("Start"), QCPScatterStyle::ssCircle, QColor(0x55, 0x55, 0x55)},
        {QStringLiteral("advance"), QStringLiteral("Advance"), QCPScatterStyle::ssTriangle, QColor(0x2e, 0x7d, 0x32)},
        {QStringLiteral("hold"), QStringLiteral("Hold"), QCPScatterStyle::ssSquare, QColor(0x60, 0x7d, 0x8b)},
        {QStringLiteral("switchback (discovery)"), QStringLiteral("Switchback: discovery"), QCPScatterStyle::ssDiamond,
         QColor(0x7b, 0x3f, 0xa0)},
        {QStringLiteral("switchback (embedded)"), QStringLiteral("Switchback: embedded"),
         QCPScatterStyle::ssCrossSquare, QColor(0x1f, 0x6f, 0xb4)},
        {QStringLiteral("switchback (review)"), QStringLiteral("Switchback: review"),
         QCPScatterStyle::ssTriangleInverted, QColor(0xb3, 0x4d, 0x00)},
        {QStringLiteral("switchback"), QStringLiteral("Switchback"), QCPScatterStyle::ssStar, QColor(0x80, 0x40, 0x40)},
    };
    return styles;
}

const QColor kInvalid(0xd0, 0x1c, 0x1c);

QString kindOf(const HistoryEntry &e)
{
    switch (e.kind) {
    case HistoryKind::Start:
        return QStringLiteral("start");
    case HistoryKind::Advance:
        return QStringLiteral("advance");
    case HistoryKind::Hold:
        return QStringLiteral("hold");
    case HistoryKind::Switchback:
        if (e.switchback == SwitchbackKind::None)
            return QStringLiteral("switchback");
        return QStringLiteral("switchback (%1)").arg(QString::fromUtf8(toString(e.switchback)));
    }
    return {};
}

/// RFC 3339 date or date-time → seconds since the epoch; nullopt when unreadable.
std::optional<double> parseTime(const std::string &text)
{
    const QString s = QString::fromStdString(text);
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!t.isValid()) {
        const QDate d = QDate::fromString(s, Qt::ISODate);
        if (!d.isValid())
            return std::nullopt;
        t = d.startOfDay(QTimeZone::utc());
    }
    return static_cast<double>(t.toSecsSinceEpoch());
}

QString dateText(double x)
{
    return QDateTime::fromSecsSinceEpoch(static_cast<qint64>(x), QTimeZone::utc())
        .toString(QStringLiteral("yyyy-MM-dd"));
}
} // namespace

HistoryPlot::HistoryPlot(QWidget *parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    setObjectName(QStringLiteral("historyPlot"));
    m_plot->setObjectName(QStringLiteral("historyPlotCanvas"));
    m_plot->setMinimumHeight(240);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_plot->setMouseTracking(true);
    connect(m_plot, &QCustomPlot::mouseMove, this, &HistoryPlot::onMouseMove);
    // The legend sits beside the plot, never over a point.
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    auto *side = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(0, 1, side);
    m_plot->plotLayout()->setColumnStretchFactor(1, 0.001);
    side->addElement(0, 0, m_plot->legend);
    side->addElement(1, 0, new QCPLayoutElement(m_plot)); // filler: the legend keeps its height
    side->setRowStretchFactor(0, 0.001);
    m_plot->legend->setMargins(QMargins(6, 4, 6, 4));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    // Light/dark follows the system: redraw in the new palette.
    followPalette(this, [this] { rebuild(m_exportedAt); });
    clear();
}

void HistoryPlot::clear()
{
    setHistory({}, {});
}

QCPGraph *HistoryPlot::markerGraph(const QString &kind) const
{
    for (int i = 0; i < m_plot->graphCount(); ++i) {
        if (m_plot->graph(i)->property("kind").toString() == kind)
            return m_plot->graph(i);
    }
    return nullptr;
}

void HistoryPlot::setHistory(const std::vector<HistoryEntry> &history,
                             const std::map<std::size_t, std::string> &invalid, const std::string &exportedAt)
{
    m_points.clear();
    double lastX = 0;
    for (std::size_t i = 0; i < history.size(); ++i) {
        const HistoryEntry &e = history[i];
        const std::optional<double> x = parseTime(e.at);
        Point pt;
        pt.index = i;
        pt.x = x.value_or(lastX); // an unreadable date stays beside its predecessor
        pt.level = e.to;
        pt.kind = kindOf(e);
        const auto inv = invalid.find(i);
        pt.invalid = inv != invalid.end();
        QStringList tip;
        tip << QStringLiteral("%1 — %2").arg(x ? dateText(*x) : QString::fromStdString(e.at), pt.kind);
        tip << (e.from ? QStringLiteral("Level %1 → %2").arg(*e.from).arg(e.to) : QStringLiteral("Level %1").arg(e.to));
        if (!e.gate.empty())
            tip << QStringLiteral("Gate: %1").arg(QString::fromStdString(e.gate));
        if (!e.reason.empty())
            tip << QStringLiteral("Reason: %1").arg(QString::fromStdString(e.reason));
        if (pt.invalid)
            tip << QStringLiteral("⚠ Invalid switchback: %1").arg(QString::fromStdString(inv->second));
        pt.toolTip = tip.join(QLatin1Char('\n'));
        m_points.append(pt);
        lastX = pt.x;
    }
    rebuild(exportedAt);
}

void HistoryPlot::rebuild(const std::string &exportedAt)
{
    m_plot->clearGraphs();
    m_plot->clearItems();
    m_exportedAt = exportedAt;
    stylePlot(m_plot, palette());
    const QColor text = palette().color(QPalette::Text);
    const QColor base = palette().color(QPalette::Base);
    // Margins above WCAG's ratios: marks and labels also sit on the tinted stage bands.
    const QColor invalidColour = readableOn(kInvalid, base, 5.2);

    // Stage bands behind the plot, so a level's stage reads at a glance.
    for (auto [from, to, stage] :
         {std::tuple{-0.5, 2.5, Stage::Research}, std::tuple{2.5, 5.5, Stage::Prototyping},
          std::tuple{5.5, 8.5, Stage::Productization}, std::tuple{8.5, 9.5, Stage::Deployment}}) {
        auto *band = new QCPItemRect(m_plot);
        band->setLayer(QStringLiteral("background"));
        band->topLeft->setTypeX(QCPItemPosition::ptAxisRectRatio);
        band->bottomRight->setTypeX(QCPItemPosition::ptAxisRectRatio);
        band->topLeft->setCoords(0, to);
        band->bottomRight->setCoords(1, from);
        QColor c = stageColor(stage);
        c.setAlpha(45);
        band->setBrush(c);
        band->setPen(Qt::NoPen);
        band->setClipToAxisRect(true);
    }

    QVector<double> xs, ys;
    for (const Point &pt : m_points) {
        xs << pt.x;
        ys << pt.level;
    }
    m_levelGraph = m_plot->addGraph();
    m_levelGraph->setName(QStringLiteral("Level"));
    m_levelGraph->setProperty("kind", QStringLiteral("level"));
    m_levelGraph->setLineStyle(QCPGraph::lsStepLeft);
    m_levelGraph->setPen(QPen(text, 2));
    m_levelGraph->setData(xs, ys, true);

    // The last level holds until the archive was exported: drawn, but not a history point.
    double xMax = xs.isEmpty() ? 0 : xs.last();
    if (const std::optional<double> exported = exportedAt.empty() ? std::nullopt : parseTime(exportedAt);
        exported && !xs.isEmpty() && *exported > xs.last()) {
        QCPGraph *tail = m_plot->addGraph();
        tail->setProperty("kind", QStringLiteral("tail"));
        tail->setPen(QPen(text, 2, Qt::DashLine));
        tail->setData({xs.last(), *exported}, {ys.last(), ys.last()});
        tail->removeFromLegend();
        xMax = *exported;
    }

    for (const KindStyle &style : kindStyles()) {
        QVector<double> kx, ky;
        for (const Point &pt : m_points) {
            if (pt.kind == style.kind) {
                kx << pt.x;
                ky << pt.level;
            }
        }
        if (kx.isEmpty())
            continue;
        QCPGraph *g = m_plot->addGraph();
        g->setName(style.legend);
        g->setProperty("kind", style.kind);
        g->setLineStyle(QCPGraph::lsNone);
        // Outline in the readable shade (it is what separates the marker from the plot).
        const QColor fill = readableOn(style.colour, base, 4.3);
        g->setScatterStyle(
            QCPScatterStyle(style.shape, isDark(palette()) ? fill.lighter(130) : fill.darker(130), fill, 11));
        g->setData(kx, ky, true);
    }

    QVector<double> ix, iy;
    for (const Point &pt : m_points) {
        if (!pt.invalid)
            continue;
        ix << pt.x;
        iy << pt.level;
        auto *label = new QCPItemText(m_plot);
        label->position->setCoords(pt.x, pt.level - 0.45);
        label->setPositionAlignment(Qt::AlignTop | Qt::AlignHCenter);
        label->setText(QStringLiteral("invalid switchback"));
        label->setColor(invalidColour);
        QFont f = font();
        f.setBold(true);
        label->setFont(f);
    }
    if (!ix.isEmpty()) {
        QCPGraph *g = m_plot->addGraph();
        g->setName(QStringLiteral("Invalid switchback"));
        g->setProperty("kind", QStringLiteral("invalid"));
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(invalidColour, 2.5), Qt::NoBrush, 22));
        g->setData(ix, iy, true);
    }

    auto dates = QSharedPointer<QCPAxisTickerDateTime>::create();
    dates->setDateTimeFormat(QStringLiteral("MMM yyyy"));
    dates->setDateTimeSpec(Qt::UTC);
    dates->setTickCount(6);
    m_plot->xAxis->setTicker(dates);
    auto levels = QSharedPointer<QCPAxisTickerText>::create();
    for (int level = kLowestLevel; level <= kHighestLevel; ++level)
        levels->addTick(level, QStringLiteral("%1 · %2").arg(level).arg(levelShortName(level)));
    m_plot->yAxis->setTicker(levels);
    m_plot->yAxis->setSubTicks(false);
    m_plot->yAxis->setRange(-0.5, 9.5);
    m_plot->yAxis->setLabel(QStringLiteral("MLTRL level"));
    const double xMin = xs.isEmpty() ? 0 : xs.first();
    const double pad = std::max(86400.0 * 10, (xMax - xMin) * 0.04);
    m_plot->xAxis->setRange(xMin - pad, xMax + pad);

    m_plot->legend->setVisible(!m_points.isEmpty());
    m_plot->replot();
}

QString HistoryPlot::toolTipAt(QPointF pixel) const
{
    const Point *best = nullptr;
    double bestDistance = kHoverDistance;
    for (const Point &pt : m_points) {
        const QPointF at(m_plot->xAxis->coordToPixel(pt.x), m_plot->yAxis->coordToPixel(pt.level));
        const double d = QLineF(at, pixel).length();
        if (d <= bestDistance) {
            bestDistance = d;
            best = &pt;
        }
    }
    return best ? best->toolTip : QString();
}

void HistoryPlot::onMouseMove(QMouseEvent *event)
{
    const QString tip = toolTipAt(event->position());
    if (tip.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), tip, m_plot);
}

} // namespace mltrl::ui
