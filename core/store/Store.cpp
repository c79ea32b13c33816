#include "core/store/Store.h"

#include "core/store/DicomChecks.h"
#include "core/store/Schema.h"
#include "core/store/UnsettledBlobs.h"

#include <QStandardPaths>

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace mltrl {

namespace {

int openLockFile(const fs::path &dir)
{
    return ::open((dir / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
}

} // namespace

Store::Store(fs::path dir, sql::Database db) : m_dir(std::move(dir)), m_db(std::move(db)), m_blobs(m_dir) {}

Store::~Store() = default;

fs::path Store::resolveLocation(const std::optional<std::string> &explicitDir)
{
    if (explicitDir && !explicitDir->empty())
        return fs::path(*explicitDir);
    if (const char *env = std::getenv("MLTRL_STORE"); env && *env)
        return fs::path(env);
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return fs::path(base.toStdString()) / "mltrl-workbench" / "store";
}

namespace {

/// Why this process may not write the store in `dir` ("" when it may): the folder (for the
/// lock file, WAL files and blobs) and the database file must both be writable.
std::string whyNotWritable(const fs::path &dir, const fs::path &dbPath)
{
    if (::access(dir.c_str(), W_OK) != 0)
        return fmt::format("the folder {} is not writable ({})", dir.string(), std::strerror(errno));
    if (::access(dbPath.c_str(), F_OK) == 0 && ::access(dbPath.c_str(), W_OK) != 0)
        return fmt::format("the database {} is not writable ({})", dbPath.string(), std::strerror(errno));
    return {};
}

/// Opens the database of a store this process may not write. A WAL database can be read
/// without write access only as immutable (SQLite cannot create its -shm file); when a WAL
/// file with transactions not yet in the database is present, it is read through the WAL.
sql::Database openForReading(const fs::path &dbPath)
{
    std::error_code ec;
    const fs::path wal = dbPath.string() + "-wal";
    if (fs::exists(wal, ec) && fs::file_size(wal, ec) > 0 && !ec) {
        try {
            sql::Database db(dbPath.string(), sql::Database::Mode::ReadOnly);
            (void)db.queryInt("PRAGMA user_version");
            return db;
        } catch (const sql::SqliteError &) {
            // Fall through to immutable: the committed database without the WAL's tail.
        }
    }
    return sql::Database(dbPath.string(), sql::Database::Mode::Immutable);
}

} // namespace

std::unique_ptr<Store> Store::open(const fs::path &dir, Problems &problems)
{
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        problems.error(dir.string(), fmt::format("cannot create the store folder: {}", ec.message()));
        return nullptr;
    }
    const fs::path dbPath = dir / "store.sqlite";
    const std::string notWritable = whyNotWritable(dir, dbPath);
    if (!notWritable.empty() && !fs::exists(dbPath, ec)) {
        problems.error(dir.string(), fmt::format("cannot create a store here: {}", notWritable));
        return nullptr;
    }
    try {
        if (!notWritable.empty()) {
            sql::Database db = openForReading(dbPath);
            (void)db.queryInt("PRAGMA schema_version");
            db.exec("PRAGMA foreign_keys=ON");
            std::unique_ptr<Store> store(new Store(dir, std::move(db)));
            store->m_readOnlyReason = notWritable;
            const int have = static_cast<int>(store->m_db.queryInt("PRAGMA user_version"));
            if (have != schema::currentVersion()) {
                problems.error(dbPath.string(),
                               have > schema::currentVersion()
                                   ? fmt::format("the store was written by a newer MLTRL Workbench (schema version {}; "
                                                 "this version knows up to {})",
                                                 have, schema::currentVersion())
                                   : fmt::format("the store has schema version {} and must be upgraded to {}, but it "
                                                 "is read-only: {}",
                                                 have, schema::currentVersion(), notWritable));
                return nullptr;
            }
            return store;
        }
        sql::Database db(dbPath.string());
        // A file that is not a database fails on the first read, not on open.
        (void)db.queryInt("PRAGMA schema_version");
        if (db.queryInt("PRAGMA user_version") != schema::currentVersion()) {
            // A new store, or one from an older version: set up and migrate under the write
            // lock, so processes opening it at the same time do it once, one after the other.
            WriteLock lock(dir);
            // Large pages before the first table exists (a no-op on an existing store): metric
            // columns are multi-megabyte BLOBs, and 64 KiB pages make them 16× shorter page chains.
            db.exec("PRAGMA page_size=65536");
            db.exec("PRAGMA journal_mode=WAL");
        }
        db.exec("PRAGMA synchronous=FULL");
        db.exec("PRAGMA foreign_keys=ON");
        std::unique_ptr<Store> store(new Store(dir, std::move(db)));
        if (!store->migrate(problems))
            return nullptr;
        // Orphans exist only after an interrupted import; walking every blob file on each open
        // made `mltrl list` on a 1000-revision store spend most of its time here.
        if (blobs::mayHoldGarbage(dir, store->m_blobs.tempDir()))
            store->collectGarbage();
        return store;
    } catch (const sql::SqliteError &e) {
        problems.error(
            dbPath.string(),
            e.isReadOnly()
                ? fmt::format("the store cannot be written: {}", e.what())
                : fmt::format("the store's database cannot be opened (damaged or not a store): {}", e.what()));
        return nullptr;
    }
}

std::unique_ptr<Store> Store::connect(const fs::path &dir, Access access, Problems &problems)
{
    const fs::path dbPath = dir / "store.sqlite";
    std::error_code ec;
    if (!fs::is_regular_file(dbPath, ec)) {
        problems.error(dbPath.string(),
                       "the store's database is gone (removed or moved while the program was running)");
        return nullptr;
    }
    const std::string notWritable = whyNotWritable(dir, dbPath);
    try {
        sql::Database db = !notWritable.empty() ? openForReading(dbPath)
                           : access == Access::Read
                               ? sql::Database(dbPath.string(), sql::Database::Mode::ReadOnly)
                               : sql::Database(dbPath.string(), sql::Database::Mode::ReadWriteExisting);
        const int have = static_cast<int>(db.queryInt("PRAGMA user_version"));
        if (have != schema::currentVersion()) {
            problems.error(dbPath.string(), fmt::format("the store has schema version {} where {} was expected (was it "
                                                        "replaced while the program was running?)",
                                                        have, schema::currentVersion()));
            return nullptr;
        }
        if (access == Access::ReadWrite && notWritable.empty())
            db.exec("PRAGMA synchronous=FULL");
        db.exec("PRAGMA foreign_keys=ON");
        std::unique_ptr<Store> store(new Store(dir, std::move(db)));
        store->m_readOnlyReason = !notWritable.empty()     ? notWritable
                                  : access == Access::Read ? std::string("the connection was opened for reading")
                                                           : std::string();
        return store;
    } catch (const sql::SqliteError &e) {
        problems.error(dbPath.string(), fmt::format("the store's database cannot be opened: {}", e.what()));
        return nullptr;
    }
}

bool Store::migrate(Problems &problems)
{
    const int want = schema::currentVersion();
    if (m_db.queryInt("PRAGMA user_version") == want)
        return true;
    WriteLock lock(*this);
    // Read again under the lock: another process may have created or migrated the store while
    // this one waited.
    const int have = static_cast<int>(m_db.queryInt("PRAGMA user_version"));
    if (have > want) {
        problems.error(databasePath().string(),
                       fmt::format("the store was written by a newer MLTRL Workbench (schema version {}; "
                                   "this version knows up to {}); it was left unchanged",
                                   have, want));
        return false;
    }
    if (have == want)
        return true;
    if (have > 0) {
        // Keep the old database whole before changing its shape: a failed or regretted
        // migration is undone by copying the backup back.
        const fs::path backup = m_dir / fmt::format("store.sqlite.v{}.bak", have);
        std::error_code ec;
        fs::remove(backup, ec); // VACUUM INTO refuses an existing file (one left by a failed run)
        m_db.prepare("VACUUM INTO ?").bindAll(backup.string()).run();
    }
    for (int v = have; v < want; ++v) {
        sql::Transaction tx(m_db);
        m_db.exec(schema::migrations()[static_cast<std::size_t>(v)]);
        m_db.exec(fmt::format("PRAGMA user_version={}", v + 1));
        tx.commit();
    }
    // Revisions imported before the DICOM de-identification check existed get it now, once.
    sql::Transaction tx(m_db);
    backfillDicomChecks(m_db, m_blobs);
    tx.commit();
    return true;
}

std::size_t Store::collectGarbage()
{
    const int fd = openLockFile(m_dir);
    if (fd < 0)
        return 0;
    // Only when no other process holds the write lock: its temporaries are still in use.
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        return 0;
    }
    std::vector<std::string> referenced;
    auto st = m_db.prepare("SELECT sha256 FROM blobs ORDER BY sha256");
    while (st.step())
        referenced.push_back(st.text(0));
    const std::size_t removed = m_blobs.collectGarbage(referenced);
    ::flock(fd, LOCK_UN);
    ::close(fd);
    return removed;
}

Store::WriteLock::WriteLock(const Store &store) : WriteLock(store.dir()) {}

Store::WriteLock::WriteLock(const fs::path &dir) : m_fd(openLockFile(dir))
{
    if (m_fd >= 0)
        ::flock(m_fd, LOCK_EX);
}

Store::WriteLock::~WriteLock()
{
    if (m_fd >= 0) {
        ::flock(m_fd, LOCK_UN);
        ::close(m_fd);
    }
}

} // namespace mltrl
