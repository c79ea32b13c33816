#include "core/common/JsonText.h"

#include "core/common/PathRules.h"

#include <fmt/format.h>

#include <vector>

namespace mltrl {

using nlohmann::json;

TextPosition textPosition(std::string_view text, std::size_t offset)
{
    TextPosition pos;
    const std::size_t end = std::min(offset, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++pos.line;
            pos.column = 1;
        } else {
            ++pos.column;
        }
    }
    return pos;
}

std::optional<std::size_t> findExcessiveNesting(std::string_view text, int maxDepth)
{
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '[':
        case '{':
            if (++depth > maxDepth)
                return i;
            break;
        case ']':
        case '}':
            if (depth > 0)
                --depth;
            break;
        default:
            break;
        }
    }
    return std::nullopt;
}

std::string escapePointerToken(std::string_view token)
{
    std::string out;
    out.reserve(token.size());
    for (const char c : token) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

std::string pointerLocation(std::string_view file, std::string_view pointer)
{
    return fmt::format("{}#{}", file, pointer);
}

std::string describeJsonValue(const json &value)
{
    switch (value.type()) {
    case json::value_t::null:
        return "null";
    case json::value_t::boolean:
        return value.get<bool>() ? "boolean true" : "boolean false";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
        return "number " + value.dump();
    case json::value_t::string: {
        const auto &s = value.get_ref<const std::string &>();
        constexpr std::size_t maxShown = 60;
        if (s.size() <= maxShown)
            return "string " + value.dump(-1, ' ', false, json::error_handler_t::replace);
        // Cut on a character boundary so the message stays valid UTF-8.
        std::size_t cut = maxShown;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
            --cut;
        return "string " + json(s.substr(0, cut)).dump(-1, ' ', false, json::error_handler_t::replace) + "…";
    }
    case json::value_t::array:
        return "an array";
    case json::value_t::object:
        return "an object";
    case json::value_t::binary:
    case json::value_t::discarded:
        break;
    }
    return "an unexpected value";
}

namespace {

/// `text` with every byte that is not valid UTF-8 replaced by U+FFFD, so that a message
/// quoting hostile input is still valid text (and can be written out as JSON).
std::string toValidUtf8(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
        char32_t cp = 0;
        const std::size_t len = utf8SequenceLength(text, pos, cp);
        if (len == 0) {
            out += "\xEF\xBF\xBD";
            ++pos;
        } else {
            out.append(text.substr(pos, len));
            pos += len;
        }
    }
    return out;
}

/// Builds the DOM from SAX events (iteratively, like nlohmann's own builder) and, unlike it,
/// reports duplicate keys instead of silently keeping the last one.
class StrictDomBuilder {
public:
    using number_integer_t = json::number_integer_t;
    using number_unsigned_t = json::number_unsigned_t;
    using number_float_t = json::number_float_t;
    using string_t = json::string_t;
    using binary_t = json::binary_t;

    StrictDomBuilder(std::string_view text, std::string_view file, Problems &problems)
          : m_text(text), m_file(file), m_problems(problems)
    {
    }

    json takeRoot() { return std::move(m_root); }
    [[nodiscard]] bool failed() const { return m_failed; }

    bool null() { return put(nullptr); }
    bool boolean(bool v) { return put(v); }
    bool number_integer(number_integer_t v) { return put(v); }
    bool number_unsigned(number_unsigned_t v) { return put(v); }
    bool number_float(number_float_t v, const string_t &) { return put(v); }
    bool string(string_t &v) { return put(std::move(v)); }
    bool binary(binary_t &) { return false; } // JSON text never produces binary values

    bool start_object(std::size_t) { return open(json::object()); }
    bool start_array(std::size_t) { return open(json::array()); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(string_t &k)
    {
        Level &top = m_stack.back();
        if (top.node->contains(k)) {
            m_failed = true;
            m_problems.error(pointerLocation(m_file, pointerTo(k)),
                             fmt::format("duplicate key \"{}\" in one object", k));
        }
        top.key = std::move(k);
        return true;
    }

    bool parse_error(std::size_t position, const std::string &, const nlohmann::detail::exception &ex)
    {
        m_failed = true;
        // nlohmann counts the offending byte as read: step back onto it.
        const TextPosition pos = textPosition(m_text, position > 0 ? position - 1 : 0);
        std::string what = ex.what();
        const std::size_t colon = what.find(": ", what.find("parse error"));
        if (colon != std::string::npos)
            what = what.substr(colon + 2);
        m_problems.error(fmt::format("{}:{}:{}", m_file, pos.line, pos.column), "invalid JSON: " + toValidUtf8(what));
        return false;
    }

private:
    struct Level {
        json *node;
        std::string key; // the member being filled when node is an object
    };

    json *slot()
    {
        if (m_stack.empty())
            return &m_root;
        Level &top = m_stack.back();
        if (top.node->is_array()) {
            top.node->push_back(nullptr);
            return &top.node->back();
        }
        return &(*top.node)[top.key];
    }

    template <typename V>
    bool put(V &&value)
    {
        *slot() = std::forward<V>(value);
        return true;
    }

    bool open(json &&container)
    {
        json *node = slot();
        *node = std::move(container);
        m_stack.push_back({node, {}});
        return true;
    }

    bool close()
    {
        m_stack.pop_back();
        return true;
    }

    /// The pointer of member `k` of the innermost object (only built when reporting).
    std::string pointerTo(std::string_view k) const
    {
        std::string pointer;
        for (std::size_t i = 0; i + 1 < m_stack.size(); ++i) {
            const Level &level = m_stack[i];
            pointer += '/';
            if (level.node->is_array())
                pointer += std::to_string(level.node->size() - 1);
            else
                pointer += escapePointerToken(level.key);
        }
        return pointer + "/" + escapePointerToken(k);
    }

    std::string_view m_text;
    std::string_view m_file;
    Problems &m_problems;
    json m_root;
    std::vector<Level> m_stack;
    bool m_failed = false;
};

} // namespace

std::optional<json> parseJsonDocument(std::string_view text, std::string_view file, int maxDepth, Problems &problems)
{
    if (const auto tooDeep = findExcessiveNesting(text, maxDepth)) {
        const TextPosition pos = textPosition(text, *tooDeep);
        problems.error(fmt::format("{}:{}:{}", file, pos.line, pos.column),
                       fmt::format("JSON nested more than {} levels deep", maxDepth));
        return std::nullopt;
    }
    StrictDomBuilder builder(text, file, problems);
    bool ok = false;
    try {
        ok = json::sax_parse(text.begin(), text.end(), &builder);
    } catch (const json::exception &ex) {
        // sax_parse reports syntax errors through the builder; this is only a safety net.
        problems.error(std::string(file), std::string("invalid JSON: ") + ex.what());
        return std::nullopt;
    }
    if (!ok || builder.failed())
        return std::nullopt;
    return builder.takeRoot();
}

} // namespace mltrl
