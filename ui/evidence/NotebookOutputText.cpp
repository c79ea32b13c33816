#include "ui/evidence/NotebookOutputText.h"

#include "ui/common/Theme.h"

#include <QRegularExpression>
#include <QSet>
#include <QStringList>

#include <array>
#include <optional>
#include <vector>

namespace mltrl::ui::NotebookOutputText {

namespace {

constexpr QChar kEsc(0x1b);

/// JupyterLab's terminal palette (normal, then bright), so tracebacks look as in Jupyter.
const std::array<QColor, 16> &basicPalette()
{
    static const std::array<QColor, 16> p{
        QColor(0x3e, 0x42, 0x4d), QColor(0xe7, 0x5c, 0x58), QColor(0x00, 0xa2, 0x50), QColor(0xdd, 0xb6, 0x2b),
        QColor(0x20, 0x8f, 0xfb), QColor(0xd1, 0x60, 0xc4), QColor(0x60, 0xc6, 0xc8), QColor(0xc5, 0xc1, 0xb4),
        QColor(0x28, 0x2c, 0x36), QColor(0xb2, 0x2b, 0x31), QColor(0x00, 0x74, 0x27), QColor(0xb2, 0x7d, 0x12),
        QColor(0x00, 0x65, 0xca), QColor(0xa0, 0x31, 0x96), QColor(0x25, 0x8f, 0x8f), QColor(0xa1, 0xa6, 0xb2)};
    return p;
}

QColor color256(int index)
{
    if (index < 16)
        return basicPalette()[static_cast<std::size_t>(index)];
    if (index < 232) {
        static const int levels[] = {0, 95, 135, 175, 215, 255};
        const int i = index - 16;
        return QColor(levels[i / 36], levels[(i / 6) % 6], levels[i % 6]);
    }
    const int grey = 8 + 10 * (index - 232);
    return QColor(grey, grey, grey);
}

struct Style {
    std::optional<QColor> fg;
    std::optional<QColor> bg;
    bool bold = false;
    bool italic = false;
    bool underline = false;
    bool operator==(const Style &) const = default;
};

/// Applies one SGR parameter list ("1;31", "38;5;208", "" = reset).
void applySgr(const QString &params, Style &style)
{
    std::vector<int> codes;
    for (const QString &p : params.split(QLatin1Char(';')))
        codes.push_back(p.isEmpty() ? 0 : p.toInt());
    if (codes.empty())
        codes.push_back(0);
    // An extended colour: "5;n" or "2;r;g;b" after 38/48; advances i past what it used.
    const auto extended = [&](std::size_t &i) -> std::optional<QColor> {
        if (i + 2 < codes.size() && codes[i + 1] == 5) {
            const int n = codes[i + 2];
            i += 2;
            return n >= 0 && n < 256 ? std::optional<QColor>(color256(n)) : std::nullopt;
        }
        if (i + 4 < codes.size() && codes[i + 1] == 2) {
            const QColor c(qBound(0, codes[i + 2], 255), qBound(0, codes[i + 3], 255), qBound(0, codes[i + 4], 255));
            i += 4;
            return c;
        }
        i = codes.size(); // malformed: ignore the rest
        return std::nullopt;
    };
    for (std::size_t i = 0; i < codes.size(); ++i) {
        const int c = codes[i];
        if (c == 0)
            style = Style{};
        else if (c == 1)
            style.bold = true;
        else if (c == 3)
            style.italic = true;
        else if (c == 4)
            style.underline = true;
        else if (c == 22)
            style.bold = false;
        else if (c == 23)
            style.italic = false;
        else if (c == 24)
            style.underline = false;
        else if (c >= 30 && c <= 37)
            style.fg = basicPalette()[static_cast<std::size_t>(c - 30)];
        else if (c >= 90 && c <= 97)
            style.fg = basicPalette()[static_cast<std::size_t>(c - 90 + 8)];
        else if (c == 39)
            style.fg.reset();
        else if (c >= 40 && c <= 47)
            style.bg = basicPalette()[static_cast<std::size_t>(c - 40)];
        else if (c >= 100 && c <= 107)
            style.bg = basicPalette()[static_cast<std::size_t>(c - 100 + 8)];
        else if (c == 49)
            style.bg.reset();
        else if (c == 38) {
            if (auto col = extended(i))
                style.fg = *col;
        } else if (c == 48) {
            if (auto col = extended(i))
                style.bg = *col;
        }
    }
}

struct Run {
    Style style;
    QString text;
};

/// Splits `text` into styled runs, consuming every escape sequence.
std::vector<Run> parse(const QString &text)
{
    std::vector<Run> runs;
    Style style;
    const auto append = [&](QChar ch) {
        if (runs.empty() || !(runs.back().style == style))
            runs.push_back({style, {}});
        runs.back().text += ch;
    };
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar ch = text[i];
        if (ch == kEsc) {
            if (i + 1 < n && text[i + 1] == QLatin1Char('[')) {
                // CSI: parameters and intermediates, then one final byte 0x40–0x7e.
                qsizetype j = i + 2;
                while (j < n && text[j].unicode() >= 0x20 && text[j].unicode() <= 0x3f)
                    ++j;
                while (j < n && text[j].unicode() >= 0x20 && text[j].unicode() <= 0x2f)
                    ++j;
                if (j < n && text[j] == QLatin1Char('m'))
                    applySgr(text.mid(i + 2, j - i - 2), style);
                i = j < n ? j : n;
            } else if (i + 1 < n && text[i + 1] == QLatin1Char(']')) {
                // OSC (window titles, hyperlinks): up to BEL or ESC backslash.
                qsizetype j = i + 2;
                while (j < n && text[j] != QChar(0x07) &&
                       !(text[j] == kEsc && j + 1 < n && text[j + 1] == QLatin1Char('\\')))
                    ++j;
                i = j < n && text[j] == kEsc ? j + 1 : j;
            } else {
                ++i; // a two-character escape (ESC c, ESC 7, …)
            }
            continue;
        }
        const char16_t u = ch.unicode();
        if (u == u'\r') {
            if (i + 1 < n && text[i + 1] == QLatin1Char('\n'))
                continue;
            append(QLatin1Char('\n'));
            continue;
        }
        if ((u < 0x20 && u != u'\n' && u != u'\t') || u == 0x7f || (u >= 0x80 && u <= 0x9f))
            continue;
        append(ch);
    }
    return runs;
}

} // namespace

