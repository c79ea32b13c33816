#include "ui/packet/PageFlow.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QTextLayout>

#include <algorithm>
#include <memory>

namespace mltrl::packet {

namespace {

QFont makeFont(const QString &family, QFont::StyleHint hint, double pt, bool bold = false)
{
    QFont f(family);
    f.setStyleHint(hint);
    f.setPointSizeF(pt);
    f.setBold(bold);
    // No shaping: no "fi"/"ff" ligature glyphs, so pdftotext returns the text as written.
    f.setStyleStrategy(QFont::StyleStrategy(QFont::PreferNoShaping | QFont::PreferOutline));
    f.setKerning(false);
    return f;
}

} // namespace

PacketFonts PacketFonts::make()
{
    const QString sans = QStringLiteral("DejaVu Sans");
    const QString mono = QStringLiteral("DejaVu Sans Mono");
    PacketFonts f;
    f.body = makeFont(sans, QFont::SansSerif, 9);
    f.bold = makeFont(sans, QFont::SansSerif, 9, true);
    f.small = makeFont(sans, QFont::SansSerif, 7.5);
    f.heading = makeFont(sans, QFont::SansSerif, 14, true);
    f.title = makeFont(sans, QFont::SansSerif, 24, true);
    f.mono = makeFont(mono, QFont::Monospace, 8.5);
    f.monoSmall = makeFont(mono, QFont::Monospace, 7);
    return f;
}

PageFlow::PageFlow(QPaintDevice *device, QPainter *painter, const PacketFonts &fonts, PageFrame frame, int totalPages,
                   std::function<void()> newPage)
      : m_device(device), m_painter(painter), m_fonts(fonts), m_frame(std::move(frame)), m_total(totalPages),
        m_newPage(std::move(newPage))
{
    m_k = device->logicalDpiX() / 72.0;
    m_pageW = device->width() / m_k;
    m_pageH = device->height() / m_k;
    startPage();
}

double PageFlow::contentWidth() const
{
    return m_pageW - 2 * kMarginPt;
}

double PageFlow::remaining() const
{
    return m_pageH - kMarginPt - kFooterPt - m_y;
}

void PageFlow::startPage()
{
    ++m_page;
    m_y = kMarginPt + kHeaderPt;
    drawFrame();
}

void PageFlow::pageBreak()
{
    if (m_painter)
        m_newPage();
    startPage();
}

void PageFlow::ensure(double pt)
{
    if (pt > remaining() && m_y > kMarginPt + kHeaderPt)
        pageBreak();
}

void PageFlow::space(double pt)
{
    m_y += pt;
}

void PageFlow::drawFrame()
{
    if (!m_painter)
        return;
    QPainter &p = *m_painter;
    const double left = kMarginPt, right = m_pageW - kMarginPt;
    p.setPen(QPen(QColor(0x55, 0x55, 0x55), u(0.5)));
    p.setFont(m_fonts.small);
    const double top = kMarginPt;
    p.drawText(QRectF(u(left), u(top), u(right - left), u(12)), Qt::AlignLeft | Qt::AlignVCenter, m_frame.header);
    p.drawLine(QPointF(u(left), u(top + 14)), QPointF(u(right), u(top + 14)));
    const double bottom = m_pageH - kMarginPt;
    p.drawLine(QPointF(u(left), u(bottom - 16)), QPointF(u(right), u(bottom - 16)));
    p.drawText(QRectF(u(left), u(bottom - 12), u(right - left), u(12)), Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("page %1 of %2").arg(m_page).arg(m_total));
    p.setFont(m_fonts.monoSmall);
    p.drawText(QRectF(u(left), u(bottom - 12), u(right - left), u(12)), Qt::AlignRight | Qt::AlignVCenter,
               m_frame.footerRight);
}

namespace {

/// `text` with line separators put in place of the spaces where lines must break. Lines break
/// only at spaces — never after a hyphen, which pdftotext would take for a hyphenation and
/// drop ("e132a6db-" + "c2fb" → "e132a6dbc2fb"), so ids, hashes and commands extract exactly.
/// A word longer than a line is left to break anywhere.
QString breakAtSpaces(const QString &text, const QFont &font, QPaintDevice *device, double width)
{
    const QFontMetricsF fm(font, device);
    const double space = fm.horizontalAdvance(QLatin1Char(' '));
    const double fit = width * 0.98; // a margin against rounding in QTextLayout's own measure
    QString out;
    out.reserve(text.size());
    const QStringList paragraphs = text.split(QLatin1Char('\n'));
    for (qsizetype p = 0; p < paragraphs.size(); ++p) {
        if (p > 0)
            out += QChar(QChar::LineSeparator);
        double used = 0;
        bool lineStart = true;
        for (const QString &word : paragraphs[p].split(QLatin1Char(' '))) {
            const double w = fm.horizontalAdvance(word);
            if (!lineStart && used + space + w > fit) {
                out += QChar(QChar::LineSeparator);
                used = 0;
                lineStart = true;
            }
            if (!lineStart) {
                out += QLatin1Char(' ');
                used += space;
            }
            out += word;
            used += w;
            lineStart = false;
        }
    }
    return out;
}

/// `text` laid out to `width` device units (see breakAtSpaces). Returns the layout; `height`
/// receives its height in device units.
std::unique_ptr<QTextLayout> layoutText(const QString &text, const QFont &font, QPaintDevice *device, double width,
                                        double &height)
{
    auto layout = std::make_unique<QTextLayout>(breakAtSpaces(text, font, device, width), font, device);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAnywhere);
    layout->setTextOption(option);
    layout->beginLayout();
    height = 0;
    for (QTextLine line = layout->createLine(); line.isValid(); line = layout->createLine()) {
        line.setLineWidth(width);
        line.setPosition(QPointF(0, height));
        height += line.height();
    }
    layout->endLayout();
    return layout;
}

} // namespace

