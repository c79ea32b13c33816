#pragma once
/// Writes small test archives (ZIP, tar, tar.gz) or directory trees with exactly the entries
/// a test asks for — including the bad ones the reader must reject (raw names like "../x",
/// links, devices, duplicates). Large entries of zeros are generated while writing, never
/// held in memory.
///
///     ArchiveBuilder b(ArchiveBuilder::Zip);
///     b.addFile("mltrl.json", json).addSymlink("evil", "/etc/passwd");
///     QVERIFY2(b.write(dir.filePath("x.mltrl")), qPrintable(b.errorString()));
#include <QByteArray>
#include <QString>

#include <cstdint>
#include <string>
#include <vector>

namespace mltrl::test {

class ArchiveBuilder {
public:
    enum Format { Zip, Tar, TarGz };
    enum class Compression { Deflate, Store }; ///< ZIP only; tar entries are never compressed

    explicit ArchiveBuilder(Format format, Compression compression = Compression::Deflate);

    /// A regular file. `name` is written byte for byte (no normalisation).
    ArchiveBuilder &addFile(const std::string &name, const QByteArray &bytes);
    /// A regular file of `size` zero bytes, streamed while writing.
    ArchiveBuilder &addZeros(const std::string &name, std::uint64_t size);
    /// A directory entry; `name` is written as given (add the trailing "/" yourself if wanted).
    ArchiveBuilder &addDirectory(const std::string &name);
    ArchiveBuilder &addSymlink(const std::string &name, const std::string &target);
    /// Tar only (ZIP has no hard links; write() fails).
    ArchiveBuilder &addHardlink(const std::string &name, const std::string &target);
    /// A character device (tar only).
    ArchiveBuilder &addCharDevice(const std::string &name);
    /// A FIFO (tar only).
    ArchiveBuilder &addFifo(const std::string &name);

    /// Writes the archive to `path`. On failure returns false; see errorString().
    [[nodiscard]] bool write(const QString &path);
    /// Writes the same entries as a directory tree under `dir` (files, directories, symlinks
    /// and FIFOs; names must be plain relative paths). For "directory form" tests.
    [[nodiscard]] bool writeDirectory(const QString &dir);
    [[nodiscard]] QString errorString() const { return m_error; }

private:
    enum class Kind { File, Zeros, Directory, Symlink, Hardlink, CharDevice, Fifo };
    struct Entry {
        Kind kind;
        std::string name;
        QByteArray bytes;
        std::uint64_t size = 0;
        std::string target;
    };
    ArchiveBuilder &add(Entry e);

    Format m_format;
    Compression m_compression;
    std::vector<Entry> m_entries;
    QString m_error;
};

/// Rewrites the uncompressed size recorded for entry `name` of a ZIP written by
/// ArchiveBuilder (local header, data descriptor and central directory), so the headers lie
/// about the size. Returns false when the entry or the ZIP structures are not found.
[[nodiscard]] bool patchZipUncompressedSize(const QString &zipPath, const std::string &name, std::uint32_t newSize);

/// Copies the first `bytes` bytes of `from` to `to` (a truncated archive).
[[nodiscard]] bool writeTruncatedCopy(const QString &from, const QString &to, qint64 bytes);

} // namespace mltrl::test
