#include "Commands.h"

#include "Output.h"
#include "ReviewTrust.h"
#include "store/RevisionData.h"
#include "import/Importer.h"
#include "store/ProjectQueries.h"
#include "store/Store.h"

#include <fmt/format.h>

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

std::string levelText(const std::optional<int> &level)
{
    return level ? std::to_string(*level) : "-";
}

} // namespace

int runValidate(const CommandLine &cl)
{
    cl.expect({}, {}, 1, 1);
    const std::string &archive = cl.positional()[0];
    Problems problems;
    const bool ok = validateArchive(archive, problems);
    printProblems(problems);
    if (!ok) {
        if (!problems.hasErrors())
            printError(fmt::format("{}: rejected", archive));
        return 1;
    }
    fmt::print("{}: valid ({} warnings)\n", archive, problems.warningCount());
    return 0;
}

int runImport(const CommandLine &cl)
{
    cl.expect({}, {}, 1, 1);
    auto store = openStore(cl);
    if (!store)
        return 1;
    const std::string &archive = cl.positional()[0];
    Problems problems;
    const ImportResult result = importArchive(*store, archive, problems);
    printProblems(problems);
    switch (result.outcome) {
    case ImportResult::Outcome::Imported:
        fmt::print("imported {} revision {}\n", result.projectId, result.revision);
        return 0;
    case ImportResult::Outcome::AlreadyPresent:
        fmt::print("{} revision {} already holds this content; nothing new was imported\n", result.projectId,
                   result.revision);
        return 0;
    case ImportResult::Outcome::Cancelled:
        printError(fmt::format("{}: import cancelled; the store is unchanged", archive));
        return 1;
    case ImportResult::Outcome::Rejected:
    case ImportResult::Outcome::Failed:
        printError(fmt::format("{}: not imported; the store is unchanged", archive));
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
        nlohmann::json out = nlohmann::json::array();
        for (const auto &p : projects)
            out.push_back(toJson(p));
        fmt::print("{}\n", out.dump(2));
        return 0;
    }
    if (projects.empty()) {
        fmt::print("No projects in {}\n", store->dir().string());
        return 0;
    }
    fmt::print("{:<24} {:>8} {:>7} {:>6} {:>6}  {}\n", "PROJECT", "REVISION", "CURRENT", "SYSTEM", "TARGET", "NAME");
    for (const auto &p : projects)
        fmt::print("{:<24} {:>8} {:>7} {:>6} {:>6}  {}\n", p.id, p.latestRevision, p.currentLevel,
                   levelText(p.systemLevel), levelText(p.targetLevel), p.name);
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
        nlohmann::json out = toJson(*overview);
        if (out.contains("gates") && out["gates"].is_array())
            for (nlohmann::json &g : out["gates"]) {
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
            out["evidence"] = std::move(evidence);
        }
        fmt::print("{}\n", out.dump(2));
        return 0;
    }
    const RevisionOverview &o = *overview;
    fmt::print("{} — {} ({})\n", o.id, o.name, o.domain);
    fmt::print("revision {} of {}, imported {}\n", o.revision, o.revisions, o.importedAt);
    fmt::print("level: current {}, system {}, target {}\n", o.currentLevel, levelText(o.systemLevel),
               levelText(o.targetLevel));
    if (!o.heldBackBy.empty())
        fmt::print("held back by: {}\n", fmt::join(o.heldBackBy, ", "));
    fmt::print("{} components, {} evidence files, {} metrics, {} requirements, {} cards, {} gates\n",
               o.counts.components, o.counts.evidence, o.counts.metrics, o.counts.requirements, o.counts.cards,
               o.counts.gates);
    for (const GateOverview &g : o.gates) {
        fmt::print("\n{} (level {}): {}\n", g.id, g.level, g.title);
        if (const auto it = statusOf.find(g.id); it != statusOf.end())
            fmt::print("  status: {}\n", gateText(it->second));
        for (const CriterionOverview &c : g.criteria) {
            if (c.metric.empty()) {
                fmt::print("  {:<16} qualitative — {}\n", c.id, c.text);
                continue;
            }
            const std::string observed = c.observed ? fmt::format("{}", *c.observed) : "no value";
            const std::string threshold = c.threshold ? fmt::format("{}", *c.threshold) : "?";
            fmt::print("  {:<16} {}({}) = {} {} {} → {}\n", c.id, c.aggregate, c.metric, observed, c.op, threshold,
                       c.suggested.value_or("no suggestion"));
        }
    }
    for (const std::string &w : o.warnings)
        fmt::print(stderr, "mltrl: warning: {}\n", w);
    return 0;
}

} // namespace mltrl::cli
