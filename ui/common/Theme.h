#pragma once
/// Colours that stay readable in light and dark palettes. The workbench never hard-codes a
/// background: it paints on the palette's Window/Base, draws text in the palette's text colour,
/// and moves its accent colours (stage colours, pass/fail, series) lighter or darker until they
/// stand out from the background they are drawn on. The palette follows the system (the
/// platform theme sets it); widgets that paint re-read it on QEvent::PaletteChange.
#include <QColor>
#include <QObject>
#include <QPalette>

#include <functional>

class QCustomPlot;
class QWidget;

namespace mltrl::ui {

/// WCAG 2 contrast ratio of two colours, 1 (same) … 21 (black on white).
[[nodiscard]] double contrastRatio(const QColor &a, const QColor &b);

/// WCAG relative luminance, 0 (black) … 1 (white).
[[nodiscard]] double relativeLuminance(const QColor &c);

/// True for a dark palette (light text on a dark window).
[[nodiscard]] bool isDark(const QPalette &palette);

/// Black or white, whichever reads better on `background` (text on a filled shape).
[[nodiscard]] QColor textOn(const QColor &background);

/// `accent` made lighter (on a dark background) or darker (on a light one) in small steps until
/// its contrast with `background` reaches `minRatio` (3 = WCAG for graphics and large text);
/// unchanged when it already does. The hue stays, so a colour still means what it meant.
[[nodiscard]] QColor readableOn(const QColor &accent, const QColor &background, double minRatio = 3.0);

/// `fg` painted with its alpha over the opaque `bg`: the colour a tinted area really has.
[[nodiscard]] QColor composite(const QColor &fg, const QColor &bg);

/// Paints a QCustomPlot in `palette`: Window around, Base inside the axis rect, axes, ticks,
/// labels, grid and legend in the text colour. Does not replot.
void stylePlot(QCustomPlot *plot, const QPalette &palette);

/// Calls `onChange` whenever `widget`'s palette changes (the system switched light/dark, or an
/// ancestor's palette was set), from the event loop once the new palette has reached the whole
/// widget tree; several changes in a row give one call. The follower is a child of `widget`.
void followPalette(QWidget *widget, std::function<void()> onChange);

} // namespace mltrl::ui
