#include "evidence/EvidenceText.h"

#include "evidence/EvidenceViewer.h"
#include "evidence/Notebook.h"

#include <QPdfDocument>
#include <QPdfSelection>

#include <nlohmann/json.hpp>

namespace mltrl::ui {

namespace {

void collectJson(const nlohmann::json &value, QString &out)
{
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            out += QString::fromStdString(it.key()) + QLatin1Char(' ');
            collectJson(it.value(), out);
        }
    } else if (value.is_array()) {
        for (const auto &v : value)
            collectJson(v, out);
    } else if (value.is_string()) {
        out += QString::fromStdString(value.get<std::string>()) + QLatin1Char('\n');
    } else if (value.is_number()) {
        out += QString::fromStdString(value.dump()) + QLatin1Char(' ');
    }
}

} // namespace

QString EvidenceText::pdfText(const QString &path)
{
    QPdfDocument doc;
    if (doc.load(path) != QPdfDocument::Error::None)
        return {};
    QString text;
    for (int page = 0; page < doc.pageCount(); ++page)
        text += doc.getAllText(page).text() + QLatin1Char('\n');
    return text;
}

QString EvidenceText::jsonText(const QByteArray &bytes)
{
    const auto doc = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (doc.is_discarded())
        return QString::fromUtf8(bytes);
    QString out;
    collectJson(doc, out);
    return out;
}

QString EvidenceText::extract(const EvidenceSource &source)
{
    if (source.blobPath.isEmpty())
        return {};
    using Type = EvidenceViewer::Type;
    const Type type = EvidenceViewer::typeFor(source.mediaType, source.suffix());
    switch (type) {
    case Type::Pdf:
        return pdfText(source.blobPath);
    case Type::Markdown:
    case Type::Text:
    case Type::Csv:
        return QString::fromUtf8(readFileHead(source.blobPath, maxBytes(), nullptr));
    case Type::Json:
        return jsonText(readFileHead(source.blobPath, maxBytes(), nullptr));
    case Type::Notebook: {
        const auto nb = Notebook::parse(readFileHead(source.blobPath, maxBytes(), nullptr), nullptr);
        return nb ? nb->plainText() : QString();
    }
    case Type::Image:
    case Type::Dicom:   // pixels and a header: nothing to search (and no patient names indexed)
    case Type::Binary:
        break;
    }
    return {};
}

} // namespace mltrl::ui
