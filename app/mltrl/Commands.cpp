#include "Commands.h"

#include "Output.h"
#include "ReviewTrust.h"
#include "core/import/Importer.h"
#include "core/sqlite/Database.h"
#include "core/store/ProjectQueries.h"
#include "core/store/RevisionData.h"
#include "core/store/Store.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>
#include <memory>

namespace mltrl::cli {

std::unique_ptr<Store> openStore(const CommandLine &cl)
{
    Problems problems;
    auto store = Store::open(Store::resolveLocation(cl.store()), problems);
    if (!store)
        printProblems(problems);
    return store;
}

namespace {
constexpr std::string_view kReadOnlyHint = "it can be read (list, show, diff, packet) but not written";
}

std::unique_ptr<Store> openStoreForWriting(const CommandLine &cl)
{
    auto store = openStore(cl);
    if (store && store->readOnly()) {
        printError(store->dir().string(),
                   fmt::format("the store is read-only: {}; {}", store->readOnlyReason(), kReadOnlyHint));
        return nullptr;
    }
    return store;
}

std::string storeErrorMessage(const sql::SqliteError &error)
{
    if (error.isReadOnly())
        return fmt::format("the store is read-only ({}); {}", error.what(), kReadOnlyHint);
    return fmt::format("store: {}", error.what());
}

namespace {

std::string levelText(const std::optional<int> &level)
{
    return level ? std::to_string(*level) : "-";
}

/// "1 component, 3 evidence files, …" with each noun in its right number.
std::string countsText(const RevisionCounts &c)
{
    return joined({counted(c.components, "component"), counted(c.evidence, "evidence file"),
                   counted(c.metrics, "metric"), counted(c.requirements, "requirement"), counted(c.cards, "card"),
                   counted(c.gates, "gate")});
}

} // namespace

int runValidate(const CommandLine &cl)
{
    cl.expect({"--json"}, {}, 1, 1);
    const std::string &archive = cl.positional()[0];
    Problems problems;
    const bool ok = validateArchive(archive, problems);
    if (!ok && !problems.hasErrors())
        problems.error(archive, "rejected");
    if (cl.flag("--json")) {
        printJson({{"archive", archive},
                   {"valid", ok},
                   {"errors", problems.errorCount()},
                   {"warnings", problems.warningCount()},
                   {"problems", problemsJson(problems)}});
        return ok ? 0 : 1;
    }
    printProblems(problems);
    if (!ok)
        return 1;
    out("{}: valid ({})\n", archive, counted(problems.warningCount(), "warning"));
    return 0;
}

int runImport(const CommandLine &cl)
{
    cl.expect({}, {}, 1, 1);
    auto store = openStoreForWriting(cl);
    if (!store)
        return 1;
    const std::string &archive = cl.positional()[0];
    Problems problems;
    const ImportResult result = importArchive(*store, archive, problems);
    printProblems(problems);
    switch (result.outcome) {
    case ImportResult::Outcome::Imported:
        out("imported {} revision {}\n", result.projectId, result.revision);
        return 0;
    case ImportResult::Outcome::AlreadyPresent:
        out("{} revision {} already holds this content; nothing new was imported\n", result.projectId, result.revision);
        return 0;
    case ImportResult::Outcome::Cancelled:
        printError(archive, "import cancelled; the store is unchanged");
        return 1;
    case ImportResult::Outcome::Rejected:
    case ImportResult::Outcome::Failed:
        printError(archive, "not imported; the store is unchanged");
        return 1;
    }
    return 1;
}

int runList(const CommandLine &cl)
{
    cl.expect({"--json"}, {}, 0, 0);
    auto store = openStore(cl);
    if (!store)
        return 1;
    const auto projects = listProjects(store->db());
    if (cl.flag("--json")) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto &p : projects)
            list.push_back(toJson(p));
        printJson(list);
        return 0;
    }
    if (projects.empty()) {
        out("No projects in {}\n", store->dir().string());
        return 0;
    }
    out("{:<24} {:>8} {:>7} {:>6} {:>6}  {}\n", "PROJECT", "REVISION", "CURRENT", "SYSTEM", "TARGET", "NAME");
    for (const auto &p : projects)
        out("{:<24} {:>8} {:>7} {:>6} {:>6}  {}\n", p.id, p.latestRevision, p.currentLevel, levelText(p.systemLevel),
            levelText(p.targetLevel), p.name);
    return 0;
}

