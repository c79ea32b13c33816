#include "ui/common/Theme.h"

#include "qcustomplot.h"

#include <QEvent>
#include <QWidget>

#include <cmath>

namespace mltrl::ui {

namespace {

double channel(double c)
{
    c /= 255.0;
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

/// Re-runs a callback on palette changes of the widget it watches.
class PaletteFollower : public QObject {
public:
    PaletteFollower(QWidget *widget, std::function<void()> onChange) : QObject(widget), m_onChange(std::move(onChange))
    {
        widget->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        // The filter sees an event before the widget has resolved its new palette, and a
        // system switch arrives as ApplicationPaletteChange first: redraw once, a moment later,
        // when every widget of the tree holds the new palette.
        const auto type = event->type();
        if ((type == QEvent::PaletteChange || type == QEvent::ApplicationPaletteChange) && watched == parent() &&
            !m_pending) {
            m_pending = true;
            QMetaObject::invokeMethod(
                this,
                [this] {
                    m_pending = false;
                    m_onChange();
                },
                Qt::QueuedConnection);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<void()> m_onChange;
    bool m_pending = false;
};

} // namespace

double relativeLuminance(const QColor &c)
{
    const QColor rgb = c.toRgb();
    return 0.2126 * channel(rgb.red()) + 0.7152 * channel(rgb.green()) + 0.0722 * channel(rgb.blue());
}

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

bool isDark(const QPalette &palette)
{
    return relativeLuminance(palette.color(QPalette::Window)) < relativeLuminance(palette.color(QPalette::WindowText));
}

QColor textOn(const QColor &background)
{
    const QColor dark(Qt::black);
    const QColor light(Qt::white);
    return contrastRatio(dark, background) >= contrastRatio(light, background) ? dark : light;
}

QColor readableOn(const QColor &accent, const QColor &background, double minRatio)
{
    QColor c = accent.toRgb();
    const bool lighten = relativeLuminance(background) < 0.18;
    for (int step = 0; step < 24 && contrastRatio(c, background) < minRatio; ++step) {
        // lighter()/darker() keep the hue; 112 % per step converges in a few steps.
        c = lighten ? c.lighter(112) : c.darker(112);
        if (lighten && c.value() == 255) {
            // Fully bright yet too dark (deep blue on black): move towards white.
            c = QColor((c.red() + 255) / 2, (c.green() + 255) / 2, (c.blue() + 255) / 2);
        }
    }
    c.setAlpha(accent.alpha());
    return c;
}

QColor composite(const QColor &fg, const QColor &bg)
{
    const float a = fg.alphaF();
    return QColor::fromRgbF(fg.redF() * a + bg.redF() * (1 - a), fg.greenF() * a + bg.greenF() * (1 - a),
                            fg.blueF() * a + bg.blueF() * (1 - a));
}

void stylePlot(QCustomPlot *plot, const QPalette &palette)
{
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    plot->setBackground(palette.color(QPalette::Window));
    plot->axisRect()->setBackground(base);
    QColor grid = text;
    grid.setAlpha(50);
    for (QCPAxis *axis : plot->axisRect()->axes()) {
        axis->setBasePen(QPen(text));
        axis->setTickPen(QPen(text));
        axis->setSubTickPen(QPen(text));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
        axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
        axis->grid()->setZeroLinePen(QPen(grid, 1));
    }
    QColor legendFill = base;
    legendFill.setAlpha(220);
    plot->legend->setBrush(legendFill);
    plot->legend->setTextColor(text);
    plot->legend->setSelectedTextColor(text);
    QColor border = text;
    border.setAlpha(120);
    plot->legend->setBorderPen(QPen(border));
}

void followPalette(QWidget *widget, std::function<void()> onChange)
{
    new PaletteFollower(widget, std::move(onChange));
}

} // namespace mltrl::ui
