#pragma once
/// Small RAII wrappers over SQLite's C API: every value bound, every return code checked.
/// Failures throw SqliteError (an internal error channel); store-level APIs catch it and turn
/// it into a Problem value for their callers.
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace mltrl::sql {

class SqliteError : public std::runtime_error {
public:
    SqliteError(int code, const std::string &message) : std::runtime_error(message), m_code(code) {}
    [[nodiscard]] int code() const { return m_code; }
    /// SQLITE_READONLY (any extended code): a write to a database opened for reading only, or
    /// whose file or folder the process may not write.
    [[nodiscard]] bool isReadOnly() const { return (m_code & 0xff) == 8; }

private:
    int m_code;
};

class Statement;

class Database {
public:
    /// Immutable: read-only, and SQLite assumes nobody changes the file while it is open, so
    /// it needs no -shm/-wal files beside it (a WAL database in a folder the process may not
    /// write can be read only this way). ReadWriteExisting: like ReadWrite, but a missing file
    /// is an error instead of a new empty database (a second connection to a store that may
    /// have vanished).
    enum class Mode { ReadWrite, ReadWriteExisting, ReadOnly, Immutable };
    Database() = default;
    Database(const std::string &path, Mode mode = Mode::ReadWrite);
    ~Database();
    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql);
    [[nodiscard]] std::int64_t lastInsertRowId() const;
    [[nodiscard]] int changes() const;
    [[nodiscard]] sqlite3 *handle() const { return m_db; }
    [[nodiscard]] bool isOpen() const { return m_db != nullptr; }
    [[nodiscard]] std::string errorMessage() const;
    /// Reads a BLOB cell straight into caller memory (sqlite3_blob_read: no intermediate copy),
    /// for multi-megabyte metric columns. Returns the cell's size in bytes; `fill` receives
    /// the size first and returns where to write it (or nullptr to skip). 0 for NULL cells.
    template <typename Fill>
    std::size_t readBlob(const char *table, const char *column, std::int64_t rowid, Fill &&fill);
    /// Single value of the first column of the first row (for pragmas and counts).
    [[nodiscard]] std::int64_t queryInt(std::string_view sql);
    /// Writes `bytes` into the BLOB `table.column` of row `rowid` from offset 0, through SQLite's
    /// incremental BLOB I/O: the BLOB (bound as a zeroblob of the same size) is filled page by
    /// page, never assembled in memory as part of a record.
    void writeBlob(const char *table, const char *column, std::int64_t rowid, std::span<const std::byte> bytes);

private:
    struct OpenBlob;
    std::size_t readBlobImpl(const char *table, const char *column, std::int64_t rowid,
                             void *(*fill)(void *context, std::size_t size), void *context);
    sqlite3 *m_db = nullptr;
};

template <typename Fill>
std::size_t Database::readBlob(const char *table, const char *column, std::int64_t rowid, Fill &&fill)
{
    return readBlobImpl(
        table, column, rowid, [](void *ctx, std::size_t size) -> void * { return (*static_cast<Fill *>(ctx))(size); },
        &fill);
}

/// A prepared statement. Bind with 1-based indices; step() returns true while rows come.
class Statement {
public:
    Statement(sqlite3 *db, std::string_view sql);
    ~Statement();
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&) = delete;
    Statement(const Statement &) = delete;

    Statement &bind(int index, std::int64_t value);
    Statement &bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement &bind(int index, double value);
    Statement &bind(int index, std::string_view text);
    Statement &bind(int index, const char *text) { return bind(index, std::string_view(text)); }
    Statement &bind(int index, const std::string &text) { return bind(index, std::string_view(text)); }
    /// `copy = false` binds without copying: the bytes must outlive the next step() (used
    /// for large metric columns, so a 10-million-point series is not held twice in memory).
    Statement &bindBlob(int index, std::span<const std::byte> bytes, bool copy = true);
    Statement &bindNull(int index);
    /// A BLOB of `bytes` zero bytes, to be filled with Database::writeBlob.
    Statement &bindZeroBlob(int index, std::uint64_t bytes);
    template <typename T>
    Statement &bind(int index, const std::optional<T> &value)
    {
        return value ? bind(index, *value) : bindNull(index);
    }

    /// Binds all values in order starting at index 1.
    template <typename... Ts>
    Statement &bindAll(const Ts &...values)
    {
        int i = 1;
        (bind(i++, values), ...);
        return *this;
    }

    bool step();
    /// Step a statement that returns no rows.
    void run();
    void reset();

    [[nodiscard]] bool isNull(int col) const;
    [[nodiscard]] std::int64_t int64(int col) const;
    [[nodiscard]] int integer(int col) const { return static_cast<int>(int64(col)); }
    [[nodiscard]] double real(int col) const;
    [[nodiscard]] std::string text(int col) const;
    [[nodiscard]] std::optional<std::int64_t> optInt(int col) const;
    [[nodiscard]] std::optional<double> optReal(int col) const;
    [[nodiscard]] std::span<const std::byte> blob(int col) const;

private:
    void check(int rc, const char *what) const;
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
};

/// BEGIN IMMEDIATE … COMMIT; rolls back when destroyed without commit().
class Transaction {
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    void commit();

private:
    Database &m_db;
    bool m_done = false;
};

} // namespace mltrl::sql
