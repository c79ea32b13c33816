#pragma once
/// The local audit log: every action (import, annotate, sign, export) appended as one entry
/// of a hash chain. Each entry's SHA-256 covers its own fields and the previous entry's hash,
/// so changing, removing or reordering any entry breaks every link after it.
#include "core/sqlite/Database.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mltrl {

struct AuditEntry {
    std::int64_t seq = 0;
    std::string at;     ///< RFC 3339 UTC
    std::string action; ///< import | annotate | sign | export
    std::string projectId;
    std::string detailsJson; ///< a JSON object, as stored
    std::string prevSha256;  ///< 64 zeros for the first entry
    std::string entrySha256;

    /// The hash this entry must carry: SHA-256 over a line per field and the previous hash.
    [[nodiscard]] std::string computeHash() const;
};

/// Where the chain first breaks.
struct AuditBreak {
    std::int64_t seq = 0;
    std::string what;
};

class AuditLog {
public:
    explicit AuditLog(sql::Database &db) : m_db(db) {}

    /// Appends an entry. Call inside the caller's transaction so the entry commits (or rolls
    /// back) with the action it records.
    AuditEntry append(const std::string &action, const std::string &projectId, const nlohmann::json &details);

    /// All entries in order, or only those of one project.
    [[nodiscard]] std::vector<AuditEntry> entries(const std::optional<std::string> &projectId = std::nullopt) const;

    /// Recomputes the whole chain; the first broken link, or nullopt when it is intact.
    [[nodiscard]] std::optional<AuditBreak> check() const;

    static constexpr std::string_view kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

private:
    sql::Database &m_db;
};

} // namespace mltrl
