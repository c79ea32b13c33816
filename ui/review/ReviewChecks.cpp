#include "ui/review/ReviewChecks.h"

#include "core/review/AnnotationStore.h"
#include "core/review/KeyRing.h"
#include "core/review/OpenAnnotations.h"
#include "core/review/ReviewBuilder.h"
#include "core/review/ReviewDraft.h"
#include "core/store/RevisionData.h"
#include "core/store/Store.h"
#include "ui/common/Counted.h"

#include <QObject>
#include <QStringList>

#include <algorithm>
#include <filesystem>

namespace mltrl::ui {

WorkbenchTrust workbenchTrust()
{
    Problems problems; // malformed lines never match; the trust dialog shows them
    return KeyRing().trust(problems);
}

VerifiedReviews verifyProjectReviews(Store &store, const RevisionData &revision, const WorkbenchTrust &trust)
{
    return mltrl::verifyProjectReviews(store, revision, trust.signersPtr(), trust.rolesPtr());
}

QString gateStatusText(const GateStatus &status, bool passedWithoutReview)
{
    QString text = QString::fromStdString(describe(status));
    if (passedWithoutReview)
        text += QObject::tr(" — passed without a signed review in this store");
    return text;
}

QString ruleProblemText(const RuleProblem &problem)
{
    return QString::fromStdString(problem.toString());
}

std::optional<CurrentGateStatus> currentGateStatus(Store &store, const RevisionData &revision,
                                                   const std::string &gateId)
{
    const Gate *gate = revision.manifest.findGate(gateId);
    if (!gate)
        return std::nullopt;
    const VerifiedReviews reviews = verifyProjectReviews(store, revision, workbenchTrust());
    CurrentGateStatus out;
    out.status = gateStatus(*gate, reviews.checks, reviews.standings);
    out.passedWithoutReview = passedWithoutReview(revision.manifest, *gate, out.status);
    return out;
}

QString criterionOfProblem(const QString &problem)
{
    // "G1 verdicts/<id>: …" or "G2 verdicts/<id>/note: …" (criterion ids have no '/' or ':').
    const int at = problem.indexOf(QStringLiteral(" verdicts/"));
    if (at < 0 || at > 6)
        return {};
    const int start = at + 10;
    int end = start;
    while (end < problem.size() && problem[end] != QLatin1Char('/') && problem[end] != QLatin1Char(':'))
        ++end;
    return problem.mid(start, end - start);
}

QString trustText(SignerTrust trust)
{
    switch (trust) {
    case SignerTrust::Trusted:
        return QObject::tr("trusted");
    case SignerTrust::NotAllowedForNamespace:
        return QObject::tr("not allowed for this namespace");
    case SignerTrust::NotValidAtTime:
        return QObject::tr("not valid at this time");
    case SignerTrust::Unknown:
        break;
    }
    return QObject::tr("unknown signer");
}

std::vector<std::string> conditionLines(const QString &text)
{
    std::vector<std::string> out;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        const QString t = line.trimmed();
        if (!t.isEmpty())
            out.push_back(t.toStdString());
    }
    return out;
}

std::optional<ReviewInput> signingInput(const RevisionData &revision, const std::vector<Annotation> &annotations,
                                        const ReviewDraft &draft, QStringList &problems)
{
    const Gate *gate = revision.manifest.findGate(draft.gate);
    if (!gate) {
        problems << QObject::tr("Choose a gate of this revision.");
        return std::nullopt;
    }
    // The rule book decides (G1, G2): the same words the CLI prints. A suggestion is not a
    // verdict until the reviewer accepts it.
    ReviewInput input = toReviewInput(draft);
    for (const RuleProblem &p : checkDecision(*gate, decisionOf(input)))
        problems << ruleProblemText(p);
    const std::vector<std::string> blockers =
        attachOpenAnnotations(input, annotations, [&draft](const std::string &id) { return draft.isAcknowledged(id); });
    if (!blockers.empty())
        problems << QObject::tr("Acknowledge the %1 before an advance.")
                        .arg(counted(static_cast<qsizetype>(blockers.size()), QObject::tr("open blocker annotation")));
    if (!problems.isEmpty())
        return std::nullopt;
    return input;
}

} // namespace mltrl::ui
