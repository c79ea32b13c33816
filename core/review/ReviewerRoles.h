#pragma once
/// The verifier's `reviewer_roles` file (amendment 1.1, G4): which roles each trusted
/// principal holds. One grant a line, `PRINCIPAL ROLE` — PRINCIPAL an e-mail address as in
/// allowed_signers (no wildcards), ROLE the rest of the line with leading and trailing spaces
/// removed; `#` starts a comment line; blank lines are ignored; several lines grant several
/// roles. The signer's own `reviewer.role` is only a claim: a review counts towards a gate's
/// sign-off role only when this file grants that role to its principal.
#include "core/common/Problems.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mltrl {

struct RoleGrant {
    int line = 0;
    std::string principal;
    std::string role;
};

class ReviewerRoles {
public:
    /// Parses the text; a line without a role or with a wildcard principal is reported as
    /// "<fileName>:<line>" and grants nothing.
    [[nodiscard]] static ReviewerRoles parse(std::string_view text, Problems &problems,
                                             std::string_view fileName = "reviewer_roles");
    /// Reads and parses a file (nullopt when it cannot be read; the reason is in `problems`).
    [[nodiscard]] static std::optional<ReviewerRoles> load(const std::filesystem::path &path, Problems &problems);

    /// Whether `principal` holds `role` (exact, case-sensitive matches, as OpenSSH matches
    /// principals).
    [[nodiscard]] bool grants(std::string_view principal, std::string_view role) const;
    /// The roles granted to `principal`, in file order.
    [[nodiscard]] std::vector<std::string> rolesOf(std::string_view principal) const;
    [[nodiscard]] const std::vector<RoleGrant> &grantsList() const { return m_grants; }

    /// The file's text for these grants (one line each), as the trust dialog writes it.
    [[nodiscard]] std::string toText() const;

private:
    std::vector<RoleGrant> m_grants;
};

} // namespace mltrl
