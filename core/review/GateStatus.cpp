#include "review/GateStatus.h"

#include "crypto/SshPublicKey.h"

#include <fmt/format.h>

#include <set>

namespace mltrl {

std::string_view toString(GateState state)
{
    switch (state) {
    case GateState::Open:
        return "open";
    case GateState::Approved:
        return "approved";
    case GateState::ConditionallyApproved:
        return "conditionally approved";
    case GateState::Disputed:
        return "disputed";
    case GateState::Rejected:
        return "rejected";
    }
    return "open";
}

GateStatus gateStatus(const Gate &gate, const std::vector<ReviewCheck> &checks)
{
    // A forged record cannot retract someone else's review: only reviews whose signature
    // holds (valid or stale) supersede.
    std::set<std::string> superseded;
    for (const ReviewCheck &c : checks)
        if (c.record && c.status != ReviewStatus::Invalid && c.record->supersedes)
            superseded.insert(*c.record->supersedes);

    std::vector<const ReviewRecord *> counted;
    for (const ReviewCheck &c : checks)
        if (c.record && c.record->gate == gate.id && c.status == ReviewStatus::Valid && c.trusted()
            && !superseded.count(c.record->id))
            counted.push_back(&*c.record);

    GateStatus out;
    out.counted = static_cast<int>(counted.size());
    if (counted.empty())
        return out;
    int advancing = 0;
    bool conditional = false;
    for (const ReviewRecord *r : counted) {
        if (isAdvancing(r->decision.outcome))
            ++advancing;
        conditional = conditional || r->decision.outcome == "advance_with_conditions";
    }
    if (advancing == 0) {
        out.state = GateState::Rejected;
        return out;
    }
    if (advancing < out.counted) {
        out.state = GateState::Disputed;
        return out;
    }
    for (const Signoff &s : gate.signoffs) {
        std::set<std::string> keys;
        for (const ReviewRecord *r : counted)
            if (r->reviewer.role == s.role)
                keys.insert(canonicalPublicKey(r->reviewer.publicKey)); // one key, whatever its comment
        if (static_cast<int>(keys.size()) < s.min)
            out.missing.push_back(fmt::format("{} ({} of {})", s.role, keys.size(), s.min));
    }
    if (!out.missing.empty())
        return out; // every counted review advances, but the signoffs are not complete yet
    out.state = conditional ? GateState::ConditionallyApproved : GateState::Approved;
    return out;
}

} // namespace mltrl
