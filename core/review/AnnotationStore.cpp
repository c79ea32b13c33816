#include "review/AnnotationStore.h"

#include "review/AnnotationTarget.h"
#include "review/AuditLog.h"

#include <QUuid>

#include <fmt/format.h>

namespace mltrl {

RecordAnnotation Annotation::toRecord() const
{
    return RecordAnnotation{id, target, severity, text, created};
}

std::optional<Annotation> AnnotationStore::add(const std::string &projectId, std::int64_t revisionId,
                                               const nlohmann::json &target, const std::string &severity,
                                               const std::string &text, const std::string &author, Problems &problems)
{
    const std::size_t before = problems.errorCount();
    checkAnnotationTarget(target, "--target", problems);
    if (!isSeverity(severity))
        problems.error("--severity", fmt::format("\"{}\" is not info, minor, major or blocker", severity));
    if (text.empty())
        problems.error("--text", "an annotation needs text");
    if (problems.errorCount() != before)
        return std::nullopt;
    Annotation a;
    a.id = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    a.projectId = projectId;
    a.revisionId = revisionId;
    a.target = target;
    a.severity = severity;
    a.status = "open";
    a.text = text;
    a.created = a.updated = utcNow();
    a.author = author;
    try {
        sql::Transaction tx(m_db);
        m_db.prepare("INSERT INTO annotations (id, project_id, revision_id, target_json, severity, status, text, "
                     "created, updated, author) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .bindAll(a.id, a.projectId, a.revisionId, canonicalJson(a.target), a.severity, a.status, a.text,
                     a.created, a.updated, a.author)
            .run();
        AuditLog(m_db).append("annotate", projectId,
                              {{"annotation", a.id}, {"target", a.target}, {"severity", a.severity}, {"status", "open"}});
        tx.commit();
    } catch (const sql::SqliteError &e) {
        problems.error("store", fmt::format("the annotation could not be stored: {}", e.what()));
        return std::nullopt;
    } catch (const std::invalid_argument &e) {
        problems.error("--text", e.what());
        return std::nullopt;
    }
    return a;
}

bool AnnotationStore::setStatus(const std::string &id, const std::string &status, Problems &problems)
{
    if (status != "open" && status != "resolved") {
        problems.error(id, fmt::format("\"{}\" is not open or resolved", status));
        return false;
    }
    try {
        sql::Transaction tx(m_db);
        auto st = m_db.prepare("SELECT project_id FROM annotations WHERE id = ?");
        st.bindAll(id);
        if (!st.step()) {
            problems.error(id, "no such annotation");
            return false;
        }
        const std::string project = st.text(0);
        m_db.prepare("UPDATE annotations SET status = ?, updated = ? WHERE id = ?").bindAll(status, utcNow(), id).run();
        AuditLog(m_db).append("annotate", project, {{"annotation", id}, {"status", status}});
        tx.commit();
        return true;
    } catch (const sql::SqliteError &e) {
        problems.error("store", fmt::format("the annotation could not be changed: {}", e.what()));
        return false;
    }
}

std::vector<Annotation> AnnotationStore::forRevision(std::int64_t revisionId) const
{
    std::vector<Annotation> out;
    auto st = m_db.prepare("SELECT id, project_id, revision_id, target_json, severity, status, text, created, updated, "
                           "author FROM annotations WHERE revision_id = ? ORDER BY created, id");
    st.bindAll(revisionId);
    while (st.step()) {
        Annotation a;
        a.id = st.text(0);
        a.projectId = st.text(1);
        a.revisionId = st.int64(2);
        a.target = nlohmann::json::parse(st.text(3));
        a.severity = st.text(4);
        a.status = st.text(5);
        a.text = st.text(6);
        a.created = st.text(7);
        a.updated = st.text(8);
        a.author = st.text(9);
        out.push_back(std::move(a));
    }
    return out;
}

} // namespace mltrl
