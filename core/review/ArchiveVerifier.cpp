#include "core/review/ArchiveVerifier.h"

#include "core/import/ArchiveCheck.h"
#include "core/import/MetricIngest.h"
#include "core/import/StagedArchive.h"
#include "core/store/BlobStore.h"

#include <QTemporaryDir>

namespace mltrl {

bool ArchiveVerification::passed() const
{
    if (!archiveOk)
        return false;
    for (const ArchiveReview &r : reviews) {
        if (!r.check.isValid())
            return false;
        if (signersChecked && !r.check.trusted())
            return false;
    }
    return true;
}

ArchiveVerification verifyArchive(const std::filesystem::path &source, const AllowedSigners *signers,
                                  const ReviewerRoles *roles)
{
    ArchiveVerification out;
    out.signersChecked = signers != nullptr;
    QTemporaryDir scratch;
    if (!scratch.isValid()) {
        out.problems.error(source.string(), "cannot create a temporary folder to verify in");
        return out;
    }
    BlobStore staging(std::filesystem::path(scratch.path().toStdString()));
    StagedArchive staged(staging);
    if (!staged.read(source, out.problems, {}, nullptr, {}))
        return out;
    const std::optional<CheckedArchive> checked = checkStagedArchive(staged, source.filename().string(), out.problems);
    if (!checked)
        return out;
    const bool metricsOk = MetricIngest().run(staged, checked->manifest, out.problems, {}, nullptr);
    out.archiveOk = metricsOk && !out.problems.hasErrors();

    out.reviews = verifyArchiveReviews(staged, *checked, ReviewVerifier(signers));
    std::vector<ReviewCheck> checks;
    for (const ArchiveReview &r : out.reviews)
        checks.push_back(r.check);
    out.standings = reviewStandings(checks, checked->manifest.gates, roles);
    for (const Gate &g : checked->manifest.gates) {
        out.gates.emplace_back(g.id, gateStatus(g, checks, out.standings));
        if (passedWithoutReview(checked->manifest, g, out.gates.back().second))
            out.unreviewedPassages.push_back(g.id);
    }
    return out;
}

} // namespace mltrl
