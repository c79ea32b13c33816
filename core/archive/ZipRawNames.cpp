// libarchive's ZIP reader rewrites "\" to "/" in names without a "/" (for old Windows
// archivers). The contract rejects such names instead, so the raw names are read from the
// central directory to find them.
#include "core/archive/ReadSession.h"

#include <array>
#include <fstream>

namespace mltrl::archive_detail {

namespace fs = std::filesystem;

namespace {

std::uint64_t le(const char *p, int bytes)
{
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

constexpr std::uint64_t kMaxCentralDirectory = 256ull << 20;

} // namespace

std::vector<std::string> zipNamesWithBackslashRewritten(const fs::path &source)
{
    std::ifstream in(source, std::ios::binary);
    in.seekg(0, std::ios::end);
    const auto fileSize = static_cast<std::uint64_t>(in.tellg());
    const std::uint64_t tailSize = std::min<std::uint64_t>(fileSize, 0xFFFF + 22 + 20);
    std::string tail(tailSize, '\0');
    in.seekg(static_cast<std::streamoff>(fileSize - tailSize));
    in.read(tail.data(), static_cast<std::streamsize>(tailSize));
    const std::size_t eocd = tail.rfind(std::string_view("PK\x05\x06", 4));
    if (!in || eocd == std::string::npos || eocd + 22 > tail.size())
        return {};
    std::uint64_t cdSize = le(tail.data() + eocd + 12, 4);
    std::uint64_t cdOffset = le(tail.data() + eocd + 16, 4);
    if ((cdSize == 0xFFFFFFFF || cdOffset == 0xFFFFFFFF) && eocd >= 20 &&
        tail.compare(eocd - 20, 4, "PK\x06\x07") == 0) {
        std::array<char, 56> z64{};
        in.seekg(static_cast<std::streamoff>(le(tail.data() + eocd - 20 + 8, 8)));
        in.read(z64.data(), z64.size());
        if (!in || le(z64.data(), 4) != 0x06064b50)
            return {};
        cdSize = le(z64.data() + 40, 8);
        cdOffset = le(z64.data() + 48, 8);
    }
    if (cdSize > kMaxCentralDirectory || cdOffset + cdSize > fileSize)
        return {};
    std::string cd(cdSize, '\0');
    in.seekg(static_cast<std::streamoff>(cdOffset));
    in.read(cd.data(), static_cast<std::streamsize>(cdSize));
    if (!in)
        return {};
    std::vector<std::string> found;
    for (std::size_t p = 0; p + 46 <= cd.size() && le(cd.data() + p, 4) == 0x02014b50;) {
        const std::size_t nameLen = le(cd.data() + p + 28, 2);
        const std::size_t extraLen = le(cd.data() + p + 30, 2);
        const std::size_t commentLen = le(cd.data() + p + 32, 2);
        if (p + 46 + nameLen > cd.size())
            break;
        const std::string name = cd.substr(p + 46, nameLen);
        if (name.find('\\') != std::string::npos && name.find('/') == std::string::npos)
            found.push_back(name);
        p += 46 + nameLen + extraLen + commentLen;
    }
    return found;
}

} // namespace mltrl::archive_detail
