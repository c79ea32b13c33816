#include "crypto/SshWire.h"

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

} // namespace mltrl::sshwire
