#include "core/crypto/SshWire.h"

namespace mltrl::sshwire {

void putU32(std::string &out, std::uint32_t value)
{
    out.push_back(static_cast<char>(value >> 24 & 0xff));
    out.push_back(static_cast<char>(value >> 16 & 0xff));
    out.push_back(static_cast<char>(value >> 8 & 0xff));
    out.push_back(static_cast<char>(value & 0xff));
}

void putString(std::string &out, std::string_view bytes)
{
    putU32(out, static_cast<std::uint32_t>(bytes.size()));
    out.append(bytes);
}

void putMpint(std::string &out, std::string_view magnitude)
{
    while (!magnitude.empty() && magnitude.front() == '\0')
        magnitude.remove_prefix(1);
    const bool pad = !magnitude.empty() && (static_cast<unsigned char>(magnitude.front()) & 0x80) != 0;
    putU32(out, static_cast<std::uint32_t>(magnitude.size() + (pad ? 1 : 0)));
    if (pad)
        out.push_back('\0');
    out.append(magnitude);
}

KeyLine splitKeyLine(std::string_view line)
{
    auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    auto skipSpace = [&](std::string_view &s) {
        while (!s.empty() && isSpace(s.front()))
            s.remove_prefix(1);
    };
    auto nextField = [&](std::string_view &s) {
        skipSpace(s);
        std::size_t n = 0;
        while (n < s.size() && !isSpace(s[n]))
            ++n;
        const std::string_view field = s.substr(0, n);
        s.remove_prefix(n);
        return field;
    };
    KeyLine out;
    out.type = nextField(line);
    out.base64 = nextField(line);
    skipSpace(line);
    while (!line.empty() && isSpace(line.back()))
        line.remove_suffix(1);
    out.comment = line;
    return out;
}

bool Reader::readBytes(std::size_t count, std::string_view &out)
{
    if (count > remaining())
        return false;
    out = m_data.substr(m_pos, count);
    m_pos += count;
    return true;
}

bool Reader::readU32(std::uint32_t &out)
{
    std::string_view b;
    if (!readBytes(4, b))
        return false;
    out = 0;
    for (char c : b)
        out = out << 8 | static_cast<unsigned char>(c);
    return true;
}

bool Reader::readString(std::string_view &out)
{
    const std::size_t start = m_pos;
    std::uint32_t len = 0;
    if (!readU32(len))
        return false;
    if (!readBytes(len, out)) {
        m_pos = start;
        return false;
    }
    return true;
}

bool Reader::readU8(std::uint8_t &out)
{
    std::string_view b;
    if (!readBytes(1, b))
        return false;
    out = static_cast<std::uint8_t>(b[0]);
    return true;
}

bool Reader::readMpint(std::string_view &magnitude)
{
    constexpr std::size_t kMaxBytes = 16384 / 8;
    const std::size_t start = m_pos;
    std::string_view d;
    if (!readString(d))
        return false;
    const bool negative = !d.empty() && (static_cast<unsigned char>(d.front()) & 0x80) != 0;
    const bool tooLarge = d.size() > kMaxBytes + 1 || (d.size() == kMaxBytes + 1 && d.front() != '\0');
    if (negative || tooLarge) {
        m_pos = start;
        return false;
    }
    while (!d.empty() && d.front() == '\0')
        d.remove_prefix(1);
    magnitude = d;
    return true;
}

} // namespace mltrl::sshwire
