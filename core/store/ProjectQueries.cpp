#include "core/store/ProjectQueries.h"

namespace mltrl {

namespace {

std::optional<int> optInt(const sql::Statement &st, int col)
{
    const auto v = st.optInt(col);
    return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

int countRows(sql::Database &db, const char *table, std::int64_t rev)
{
    auto st = db.prepare(std::string("SELECT COUNT(*) FROM ") + table + " WHERE revision_id = ?");
    st.bindAll(rev);
    st.step();
    return st.integer(0);
}

template <typename T>
nlohmann::json orNull(const std::optional<T> &v)
{
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

} // namespace

std::vector<ProjectSummary> listProjects(sql::Database &db)
{
    std::vector<ProjectSummary> out;
    auto st = db.prepare("SELECT r.project_id, r.name, r.domain, r.number, "
                         "       (SELECT COUNT(*) FROM revisions c WHERE c.project_id = r.project_id), "
                         "       r.current_level, r.system_level, r.target_level, r.imported_at "
                         "FROM revisions r "
                         "WHERE r.number = (SELECT MAX(number) FROM revisions m WHERE m.project_id = r.project_id) "
                         "ORDER BY r.project_id");
    while (st.step()) {
        ProjectSummary p;
        p.id = st.text(0);
        p.name = st.text(1);
        p.domain = st.text(2);
        p.latestRevision = st.integer(3);
        p.revisionCount = st.integer(4);
        p.currentLevel = st.integer(5);
        p.systemLevel = optInt(st, 6);
        p.targetLevel = optInt(st, 7);
        p.importedAt = st.text(8);
        out.push_back(std::move(p));
    }
    return out;
}

std::optional<RevisionOverview> loadOverview(sql::Database &db, const std::string &projectId,
                                             std::optional<int> revision)
{
    auto st =
        db.prepare("SELECT id, project_id, name, domain, summary, number, current_level, system_level, target_level, "
                   "       manifest_sha256, imported_at, exported_at, warnings_json, "
                   "       (SELECT COUNT(*) FROM revisions c WHERE c.project_id = r.project_id) "
                   "FROM revisions r WHERE project_id = ?1 "
                   "  AND number = COALESCE(?2, (SELECT MAX(number) FROM revisions m WHERE m.project_id = ?1))");
    st.bind(1, projectId);
    st.bind(2, revision ? std::optional<std::int64_t>(*revision) : std::nullopt);
    if (!st.step())
        return std::nullopt;
    RevisionOverview o;
    o.revisionId = st.int64(0);
    o.id = st.text(1);
    o.name = st.text(2);
    o.domain = st.text(3);
    o.summary = st.text(4);
    o.revision = st.integer(5);
    o.currentLevel = st.integer(6);
    o.systemLevel = optInt(st, 7);
    o.targetLevel = optInt(st, 8);
    o.manifestSha256 = st.text(9);
    o.importedAt = st.text(10);
    o.exportedAt = st.text(11);
    for (const auto &w : nlohmann::json::parse(st.text(12)))
        o.warnings.push_back(w.get<std::string>());
    o.revisions = st.integer(13);

    auto held = db.prepare("SELECT id FROM components WHERE revision_id = ? AND held_back = 1 ORDER BY ord");
    held.bindAll(o.revisionId);
    while (held.step())
        o.heldBackBy.push_back(held.text(0));

    const std::int64_t rev = o.revisionId;
    o.counts.components = countRows(db, "components", rev);
    o.counts.evidence = countRows(db, "evidence", rev);
    o.counts.metrics = countRows(db, "metrics", rev);
    o.counts.gates = countRows(db, "gates", rev);
    o.counts.requirements = countRows(db, "requirements", rev);
    o.counts.cards = countRows(db, "cards", rev);
    o.counts.reviews = countRows(db, "reviews", rev);
    o.counts.annotations = countRows(db, "annotations", rev);

    auto gates = db.prepare("SELECT id, level, title FROM gates WHERE revision_id = ? ORDER BY ord");
    gates.bindAll(rev);
    auto crit = db.prepare("SELECT id, text, metric, aggregate, op, threshold, series, observed, suggested "
                           "FROM criteria WHERE revision_id = ? AND gate_id = ? ORDER BY ord");
    while (gates.step()) {
        GateOverview g;
        g.id = gates.text(0);
        g.level = gates.integer(1);
        g.title = gates.text(2);
        crit.bindAll(rev, g.id);
        while (crit.step()) {
            CriterionOverview c;
            c.id = crit.text(0);
            c.text = crit.text(1);
            c.metric = crit.text(2);
            c.aggregate = crit.text(3);
            c.op = crit.text(4);
            c.threshold = crit.optReal(5);
            c.series = crit.text(6);
            c.observed = crit.optReal(7);
            if (!crit.isNull(8))
                c.suggested = crit.text(8);
            g.criteria.push_back(std::move(c));
        }
        crit.reset();
        o.gates.push_back(std::move(g));
    }
    return o;
}

nlohmann::json toJson(const RevisionOverview &o)
{
    nlohmann::json gates = nlohmann::json::array();
    for (const GateOverview &g : o.gates) {
        nlohmann::json criteria = nlohmann::json::array();
        for (const CriterionOverview &c : g.criteria) {
            nlohmann::json j{
                {"id", c.id}, {"text", c.text}, {"observed", orNull(c.observed)}, {"suggested", orNull(c.suggested)}};
            if (!c.metric.empty()) {
                j["metric"] = c.metric;
                j["aggregate"] = c.aggregate;
                j["op"] = c.op;
                j["threshold"] = orNull(c.threshold);
                if (!c.series.empty())
                    j["series"] = c.series;
            }
            criteria.push_back(std::move(j));
        }
        gates.push_back({{"id", g.id}, {"level", g.level}, {"title", g.title}, {"criteria", std::move(criteria)}});
    }
    return {
        {"id", o.id},
        {"name", o.name},
        {"domain", o.domain},
        {"summary", o.summary},
        {"revision", o.revision},
        {"revisions", o.revisions},
        {"current_level", o.currentLevel},
        {"system_level", orNull(o.systemLevel)},
        {"target_level", orNull(o.targetLevel)},
        {"held_back_by", o.heldBackBy},
        {"manifest_sha256", o.manifestSha256},
        {"imported_at", o.importedAt},
        {"exported_at", o.exportedAt},
        {"counts",
         {{"components", o.counts.components},
          {"evidence", o.counts.evidence},
          {"metrics", o.counts.metrics},
          {"gates", o.counts.gates},
          {"requirements", o.counts.requirements},
          {"cards", o.counts.cards},
          {"reviews", o.counts.reviews},
          {"annotations", o.counts.annotations}}},
        {"gates", std::move(gates)},
        {"warnings", o.warnings},
    };
}

nlohmann::json toJson(const ProjectSummary &p)
{
    return {{"id", p.id},
            {"name", p.name},
            {"domain", p.domain},
            {"revision", p.latestRevision},
            {"revisions", p.revisionCount},
            {"current_level", p.currentLevel},
            {"system_level", orNull(p.systemLevel)},
            {"target_level", orNull(p.targetLevel)},
            {"imported_at", p.importedAt}};
}

} // namespace mltrl
