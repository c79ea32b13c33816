#include "changes/PdfTextDiff.h"

#include <QPdfDocument>
#include <QPdfSelection>

#include <memory>

namespace mltrl::ui {

namespace {

std::optional<QStringList> pageTexts(const QString &path, QString *error)
{
    QPdfDocument doc;
    if (doc.load(path) != QPdfDocument::Error::None) {
        if (error)
            *error = QObject::tr("%1 cannot be read as a PDF").arg(path);
        return std::nullopt;
    }
    QStringList pages;
    for (int i = 0; i < doc.pageCount(); ++i)
        pages << doc.getAllText(i).text();
    return pages;
}

} // namespace

std::optional<QStringList> comparePdfPages(const QString &oldPath, const QString &newPath, QString *error)
{
    const std::optional<QStringList> a = pageTexts(oldPath, error);
    const std::optional<QStringList> b = a ? pageTexts(newPath, error) : std::nullopt;
    if (!b)
        return std::nullopt;
    QStringList out;
    for (qsizetype i = 0; i < std::max(a->size(), b->size()); ++i) {
        if (i >= a->size())
            out << QObject::tr("page %1: added").arg(i + 1);
        else if (i >= b->size())
            out << QObject::tr("page %1: removed").arg(i + 1);
        else if (a->at(i) != b->at(i))
            out << QObject::tr("page %1: text changed").arg(i + 1);
    }
    return out;
}

} // namespace mltrl::ui