const QFontMetricsF &PageFlow::metrics(const QFont &font) const
{
    for (const auto &[f, m] : m_metrics)
        if (f == &font)
            return m;
    m_metrics.emplace_back(&font, QFontMetricsF(font, m_device));
    return m_metrics.back().second;
}

bool PageFlow::fitsOneLine(const QString &text, const QFont &font, double widthPt) const
{
    return !text.contains(QLatin1Char('\n')) && metrics(font).horizontalAdvance(text) <= u(widthPt) * 0.98;
}

double PageFlow::drawText(const QString &text, const QFont &font, double xPt, double yPt, double widthPt, QColor color)
{
    // Most cells and values fit on one line: drawn directly, without a QTextLayout (the evidence
    // index of a big project has tens of thousands of them).
    if (fitsOneLine(text, font, widthPt)) {
        const QFontMetricsF &fm = metrics(font);
        if (m_painter) {
            m_painter->setPen(QPen(color, u(0.5)));
            m_painter->setFont(font);
            m_painter->drawText(QPointF(u(xPt), u(yPt) + fm.ascent()), text);
        }
        return fm.height() / m_k;
    }
    double h = 0;
    const auto layout = layoutText(text, font, m_device, u(widthPt), h);
    if (m_painter) {
        m_painter->setPen(QPen(color, u(0.5)));
        layout->draw(m_painter, QPointF(u(xPt), u(yPt)));
    }
    return h / m_k;
}

double PageFlow::drawOneLine(const QString &text, const QFont &font, double xPt, double yPt, double widthPt,
                             QColor color)
{
    const QFontMetricsF &fm = metrics(font);
    if (m_painter) {
        QFont fitted = font;
        const double advance = fm.horizontalAdvance(text);
        const double room = u(widthPt) * 0.98;
        if (advance > room && advance > 0)
            fitted.setPointSizeF(std::max(1.0, font.pointSizeF() * room / advance));
        m_painter->setPen(QPen(color, u(0.5)));
        m_painter->setFont(fitted);
        // Baseline of the full-size line, so shrunk and unshrunk cells line up.
        m_painter->drawText(QPointF(u(xPt), u(yPt) + fm.ascent()), text);
    }
    return fm.height() / m_k;
}

void PageFlow::codeLine(const QString &text, const QFont &font, QColor color, double indent)
{
    const double h = metrics(font).height() / m_k;
    ensure(h);
    m_y += drawOneLine(text, font, kMarginPt + indent, m_y, contentWidth() - indent, color);
    space(1);
}

double PageFlow::textHeight(const QString &text, const QFont &font, double widthPt) const
{
    if (fitsOneLine(text, font, widthPt))
        return metrics(font).height() / m_k;
    double h = 0;
    layoutText(text, font, m_device, u(widthPt), h);
    return h / m_k;
}

void PageFlow::heading(const QString &text)
{
    const double h = textHeight(text, m_fonts.heading, contentWidth());
    ensure(h + 60); // never a heading alone at the foot of a page
    space(6);
    m_y += drawText(text, m_fonts.heading, kMarginPt, m_y, contentWidth(), QColor(0x1a, 0x2a, 0x44));
    if (m_painter) {
        m_painter->setPen(QPen(QColor(0x1a, 0x2a, 0x44), u(1)));
        m_painter->drawLine(QPointF(u(kMarginPt), u(m_y + 2)), QPointF(u(kMarginPt + contentWidth()), u(m_y + 2)));
    }
    space(10);
}