QString ansiToHtml(const QString &text, const QColor &background)
{
    QString html = QStringLiteral("<pre style=\"margin:0\">");
    for (const Run &run : parse(text)) {
        QStringList css;
        const QColor bg = run.style.bg.value_or(background);
        if (run.style.fg)
            css << QStringLiteral("color:%1").arg(readableOn(*run.style.fg, bg, 4.5).name());
        if (run.style.bg)
            css << QStringLiteral("background-color:%1").arg(run.style.bg->name());
        if (run.style.bold)
            css << QStringLiteral("font-weight:bold");
        if (run.style.italic)
            css << QStringLiteral("font-style:italic");
        if (run.style.underline)
            css << QStringLiteral("text-decoration:underline");
        const QString escaped = run.text.toHtmlEscaped();
        html += css.isEmpty() ? escaped
                              : QStringLiteral("<span style=\"%1\">%2</span>").arg(css.join(QLatin1Char(';')), escaped);
    }
    return html + QStringLiteral("</pre>");
}

QString ansiToPlain(const QString &text)
{
    QString out;
    for (const Run &run : parse(text))
        out += run.text;
    return out;
}

QString sanitizeHtml(const QString &html, bool *isTable)
{
    static const QSet<QString> allowed{
        QStringLiteral("table"), QStringLiteral("thead"), QStringLiteral("tbody"), QStringLiteral("tfoot"),
        QStringLiteral("tr"),    QStringLiteral("th"),    QStringLiteral("td"),    QStringLiteral("caption"),
        QStringLiteral("p"),     QStringLiteral("br"),    QStringLiteral("b"),     QStringLiteral("strong"),
        QStringLiteral("i"),     QStringLiteral("em"),    QStringLiteral("u"),     QStringLiteral("code"),
        QStringLiteral("pre"),   QStringLiteral("span"),  QStringLiteral("div"),   QStringLiteral("ul"),
        QStringLiteral("ol"),    QStringLiteral("li"),    QStringLiteral("h1"),    QStringLiteral("h2"),
        QStringLiteral("h3"),    QStringLiteral("h4"),    QStringLiteral("h5"),    QStringLiteral("h6"),
        QStringLiteral("sub"),   QStringLiteral("sup"),   QStringLiteral("hr"),    QStringLiteral("blockquote"),
        QStringLiteral("dl"),    QStringLiteral("dt"),    QStringLiteral("dd"),    QStringLiteral("small")};
    // Elements whose content is not text for the reader (or would be run or loaded).
    static const QSet<QString> dropWhole{
        QStringLiteral("script"),   QStringLiteral("style"),  QStringLiteral("iframe"), QStringLiteral("object"),
        QStringLiteral("embed"),    QStringLiteral("svg"),    QStringLiteral("math"),   QStringLiteral("template"),
        QStringLiteral("noscript"), QStringLiteral("head"),   QStringLiteral("title"),  QStringLiteral("textarea"),
        QStringLiteral("select"),   QStringLiteral("video"),  QStringLiteral("audio"),  QStringLiteral("canvas"),
        QStringLiteral("frameset"), QStringLiteral("applet"), QStringLiteral("xml"),    QStringLiteral("button")};
    QString out;
    bool table = false;
    const qsizetype n = html.size();
    qsizetype i = 0;
    while (i < n) {
        const qsizetype lt = html.indexOf(QLatin1Char('<'), i);
        if (lt < 0) {
            out += html.mid(i);
            break;
        }
        out += html.mid(i, lt - i);
        if (html.mid(lt, 4) == QLatin1String("<!--")) {
            const qsizetype end = html.indexOf(QLatin1String("-->"), lt + 4);
            i = end < 0 ? n : end + 3;
            continue;
        }
        // The tag's end: the first '>' outside quotes.
        qsizetype j = lt + 1;
        QChar quote;
        for (; j < n; ++j) {
            const QChar c = html[j];
            if (!quote.isNull()) {
                if (c == quote)
                    quote = QChar();
            } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
                quote = c;
            } else if (c == QLatin1Char('>')) {
                break;
            }
        }
        const QString tag = html.mid(lt + 1, j - lt - 1);
        i = j < n ? j + 1 : n;
        const bool closing = tag.startsWith(QLatin1Char('/'));
        qsizetype k = closing ? 1 : 0;
        QString name;
        while (k < tag.size() && (tag[k].isLetterOrNumber()))
            name += tag[k++].toLower();
        if (name.isEmpty()) {
            if (!tag.startsWith(QLatin1Char('!')) && !tag.startsWith(QLatin1Char('?')) && !closing)
                out += QStringLiteral("&lt;") + tag.toHtmlEscaped() + (j < n ? QStringLiteral("&gt;") : QString());
            continue; // doctype, processing instruction, or a lone '<' kept as text
        }
        if (dropWhole.contains(name)) {
            if (!closing && !tag.endsWith(QLatin1Char('/'))) {
                const qsizetype end = html.indexOf(QStringLiteral("</") + name, i, Qt::CaseInsensitive);
                const qsizetype close = end < 0 ? -1 : html.indexOf(QLatin1Char('>'), end);
                i = close < 0 ? n : close + 1;
            }
            continue;
        }
        if (!allowed.contains(name))
            continue;
        if (name == QLatin1String("table"))
            table = true;
        if (closing) {
            out += QStringLiteral("</%1>").arg(name);
        } else if (name == QLatin1String("table")) {
            out += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\">");
        } else if (name == QLatin1String("td") || name == QLatin1String("th")) {
            QString attrs;
            static const QRegularExpression span(QStringLiteral("\\b(colspan|rowspan)\\s*=\\s*[\"']?([0-9]{1,3})\\b"),
                                                 QRegularExpression::CaseInsensitiveOption);
            for (auto it = span.globalMatch(tag); it.hasNext();) {
                const QRegularExpressionMatch m = it.next();
                attrs += QStringLiteral(" %1=\"%2\"").arg(m.captured(1).toLower(), m.captured(2));
            }
            out += QStringLiteral("<%1%2>").arg(name, attrs);
        } else {
            out += QStringLiteral("<%1>").arg(name);
        }
    }
    if (isTable)
        *isTable = table;
    return out;
}

} // namespace mltrl::ui::NotebookOutputText
