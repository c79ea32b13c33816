#include "ui/changes/PdfTextDiff.h"

#include "ui/common/PdfProcess.h"

#include <memory>

namespace mltrl::ui {

namespace {

/// Every page's text (LF line ends), read by the PDF's decoder process.
std::optional<QStringList> pageTexts(const QString &path, QString *error)
{
    PdfProcess pdf;
    pdf.open(path);
    std::optional<pdf::Reply> reply;
    if (pdf.waitForReady()) {
        pdf::Request request;
        request.op = pdf::Op::AllText;
        reply = pdf.call(request, 120000);
    }
    if (!reply || !reply->error.isEmpty()) {
        if (error)
            *error = QObject::tr("%1 cannot be read as a PDF: %2").arg(path, reply ? reply->error : pdf.failure());
        return std::nullopt;
    }
    return reply->texts;
}

} // namespace

QString PdfPageChange::label() const
{
    switch (kind) {
    case Kind::Added:
        return QObject::tr("page %1: added").arg(page);
    case Kind::Removed:
        return QObject::tr("page %1: removed").arg(page);
    case Kind::TextChanged:
        break;
    }
    return QObject::tr("page %1: text changed").arg(page);
}

std::optional<std::vector<PdfPageChange>> comparePdfPageTexts(const QString &oldPath, const QString &newPath,
                                                              QString *error)
{
    const std::optional<QStringList> a = pageTexts(oldPath, error);
    const std::optional<QStringList> b = a ? pageTexts(newPath, error) : std::nullopt;
    if (!b)
        return std::nullopt;
    std::vector<PdfPageChange> out;
    for (qsizetype i = 0; i < std::max(a->size(), b->size()); ++i) {
        const int page = static_cast<int>(i + 1);
        if (i >= a->size())
            out.push_back({page, PdfPageChange::Kind::Added, {}, b->at(i)});
        else if (i >= b->size())
            out.push_back({page, PdfPageChange::Kind::Removed, a->at(i), {}});
        else if (a->at(i) != b->at(i))
            out.push_back({page, PdfPageChange::Kind::TextChanged, a->at(i), b->at(i)});
    }
    return out;
}

std::optional<QStringList> comparePdfPages(const QString &oldPath, const QString &newPath, QString *error)
{
    const auto changes = comparePdfPageTexts(oldPath, newPath, error);
    if (!changes)
        return std::nullopt;
    QStringList out;
    for (const PdfPageChange &c : *changes)
        out << c.label();
    return out;
}

} // namespace mltrl::ui
