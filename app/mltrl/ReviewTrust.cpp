#include "ReviewTrust.h"

#include "Output.h"
#include "core/review/KeyRing.h"
#include "core/review/ReviewBuilder.h"
#include "core/store/RevisionData.h"
#include "core/store/Store.h"

#include <fmt/format.h>

#include <filesystem>

namespace fs = std::filesystem;
using nlohmann::json;

namespace mltrl::cli {

std::optional<CliTrust> loadTrust(const CommandLine &cl)
{
    CliTrust out;
    const KeyRing keys; // the defaults: the keys folder's files, as the workbench reads them
    Problems problems;
    bool failed = false;
    if (const auto file = cl.value("--allowed-signers")) {
        out.signersGiven = true;
        out.signers = AllowedSigners::load(*file, problems);
        failed = !out.signers;
    } else if (std::error_code ec; fs::exists(keys.allowedSignersFile(), ec)) {
        out.signers = AllowedSigners::load(keys.allowedSignersFile(), problems);
    }
    if (const auto file = cl.value("--reviewer-roles")) {
        out.roles = ReviewerRoles::load(*file, problems);
        failed = failed || !out.roles;
    } else if (std::error_code ec; fs::exists(keys.reviewerRolesFile(), ec)) {
        out.roles = ReviewerRoles::load(keys.reviewerRolesFile(), problems);
    }
    printProblems(problems);
    if (failed)
        return std::nullopt;
    return out;
}

ProjectReviews projectReviews(Store &store, const RevisionData &revision, const CliTrust &trust)
{
    ProjectReviews out;
    static_cast<VerifiedReviews &>(out) = verifyProjectReviews(store, revision, trust.signersPtr(), trust.rolesPtr());
    for (const Gate &g : revision.manifest.gates) {
        GateReport report{&g, gateStatus(g, out.checks, out.standings), false};
        report.unreviewedPassage = passedWithoutReview(revision.manifest, g, report.status);
        out.gates.push_back(std::move(report));
    }
    return out;
}

json gateJson(const GateReport &g)
{
    json roles = json::array();
    for (const RoleTally &t : g.status.roles)
        roles.push_back({{"role", t.role}, {"min", t.required}, {"counted", t.have}});
    return {{"id", g.gate->id},
            {"level", g.gate->level},
            {"status", std::string(toString(g.status.state))},
            {"counted", g.status.counted},
            {"roles", roles},
            {"missing", g.status.missing},
            {"unreviewed_passage", g.unreviewedPassage}};
}

std::string gateText(const GateReport &g)
{
    std::string text = describe(g.status);
    if (g.unreviewedPassage)
        text += " — passed without a signed review in this store";
    return text;
}

std::string supersededText(const StoredReview &by)
{
    return fmt::format("superseded by {}, {}, {}", by.id, by.reviewerEmail, by.signedAt);
}

} // namespace mltrl::cli
