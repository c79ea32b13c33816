#pragma once
/// The requirements' risk chart as a count heat-map (ISO 14971 style): five p(failure) bands
/// across, five impact bands up, each cell coloured by its risk level (acceptable / ALARP /
/// unacceptable, Okabe–Ito colours plus a hatch on unacceptable cells so the level does not
/// rest on colour alone) with its count written in it, and a legend. A click or Enter on a cell
/// asks to filter by it; the arrow keys move between cells; Escape asks to clear the filter.
/// Only the selected requirements are drawn individually: a ring at their exact place and
/// their id, so 500 requirements never become a cloud of labels.
#include "core/derive/RiskMatrix.h"

#include <QString>
#include <QWidget>

#include <optional>
#include <vector>

class QFontMetricsF;

namespace mltrl::ui {

class RiskHeatMap : public QWidget {
    Q_OBJECT
public:
    /// A requirement drawn on its own (the selection).
    struct Mark {
        QString id;
        double pFailure = 0;
        double impact = 0;
    };

    explicit RiskHeatMap(QWidget *parent = nullptr);

    void setCounts(const RiskCounts &counts);
    [[nodiscard]] const RiskCounts &counts() const { return m_counts; }
    /// The cell the table is filtered by (drawn with a heavy outline); nullopt = none.
    void setFilterCell(std::optional<RiskCell> cell);
    [[nodiscard]] std::optional<RiskCell> filterCell() const { return m_filter; }
    /// The keyboard's cell (outlined while the heat-map has focus).
    void setCurrentCell(RiskCell cell);
    [[nodiscard]] RiskCell currentCell() const { return m_current; }
    void setMarks(std::vector<Mark> marks);
    [[nodiscard]] const std::vector<Mark> &marks() const { return m_marks; }

    /// Where cell `cell` is drawn, in widget coordinates (for clicks and tests).
    [[nodiscard]] QRectF cellRect(RiskCell cell) const;
    /// The cell under `pos`, nullopt outside the grid.
    [[nodiscard]] std::optional<RiskCell> cellAt(QPointF pos) const;
    /// One line about a cell: "occasional × serious: 12 requirements, ALARP".
    [[nodiscard]] QString describe(RiskCell cell) const;

    /// The colour cell `cell` is painted in (its level's colour over the palette's Base, full
    /// when requirements are in it, a tint when none are) and the colour of its count.
    [[nodiscard]] QColor cellFill(RiskCell cell) const;
    [[nodiscard]] QColor countColour(RiskCell cell) const;
    /// The colour of a risk level before it is fitted to the palette (Okabe–Ito).
    [[nodiscard]] static QColor levelColour(RiskLevel level);

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

signals:
    /// A click on a cell, or Enter / Space on the keyboard's cell.
    void cellActivated(mltrl::RiskCell cell);
    /// Escape: remove the cell filter.
    void clearRequested();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Geometry {
        QRectF grid;         ///< the 5 × 5 cells
        QRectF legend;       ///< below the axis names
        double bandFontSize; ///< point size the band names fit in
        bool bandsTurned;    ///< band names turned up their columns (too narrow across)
        double bandHeight;   ///< room the band names take below the grid
    };
    struct LegendEntry {
        std::optional<RiskLevel> level; ///< nullopt: the "not assessed" count
        QString text;
        double x;
        int row;
    };
    [[nodiscard]] Geometry geometry() const;
    [[nodiscard]] double leftMargin() const;
    [[nodiscard]] static QString turnedBandText(int band);
    /// The legend's entries flowed into rows of `width`.
    [[nodiscard]] std::vector<LegendEntry> legendLayout(double width) const;
    [[nodiscard]] QPointF position(double pFailure, double impact) const;
    void paintCells(QPainter &p, const Geometry &g) const;
    void paintAxes(QPainter &p, const Geometry &g) const;
    void paintLegend(QPainter &p, const Geometry &g) const;
    void paintMarks(QPainter &p, const Geometry &g) const;
    void describeCurrent();

    RiskCounts m_counts;
    std::optional<RiskCell> m_filter;
    RiskCell m_current{2, 2};
    std::vector<Mark> m_marks;
};

/// A requirement's label in the point matrix: its id at its place.
struct MatrixLabel {
    QString id;
    QPointF at; ///< the point, in pixels
};

/// Places every label beside its point (upper right, else upper left, lower right, lower left
/// of it, `padding` away) inside `area` without touching another: the side of each, as the
/// label's corner at its point; nullopt when some label finds no room — then the point matrix
/// is unreadable and the heat-map takes over.
[[nodiscard]] std::optional<std::vector<Qt::Alignment>>
placeLabels(const std::vector<MatrixLabel> &labels, const QFontMetricsF &metrics, QPointF padding, const QRectF &area);

} // namespace mltrl::ui
