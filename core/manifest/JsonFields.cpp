#include "core/manifest/JsonFields.h"

#include "core/common/JsonText.h"
#include "core/manifest/ManifestParser.h"

#include <fmt/format.h>

#include <cmath>

namespace mltrl {

using nlohmann::json;

void JsonReport::error(std::string_view pointer, std::string what)
{
    m_problems.error(location(pointer), std::move(what));
}

void JsonReport::warning(std::string_view pointer, std::string what)
{
    m_problems.warning(location(pointer), std::move(what));
}

std::string JsonReport::location(std::string_view pointer) const
{
    return pointerLocation(m_file, pointer);
}

std::string childPointer(std::string_view parent, std::string_view key)
{
    return fmt::format("{}/{}", parent, escapePointerToken(key));
}

std::string childPointer(std::string_view parent, std::size_t index)
{
    return fmt::format("{}/{}", parent, index);
}

JsonFields::JsonFields(JsonReport &report, const json &object, std::string pointer)
      : m_report(report), m_object(object), m_pointer(std::move(pointer))
{
}

bool JsonFields::has(std::string_view key) const
{
    const auto it = m_object.find(key);
    return it != m_object.end() && !it->is_null();
}

const json *JsonFields::value(std::string_view key, Need need)
{
    m_known.emplace(key);
    const auto it = m_object.find(key);
    if (it == m_object.end()) {
        if (need == Need::Required)
            m_report.error(m_pointer, fmt::format("missing required key \"{}\"", key));
        return nullptr;
    }
    if (it->is_null() && need == Need::Optional)
        return nullptr; // an exporter writing null for "not given" means absent
    return &*it;
}

void JsonFields::wrongValue(std::string_view key, std::string_view expected)
{
    const auto it = m_object.find(key);
    const std::string found = it == m_object.end() ? std::string("nothing") : describeJsonValue(*it);
    m_report.error(pointerOf(key), fmt::format("expected {}, found {}", expected, found));
}

std::optional<std::string> JsonFields::string(std::string_view key, Need need)
{
    const json *v = value(key, need);
    if (!v)
        return std::nullopt;
    if (!v->is_string()) {
        wrongValue(key, "a string");
        return std::nullopt;
    }
    return v->get<std::string>();
}

std::optional<bool> JsonFields::boolean(std::string_view key, Need need)
{
    const json *v = value(key, need);
    if (!v)
        return std::nullopt;
    if (!v->is_boolean()) {
        wrongValue(key, "true or false");
        return std::nullopt;
    }
    return v->get<bool>();
}

std::optional<std::int64_t> JsonFields::integer(std::string_view key, Need need, std::int64_t min, std::int64_t max)
{
    const json *v = value(key, need);
    if (!v)
        return std::nullopt;
    const std::string expected = fmt::format("an integer {}..{}", min, max);
    if (v->is_number_unsigned()) {
        const auto u = v->get<std::uint64_t>();
        if (max >= 0 && u <= static_cast<std::uint64_t>(max) && static_cast<std::int64_t>(u) >= min)
            return static_cast<std::int64_t>(u);
    } else if (v->is_number_integer()) {
        const auto i = v->get<std::int64_t>();
        if (i >= min && i <= max)
            return i;
    }
    wrongValue(key, expected);
    return std::nullopt;
}

std::optional<int> JsonFields::level(std::string_view key, Need need)
{
    const auto v = integer(key, need, 0, 9);
    return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

std::optional<double> JsonFields::number(std::string_view key, Need need, double min, double max)
{
    const json *v = value(key, need);
    if (!v)
        return std::nullopt;
    if (v->is_number()) {
        const double d = v->get<double>();
        // A literal like 1e999 parses to infinity; JSON has no NaN, but be sure anyway.
        if (std::isfinite(d) && d >= min && d <= max)
            return d;
    }
    wrongValue(key, fmt::format("a number {}..{}", min, max));
    return std::nullopt;
}

std::optional<double> JsonFields::number(std::string_view key, Need need)
{
    const json *v = value(key, need);
    if (!v)
        return std::nullopt;
    if (v->is_number() && std::isfinite(v->get<double>()))
        return v->get<double>();
    wrongValue(key, "a finite number");
    return std::nullopt;
}

std::optional<std::string> JsonFields::date(std::string_view key, Need need)
{
    auto text = string(key, need);
    if (text && !isValidRfc3339(*text)) {
        wrongValue(key, "an RFC 3339 date (\"2025-03-14\") or date-time (\"2025-03-14T09:30:00Z\")");
        return std::nullopt;
    }
    return text;
}

std::optional<std::string> JsonFields::identifier(std::string_view key, Need need)
{
    auto text = string(key, need);
    if (text && !isValidId(*text)) {
        wrongValue(key, "an identifier (a letter or digit, then up to 127 letters, digits, '.', '_' or '-')");
        return std::nullopt;
    }
    return text;
}

const json *JsonFields::array(std::string_view key, Need need)
{
    const json *v = value(key, need);
    if (v && !v->is_array()) {
        wrongValue(key, "an array");
        return nullptr;
    }
    return v;
}

const json *JsonFields::object(std::string_view key, Need need)
{
    const json *v = value(key, need);
    if (v && !v->is_object()) {
        wrongValue(key, "an object");
        return nullptr;
    }
    return v;
}

void JsonFields::warnUnknownKeys() const
{
    for (const auto &item : m_object.items()) {
        if (!m_known.contains(item.key()))
            m_report.warning(childPointer(m_pointer, item.key()), "unknown key kept and ignored");
    }
}

} // namespace mltrl
