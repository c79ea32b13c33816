#include "ui/evidence/EvidenceText.h"

#include "ui/evidence/DecoderProcess.h"
#include "ui/evidence/EvidenceJson.h"
#include "ui/evidence/EvidenceViewer.h"
#include "ui/evidence/Notebook.h"

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
    // Every PDF of a revision is read when the project opens: in the decoder process, so a
    // PDF that crashes pdfium costs its text in the index, not the workbench.
    return DecoderProcess::pdfText(path);
}

QString EvidenceText::jsonText(const QByteArray &bytes)
{
    // Too deep or not JSON: indexed as the text it is (collectJson recurses, at most
    // EvidenceJson::kMaxDepth levels).
    const std::optional<nlohmann::json> doc = EvidenceJson::parse(bytes, nullptr);
    if (!doc)
        return QString::fromUtf8(bytes);
    QString out;
    collectJson(*doc, out);
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
    case Type::Dicom: // pixels and a header: nothing to search (and no patient names indexed)
    case Type::Binary:
        break;
    }
    return {};
}

} // namespace mltrl::ui
