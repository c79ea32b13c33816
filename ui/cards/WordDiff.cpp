#include "ui/cards/WordDiff.h"

#include <QRegularExpression>
#include <QStringList>

#include <vector>

namespace mltrl::ui {

namespace {

QStringList tokens(const QString &text, bool byLine)
{
    QStringList out;
    if (byLine) {
        for (const QString &line : text.split(QLatin1Char('\n')))
            out << line + QLatin1Char('\n');
        if (!out.isEmpty())
            out.last().chop(1);
        return out;
    }
    static const QRegularExpression re(QStringLiteral("\\s+|\\w+|[^\\w\\s]"),
                                       QRegularExpression::UseUnicodePropertiesOption);
    for (auto it = re.globalMatch(text); it.hasNext();)
        out << it.next().captured();
    return out;
}

QString escape(const QString &s)
{
    return s.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

// Colour plus a second cue: strike-through for removed, underline for inserted words.
const QString kDel = QStringLiteral("<span style=\"background:#f8d0c8; text-decoration:line-through\">");
const QString kIns = QStringLiteral("<span style=\"background:#c8ecd8; text-decoration:underline\">");
const QString kEnd = QStringLiteral("</span>");

} // namespace

WordDiff diffWords(const QString &left, const QString &right)
{
    WordDiff out;
    QStringList a = tokens(left, false);
    QStringList b = tokens(right, false);
    // The LCS table is |a|·|b|; long texts fall back to whole lines to keep it small.
    if (static_cast<double>(a.size()) * static_cast<double>(b.size()) > 4e6) {
        a = tokens(left, true);
        b = tokens(right, true);
    }
    const auto n = static_cast<std::size_t>(a.size());
    const auto m = static_cast<std::size_t>(b.size());
    std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t & { return lcs[i * (m + 1) + j]; };
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;)
            at(i, j) = a[static_cast<qsizetype>(i)] == b[static_cast<qsizetype>(j)]
                           ? at(i + 1, j + 1) + 1
                           : std::max(at(i + 1, j), at(i, j + 1));
    std::size_t i = 0, j = 0;
    QString del, ins;
    auto flush = [&] {
        if (!del.isEmpty())
            out.leftHtml += kDel + escape(del) + kEnd;
        if (!ins.isEmpty())
            out.rightHtml += kIns + escape(ins) + kEnd;
        del.clear();
        ins.clear();
    };
    while (i < n || j < m) {
        if (i < n && j < m && a[static_cast<qsizetype>(i)] == b[static_cast<qsizetype>(j)]) {
            flush();
            out.leftHtml += escape(a[static_cast<qsizetype>(i)]);
            out.rightHtml += escape(b[static_cast<qsizetype>(j)]);
            ++i;
            ++j;
        } else if (j < m && (i == n || at(i, j + 1) >= at(i + 1, j))) {
            ins += b[static_cast<qsizetype>(j++)];
            out.changed = true;
        } else {
            del += a[static_cast<qsizetype>(i++)];
            out.changed = true;
        }
    }
    flush();
    return out;
}

} // namespace mltrl::ui
