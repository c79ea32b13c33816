#include "core/common/TerminalText.h"

#include "core/common/PathRules.h"

#include <fmt/format.h>

namespace mltrl {

bool isTerminalUnsafeCodePoint(char32_t c)
{
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) // C0, DEL, C1
           || c == 0x061C                                    // ARABIC LETTER MARK
           || c == 0x200E || c == 0x200F                     // LRM, RLM
           || (c >= 0x2028 && c <= 0x202E)                   // LS, PS, LRE, RLE, PDF, LRO, RLO
           || (c >= 0x2066 && c <= 0x2069);                  // LRI, RLI, FSI, PDI
}

bool isTerminalSafe(std::string_view text)
{
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte >= 0x20 && byte < 0x7F) {
            ++i;
            continue;
        }
        char32_t c = 0;
        const std::size_t n = utf8SequenceLength(text, i, c);
        if (n == 0 || isTerminalUnsafeCodePoint(c))
            return false;
        i += n;
    }
    return true;
}

std::string terminalSafe(std::string_view text)
{
    if (isTerminalSafe(text))
        return std::string(text);
    std::string out;
    out.reserve(text.size() + 16);
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte >= 0x20 && byte < 0x7F) {
            out += text[i++];
            continue;
        }
        char32_t c = 0;
        const std::size_t n = utf8SequenceLength(text, i, c);
        if (n == 0 || c < 0x20 || c == 0x7F) {
            // A byte that is not valid UTF-8, or a one-byte control.
            out += fmt::format("\\x{:02x}", byte);
            ++i;
        } else if (isTerminalUnsafeCodePoint(c)) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
            i += n;
        } else {
            out.append(text.substr(i, n));
            i += n;
        }
    }
    return out;
}

} // namespace mltrl
