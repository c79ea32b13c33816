#include "review/ReviewChecks.h"

#include "review/AnnotationStore.h"
#include "review/KeyRing.h"
#include "review/ReviewBuilder.h"
#include "review/ReviewDraft.h"
#include "store/RevisionData.h"
#include "store/Store.h"

#include <QObject>
#include <QStringList>

#include <algorithm>
#include <filesystem>

namespace mltrl::ui {

std::optional<AllowedSigners> workbenchAllowedSigners()
{
    const std::filesystem::path file = KeyRing().allowedSignersFile();
    if (!std::filesystem::exists(file))
        return std::nullopt;
    Problems problems;   // malformed lines never match; the trust dialog shows them
    return AllowedSigners::load(file, problems);
}

VerifiedReviews verifyProjectReviews(Store &store, const RevisionData &revision, const AllowedSigners *signers)
{
    VerifiedReviews out;
    const ReviewContext context = contextOf(revision);
    const ReviewVerifier verifier(signers);
    out.stored = ReviewStore(store.db()).forProject(revision.overview.id);
    for (const StoredReview &r : out.stored)
        out.checks.push_back(verifier.verify(r.record, r.signature, r.id, context));
    return out;
}

QString gateStatusText(const GateStatus &status)
{
    QString text = QString::fromUtf8(toString(status.state).data());
    if (status.state == GateState::Open && !status.missing.empty()) {
        QStringList missing;
        for (const std::string &m : status.missing)
            missing << QString::fromStdString(m);
        text += QObject::tr(" — missing: %1").arg(missing.join(QStringLiteral(", ")));
    }
    return text;
}

std::optional<GateStatus> currentGateStatus(Store &store, const RevisionData &revision, const std::string &gateId)
{
    const Gate *gate = revision.manifest.findGate(gateId);
    if (!gate)
        return std::nullopt;
    const auto signers = workbenchAllowedSigners();
    const VerifiedReviews reviews = verifyProjectReviews(store, revision, signers ? &*signers : nullptr);
    return gateStatus(*gate, reviews.checks);
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

std::optional<ReviewInput> signingInput(Store &store, const RevisionData &revision, const ReviewDraft &draft,
                                        QStringList &problems)
{
    const Gate *gate = revision.manifest.findGate(draft.gate);
    if (!gate) {
        problems << QObject::tr("Choose a gate of this revision.");
        return std::nullopt;
    }
    ReviewInput input = toReviewInput(draft);
    addSuggestedVerdicts(input, revision);
    // A note typed beside a suggested (not yet chosen) verdict belongs to that verdict.
    for (VerdictInput &v : input.verdicts)
        if (const DraftVerdict *row = draft.verdictFor(v.criterion); row && !row->verdict && !row->note.empty())
            v.note = row->note;
    for (const Criterion &c : gate->criteria) {
        const auto v = std::find_if(input.verdicts.begin(), input.verdicts.end(),
                                    [&](const VerdictInput &x) { return x.criterion == c.id; });
        if (v == input.verdicts.end())
            problems << QObject::tr("%1: choose a verdict.").arg(QString::fromStdString(c.id));
        else if ((v->verdict == "waived" || v->verdict == "not_met") && !v->note)
            problems << QObject::tr("%1: a note is required for %2.")
                            .arg(QString::fromStdString(c.id), QString::fromStdString(v->verdict));
    }
    if (input.outcome.empty())
        problems << QObject::tr("Choose an outcome.");
    if (input.outcome == "advance_with_conditions" && input.conditions.empty())
        problems << QObject::tr("List at least one condition.");
    if (input.outcome == "switchback" && (!input.toLevel || *input.toLevel >= gate->level))
        problems << QObject::tr("Choose the level to switch back to (below %1).").arg(gate->level);
    const auto annotations = AnnotationStore(store.db()).forRevision(revision.overview.revisionId);
    Problems blockers;
    if (!checkBlockersAcknowledged(draft, annotations, blockers))
        problems << QObject::tr("Acknowledge the %n open blocker annotation(s) before an advance.", nullptr,
                                static_cast<int>(blockers.errorCount()));
    for (const Annotation &a : annotations)
        if (a.status == "open")
            input.annotations.push_back(a.toRecord());
    if (!problems.isEmpty())
        return std::nullopt;
    return input;
}

} // namespace mltrl::ui
