#include "core/review/GateStatus.h"

#include "core/crypto/SshPublicKey.h"
#include "core/review/ReviewerRoles.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <numeric>
#include <string_view>

namespace mltrl {

namespace {

/// The key's identity: `type base64` of its OpenSSH line, whatever its comment.
std::string keyIdentity(std::string_view line)
{
    return canonicalPublicKey(line);
}

const Gate *findGate(const std::vector<Gate> &gates, const std::string &id)
{
    const auto it = std::find_if(gates.begin(), gates.end(), [&](const Gate &g) { return g.id == id; });
    return it == gates.end() ? nullptr : &*it;
}

/// G3: which review supersedes which. A later review takes an earlier one back only when it
/// names it, reviews the same gate, was signed with the same key, and is itself valid and
/// not stale (a stale review cannot retract one that still holds; it can retract one that is
/// stale too, so a packet of a later revision still shows the signer's correction).
void resolveSupersedes(const std::vector<ReviewCheck> &checks, std::vector<ReviewStanding> &out)
{
    std::map<std::string, std::size_t> byId;
    for (std::size_t i = 0; i < checks.size(); ++i)
        if (checks[i].record)
            byId.emplace(checks[i].record->id, i);
    for (std::size_t s = 0; s < checks.size(); ++s) {
        const ReviewCheck &c = checks[s];
        if (!c.record || !c.record->supersedes || c.status == ReviewStatus::Invalid)
            continue;
        const ReviewRecord &r = *c.record;
        const std::string &target = *r.supersedes;
        const auto it = byId.find(target);
        if (it == byId.end()) {
            out[s].warnings.push_back(fmt::format("names {} as superseded, but no such review is here", target));
            continue;
        }
        const ReviewRecord &old = *checks[it->second].record;
        if (it->second == s)
            continue;
        if (keyIdentity(old.reviewer.publicKey) != keyIdentity(r.reviewer.publicKey)) {
            out[s].warnings.push_back(fmt::format(
                "names {} as superseded but was signed by a different key; {} keeps counting", target, target));
            continue;
        }
        if (old.gate != r.gate) {
            out[s].warnings.push_back(
                fmt::format("names {} as superseded, but that review is of gate \"{}\"", target, old.gate));
            continue;
        }
        // A stale review cannot retract one that still holds; between two reviews that are both
        // stale (a later revision changed what both bound) the signer's own correction stands.
        if (c.status == ReviewStatus::Stale && checks[it->second].status != ReviewStatus::Stale) {
            out[s].warnings.push_back(
                fmt::format("names {} as superseded but is stale itself; {} keeps counting", target, target));
            continue;
        }
        // Several same-key reviews may name one review: the latest signed one replaced it.
        std::optional<std::size_t> &by = out[it->second].supersededBy;
        if (!by || checks[*by].record->signedAt < r.signedAt)
            by = s;
    }
}

/// Largest number of distinct signers placed on sign-off roles, each signer at most once,
/// each role up to its `min`: a bipartite matching of signers to the roles' places (Kuhn's
/// augmenting paths; a gate has a handful of signers and places).
std::vector<int> fillRoles(const std::vector<Signoff> &signoffs, const std::vector<std::vector<bool>> &canFill)
{
    std::vector<std::size_t> roleOfPlace;
    for (std::size_t r = 0; r < signoffs.size(); ++r)
        for (int k = 0; k < std::min(signoffs[r].min, 1000); ++k)
            roleOfPlace.push_back(r);
    std::vector<int> holder(roleOfPlace.size(), -1);
    std::function<bool(std::size_t, std::vector<bool> &)> place = [&](std::size_t signer, std::vector<bool> &seen) {
        for (std::size_t slot = 0; slot < roleOfPlace.size(); ++slot) {
            if (seen[slot] || !canFill[signer][roleOfPlace[slot]])
                continue;
            seen[slot] = true;
            if (holder[slot] < 0 || place(static_cast<std::size_t>(holder[slot]), seen)) {
                holder[slot] = static_cast<int>(signer);
                return true;
            }
        }
        return false;
    };
    for (std::size_t signer = 0; signer < canFill.size(); ++signer) {
        std::vector<bool> seen(roleOfPlace.size(), false);
        place(signer, seen);
    }
    std::vector<int> have(signoffs.size(), 0);
    for (std::size_t slot = 0; slot < roleOfPlace.size(); ++slot)
        if (holder[slot] >= 0)
            ++have[roleOfPlace[slot]];
    return have;
}

/// Groups reviews by signer: one key, or one principal, is one signer (union of both).
std::vector<std::size_t> signerGroups(const std::vector<const ReviewRecord *> &reviews)
{
    std::vector<std::size_t> parent(reviews.size());
    std::iota(parent.begin(), parent.end(), std::size_t{0});
    std::function<std::size_t(std::size_t)> root = [&](std::size_t i) {
        return parent[i] == i ? i : parent[i] = root(parent[i]);
    };
    for (std::size_t i = 0; i < reviews.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (keyIdentity(reviews[i]->reviewer.publicKey) == keyIdentity(reviews[j]->reviewer.publicKey) ||
                reviews[i]->reviewer.email == reviews[j]->reviewer.email)
                parent[root(i)] = root(j);
    std::vector<std::size_t> out(reviews.size());
    for (std::size_t i = 0; i < reviews.size(); ++i)
        out[i] = root(i);
    return out;
}

} // namespace

std::string_view toString(GateState state)
{
    switch (state) {
    case GateState::Open:
        return "open";
    case GateState::Approved:
        return "approved";
    case GateState::ApprovedWithConditions:
        return "approved with conditions";
    case GateState::Held:
        return "held";
    case GateState::SwitchedBack:
        return "switched back";
    case GateState::Disputed:
        return "disputed";
    }
    return "open";
}

std::vector<ReviewStanding> reviewStandings(const std::vector<ReviewCheck> &checks, const std::vector<Gate> &gates,
                                            const ReviewerRoles *roles)
{
    std::vector<ReviewStanding> out(checks.size());
    resolveSupersedes(checks, out);
    for (std::size_t i = 0; i < checks.size(); ++i) {
        const ReviewCheck &c = checks[i];
        if (!c.record)
            continue;
        const ReviewRecord &r = *c.record;
        out[i].roleGranted = roles && !r.reviewer.role.empty() && roles->grants(r.reviewer.email, r.reviewer.role);
        const Gate *gate = findGate(gates, r.gate);
        out[i].counted = gate && c.status == ReviewStatus::Valid && c.trusted() && !out[i].supersededBy &&
                         (gate->signoffs.empty() || out[i].roleGranted);
    }
    return out;
}

GateStatus gateStatus(const Gate &gate, const std::vector<ReviewCheck> &checks,
                      const std::vector<ReviewStanding> &standings)
{
    GateStatus out;
    std::vector<const ReviewRecord *> counted;
    for (std::size_t i = 0; i < checks.size() && i < standings.size(); ++i)
        if (standings[i].counted && checks[i].record && checks[i].record->gate == gate.id) {
            counted.push_back(&*checks[i].record);
            out.countedReviews.push_back(i);
        }
    out.counted = static_cast<int>(counted.size());

    // Sign-off places are filled by advancing reviews; a signer fills at most one place.
    std::vector<const ReviewRecord *> advancing;
    for (const ReviewRecord *r : counted)
        if (isAdvancing(r->decision.outcome))
            advancing.push_back(r);
    const std::vector<std::size_t> group = signerGroups(advancing);
    std::vector<std::size_t> signers(group);
    std::sort(signers.begin(), signers.end());
    signers.erase(std::unique(signers.begin(), signers.end()), signers.end());
    std::vector<std::vector<bool>> canFill(signers.size(), std::vector<bool>(gate.signoffs.size(), false));
    for (std::size_t i = 0; i < advancing.size(); ++i) {
        const std::size_t p =
            static_cast<std::size_t>(std::lower_bound(signers.begin(), signers.end(), group[i]) - signers.begin());
        for (std::size_t r = 0; r < gate.signoffs.size(); ++r)
            canFill[p][r] = canFill[p][r] || advancing[i]->reviewer.role == gate.signoffs[r].role;
    }
    const std::vector<int> have = fillRoles(gate.signoffs, canFill);
    for (std::size_t r = 0; r < gate.signoffs.size(); ++r) {
        const Signoff &s = gate.signoffs[r];
        out.roles.push_back({s.role, s.min, have[r]});
        if (have[r] < s.min)
            out.missing.push_back(fmt::format("{}: {} of {}", s.role, have[r], s.min));
    }

    if (counted.empty())
        return out;
    const auto says = [&](std::string_view outcome) {
        return std::count_if(counted.begin(), counted.end(),
                             [&](const ReviewRecord *r) { return r->decision.outcome == outcome; });
    };
    const std::size_t advances = advancing.size();
    if (advances == counted.size()) {
        if (out.missing.empty())
            out.state = says("advance_with_conditions") > 0 ? GateState::ApprovedWithConditions : GateState::Approved;
        return out; // every counted review advances, but the sign-offs are not complete yet
    }
    if (advances > 0) {
        out.state = GateState::Disputed;
        return out;
    }
    out.state = says("switchback") > 0 ? GateState::SwitchedBack : GateState::Held;
    return out;
}

GateStatus gateStatus(const Gate &gate, const std::vector<ReviewCheck> &checks, const ReviewerRoles *roles)
{
    return gateStatus(gate, checks, reviewStandings(checks, {gate}, roles));
}

bool passedWithoutReview(const Manifest &manifest, const Gate &gate, const GateStatus &status)
{
    if (status.counted > 0)
        return false;
    return std::any_of(manifest.history.begin(), manifest.history.end(), [&](const HistoryEntry &h) {
        if (h.kind != HistoryKind::Advance)
            return false;
        if (h.gate == gate.id)
            return true;
        return h.from && *h.from <= gate.level && h.to > gate.level;
    });
}

std::string describe(const GateStatus &status)
{
    std::string text(toString(status.state));
    if (!status.missing.empty())
        text += fmt::format(" — missing: {}", fmt::join(status.missing, ", "));
    return text;
}

} // namespace mltrl
