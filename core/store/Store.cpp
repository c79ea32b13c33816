#include "store/Store.h"

#include "store/DicomChecks.h"
#include "store/Schema.h"
#include "store/UnsettledBlobs.h"

#include <QStandardPaths>

#include <fmt/format.h>

#include <cstdlib>

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

Store::Store(fs::path dir, sql::Database db) : m_dir(std::move(dir)), m_db(std::move(db)), m_blobs(m_dir)
{
}

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

std::unique_ptr<Store> Store::open(const fs::path &dir, Problems &problems)
{
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        problems.error(dir.string(), fmt::format("cannot create the store folder: {}", ec.message()));
        return nullptr;
    }
    const fs::path dbPath = dir / "store.sqlite";
    try {
        sql::Database db(dbPath.string());
        // A file that is not a database fails on the first read, not on open.
        (void)db.queryInt("PRAGMA schema_version");
        // Large pages before the first table exists (a no-op on an existing store): metric
        // columns are multi-megabyte BLOBs, and 64 KiB pages make them 16× shorter page chains.
        db.exec("PRAGMA page_size=65536");
        db.exec("PRAGMA journal_mode=WAL");
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
        problems.error(dbPath.string(),
                       fmt::format("the store's database cannot be opened (damaged or not a store): {}", e.what()));
        return nullptr;
    }
}

bool Store::migrate(Problems &problems)
{
    const int have = static_cast<int>(m_db.queryInt("PRAGMA user_version"));
    const int want = schema::currentVersion();
    if (have > want) {
        problems.error(databasePath().string(),
                       fmt::format("the store was written by a newer MLTRL Workbench (schema version {}; "
                                   "this version knows up to {}); it was left unchanged",
                                   have, want));
        return false;
    }
    if (have == want)
        return true;
    WriteLock lock(*this);
    if (have > 0) {
        // Keep the old database whole before changing its shape: a failed or regretted
        // migration is undone by copying the backup back.
        const fs::path backup = m_dir / fmt::format("store.sqlite.v{}.bak", have);
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

Store::WriteLock::WriteLock(const Store &store) : m_fd(openLockFile(store.dir()))
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
