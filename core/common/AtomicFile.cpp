#include "core/common/AtomicFile.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace mltrl {

namespace {

mode_t currentUmask()
{
    // Linux reports it without changing it; umask() can only read it by setting it (which
    // another thread creating a file at that moment would see), so that is the fallback.
    if (std::FILE *status = std::fopen("/proc/self/status", "re")) {
        char line[256];
        unsigned mask = 0;
        bool found = false;
        while (!found && std::fgets(line, sizeof line, status))
            found = std::sscanf(line, "Umask: %o", &mask) == 1;
        std::fclose(status);
        if (found)
            return static_cast<mode_t>(mask);
    }
    const mode_t mask = ::umask(022);
    ::umask(mask);
    return mask;
}

void syncFolder(const fs::path &target)
{
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

AtomicFile::AtomicFile(fs::path target, Existing existing, unsigned mode)
      : m_target(std::move(target)), m_existing(existing), m_mode(mode)
{
}

AtomicFile::~AtomicFile()
{
    cancel();
}

bool AtomicFile::fail(std::string what, int err)
{
    m_error = err != 0 ? fmt::format("{}: {}", what, std::strerror(err)) : std::move(what);
    return false;
}

bool AtomicFile::open()
{
    cancel();
    m_error.clear();
    std::error_code ec;
    const auto status = fs::symlink_status(m_target, ec);
    if (fs::is_directory(status))
        return fail("is a folder", 0);
    if (m_existing == Existing::Refuse && fs::exists(status))
        return fail(fs::is_symlink(status) ? "already exists (a symbolic link)" : "already exists", 0);
    // Beside the target, so the rename stays within one file system; hidden, and unique.
    const fs::path dir = m_target.has_parent_path() ? m_target.parent_path() : fs::path(".");
    m_temp = (dir / ("." + m_target.filename().string() + ".tmp-XXXXXX")).string();
    m_fd = ::mkostemp(m_temp.data(), O_CLOEXEC); // O_EXCL, mode 0600: never an existing file or link
    if (m_fd < 0) {
        const int err = errno;
        m_temp.clear();
        return fail("cannot create a file in its folder", err);
    }
    if (::fchmod(m_fd, static_cast<mode_t>(m_mode) & ~currentUmask()) != 0) {
        const int err = errno;
        cancel();
        return fail("cannot set its permissions", err);
    }
    return true;
}

bool AtomicFile::write(const void *data, std::size_t size)
{
    if (m_fd < 0)
        return m_error.empty() ? fail("not open", 0) : false;
    const char *p = static_cast<const char *>(data);
    while (size > 0) {
        const ssize_t n = ::write(m_fd, p, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int err = errno;
            cancel();
            return fail("cannot write", err);
        }
        p += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

bool AtomicFile::commit()
{
    if (m_fd < 0)
        return m_error.empty() ? fail("not open", 0) : false;
    if (::fsync(m_fd) != 0) {
        const int err = errno;
        cancel();
        return fail("cannot write", err);
    }
    const int closed = ::close(m_fd);
    m_fd = -1;
    if (closed != 0) {
        const int err = errno;
        cancel();
        return fail("cannot write", err);
    }
    int rc = 0;
    if (m_existing == Existing::Replace) {
        // rename() replaces a symbolic link at the target itself; it never writes through it.
        rc = ::rename(m_temp.c_str(), m_target.c_str());
    } else {
        // link() refuses any existing name, dangling links included, with no race.
        rc = ::link(m_temp.c_str(), m_target.c_str());
        if (rc == 0)
            ::unlink(m_temp.c_str());
    }
    if (rc != 0) {
        const int err = errno;
        cancel();
        return err == EEXIST ? fail("already exists", 0) : fail("cannot put the file in place", err);
    }
    m_temp.clear();
    syncFolder(m_target);
    return true;
}

void AtomicFile::cancel()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_temp.empty()) {
        ::unlink(m_temp.c_str());
        m_temp.clear();
    }
}

bool writeFileAtomically(const fs::path &target, std::string_view bytes, std::string &error,
                         AtomicFile::Existing existing, unsigned mode)
{
    AtomicFile file(target, existing, mode);
    if (!file.open() || !file.write(bytes) || !file.commit()) {
        error = file.error();
        return false;
    }
    return true;
}

} // namespace mltrl
