#include "core/sqlite/Database.h"

#include <sqlite3.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace mltrl::sql {

namespace {
/// " (File too large)" and the like: "disk I/O error" alone does not say that the disk is full
/// or a file-size limit was hit. SQLite's own record of the OS error is cleared again when a
/// failed COMMIT rolls back, so `callErrno` (errno right after the failing call) stands in.
std::string osDetail(sqlite3 *db, int rc, int callErrno)
{
    const int primary = rc & 0xff;
    if (primary != SQLITE_IOERR && primary != SQLITE_FULL && primary != SQLITE_CANTOPEN)
        return {};
    int err = db ? sqlite3_system_errno(db) : 0;
    // errno may be stale from an unrelated earlier call: only trust the errors that mean "no room".
    if (err == 0 && (callErrno == ENOSPC || callErrno == EFBIG || callErrno == EDQUOT || callErrno == EIO))
        err = callErrno;
    return err != 0 ? fmt::format(" ({})", std::strerror(err)) : std::string();
}

[[noreturn]] void fail(sqlite3 *db, int rc, std::string_view context)
{
    const int callErrno = errno; // first: nothing below may clobber it
    const char *msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw SqliteError(
        rc, fmt::format("{}: {}{}", context, msg ? msg : "unknown SQLite error", osDetail(db, rc, callErrno)));
}
} // namespace

namespace {
/// `path` as an SQLite file: URI (for query parameters such as immutable=1).
std::string fileUri(const std::string &path, std::string_view query)
{
    std::string uri = "file:";
    for (const char c : path) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7F || c == '%' || c == '?' || c == '#')
            uri += fmt::format("%{:02X}", u);
        else
            uri += c;
    }
    uri += '?';
    uri += query;
    return uri;
}
} // namespace

Database::Database(const std::string &path, Mode mode)
{
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    std::string name = path;
    switch (mode) {
    case Mode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    case Mode::ReadWriteExisting:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Mode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case Mode::Immutable:
        flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
        name = fileUri(path, "immutable=1");
        break;
    }
    const int rc = sqlite3_open_v2(name.c_str(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close(m_db);
        m_db = nullptr;
        throw SqliteError(rc, fmt::format("cannot open database {}: {}", path, msg));
    }
    sqlite3_busy_timeout(m_db, 5000);
    sqlite3_extended_result_codes(m_db, 1);
}

Database::~Database()
{
    if (m_db)
        sqlite3_close_v2(m_db);
}

Database::Database(Database &&other) noexcept : m_db(other.m_db)
{
    other.m_db = nullptr;
}

Database &Database::operator=(Database &&other) noexcept
{
    if (this != &other) {
        if (m_db)
            sqlite3_close_v2(m_db);
        m_db = other.m_db;
        other.m_db = nullptr;
    }
    return *this;
}

void Database::exec(std::string_view sql)
{
    char *err = nullptr;
    const std::string s(sql);
    const int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &err);
    const int callErrno = errno;
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw SqliteError(rc, fmt::format("SQL failed: {}{}", msg, osDetail(m_db, rc, callErrno)));
    }
}

void Database::writeBlob(const char *table, const char *column, std::int64_t rowid, std::span<const std::byte> bytes)
{
    sqlite3_blob *blob = nullptr;
    int rc = sqlite3_blob_open(m_db, "main", table, column, rowid, 1, &blob);
    if (rc != SQLITE_OK) {
        sqlite3_blob_close(blob);
        fail(m_db, rc, fmt::format("cannot open {}.{} of row {}", table, column, rowid));
    }
    // sqlite3_blob_write takes an int length: write in pieces well below 2 GiB.
    constexpr std::size_t kPiece = 64u << 20;
    for (std::size_t offset = 0; offset < bytes.size() && rc == SQLITE_OK; offset += kPiece) {
        const std::size_t n = std::min(kPiece, bytes.size() - offset);
        rc = sqlite3_blob_write(blob, bytes.data() + offset, static_cast<int>(n), static_cast<int>(offset));
    }
    if (rc != SQLITE_OK) {
        const int err = errno;
        sqlite3_blob_close(blob);
        errno = err;
        fail(m_db, rc, fmt::format("cannot write {}.{} of row {}", table, column, rowid));
    }
    rc = sqlite3_blob_close(blob);
    if (rc != SQLITE_OK)
        fail(m_db, rc, fmt::format("cannot write {}.{} of row {}", table, column, rowid));
}

Statement Database::prepare(std::string_view sql)
{
    return Statement(m_db, sql);
}

std::int64_t Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

