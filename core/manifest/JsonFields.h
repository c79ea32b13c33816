#pragma once
/// Typed, validating access to the members of one JSON object. Every problem goes to a
/// JsonReport with the member's JSON pointer; reading continues so that all problems of a
/// document are found in one pass. Members never asked for are reported as unknown.
#include "core/common/Problems.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>

namespace mltrl {

enum class Need { Optional, Required };

/// Problems about one JSON document, located as `<file>#<pointer>`.
class JsonReport {
public:
    JsonReport(Problems &problems, std::string file) : m_problems(problems), m_file(std::move(file)) {}
    void error(std::string_view pointer, std::string what);
    void warning(std::string_view pointer, std::string what);
    [[nodiscard]] std::string location(std::string_view pointer) const;

private:
    Problems &m_problems;
    std::string m_file;
};

[[nodiscard]] std::string childPointer(std::string_view parent, std::string_view key);
[[nodiscard]] std::string childPointer(std::string_view parent, std::size_t index);

/// One allowed text of an enumerated member and the value it stands for.
template <typename E>
struct Choice {
    std::string_view text;
    E value;
};

class JsonFields {
public:
    /// `object` must be a JSON object located at `pointer`.
    JsonFields(JsonReport &report, const nlohmann::json &object, std::string pointer);

    [[nodiscard]] const std::string &pointer() const { return m_pointer; }
    [[nodiscard]] std::string pointerOf(std::string_view key) const { return childPointer(m_pointer, key); }
    [[nodiscard]] bool has(std::string_view key) const;

    /// The member, marked as known. An optional member that is null counts as absent; a
    /// missing required one is reported. nullptr when absent.
    const nlohmann::json *value(std::string_view key, Need need);

    std::optional<std::string> string(std::string_view key, Need need);
    std::optional<bool> boolean(std::string_view key, Need need);
    std::optional<std::int64_t> integer(std::string_view key, Need need, std::int64_t min, std::int64_t max);
    /// An integer 0..9.
    std::optional<int> level(std::string_view key, Need need);
    /// A finite number within [min, max].
    std::optional<double> number(std::string_view key, Need need, double min, double max);
    /// A finite number, any value.
    std::optional<double> number(std::string_view key, Need need);
    /// An RFC 3339 date or date-time, as written.
    std::optional<std::string> date(std::string_view key, Need need);
    /// An identifier (`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`).
    std::optional<std::string> identifier(std::string_view key, Need need);
    const nlohmann::json *array(std::string_view key, Need need);
    const nlohmann::json *object(std::string_view key, Need need);

    template <typename E>
    std::optional<E> choice(std::string_view key, Need need, std::span<const Choice<E>> choices)
    {
        const auto text = string(key, need);
        if (!text)
            return std::nullopt;
        for (const auto &c : choices) {
            if (c.text == *text)
                return c.value;
        }
        std::string allowed;
        for (const auto &c : choices)
            allowed += (allowed.empty() ? "\"" : ", \"") + std::string(c.text) + "\"";
        wrongValue(key, "one of " + allowed);
        return std::nullopt;
    }

    /// Marks a member as known without reading it (another part of the code handles it).
    void markKnown(std::string_view key) { m_known.emplace(key); }
    /// Reports every member never asked for: "unknown key kept and ignored".
    void warnUnknownKeys() const;

    /// Reports that the member's value is not what was expected ("expected …, found …").
    void wrongValue(std::string_view key, std::string_view expected);

private:
    JsonReport &m_report;
    const nlohmann::json &m_object;
    std::string m_pointer;
    std::set<std::string, std::less<>> m_known;
};

} // namespace mltrl
