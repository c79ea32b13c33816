#include "ArchiveBuilder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <array>
#include <cstring>
#include <filesystem>
#include <memory>

namespace mltrl::test {

namespace {

struct WriterFree {
    void operator()(archive *a) const { archive_write_free(a); }
};
struct EntryFree {
    void operator()(archive_entry *e) const { archive_entry_free(e); }
};

QString libarchiveError(archive *a)
{
    const char *text = archive_error_string(a);
    return QString::fromUtf8(text ? text : "unknown libarchive error");
}

} // namespace

ArchiveBuilder::ArchiveBuilder(Format format, Compression compression) : m_format(format), m_compression(compression) {}

ArchiveBuilder &ArchiveBuilder::add(Entry e)
{
    m_entries.push_back(std::move(e));
    return *this;
}

ArchiveBuilder &ArchiveBuilder::addFile(const std::string &name, const QByteArray &bytes)
{
    return add({Kind::File, name, bytes, static_cast<std::uint64_t>(bytes.size()), {}});
}

ArchiveBuilder &ArchiveBuilder::addZeros(const std::string &name, std::uint64_t size)
{
    return add({Kind::Zeros, name, {}, size, {}});
}

ArchiveBuilder &ArchiveBuilder::addDirectory(const std::string &name)
{
    return add({Kind::Directory, name, {}, 0, {}});
}

ArchiveBuilder &ArchiveBuilder::addSymlink(const std::string &name, const std::string &target)
{
    return add({Kind::Symlink, name, {}, 0, target});
}

ArchiveBuilder &ArchiveBuilder::addHardlink(const std::string &name, const std::string &target)
{
    return add({Kind::Hardlink, name, {}, 0, target});
}

ArchiveBuilder &ArchiveBuilder::addCharDevice(const std::string &name)
{
    return add({Kind::CharDevice, name, {}, 0, {}});
}

ArchiveBuilder &ArchiveBuilder::addFifo(const std::string &name)
{
    return add({Kind::Fifo, name, {}, 0, {}});
}

bool ArchiveBuilder::write(const QString &path)
{
    std::unique_ptr<archive, WriterFree> w(archive_write_new());
    archive *a = w.get();
    if (m_format == Zip) {
        archive_write_set_format_zip(a);
        if (m_compression == Compression::Store &&
            archive_write_set_options(a, "zip:compression=store") != ARCHIVE_OK) {
            m_error = libarchiveError(a);
            return false;
        }
    } else {
        // GNU tar format keeps names as raw bytes (pax insists on UTF-8), like GNU tar does.
        archive_write_set_format_gnutar(a);
        if (m_format == TarGz)
            archive_write_add_filter_gzip(a);
    }
    if (archive_write_open_filename(a, QFile::encodeName(path).constData()) != ARCHIVE_OK) {
        m_error = libarchiveError(a);
        return false;
    }
    for (const Entry &e : m_entries) {
        std::unique_ptr<archive_entry, EntryFree> entry(archive_entry_new());
        archive_entry *ae = entry.get();
        archive_entry_copy_pathname(ae, e.name.c_str());
        archive_entry_set_mtime(ae, 1700000000, 0);
        archive_entry_set_perm(ae, 0644);
        switch (e.kind) {
        case Kind::File:
        case Kind::Zeros:
            archive_entry_set_filetype(ae, AE_IFREG);
            archive_entry_set_size(ae, static_cast<la_int64_t>(e.size));
            break;
        case Kind::Directory:
            archive_entry_set_filetype(ae, AE_IFDIR);
            archive_entry_set_perm(ae, 0755);
            break;
        case Kind::Symlink:
            archive_entry_set_filetype(ae, AE_IFLNK);
            archive_entry_copy_symlink(ae, e.target.c_str());
            break;
        case Kind::Hardlink:
            if (m_format == Zip) {
                m_error = QStringLiteral("ZIP has no hard links");
                return false;
            }
            archive_entry_set_filetype(ae, AE_IFREG);
            archive_entry_copy_hardlink(ae, e.target.c_str());
            break;
        case Kind::CharDevice:
            archive_entry_set_filetype(ae, AE_IFCHR);
            archive_entry_set_rdev(ae, makedev(1, 3));
            break;
        case Kind::Fifo:
            archive_entry_set_filetype(ae, AE_IFIFO);
            break;
        }
        if (archive_write_header(a, ae) != ARCHIVE_OK) {
            m_error = QStringLiteral("%1: %2").arg(QString::fromStdString(e.name), libarchiveError(a));
            return false;
        }
        if (e.kind == Kind::File && !e.bytes.isEmpty() &&
            archive_write_data(a, e.bytes.constData(), static_cast<std::size_t>(e.bytes.size())) < 0) {
            m_error = libarchiveError(a);
            return false;
        }
        if (e.kind == Kind::Zeros) {
            static const std::array<char, 1 << 20> zeros{};
            for (std::uint64_t left = e.size; left > 0;) {
                const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(left, zeros.size()));
                if (archive_write_data(a, zeros.data(), n) < 0) {
                    m_error = libarchiveError(a);
                    return false;
                }
                left -= n;
            }
        }
    }
    if (archive_write_close(a) != ARCHIVE_OK) {
        m_error = libarchiveError(a);
        return false;
    }
    return true;
}

