#pragma once
/// Makes the store fail mid-session the way a full disk, a file system remounted read-only or
/// a failing disk would, for every user (root included: chmod does not stop root): an SQLite
/// VFS over the default one that passes every call through until told to fail. install() it
/// before the store is opened; every connection opened afterwards goes through it.
namespace mltrl::sql {
class Database;
}

namespace mltrl::test {

class FailingVfs {
public:
    enum class Failure {
        None,
        DiskFull,  ///< every write fails with SQLITE_FULL ("database or disk is full")
        ReadOnly,  ///< files open read-only from now on; writes to open files fail as well
        ReadError, ///< every read fails with SQLITE_IOERR_READ ("disk I/O error")
    };
    /// Registers the VFS as SQLite's default (once per process; later calls do nothing).
    static void install();
    static void fail(Failure failure);
    /// Drops the pages `db` holds in memory, so its next read reaches the (failing) file.
    static void dropCache(sql::Database &db);
};

} // namespace mltrl::test
