#include "core/archive/ReadSession.h"

#include "core/common/PathRules.h"

#include <fmt/format.h>

namespace mltrl::archive_detail {

std::string printableName(std::string_view raw)
{
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size();) {
        char32_t cp = 0;
        const std::size_t len = utf8SequenceLength(raw, i, cp);
        if (len != 0 && !isPathControlCharacter(cp)) {
            out.append(raw.substr(i, len));
            i += len;
        } else {
            out += fmt::format("\\x{:02X}", static_cast<unsigned char>(raw[i]));
            ++i;
        }
    }
    return out;
}

std::string describeBytes(std::uint64_t bytes)
{
    static constexpr const char *units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes);
    std::size_t unit = 0;
    while (value >= 1024.0 && unit + 1 < std::size(units)) {
        value /= 1024.0;
        ++unit;
    }
    if (unit == 0)
        return fmt::format("{} bytes", bytes);
    return fmt::format("{:.1f} {} ({} bytes)", value, units[unit], bytes);
}

ReadSession::ReadSession(std::string archiveName, EntryHandler &handler, ArchiveSummary &summary, Problems &problems,
                         const ArchiveLimits &limits, const CancelToken *cancel, const ProgressFn &progress)
      : m_archiveName(std::move(archiveName)), m_handler(handler), m_summary(summary), m_problems(problems),
        m_limits(limits), m_cancel(cancel), m_progress(progress), m_initialErrors(problems.errorCount())
{
}

std::optional<ReadSession::Admission> ReadSession::admit(std::string_view rawName, EntryKind kind)
{
    m_entryLabel = printableName(rawName);
    m_entryPath.clear();
    if (++m_entryCount > m_limits.maxEntries) {
        fail({}, fmt::format("more than {} entries (the limit)", m_limits.maxEntries));
        return std::nullopt;
    }

    std::string_view name = rawName;
    if (name.substr(0, 2) == "./")
        name.remove_prefix(2);

    switch (kind) {
    case EntryKind::Directory: {
        // Directory entries carry nothing, but a bad name is still a bad archive.
        if (!name.empty() && name.back() == '/')
            name.remove_suffix(1);
        if (name.empty() || name == ".")
            return Admission::Skip; // the root itself ("./" written by `tar -C dir .`)
        if (std::string why = checkArchivePath(name, m_limits.maxPathBytes); !why.empty())
            entryError(std::move(why));
        return Admission::Skip;
    }
    case EntryKind::File:
        break;
    case EntryKind::Symlink:
        entryError("symbolic link; links are not allowed in an archive");
        return Admission::Skip;
    case EntryKind::Hardlink:
        entryError("hard link; links are not allowed in an archive");
        return Admission::Skip;
    case EntryKind::Device:
        entryError("device file; only regular files are allowed in an archive");
        return Admission::Skip;
    case EntryKind::Fifo:
        entryError("FIFO (named pipe); only regular files are allowed in an archive");
        return Admission::Skip;
    case EntryKind::Socket:
        entryError("socket; only regular files are allowed in an archive");
        return Admission::Skip;
    case EntryKind::Other:
        entryError("not a regular file; only regular files are allowed in an archive");
        return Admission::Skip;
    }

    if (std::string why = checkArchivePath(name, m_limits.maxPathBytes); !why.empty()) {
        entryError(std::move(why));
        return Admission::Check;
    }
    if (!m_seen.insert(std::string(name)).second) {
        entryError(fmt::format("a second entry with the path \"{}\"; each path may appear only once", name));
        return Admission::Check;
    }
    m_entryPath = std::string(name);
    return Admission::Accept;
}

std::optional<ReadSession::Admission> ReadSession::admitUnnamed(std::string why)
{
    m_entryLabel = fmt::format("{} (entry {})", m_archiveName, m_entryCount + 1);
    m_entryPath.clear();
    if (++m_entryCount > m_limits.maxEntries) {
        fail({}, fmt::format("more than {} entries (the limit)", m_limits.maxEntries));
        return std::nullopt;
    }
    entryError(std::move(why));
    return Admission::Check;
}

bool ReadSession::beginEntry(Admission admission, std::uint64_t declaredSize)
{
    m_admission = admission;
    m_produced = 0;
    m_sink = admission == Admission::Accept ? m_handler.beginEntry(m_entryPath, declaredSize) : nullptr;
    return true;
}

bool ReadSession::chunk(std::span<const char> data, std::uint64_t compressedSoFar)
{
    m_produced += data.size();
    m_summary.totalBytes += data.size();
    if (m_summary.totalBytes > m_limits.maxTotalBytes) {
        fail(m_entryLabel, fmt::format("the archive holds more than {} uncompressed (the limit)",
                                       describeBytes(m_limits.maxTotalBytes)));
        return false;
    }
    // Checked on every chunk so a bomb is stopped soon after it passes the minimum size,
    // long before it is fully inflated.
    if (m_produced > m_limits.bombMinBytes &&
        static_cast<double>(m_produced) > m_limits.bombRatio * static_cast<double>(compressedSoFar)) {
        fail(m_entryLabel, fmt::format("decompression bomb: {} produced from only {} of compressed data "
                                       "(more than {:g} times; reading stopped)",
                                       describeBytes(m_produced), describeBytes(compressedSoFar), m_limits.bombRatio));
        return false;
    }
    if (m_sink && !m_sink->write(data)) {
        m_aborted = true;
        return false;
    }
    return true;
}

bool ReadSession::endEntry(bool ok)
{
    if (m_admission != Admission::Accept)
        return true;
    if (ok)
        m_summary.paths.push_back(m_entryPath);
    m_sink = nullptr;
    if (!m_handler.finishEntry(m_entryPath, m_produced, ok)) {
        m_aborted = true;
        return false;
    }
    return true;
}

void ReadSession::fail(std::string_view entry, std::string what)
{
    m_problems.error(entry.empty() ? m_archiveName : std::string(entry), std::move(what));
}

void ReadSession::entryError(std::string what)
{
    m_problems.error(m_entryLabel, std::move(what));
}

void ReadSession::rawNameError(std::string_view rawName, std::string what)
{
    m_problems.error(printableName(rawName), std::move(what));
}

void ReadSession::entryWarning(std::string what)
{
    m_problems.warning(m_entryLabel, std::move(what));
}

bool ReadSession::cancelled()
{
    if (!m_cancel || !m_cancel->isCancelled())
        return false;
    if (!m_cancelReported) {
        m_cancelReported = true;
        fail({}, "reading was cancelled");
    }
    return true;
}

void ReadSession::reportProgress(std::uint64_t done, std::uint64_t total) const
{
    if (m_progress)
        m_progress(total ? std::min(done, total) : done, total);
}

bool ReadSession::finish()
{
    m_summary.rootPrefix = detectRootPrefix(m_summary.paths);
    return !m_aborted && m_problems.errorCount() == m_initialErrors;
}

} // namespace mltrl::archive_detail