void PageFlow::subheading(const QString &text)
{
    const double h = textHeight(text, m_fonts.bold, contentWidth());
    ensure(h + 40);
    space(4);
    m_y += drawText(text, m_fonts.bold, kMarginPt, m_y, contentWidth(), QColor(0x1a, 0x2a, 0x44));
    space(3);
}

void PageFlow::paragraph(const QString &text, const QFont &font, QColor color, double indent)
{
    double h = 0;
    const double width = contentWidth() - indent;
    const auto layout = layoutText(text, font, m_device, u(width), h);
    for (int i = 0; i < layout->lineCount(); ++i) {
        const QTextLine line = layout->lineAt(i);
        const double lh = line.height() / m_k;
        ensure(lh);
        if (m_painter) {
            m_painter->setPen(QPen(color, u(0.5)));
            line.draw(m_painter, QPointF(u(kMarginPt + indent), u(m_y) - line.y()));
        }
        m_y += lh;
    }
    space(3);
}

void PageFlow::keyValues(const std::vector<std::pair<QString, QString>> &rows,
                         const std::vector<const QFont *> &valueFonts, double labelWidth)
{
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const QFont &vf = i < valueFonts.size() && valueFonts[i] ? *valueFonts[i] : m_fonts.body;
        const double valueWidth = contentWidth() - labelWidth;
        const double h = std::max(textHeight(rows[i].first, m_fonts.bold, labelWidth - 6),
                                  textHeight(rows[i].second, vf, valueWidth));
        ensure(h);
        drawText(rows[i].first, m_fonts.bold, kMarginPt, m_y, labelWidth - 6, QColor(0x33, 0x33, 0x33));
        drawText(rows[i].second, vf, kMarginPt + labelWidth, m_y, valueWidth, Qt::black);
        m_y += h + 2;
    }
    space(4);
}

namespace {
constexpr double kCellPad = 3;
}

double PageFlow::rowHeight(const std::vector<double> &widths, const TableRow &row) const
{
    double h = 0;
    std::size_t col = 0;
    for (const TableCell &c : row) {
        double w = 0;
        for (int s = 0; s < c.span && col < widths.size(); ++s, ++col)
            w += widths[col] * contentWidth();
        const QFont &font = c.font ? *c.font : m_fonts.body;
        h = std::max(h, c.oneLine ? metrics(font).height() / m_k : textHeight(c.text, font, w - 2 * kCellPad));
    }
    return h + 2 * kCellPad;
}

void PageFlow::drawRow(const std::vector<double> &widths, const TableRow &row, double height, bool header)
{
    if (!m_painter)
        return;
    double x = kMarginPt;
    std::size_t col = 0;
    for (const TableCell &c : row) {
        double w = 0;
        for (int s = 0; s < c.span && col < widths.size(); ++s, ++col)
            w += widths[col] * contentWidth();
        const QRectF cell(u(x), u(m_y), u(w), u(height));
        const QColor bg = header ? QColor(0xe4, 0xe8, 0xf0) : c.background;
        if (bg.alpha() > 0)
            m_painter->fillRect(cell, bg);
        const QFont &font = c.font ? *c.font : (header ? m_fonts.bold : m_fonts.body);
        if (c.oneLine)
            drawOneLine(c.text, font, x + kCellPad, m_y + kCellPad, w - 2 * kCellPad, Qt::black);
        else
            drawText(c.text, font, x + kCellPad, m_y + kCellPad, w - 2 * kCellPad, Qt::black);
        x += w;
    }
    m_painter->setPen(QPen(QColor(0xbb, 0xbb, 0xbb), u(0.4)));
    m_painter->drawLine(QPointF(u(kMarginPt), u(m_y + height)),
                        QPointF(u(kMarginPt + contentWidth()), u(m_y + height)));
}

void PageFlow::table(const std::vector<double> &widths, const TableRow &header, const std::vector<TableRow> &rows)
{
    const double headerH = header.empty() ? 0 : rowHeight(widths, header);
    auto putHeader = [&] {
        if (header.empty())
            return;
        drawRow(widths, header, headerH, true);
        m_y += headerH;
    };
    ensure(headerH + (rows.empty() ? 0 : rowHeight(widths, rows.front())));
    putHeader();
    for (const TableRow &row : rows) {
        const double h = rowHeight(widths, row);
        if (h > remaining()) {
            pageBreak();
            putHeader();
        }
        drawRow(widths, row, h, false);
        m_y += h;
    }
    space(8);
}

void PageFlow::box(double heightPt, const std::function<void(QPainter &, const QRectF &, double)> &draw)
{
    ensure(heightPt);
    if (m_painter) {
        m_painter->save();
        draw(*m_painter, QRectF(u(kMarginPt), u(m_y), u(contentWidth()), u(heightPt)), m_k);
        m_painter->restore();
    }
    m_y += heightPt;
}

} // namespace mltrl::packet
