#include "core/review/AnnotationStore.h"

#include "core/common/Rfc3339.h"
#include "core/review/AnnotationTarget.h"
#include "core/review/AuditLog.h"

#include <QUuid>
#include <QtGlobal>

#include <fmt/format.h>

#ifndef _WIN32
#include <pwd.h>
#include <unistd.h>
#endif

namespace mltrl {

std::string annotationAuthor(const ReviewerIdentity *reviewer)
{
    if (reviewer && !reviewer->name.empty() && !reviewer->email.empty())
        return reviewer->name + " <" + reviewer->email + ">";
    if (reviewer && !(reviewer->name.empty() && reviewer->email.empty()))
        return reviewer->name.empty() ? reviewer->email : reviewer->name;
    for (const char *variable : {"USER", "LOGNAME", "USERNAME"})
        if (const QString user = qEnvironmentVariable(variable); !user.isEmpty())
            return user.toStdString();
#ifndef _WIN32
    // No login name in the environment (a service, `env -i`, some containers): the passwd
    // entry of the process's user, as `id -un` would say.
    if (const struct passwd *pw = getpwuid(getuid()); pw && pw->pw_name && *pw->pw_name)
        return pw->pw_name;
#endif
    return {};
}

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
    if (author.find_first_not_of(" \t") == std::string::npos)
        problems.error("--author", "an annotation needs an author (the reviewer's identity or the login name)");
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
    if (!insert(a, {{"annotation", a.id}, {"target", a.target}, {"severity", a.severity}, {"status", "open"}},
                problems))
        return std::nullopt;
    return a;
}

bool AnnotationStore::insert(const Annotation &a, const nlohmann::json &auditDetails, Problems &problems)
{
    try {
        sql::Transaction tx(m_db);
        m_db.prepare("INSERT INTO annotations (id, project_id, revision_id, target_json, severity, status, text, "
                     "created, updated, author) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .bindAll(a.id, a.projectId, a.revisionId, canonicalJson(a.target), a.severity, a.status, a.text, a.created,
                     a.updated, a.author)
            .run();
        AuditLog(m_db).append("annotate", a.projectId, auditDetails);
        tx.commit();
    } catch (const sql::SqliteError &e) {
        problems.error("store", fmt::format("the annotation could not be stored: {}", e.what()));
        return false;
    } catch (const std::invalid_argument &e) {
        problems.error("--text", e.what());
        return false;
    }
    return true;
}

bool AnnotationStore::restore(const Annotation &annotation, Problems &problems)
{
    const std::size_t before = problems.errorCount();
    checkAnnotationTarget(annotation.target, "target", problems);
    if (!isSeverity(annotation.severity))
        problems.error("severity", fmt::format("\"{}\" is not info, minor, major or blocker", annotation.severity));
    if (annotation.status != "open" && annotation.status != "resolved")
        problems.error("status", fmt::format("\"{}\" is not open or resolved", annotation.status));
    if (annotation.text.empty())
        problems.error("text", "an annotation needs text");
    if (problems.errorCount() != before)
        return false;
    Annotation a = annotation;
    a.updated = utcNow();
    return insert(a,
                  {{"annotation", a.id},
                   {"target", a.target},
                   {"severity", a.severity},
                   {"status", a.status},
                   {"restored", true}},
                  problems);
}

std::optional<std::string> AnnotationStore::projectOf(const std::string &id, Problems &problems)
{
    auto st = m_db.prepare("SELECT project_id FROM annotations WHERE id = ?");
    st.bindAll(id);
    if (!st.step()) {
        problems.error(id, "no such annotation");
        return std::nullopt;
    }
    return st.text(0);
}

bool AnnotationStore::edit(const std::string &id, const std::string &severity, const std::string &text,
                           Problems &problems)
{
    const std::size_t before = problems.errorCount();
    if (!isSeverity(severity))
        problems.error(id, fmt::format("\"{}\" is not info, minor, major or blocker", severity));
    if (text.empty())
        problems.error(id, "an annotation needs text");
    if (problems.errorCount() != before)
        return false;
    try {
        sql::Transaction tx(m_db);
        const auto project = projectOf(id, problems);
        if (!project)
            return false;
        m_db.prepare("UPDATE annotations SET severity = ?, text = ?, updated = ? WHERE id = ?")
            .bindAll(severity, text, utcNow(), id)
            .run();
        AuditLog(m_db).append("annotate", *project, {{"annotation", id}, {"severity", severity}, {"edited", true}});
        tx.commit();
        return true;
    } catch (const sql::SqliteError &e) {
        problems.error("store", fmt::format("the annotation could not be changed: {}", e.what()));
        return false;
    } catch (const std::invalid_argument &e) {
        problems.error(id, e.what());
        return false;
    }
}

bool AnnotationStore::remove(const std::string &id, Problems &problems)
{
    try {
        sql::Transaction tx(m_db);
        const auto project = projectOf(id, problems);
        if (!project)
            return false;
        m_db.prepare("DELETE FROM annotations WHERE id = ?").bindAll(id).run();
        AuditLog(m_db).append("annotate", *project, {{"annotation", id}, {"removed", true}});
        tx.commit();
        return true;
    } catch (const sql::SqliteError &e) {
        problems.error("store", fmt::format("the annotation could not be removed: {}", e.what()));
        return false;
    }
}

bool AnnotationStore::setStatus(const std::string &id, const std::string &status, Problems &problems)
{
    if (status != "open" && status != "resolved") {
        problems.error(id, fmt::format("\"{}\" is not open or resolved", status));
        return false;
    }
    try {
        sql::Transaction tx(m_db);
        const auto project = projectOf(id, problems);
        if (!project)
            return false;
        m_db.prepare("UPDATE annotations SET status = ?, updated = ? WHERE id = ?").bindAll(status, utcNow(), id).run();
        AuditLog(m_db).append("annotate", *project, {{"annotation", id}, {"status", status}});
        tx.commit();
        return true;
    } catch (const sql::SqliteError &e) {
        problems.error("store", fmt::format("the annotation could not be changed: {}", e.what()));
        return false;
    }
}

namespace {
constexpr const char *kColumns = "SELECT id, project_id, revision_id, target_json, severity, status, text, created, "
                                 "updated, author FROM annotations ";

Annotation readRow(sql::Statement &st)
{
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
    return a;
}
} // namespace

std::optional<Annotation> AnnotationStore::find(const std::string &id) const
{
    auto st = m_db.prepare(std::string(kColumns) + "WHERE id = ?");
    st.bindAll(id);
    if (!st.step())
        return std::nullopt;
    return readRow(st);
}

std::vector<Annotation> AnnotationStore::forRevision(std::int64_t revisionId) const
{
    std::vector<Annotation> out;
    auto st = m_db.prepare(std::string(kColumns) + "WHERE revision_id = ? ORDER BY created, id");
    st.bindAll(revisionId);
    while (st.step())
        out.push_back(readRow(st));
    return out;
}

} // namespace mltrl