bool ArchiveBuilder::writeDirectory(const QString &dir)
{
    namespace fs = std::filesystem;
    const fs::path root(QFile::encodeName(dir).toStdString());
    std::error_code ec;
    fs::create_directories(root, ec);
    for (const Entry &e : m_entries) {
        const fs::path target = root / e.name;
        fs::create_directories(target.parent_path(), ec);
        switch (e.kind) {
        case Kind::File:
        case Kind::Zeros: {
            QFile f(QFile::decodeName(target.c_str()));
            if (!f.open(QIODevice::WriteOnly)) {
                m_error = f.errorString();
                return false;
            }
            if (e.kind == Kind::File)
                f.write(e.bytes);
            else if (!f.resize(static_cast<qint64>(e.size))) {
                m_error = f.errorString();
                return false;
            }
            break;
        }
        case Kind::Directory:
            fs::create_directories(target, ec);
            break;
        case Kind::Symlink:
            fs::create_symlink(e.target, target, ec);
            break;
        case Kind::Hardlink:
            fs::create_hard_link(root / e.target, target, ec);
            break;
        case Kind::Fifo:
            if (::mkfifo(target.c_str(), 0644) != 0)
                ec = std::error_code(errno, std::generic_category());
            break;
        case Kind::CharDevice:
            m_error = QStringLiteral("cannot create a device node without privileges");
            return false;
        }
        if (ec) {
            m_error = QString::fromStdString(e.name + ": " + ec.message());
            return false;
        }
    }
    return true;
}

namespace {

std::uint32_t le32(const QByteArray &d, qsizetype at)
{
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(d[at + i]);
    return v;
}
std::uint16_t le16(const QByteArray &d, qsizetype at)
{
    return static_cast<std::uint16_t>(static_cast<unsigned char>(d[at]) | (static_cast<unsigned char>(d[at + 1]) << 8));
}
void put32(QByteArray &d, qsizetype at, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        d[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

} // namespace

bool patchZipUncompressedSize(const QString &zipPath, const std::string &name, std::uint32_t newSize)
{
    QFile f(zipPath);
    if (!f.open(QIODevice::ReadWrite))
        return false;
    // Only the headers are patched; the (possibly huge) data stays where it is.
    const qint64 fileSize = f.size();
    const qint64 tailSize = std::min<qint64>(fileSize, 64 * 1024 + 22);
    f.seek(fileSize - tailSize);
    const QByteArray tail = f.read(tailSize);
    const qsizetype eocd = tail.lastIndexOf(QByteArray("PK\x05\x06", 4));
    if (eocd < 0 || eocd + 22 > tail.size())
        return false;
    const qint64 cdSize = le32(tail, eocd + 12);
    const qint64 cdOffset = le32(tail, eocd + 16);
    f.seek(cdOffset);
    QByteArray cd = f.read(cdSize);
    for (qsizetype p = 0; p + 46 <= cd.size() && le32(cd, p) == 0x02014b50;) {
        const std::uint16_t nameLen = le16(cd, p + 28);
        const std::uint16_t extraLen = le16(cd, p + 30);
        const std::uint16_t commentLen = le16(cd, p + 32);
        if (cd.mid(p + 46, nameLen).toStdString() == name) {
            const std::uint16_t flags = le16(cd, p + 8);
            const std::uint32_t compressed = le32(cd, p + 20);
            const qint64 local = le32(cd, p + 42);
            put32(cd, p + 24, newSize);
            f.seek(cdOffset);
            f.write(cd);
            QByteArray lh;
            f.seek(local);
            lh = f.read(30);
            if (lh.size() != 30 || le32(lh, 0) != 0x04034b50)
                return false;
            if (le32(lh, 22) != 0) {
                put32(lh, 22, newSize);
                f.seek(local);
                f.write(lh);
            }
            if (flags & 0x8) { // data descriptor after the data: [signature] crc, compressed, size
                const qint64 dd = local + 30 + le16(lh, 26) + le16(lh, 28) + compressed;
                f.seek(dd);
                QByteArray desc = f.read(16);
                const qsizetype sizeAt = le32(desc, 0) == 0x08074b50 ? 12 : 8;
                put32(desc, sizeAt, newSize);
                f.seek(dd);
                f.write(desc);
            }
            return f.flush();
        }
        p += 46 + nameLen + extraLen + commentLen;
    }
    return false;
}

bool writeTruncatedCopy(const QString &from, const QString &to, qint64 bytes)
{
    QFile in(from);
    QFile out(to);
    if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly))
        return false;
    return out.write(in.read(bytes)) == std::min(bytes, in.size());
}

} // namespace mltrl::test
