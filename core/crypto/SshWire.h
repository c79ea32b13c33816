#pragma once
/// The SSH wire encoding (RFC 4251 §5) used by key blobs and SSHSIG: big-endian uint32 and
/// length-prefixed strings. The reader never trusts a length: every read is bounded by the
/// bytes that are actually left.
#include <cstdint>
#include <string>
#include <string_view>

namespace mltrl::sshwire {

void putU32(std::string &out, std::uint32_t value);
/// uint32 length, then the bytes.
void putString(std::string &out, std::string_view bytes);
/// An mpint (RFC 4251) of the unsigned big-endian `magnitude`: leading zeros dropped, one
/// zero byte added when the top bit is set.
void putMpint(std::string &out, std::string_view magnitude);

/// The fields of an OpenSSH public-key line, `<type> <base64> [comment]`, split at white
/// space (space, tab, CR, LF); `comment` is the rest without its outer white space. A field
/// that is missing is empty.
struct KeyLine {
    std::string_view type;
    std::string_view base64;
    std::string_view comment;
};
[[nodiscard]] KeyLine splitKeyLine(std::string_view line);

class Reader {
public:
    explicit Reader(std::string_view data) : m_data(data) {}

    /// Each read returns false (and consumes nothing) when the data is too short.
    [[nodiscard]] bool readBytes(std::size_t count, std::string_view &out);
    [[nodiscard]] bool readU32(std::uint32_t &out);
    [[nodiscard]] bool readString(std::string_view &out);
    [[nodiscard]] bool readU8(std::uint8_t &out);
    /// An mpint read as OpenSSH's sshbuf_get_bignum2 does: negative values and ones over
    /// 16384 bits are refused, leading zeros are dropped (`magnitude` is unsigned big-endian).
    [[nodiscard]] bool readMpint(std::string_view &magnitude);

    [[nodiscard]] bool atEnd() const { return m_pos == m_data.size(); }
    [[nodiscard]] std::size_t remaining() const { return m_data.size() - m_pos; }

private:
    std::string_view m_data;
    std::size_t m_pos = 0;
};

} // namespace mltrl::sshwire
