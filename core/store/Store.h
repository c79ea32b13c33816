#pragma once
/// The local store: an SQLite database (`store.sqlite`, WAL, foreign keys on) plus the blob
/// folder beside it. Opening it applies schema migrations (after a backup) and removes
/// leftovers of imports that were killed (temporaries, blobs no revision references).
/// Creation and migration happen under the store's write lock, so several processes may open
/// a new store at once. A store this process may not write opens read-only (readOnly()).
#include "core/common/Problems.h"
#include "core/sqlite/Database.h"
#include "core/store/BlobStore.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace mltrl {

class Store {
public:
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    /// Opens (creating when absent) the store in `dir`. Returns nullptr with an error in
    /// `problems` when it cannot: a damaged database, a schema from a newer version, no space.
    /// A store whose folder or database this process may not write is opened for reading only.
    static std::unique_ptr<Store> open(const std::filesystem::path &dir, Problems &problems);

    /// What a connection opened by connect() may do.
    enum class Access { Read, ReadWrite };
    /// Another connection to the store in `dir` that some Store::open() already set up, for a
    /// worker thread (SQLite connections belong to one thread). Light: never creates, migrates
    /// or collects garbage. nullptr with an error in `problems` when the store has vanished, is
    /// damaged, or has another schema version than this program's. A Read connection refuses
    /// every write (SQLITE_READONLY).
    static std::unique_ptr<Store> connect(const std::filesystem::path &dir, Access access, Problems &problems);

    /// True when the store was opened for reading only; every write then fails.
    [[nodiscard]] bool readOnly() const { return !m_readOnlyReason.empty(); }
    /// Why the store is read-only, in plain words ("the folder /x is not writable (Permission
    /// denied)"); empty when it is writable.
    [[nodiscard]] const std::string &readOnlyReason() const { return m_readOnlyReason; }

    /// The store folder chosen exactly as the CLI and the GUI choose it: `explicitDir` (from
    /// --store) if given, else $MLTRL_STORE, else the platform's application-data folder.
    static std::filesystem::path resolveLocation(const std::optional<std::string> &explicitDir);

    [[nodiscard]] sql::Database &db() { return m_db; }
    [[nodiscard]] BlobStore &blobs() { return m_blobs; }
    [[nodiscard]] const std::filesystem::path &dir() const { return m_dir; }
    [[nodiscard]] std::filesystem::path databasePath() const { return m_dir / "store.sqlite"; }

    /// Held while a process writes (imports, signs): serialises writers across processes and
    /// keeps garbage collection away from another process's temporaries.
    class WriteLock {
    public:
        explicit WriteLock(const Store &store);
        /// The lock of the store in `dir` (before a Store object exists: creation, migration).
        explicit WriteLock(const std::filesystem::path &dir);
        ~WriteLock();
        WriteLock(const WriteLock &) = delete;
        WriteLock &operator=(const WriteLock &) = delete;

    private:
        int m_fd = -1;
    };

    /// Deletes temporaries and unreferenced blobs when no other process is writing.
    std::size_t collectGarbage();

private:
    Store(std::filesystem::path dir, sql::Database db);
    bool migrate(Problems &problems);

    std::filesystem::path m_dir;
    std::string m_readOnlyReason;
    sql::Database m_db;
    BlobStore m_blobs;
};

} // namespace mltrl
