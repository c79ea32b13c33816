#pragma once
/// Gate status (§6), derived from the reviews of a gate, never stored. Counted are the
/// reviews that are valid, not stale, not superseded, and whose signer is trusted.
#include "manifest/Manifest.h"
#include "review/ReviewVerifier.h"

#include <string>
#include <string_view>
#include <vector>

namespace mltrl {

enum class GateState { Open, Approved, ConditionallyApproved, Disputed, Rejected };

/// "open", "approved", "conditionally approved", "disputed", "rejected".
[[nodiscard]] std::string_view toString(GateState state);

struct GateStatus {
    GateState state = GateState::Open;
    int counted = 0;                      ///< reviews that count
    std::vector<std::string> missing;     ///< signoff roles still short, e.g. "clinical reviewer (0 of 1)"
};

/// The status of `gate` from `checks` (the verified reviews of the project; reviews of other
/// gates are ignored). A review is superseded when any review whose signature holds names it
/// in `supersedes`. Several reviews by one key count once towards a role.
[[nodiscard]] GateStatus gateStatus(const Gate &gate, const std::vector<ReviewCheck> &checks);

} // namespace mltrl
