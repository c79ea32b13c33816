#pragma once
/// Flowing layout on the pages of a PDF: paragraphs, key–value blocks, tables that repeat
/// their header after a page break, and fixed-height boxes for figures; header and footer on
/// every page. Positions are in points (1/72 inch) and converted to device units here.
///
/// A document is laid out twice: a measuring pass (no painter) counts the pages, then the
/// painting pass draws them knowing the total for "page X of Y". Both passes make exactly the
/// same layout decisions, since they use the same fonts on the same device.
#include <QColor>
#include <QFont>
#include <QFontMetricsF>
#include <QPaintDevice>
#include <QString>

#include <deque>
#include <functional>
#include <vector>

class QPainter;

namespace mltrl::packet {

/// Fonts of a packet: DejaVu Sans for prose, DejaVu Sans Mono (no ligatures, so text
/// extraction returns exactly the characters) for ids, hashes and fingerprints.
struct PacketFonts {
    QFont body, bold, small, heading, title, mono, monoSmall;
    static PacketFonts make();
};

/// Header and footer text of every page.
struct PageFrame {
    QString header;      ///< e.g. "cxr-triage · gate gate-5 · revision 1"
    QString footerRight; ///< e.g. "manifest 0123456789abcdef"
};

struct TableCell {
    QString text;
    const QFont *font = nullptr; ///< null: the body font
    QColor background = Qt::transparent;
    int span = 1; ///< columns this cell covers
    /// Never broken: drawn on one line, the font shrunk until it fits (numbers, hashes).
    bool oneLine = false;
};
using TableRow = std::vector<TableCell>;

class PageFlow {
public:
    /// `painter` null: measuring pass. `totalPages` is the count of the measuring pass (0
    /// while measuring). `newPage` starts a page on the device (QPdfWriter::newPage).
    PageFlow(QPaintDevice *device, QPainter *painter, const PacketFonts &fonts, PageFrame frame, int totalPages,
             std::function<void()> newPage);

    [[nodiscard]] bool painting() const { return m_painter != nullptr; }
    [[nodiscard]] int page() const { return m_page; }
    /// The width available for content, in points.
    [[nodiscard]] double contentWidth() const;
    /// Points left on the current page.
    [[nodiscard]] double remaining() const;

    void pageBreak();
    /// Starts a new page unless `pt` points fit on this one.
    void ensure(double pt);
    void space(double pt);

    void heading(const QString &text);
    void subheading(const QString &text);
    /// Wrapped text (breaks between lines across pages); `indent` in points.
    void paragraph(const QString &text, const QFont &font, QColor color = Qt::black, double indent = 0);
    /// One line that is never wrapped (a command, a checksum line): the font is shrunk until
    /// the text fits the width, so copying it out of the PDF gives exactly one line.
    void codeLine(const QString &text, const QFont &font, QColor color = Qt::black, double indent = 0);
    /// Rows of label and value; `valueFonts` may give a font per row (null: body).
    void keyValues(const std::vector<std::pair<QString, QString>> &rows,
                   const std::vector<const QFont *> &valueFonts = {}, double labelWidth = 130);
    /// A table; `widths` are fractions of the content width. The header repeats on each page.
    void table(const std::vector<double> &widths, const TableRow &header, const std::vector<TableRow> &rows);
    /// Reserves `heightPt` points and, when painting, calls `draw` with the box in device
    /// units (and the device units per point).
    void box(double heightPt, const std::function<void(QPainter &, const QRectF &, double)> &draw);

    /// Height in points of `text` wrapped to `widthPt`.
    [[nodiscard]] double textHeight(const QString &text, const QFont &font, double widthPt) const;

private:
    double u(double pt) const { return pt * m_k; }
    void startPage();
    void drawFrame();
    /// Lays out `text` to `widthPt`; when painting draws it at (xPt, yPt). Returns the height.
    double drawText(const QString &text, const QFont &font, double xPt, double yPt, double widthPt, QColor color);
    /// Draws `text` on one line at (xPt, yPt), shrinking `font` to fit `widthPt`; returns the
    /// height of one line of `font`.
    double drawOneLine(const QString &text, const QFont &font, double xPt, double yPt, double widthPt, QColor color);
    double rowHeight(const std::vector<double> &widths, const TableRow &row) const;
    /// Metrics of one of the packet's fonts on the device (fonts are known by address: they
    /// live in PacketFonts for the whole layout).
    const QFontMetricsF &metrics(const QFont &font) const;
    bool fitsOneLine(const QString &text, const QFont &font, double widthPt) const;
    void drawRow(const std::vector<double> &widths, const TableRow &row, double height, bool header);

    QPaintDevice *m_device;
    QPainter *m_painter;
    const PacketFonts &m_fonts;
    PageFrame m_frame;
    int m_total;
    std::function<void()> m_newPage;
    double m_k = 1;                  ///< device units per point
    double m_pageW = 0, m_pageH = 0; ///< points
    double m_y = 0;                  ///< cursor, points from the page top
    int m_page = 0;
    mutable std::deque<std::pair<const QFont *, QFontMetricsF>> m_metrics; // stable references
};

inline constexpr double kMarginPt = 48;
inline constexpr double kHeaderPt = 30; ///< band above the content
inline constexpr double kFooterPt = 30;

} // namespace mltrl::packet