int runShow(const CommandLine &cl)
{
    cl.expect({"--json"}, {"--revision", "--allowed-signers", "--reviewer-roles"}, 1, 1);
    const std::string &project = cl.positional()[0];
    const std::optional<int> revision = cl.intValue("--revision"); // usage errors before any store is touched
    const auto trust = loadTrust(cl);
    if (!trust)
        return 1;
    auto store = openStore(cl);
    if (!store)
        return 1;
    const auto overview = loadOverview(store->db(), project, revision);
    if (!overview) {
        printError(revision ? fmt::format("project \"{}\" has no revision {}", project, *revision)
                            : fmt::format("no project \"{}\" in {}", project, store->dir().string()));
        return 1;
    }
    // Gate statuses from the signed reviews (G6), and passages without one (G7).
    Problems problems;
    const auto data = loadRevision(*store, project, overview->revision, problems);
    std::map<std::string, GateReport> statusOf;
    std::optional<ProjectReviews> reviews;
    if (data) {
        reviews = projectReviews(*store, *data, *trust);
        for (const GateReport &g : reviews->gates)
            statusOf.emplace(g.gate->id, g);
    }
    if (cl.flag("--json")) {
        nlohmann::json doc = toJson(*overview);
        if (doc.contains("gates") && doc["gates"].is_array())
            for (nlohmann::json &g : doc["gates"]) {
                const auto it = statusOf.find(g.value("id", std::string()));
                if (it == statusOf.end())
                    continue;
                const nlohmann::json s = gateJson(it->second);
                for (const char *key : {"status", "counted", "roles", "missing", "unreviewed_passage"})
                    g[key] = s[key];
            }
        if (data) {
            // Each evidence item; DICOM ones with their de-identification check (docs/dicom.md).
            nlohmann::json evidence = nlohmann::json::array();
            for (const Evidence &e : data->manifest.evidence) {
                nlohmann::json item{{"id", e.id}, {"path", e.path}, {"media_type", e.mediaType}};
                if (const dicom::DeidentificationCheck *check = data->dicomCheck(e.id))
                    item["deidentification"] = check->toJson();
                evidence.push_back(std::move(item));
            }
            doc["evidence"] = std::move(evidence);
            // Unlisted images the revision's Markdown shows, stored with it (docs/archive-format.md).
            nlohmann::json assets = nlohmann::json::array();
            for (const auto &[path, file] : data->assets)
                assets.push_back({{"path", path}, {"sha256", file.sha256}, {"size", file.size}});
            doc["assets"] = std::move(assets);
        }
        printJson(doc);
        return 0;
    }
    const RevisionOverview &o = *overview;
    out("{} — {} ({})\n", o.id, o.name, o.domain);
    out("revision {} of {}, imported {}\n", o.revision, o.revisions, o.importedAt);
    out("level: current {}, system {}, target {}\n", o.currentLevel, levelText(o.systemLevel),
        levelText(o.targetLevel));
    if (!o.heldBackBy.empty())
        out("held back by: {}\n", joined(o.heldBackBy));
    out("{}\n", countsText(o.counts));
    for (const GateOverview &g : o.gates) {
        out("\n{} (level {}): {}\n", g.id, g.level, g.title);
        if (const auto it = statusOf.find(g.id); it != statusOf.end())
            out("  status: {}\n", gateText(it->second));
        for (const CriterionOverview &c : g.criteria) {
            if (c.metric.empty()) {
                out("  {:<16} qualitative — {}\n", c.id, c.text);
                continue;
            }
            const std::string observed = c.observed ? fmt::format("{}", *c.observed) : "no value";
            const std::string threshold = c.threshold ? fmt::format("{}", *c.threshold) : "?";
            out("  {:<16} {}({}) = {} {} {} → {}\n", c.id, c.aggregate, c.metric, observed, c.op, threshold,
                c.suggested.value_or("no suggestion"));
        }
    }
    // The import's warnings, stored as "WHERE: WHAT", in the diagnostic form again.
    for (const std::string &w : o.warnings) {
        const std::size_t colon = w.find(": ");
        const bool located = colon != std::string::npos && w.find(' ') > colon;
        printWarning(located ? w.substr(0, colon) : "", located ? w.substr(colon + 2) : w);
    }
    return 0;
}

} // namespace mltrl::cli