std::string Database::errorMessage() const
{
    return m_db ? sqlite3_errmsg(m_db) : "database not open";
}

std::size_t Database::readBlobImpl(const char *table, const char *column, std::int64_t rowid,
                                   void *(*fill)(void *context, std::size_t size), void *context)
{
    sqlite3_blob *blob = nullptr;
    int rc = sqlite3_blob_open(m_db, "main", table, column, rowid, 0, &blob);
    if (rc != SQLITE_OK) {
        // A NULL cell cannot be opened as a blob: report it as empty.
        if (rc == SQLITE_ERROR)
            return 0;
        fail(m_db, rc, "cannot open blob");
    }
    const auto size = static_cast<std::size_t>(sqlite3_blob_bytes(blob));
    void *target = size > 0 ? fill(context, size) : nullptr;
    if (target)
        rc = sqlite3_blob_read(blob, target, static_cast<int>(size), 0);
    sqlite3_blob_close(blob);
    if (rc != SQLITE_OK)
        fail(m_db, rc, "cannot read blob");
    return size;
}

std::int64_t Database::queryInt(std::string_view sql)
{
    Statement st = prepare(sql);
    return st.step() ? st.int64(0) : 0;
}

Statement::Statement(sqlite3 *db, std::string_view sql) : m_db(db)
{
    const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr);
    if (rc != SQLITE_OK)
        fail(db, rc, fmt::format("cannot prepare \"{}\"", sql.substr(0, 80)));
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement &&other) noexcept : m_db(other.m_db), m_stmt(other.m_stmt)
{
    other.m_stmt = nullptr;
}

void Statement::check(int rc, const char *what) const
{
    if (rc != SQLITE_OK)
        fail(m_db, rc, what);
}

Statement &Statement::bind(int index, std::int64_t value)
{
    check(sqlite3_bind_int64(m_stmt, index, value), "bind");
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    check(sqlite3_bind_double(m_stmt, index, value), "bind");
    return *this;
}

Statement &Statement::bind(int index, std::string_view text)
{
    // An empty view may have a null data pointer, which SQLite would bind as NULL: text is text.
    const char *data = text.data() ? text.data() : "";
    check(sqlite3_bind_text64(m_stmt, index, data, text.size(), SQLITE_TRANSIENT, SQLITE_UTF8), "bind");
    return *this;
}

Statement &Statement::bindZeroBlob(int index, std::uint64_t bytes)
{
    check(sqlite3_bind_zeroblob64(m_stmt, index, bytes), "bind");
    return *this;
}

Statement &Statement::bindBlob(int index, std::span<const std::byte> bytes, bool copy)
{
    // A zero-length blob must still be a blob, not NULL: pass a valid pointer.
    static const char empty = 0;
    const void *data = bytes.empty() ? static_cast<const void *>(&empty) : bytes.data();
    check(sqlite3_bind_blob64(m_stmt, index, data, bytes.size(), copy ? SQLITE_TRANSIENT : SQLITE_STATIC), "bind");
    return *this;
}

Statement &Statement::bindNull(int index)
{
    check(sqlite3_bind_null(m_stmt, index), "bind");
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    fail(m_db, rc, "step");
}

void Statement::run()
{
    while (step()) {
    }
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Statement::isNull(int col) const
{
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}

std::int64_t Statement::int64(int col) const
{
    return sqlite3_column_int64(m_stmt, col);
}

double Statement::real(int col) const
{
    return sqlite3_column_double(m_stmt, col);
}

std::string Statement::text(int col) const
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
    const int n = sqlite3_column_bytes(m_stmt, col);
    return p ? std::string(p, static_cast<std::size_t>(n)) : std::string();
}

std::optional<std::int64_t> Statement::optInt(int col) const
{
    if (isNull(col))
        return std::nullopt;
    return int64(col);
}

std::optional<double> Statement::optReal(int col) const
{
    if (isNull(col))
        return std::nullopt;
    return real(col);
}

std::span<const std::byte> Statement::blob(int col) const
{
    const void *p = sqlite3_column_blob(m_stmt, col);
    const int n = sqlite3_column_bytes(m_stmt, col);
    return {static_cast<const std::byte *>(p), static_cast<std::size_t>(p ? n : 0)};
}

Transaction::Transaction(Database &db) : m_db(db)
{
    m_db.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (!m_done) {
        try {
            m_db.exec("ROLLBACK");
        } catch (...) {
            // Nothing to do: SQLite rolls back an open transaction when the connection closes.
        }
    }
}

void Transaction::commit()
{
    m_db.exec("COMMIT");
    m_done = true;
}

} // namespace mltrl::sql
