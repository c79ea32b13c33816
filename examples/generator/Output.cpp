// Writing the archive: a deterministic ZIP (fixed order, fixed mtime, fixed permissions) or
// the directory form. Both go through a temporary sibling and a rename.
#include "Content.h"

#include <QFile>
#include <QFontDatabase>
#include <QCryptographicHash>
#include <QtGlobal>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <archive.h>
#include <archive_entry.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <unistd.h>

namespace gen {
namespace {

namespace fs = std::filesystem;

std::string temporarySibling(const fs::path& target)
{
    return (target.parent_path() / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid())))
        .string();
}

struct ArchiveDeleter {
    void operator()(archive* a) const { archive_write_free(a); }
};

void check(archive* a, int status, const std::string& what)
{
    if (status != ARCHIVE_OK) {
        const char* detail = archive_error_string(a);
        throw std::runtime_error(what + ": " + (detail ? detail : "libarchive error"));
    }
}

void writeZipTo(const Content& content, const std::string& path, time_t entryMtime)
{
    std::unique_ptr<archive, ArchiveDeleter> a(archive_write_new());
    check(a.get(), archive_write_set_format_zip(a.get()), "ZIP format");
    check(a.get(), archive_write_set_options(a.get(), "zip:compression=deflate"), "ZIP options");
    check(a.get(), archive_write_open_filename(a.get(), path.c_str()), "cannot create " + path);
    for (const File& f : content.files()) {
        std::unique_ptr<archive_entry, decltype(&archive_entry_free)> e(archive_entry_new(), archive_entry_free);
        archive_entry_set_pathname(e.get(), f.path.c_str());
        archive_entry_set_filetype(e.get(), AE_IFREG);
        archive_entry_set_perm(e.get(), 0644);
        archive_entry_set_size(e.get(), f.bytes.size());
        archive_entry_set_mtime(e.get(), entryMtime, 0);
        archive_entry_set_uid(e.get(), 0);
        archive_entry_set_gid(e.get(), 0);
        check(a.get(), archive_write_header(a.get(), e.get()), "ZIP entry " + f.path);
        const la_ssize_t written = archive_write_data(a.get(), f.bytes.constData(), static_cast<size_t>(f.bytes.size()));
        if (written != f.bytes.size()) throw std::runtime_error("ZIP data of " + f.path + " not written");
    }
    check(a.get(), archive_write_close(a.get()), "closing " + path);
}

void writeFile(const fs::path& path, const QByteArray& bytes)
{
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.constData(), bytes.size());
    out.close();
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

void writeZip(const Content& content, const std::string& outputPath, time_t entryMtime)
{
    const std::string temp = temporarySibling(fs::absolute(outputPath));
    try {
        writeZipTo(content, temp, entryMtime);
        fs::rename(temp, outputPath);
    } catch (...) {
        std::error_code ignored;
        fs::remove(temp, ignored);
        throw;
    }
}

void writeDirectory(const Content& content, const std::string& outputDir)
{
    const fs::path target = fs::absolute(outputDir);
    if (fs::exists(target) && !fs::is_empty(target)) {
        throw std::runtime_error(outputDir + " exists and is not empty; refusing to overwrite");
    }
    const fs::path temp = temporarySibling(target);
    try {
        fs::remove_all(temp);
        for (const File& f : content.files()) writeFile(temp / f.path, f.bytes);
        if (fs::exists(target)) fs::remove(target);  // the empty directory
        fs::rename(temp, target);
    } catch (...) {
        std::error_code ignored;
        fs::remove_all(temp, ignored);
        throw;
    }
}

std::string platformFingerprint()
{
    QFile font(QStringLiteral("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"));
    const std::string fontHash = font.open(QIODevice::ReadOnly)
                                     ? sha256Hex(font.readAll()).substr(0, 16)
                                     : std::string("missing");
    return std::string("Qt ") + qVersion() + "; " + archive_version_details() +
           "; DejaVuSans.ttf " + fontHash + "; DCMTK " + OFFIS_DCMTK_VERSION_STRING;
}

}  // namespace gen
