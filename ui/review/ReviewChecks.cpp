#include "review/ReviewChecks.h"

#include "review/KeyRing.h"
#include "review/ReviewBuilder.h"
#include "store/RevisionData.h"
#include "store/Store.h"

#include <QObject>
#include <QStringList>

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

} // namespace mltrl::ui
