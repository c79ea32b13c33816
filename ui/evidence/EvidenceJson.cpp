#include "ui/evidence/EvidenceJson.h"

#include "core/common/JsonText.h"

#include <string_view>

namespace mltrl::ui {

namespace {

std::string_view view(const QByteArray &bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

template <typename Json>
std::optional<Json> parseChecked(const QByteArray &bytes, QString *error)
{
    if (QString deep = EvidenceJson::nestingError(bytes); !deep.isEmpty()) {
        if (error)
            *error = std::move(deep);
        return std::nullopt;
    }
    Json doc = Json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (doc.is_discarded()) {
        if (error)
            *error = QStringLiteral("This file is not valid JSON.");
        return std::nullopt;
    }
    return doc;
}

} // namespace

QString EvidenceJson::nestingError(const QByteArray &bytes)
{
    const std::string_view text = view(bytes);
    const std::optional<std::size_t> at = findExcessiveNesting(text, kMaxDepth);
    if (!at)
        return {};
    const TextPosition pos = textPosition(text, *at);
    return QStringLiteral(
               "This JSON is nested too deep to show (limit %1 levels; level %2 opens at line %3, column %4).")
        .arg(kMaxDepth)
        .arg(kMaxDepth + 1)
        .arg(pos.line)
        .arg(pos.column);
}

std::optional<nlohmann::json> EvidenceJson::parse(const QByteArray &bytes, QString *error)
{
    return parseChecked<nlohmann::json>(bytes, error);
}

std::optional<nlohmann::ordered_json> EvidenceJson::parseOrdered(const QByteArray &bytes, QString *error)
{
    return parseChecked<nlohmann::ordered_json>(bytes, error);
}

} // namespace mltrl::ui
