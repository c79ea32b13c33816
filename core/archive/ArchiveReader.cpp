// Format detection and the entry point that picks a source.
#include "core/archive/ArchiveReader.h"
#include "core/archive/ReadSession.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>

namespace mltrl {

namespace fs = std::filesystem;

namespace {

ArchiveFormat formatFromMagic(const fs::path &source)
{
    std::array<char, 512> head{};
    std::ifstream in(source, std::ios::binary);
    in.read(head.data(), head.size());
    const auto got = static_cast<std::size_t>(in.gcount());
    const auto startsWith = [&](std::string_view magic) {
        return got >= magic.size() && std::memcmp(head.data(), magic.data(), magic.size()) == 0;
    };
    // Local file header, empty archive (end of central directory), spanned-archive marker.
    if (startsWith("PK\x03\x04") || startsWith("PK\x05\x06") || startsWith("PK\x07\x08"))
        return ArchiveFormat::Zip;
    if (startsWith("\x1f\x8b"))
        return ArchiveFormat::TarGz;
    if (got >= 262 && std::memcmp(head.data() + 257, "ustar", 5) == 0)
        return ArchiveFormat::Tar;
    return ArchiveFormat::Unknown;
}

ArchiveFormat formatFromName(const fs::path &source)
{
    std::string name = source.filename().string();
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
    const auto endsWith = [&](std::string_view suffix) {
        return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (endsWith(".mltrl") || endsWith(".zip"))
        return ArchiveFormat::Zip;
    if (endsWith(".tar.gz") || endsWith(".tgz"))
        return ArchiveFormat::TarGz;
    if (endsWith(".tar"))
        return ArchiveFormat::Tar;
    return ArchiveFormat::Unknown;
}

} // namespace

ArchiveFormat detectArchiveFormat(const fs::path &source)
{
    std::error_code ec;
    if (fs::is_directory(source, ec))
        return ArchiveFormat::Directory;
    if (!fs::is_regular_file(source, ec))
        return ArchiveFormat::Unknown;
    // Content first (a renamed .mltrl is still a ZIP); the name only helps for old tar
    // files that carry no "ustar" magic.
    const ArchiveFormat byContent = formatFromMagic(source);
    return byContent != ArchiveFormat::Unknown ? byContent : formatFromName(source);
}

bool readArchive(const fs::path &source, EntryHandler &handler, ArchiveSummary &summary, Problems &problems,
                 const ArchiveLimits &limits, const CancelToken *cancel, const ProgressFn &progress)
{
    const std::string name = source.filename().empty() ? source.string() : source.filename().string();
    archive_detail::ReadSession session(name, handler, summary, problems, limits, cancel, progress);
    std::error_code ec;
    switch (detectArchiveFormat(source)) {
    case ArchiveFormat::Directory:
        archive_detail::readDirectory(source, session);
        break;
    case ArchiveFormat::Zip:
    case ArchiveFormat::Tar:
    case ArchiveFormat::TarGz:
        archive_detail::readWithLibarchive(source, session);
        break;
    case ArchiveFormat::Unknown:
        if (!fs::exists(source, ec))
            session.fail({}, "no such file or directory");
        else
            session.fail({}, "not a ZIP, tar or tar.gz archive");
        break;
    }
    return session.finish();
}

} // namespace mltrl
