#include "ui/evidence/Notebook.h"

#include "ui/evidence/EvidenceJson.h"
#include "ui/evidence/NotebookOutputText.h"

#include <nlohmann/json.hpp>

#include <string_view>

namespace mltrl::ui {

namespace {

using Json = nlohmann::json;

/// `text` cut to Notebook::kMaxTextChars (counted in bytes here: never more characters).
QString capped(const std::string &text)
{
    const auto max = static_cast<std::size_t>(Notebook::kMaxTextChars);
    if (text.size() <= max)
        return QString::fromStdString(text);
    // Cut at a UTF-8 character boundary.
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80)
        --cut;
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(cut)) +
           QStringLiteral("\n[… %1 more bytes not shown]").arg(text.size() - cut);
}

/// nbformat stores multi-line strings either as one string or as a list of lines.
QString multiline(const Json &value)
{
    if (value.is_string())
        return capped(value.get_ref<const std::string &>());
    std::string out;
    if (value.is_array())
        for (const Json &line : value)
            if (line.is_string()) {
                out += line.get_ref<const std::string &>();
                if (out.size() > static_cast<std::size_t>(Notebook::kMaxTextChars) + 1)
                    break;
            }
    return capped(out);
}

/// A string or list of strings joined whole (not capped like text): base64 image data, SVG text.
QByteArray base64Data(const Json &value)
{
    QByteArray out;
    if (value.is_string())
        return QByteArray::fromStdString(value.get_ref<const std::string &>());
    if (value.is_array())
        for (const Json &line : value)
            if (line.is_string())
                out += QByteArray::fromStdString(line.get_ref<const std::string &>());
    return out;
}

Notebook::Output readOutput(const Json &o)
{
    Notebook::Output out;
    const std::string type = o.value("output_type", std::string());
    if (type == "stream") {
        out.text = multiline(o.value("text", Json()));
    } else if (type == "error") {
        out.isError = true;
        // The traceback as IPython wrote it (lines with ANSI colours), else name and value.
        const Json traceback = o.value("traceback", Json());
        if (traceback.is_array() && !traceback.empty()) {
            Json lines = Json::array();
            for (const Json &line : traceback)
                if (line.is_string())
                    lines.push_back(line.get_ref<const std::string &>() + "\n");
            out.text = multiline(lines);
        }
        if (out.text.trimmed().isEmpty())
            out.text = QStringLiteral("%1: %2").arg(QString::fromStdString(o.value("ename", std::string())),
                                                    QString::fromStdString(o.value("evalue", std::string())));
    } else if (o.contains("data") && o["data"].is_object()) {
        const Json &data = o["data"];
        for (const char *mime : {"image/png", "image/jpeg"}) {
            if (data.contains(mime)) {
                const QByteArray b64 = base64Data(data[mime]);
                out.image = QByteArray::fromBase64(b64);
                out.imageType = QString::fromLatin1(mime);
                break;
            }
        }
        // SVG is text in a notebook (not base64); decoded like an SVG file (sanitized, budgeted).
        if (out.image.isEmpty() && data.contains("image/svg+xml")) {
            out.image = base64Data(data["image/svg+xml"]);
            out.imageType = QStringLiteral("image/svg+xml");
        }
        if (out.image.isEmpty() && data.contains("text/html"))
            out.html = NotebookOutputText::sanitizeHtml(multiline(data["text/html"]), &out.htmlIsTable);
        if (data.contains("text/plain"))
            out.text = multiline(data["text/plain"]);
    }
    return out;
}

} // namespace

std::optional<Notebook> Notebook::parse(const QByteArray &bytes, QString *error)
{
    QString parseError;
    const std::optional<Json> parsed = EvidenceJson::parse(bytes, &parseError);
    if (!parsed) {
        if (error)
            *error = QStringLiteral("This file cannot be shown as a notebook: %1").arg(parseError);
        return std::nullopt;
    }
    const Json &doc = *parsed;
    if (!doc.is_object() || !doc.contains("cells") || !doc["cells"].is_array()) {
        if (error)
            *error = QStringLiteral("This file is not a Jupyter notebook (no \"cells\" list).");
        return std::nullopt;
    }
    Notebook nb;
    if (doc.contains("metadata") && doc["metadata"].is_object()) {
        const Json &meta = doc["metadata"];
        if (meta.contains("language_info") && meta["language_info"].is_object())
            nb.language = QString::fromStdString(meta["language_info"].value("name", std::string()));
    }
    for (const Json &c : doc["cells"]) {
        if (!c.is_object())
            continue;
        if (static_cast<int>(nb.cells.size()) >= kMaxCells) {
            ++nb.cellsLeftOut;
            continue;
        }
        Cell cell;
        const std::string type = c.value("cell_type", std::string());
        cell.type = type == "markdown" ? Cell::Type::Markdown : type == "code" ? Cell::Type::Code : Cell::Type::Raw;
        cell.source = multiline(c.value("source", Json()));
        if (c.contains("execution_count") && c["execution_count"].is_number_integer())
            cell.executionCount = c["execution_count"].get<int>();
        if (cell.type == Cell::Type::Markdown && c.contains("attachments") && c["attachments"].is_object())
            for (const auto &[name, bundle] : c["attachments"].items()) {
                if (static_cast<int>(cell.attachments.size()) >= kMaxAttachments || !bundle.is_object())
                    break;
                for (const char *mime : {"image/png", "image/jpeg", "image/gif", "image/svg+xml"}) {
                    if (!bundle.contains(mime))
                        continue;
                    const QByteArray data = base64Data(bundle[mime]);
                    const bool svg = std::string_view(mime) == "image/svg+xml";
                    // Base64 is 4/3 of the bytes: refuse before decoding what would be too big.
                    if (data.size() / 4 * 3 <= kMaxAttachmentBytes)
                        cell.attachments.push_back({QString::fromStdString(name),
                                                    svg ? data : QByteArray::fromBase64(data),
                                                    QString::fromLatin1(mime)});
                    break;
                }
            }
        if (c.contains("outputs") && c["outputs"].is_array())
            for (const Json &o : c["outputs"])
                if (o.is_object())
                    cell.outputs.push_back(readOutput(o));
        nb.cells.push_back(std::move(cell));
    }
    return nb;
}

QString Notebook::plainText() const
{
    QString text;
    for (const Cell &cell : cells) {
        text += cell.source + QLatin1Char('\n');
        for (const Output &o : cell.outputs)
            if (!o.text.isEmpty())
                text += NotebookOutputText::ansiToPlain(o.text) + QLatin1Char('\n');
    }
    return text;
}

} // namespace mltrl::ui
