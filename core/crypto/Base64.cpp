#include "core/crypto/Base64.h"

#include <array>
#include <cstdint>

namespace mltrl {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Value of each character, or -1 for a character outside the alphabet.
constexpr std::array<std::int8_t, 256> makeDecodeTable()
{
    std::array<std::int8_t, 256> table{};
    for (auto &v : table)
        v = -1;
    for (int i = 0; i < 64; ++i)
        table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
    return table;
}
constexpr auto kDecode = makeDecodeTable();

} // namespace

std::string base64Encode(std::string_view bytes, Base64Padding padding)
{
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    auto byteAt = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[k])); };
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t v = byteAt(i) << 16 | byteAt(i + 1) << 8 | byteAt(i + 2);
        out.push_back(kAlphabet[v >> 18 & 63]);
        out.push_back(kAlphabet[v >> 12 & 63]);
        out.push_back(kAlphabet[v >> 6 & 63]);
        out.push_back(kAlphabet[v & 63]);
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 0)
        return out;
    std::uint32_t v = byteAt(i) << 16;
    if (rest == 2)
        v |= byteAt(i + 1) << 8;
    out.push_back(kAlphabet[v >> 18 & 63]);
    out.push_back(kAlphabet[v >> 12 & 63]);
    if (rest == 2)
        out.push_back(kAlphabet[v >> 6 & 63]);
    if (padding == Base64Padding::Padded)
        out.append(rest == 1 ? "==" : "=");
    return out;
}

std::optional<std::string> base64Decode(std::string_view text, Base64Padding padding)
{
    std::size_t pad = 0;
    if (padding == Base64Padding::Padded) {
        if (text.size() % 4 != 0)
            return std::nullopt;
        while (pad < 2 && pad < text.size() && text[text.size() - 1 - pad] == '=')
            ++pad;
    } else if (text.size() % 4 == 1) {
        return std::nullopt; // one leftover character cannot carry a whole byte
    }
    const std::string_view body = text.substr(0, text.size() - pad);
    // With padding, the characters left in the last group are 4 - pad.
    if (padding == Base64Padding::Padded && pad > 0 && body.size() % 4 != 4 - pad)
        return std::nullopt;

    std::string out;
    out.reserve(body.size() / 4 * 3 + 2);
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : body) {
        const int v = kDecode[static_cast<unsigned char>(c)];
        if (v < 0)
            return std::nullopt; // also rejects '=' inside the text and any whitespace
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>(acc >> bits & 0xff));
        }
    }
    // Leftover bits must be zero, else two encodings would decode to the same bytes.
    if (bits > 0 && (acc & ((1u << bits) - 1)) != 0)
        return std::nullopt;
    return out;
}

} // namespace mltrl
