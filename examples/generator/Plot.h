#pragma once
// Chart drawing shared by the PNG figures and the PDF report's vector figures: the same code
// paints on a QImage or a QPdfWriter, so the report and the figures show the same curves.
#include "Edition.h"

#include <QColor>
#include <QFont>
#include <QRectF>
#include <QString>

class QPainter;

namespace gen {

/// Loads DejaVu Sans from the system (Debian: fonts-dejavu-core) so that text rendering does
/// not depend on fontconfig's choice. Returns false when the font files are missing.
bool loadFonts();
QFont font(double pixelSize, bool bold = false);

namespace palette {
inline const QColor ink{0x26, 0x32, 0x3f};
inline const QColor muted{0x6b, 0x76, 0x82};
inline const QColor grid{0xe3, 0xe7, 0xeb};
inline const QColor pooled{0x26, 0x32, 0x3f};
inline const QColor siteA{0x2f, 0x6d, 0xb0};
inline const QColor siteB{0x3a, 0x9a, 0x8c};
inline const QColor siteC{0xc9, 0x7b, 0x2a};
inline const QColor accent{0xb0, 0x3a, 0x2e};
}  // namespace palette

/// Axes in a rectangle: maps data coordinates to the painter and draws grid, ticks, labels.
class Axes {
public:
    Axes(QRectF frame, double x0, double x1, double y0, double y1, double fontPx);
    QPointF map(double x, double y) const;
    /// Grid lines, tick labels every `step`, axis titles.
    void draw(QPainter& p, double xStep, double yStep, const QString& xTitle,
              const QString& yTitle) const;
    const QRectF& plot() const { return plot_; }

private:
    QRectF plot_;
    double x0_, x1_, y0_, y1_, fontPx_;
};

/// ROC curves by site with each site's operating point (site C's moves after the review).
void drawRoc(QPainter& p, QRectF frame, double fontPx, Edition edition);
void drawCalibration(QPainter& p, QRectF frame, double fontPx);
void drawForest(QPainter& p, QRectF frame, double fontPx);
void drawConfusion(QPainter& p, QRectF frame, double fontPx, Edition edition);
/// A plain chart title above `frame`.
void drawTitle(QPainter& p, QRectF frame, const QString& title, const QString& subtitle,
               double fontPx);

}  // namespace gen
