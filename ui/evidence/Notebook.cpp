#include "evidence/Notebook.h"

#include <nlohmann/json.hpp>

namespace mltrl::ui {

namespace {

using Json = nlohmann::json;

/// nbformat stores multi-line strings either as one string or as a list of lines.
QString multiline(const Json &value)
{
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    QString out;
    if (value.is_array())
        for (const Json &line : value)
            if (line.is_string())
                out += QString::fromStdString(line.get<std::string>());
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
        out.text = QStringLiteral("%1: %2").arg(QString::fromStdString(o.value("ename", std::string())),
                                                QString::fromStdString(o.value("evalue", std::string())));
    } else if (o.contains("data") && o["data"].is_object()) {
        const Json &data = o["data"];
        for (const char *mime : {"image/png", "image/jpeg"}) {
            if (data.contains(mime)) {
                const QByteArray b64 = multiline(data[mime]).toLatin1();
                out.image = QByteArray::fromBase64(b64);
                break;
            }
        }
        if (data.contains("text/plain"))
            out.text = multiline(data["text/plain"]);
    }
    return out;
}

} // namespace

std::optional<Notebook> Notebook::parse(const QByteArray &bytes, QString *error)
{
    const Json doc = Json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("cells") || !doc["cells"].is_array()) {
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
        Cell cell;
        const std::string type = c.value("cell_type", std::string());
        cell.type = type == "markdown" ? Cell::Type::Markdown : type == "code" ? Cell::Type::Code : Cell::Type::Raw;
        cell.source = multiline(c.value("source", Json()));
        if (c.contains("execution_count") && c["execution_count"].is_number_integer())
            cell.executionCount = c["execution_count"].get<int>();
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
                text += o.text + QLatin1Char('\n');
    }
    return text;
}

} // namespace mltrl::ui
