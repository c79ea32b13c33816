#include "core/review/AuditLog.h"

#include "core/common/Rfc3339.h"
#include "core/crypto/Sha256.h"

#include <fmt/format.h>

namespace mltrl {

std::string AuditEntry::computeHash() const
{
    // Length-prefixed fields: no choice of text inside a field can imitate another split.
    std::string buf = "mltrl-audit-1\n";
    for (const std::string &field : {std::to_string(seq), at, action, projectId, detailsJson, prevSha256})
        buf += fmt::format("{}:{}\n", field.size(), field);
    return sha256Hex(buf);
}

AuditEntry AuditLog::append(const std::string &action, const std::string &projectId, const nlohmann::json &details)
{
    AuditEntry e;
    auto last = m_db.prepare("SELECT seq, entry_sha256 FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (last.step()) {
        e.seq = last.int64(0) + 1;
        e.prevSha256 = last.text(1);
    } else {
        e.seq = 1;
        e.prevSha256 = std::string(kGenesis);
    }
    e.at = utcNow();
    e.action = action;
    e.projectId = projectId;
    e.detailsJson = details.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    e.entrySha256 = e.computeHash();
    m_db.prepare("INSERT INTO audit_log (seq, at, action, project_id, details_json, prev_sha256, entry_sha256) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bindAll(e.seq, e.at, e.action, e.projectId, e.detailsJson, e.prevSha256, e.entrySha256)
        .run();
    return e;
}

std::vector<AuditEntry> AuditLog::entries(const std::optional<std::string> &projectId) const
{
    std::vector<AuditEntry> out;
    auto st = m_db.prepare(projectId ? "SELECT seq, at, action, project_id, details_json, prev_sha256, entry_sha256 "
                                       "FROM audit_log WHERE project_id = ? ORDER BY seq"
                                     : "SELECT seq, at, action, project_id, details_json, prev_sha256, entry_sha256 "
                                       "FROM audit_log ORDER BY seq");
    if (projectId)
        st.bindAll(*projectId);
    while (st.step())
        out.push_back(AuditEntry{st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6)});
    return out;
}

std::optional<AuditBreak> AuditLog::check() const
{
    std::string prev(kGenesis);
    std::int64_t expectedSeq = 1;
    for (const AuditEntry &e : entries()) {
        if (e.seq != expectedSeq)
            return AuditBreak{e.seq,
                              fmt::format("entry {} follows entry {}: an entry is missing", e.seq, expectedSeq - 1)};
        if (e.prevSha256 != prev)
            return AuditBreak{e.seq, fmt::format("entry {} names {} as the previous hash, but entry {} hashes to {}",
                                                 e.seq, e.prevSha256, e.seq - 1, prev)};
        const std::string actual = e.computeHash();
        if (actual != e.entrySha256)
            return AuditBreak{e.seq, fmt::format("entry {} was changed: it records hash {} but its fields hash to {}",
                                                 e.seq, e.entrySha256, actual)};
        prev = e.entrySha256;
        ++expectedSeq;
    }
    return std::nullopt;
}

} // namespace mltrl
