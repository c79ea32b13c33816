#include "FailingVfs.h"

#include "core/sqlite/Database.h"

#include <sqlite3.h>

#include <atomic>
#include <cstring>

namespace mltrl::test {

namespace {

std::atomic<FailingVfs::Failure> g_failure{FailingVfs::Failure::None};
sqlite3_vfs *g_real = nullptr;
sqlite3_vfs g_vfs;
sqlite3_io_methods g_methods;

/// The wrapped file: SQLite allocates szOsFile bytes, ours first, the real VFS's file after.
struct ShimFile {
    sqlite3_file base;
};

sqlite3_file *inner(sqlite3_file *file)
{
    return reinterpret_cast<sqlite3_file *>(reinterpret_cast<ShimFile *>(file) + 1);
}

FailingVfs::Failure failure()
{
    return g_failure.load();
}

int shimClose(sqlite3_file *f)
{
    return inner(f)->pMethods->xClose(inner(f));
}
int shimRead(sqlite3_file *f, void *buffer, int amount, sqlite3_int64 offset)
{
    if (failure() == FailingVfs::Failure::ReadError)
        return SQLITE_IOERR_READ;
    return inner(f)->pMethods->xRead(inner(f), buffer, amount, offset);
}
int shimWrite(sqlite3_file *f, const void *buffer, int amount, sqlite3_int64 offset)
{
    switch (failure()) {
    case FailingVfs::Failure::DiskFull:
        return SQLITE_FULL;
    case FailingVfs::Failure::ReadOnly:
        return SQLITE_READONLY;
    default:
        return inner(f)->pMethods->xWrite(inner(f), buffer, amount, offset);
    }
}
int shimTruncate(sqlite3_file *f, sqlite3_int64 size)
{
    return inner(f)->pMethods->xTruncate(inner(f), size);
}
int shimSync(sqlite3_file *f, int flags)
{
    return inner(f)->pMethods->xSync(inner(f), flags);
}
int shimFileSize(sqlite3_file *f, sqlite3_int64 *size)
{
    return inner(f)->pMethods->xFileSize(inner(f), size);
}
int shimLock(sqlite3_file *f, int level)
{
    return inner(f)->pMethods->xLock(inner(f), level);
}
int shimUnlock(sqlite3_file *f, int level)
{
    return inner(f)->pMethods->xUnlock(inner(f), level);
}
int shimCheckReservedLock(sqlite3_file *f, int *out)
{
    return inner(f)->pMethods->xCheckReservedLock(inner(f), out);
}
int shimFileControl(sqlite3_file *f, int op, void *arg)
{
    return inner(f)->pMethods->xFileControl(inner(f), op, arg);
}
int shimSectorSize(sqlite3_file *f)
{
    return inner(f)->pMethods->xSectorSize(inner(f));
}
int shimDeviceCharacteristics(sqlite3_file *f)
{
    return inner(f)->pMethods->xDeviceCharacteristics(inner(f));
}
int shimShmMap(sqlite3_file *f, int region, int size, int extend, void volatile **out)
{
    return inner(f)->pMethods->xShmMap(inner(f), region, size, extend, out);
}
int shimShmLock(sqlite3_file *f, int offset, int n, int flags)
{
    return inner(f)->pMethods->xShmLock(inner(f), offset, n, flags);
}
void shimShmBarrier(sqlite3_file *f)
{
    inner(f)->pMethods->xShmBarrier(inner(f));
}
int shimShmUnmap(sqlite3_file *f, int deleteFlag)
{
    return inner(f)->pMethods->xShmUnmap(inner(f), deleteFlag);
}
int shimFetch(sqlite3_file *f, sqlite3_int64 offset, int amount, void **out)
{
    *out = nullptr; // no memory-mapped reads: every read goes through xRead
    (void)f;
    (void)offset;
    (void)amount;
    return SQLITE_OK;
}
int shimUnfetch(sqlite3_file *f, sqlite3_int64 offset, void *page)
{
    (void)f;
    (void)offset;
    (void)page;
    return SQLITE_OK;
}

int shimOpen(sqlite3_vfs *, const char *name, sqlite3_file *file, int flags, int *outFlags)
{
    if (failure() == FailingVfs::Failure::ReadOnly && name && (flags & SQLITE_OPEN_READWRITE)) {
        // As on a read-only file system (and as SQLite's unix VFS then does): a file that
        // exists opens for reading only, one that would have to be created does not open.
        int exists = 0;
        if (g_real->xAccess(g_real, name, SQLITE_ACCESS_EXISTS, &exists) != SQLITE_OK || !exists) {
            file->pMethods = nullptr;
            return SQLITE_CANTOPEN;
        }
        flags = (flags & ~(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_READONLY;
    }
    const int rc = g_real->xOpen(g_real, name, inner(file), flags, outFlags);
    file->pMethods = rc == SQLITE_OK ? &g_methods : nullptr;
    return rc;
}

} // namespace

void FailingVfs::install()
{
    if (g_real)
        return;
    g_real = sqlite3_vfs_find(nullptr);
    g_vfs = *g_real;
    g_vfs.zName = "mltrl-failing";
    g_vfs.szOsFile = static_cast<int>(sizeof(ShimFile)) + g_real->szOsFile;
    g_vfs.xOpen = shimOpen;
    g_vfs.pNext = nullptr;
    std::memset(&g_methods, 0, sizeof g_methods);
    g_methods.iVersion = 3;
    g_methods.xClose = shimClose;
    g_methods.xRead = shimRead;
    g_methods.xWrite = shimWrite;
    g_methods.xTruncate = shimTruncate;
    g_methods.xSync = shimSync;
    g_methods.xFileSize = shimFileSize;
    g_methods.xLock = shimLock;
    g_methods.xUnlock = shimUnlock;
    g_methods.xCheckReservedLock = shimCheckReservedLock;
    g_methods.xFileControl = shimFileControl;
    g_methods.xSectorSize = shimSectorSize;
    g_methods.xDeviceCharacteristics = shimDeviceCharacteristics;
    g_methods.xShmMap = shimShmMap;
    g_methods.xShmLock = shimShmLock;
    g_methods.xShmBarrier = shimShmBarrier;
    g_methods.xShmUnmap = shimShmUnmap;
    g_methods.xFetch = shimFetch;
    g_methods.xUnfetch = shimUnfetch;
    sqlite3_vfs_register(&g_vfs, 1);
}

void FailingVfs::fail(Failure f)
{
    g_failure.store(f);
}

void FailingVfs::dropCache(sql::Database &db)
{
    sqlite3_db_release_memory(db.handle());
}

} // namespace mltrl::test
