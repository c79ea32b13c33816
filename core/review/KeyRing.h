#pragma once
/// Where a reviewer's signing setup is kept, for the workbench and the CLI alike: a folder (by
/// default the one `mltrl keygen` writes to) holding the workbench key, `signing-key.json`
/// (which key signs and the identity it signs as, also for an OpenSSH key kept elsewhere), the
/// `allowed_signers` file the reviews are checked against and `reviewer_roles` (G4).
#include "core/common/Problems.h"
#include "core/crypto/AllowedSigners.h"
#include "core/review/ReviewRecord.h"
#include "core/review/ReviewerRoles.h"

#include <filesystem>
#include <optional>

namespace mltrl {

struct SigningKeyChoice {
    std::filesystem::path keyFile;
    ReviewerIdentity identity; ///< name, email, role and the public key
    bool openSsh = false;      ///< an OpenSSH private key: signed through ssh-keygen
};

/// The verifier's trust kept in a keys folder: who may sign (allowed_signers) and which roles
/// they hold (reviewer_roles, G4); each absent when its file is.
struct KeyRingTrust {
    std::optional<AllowedSigners> signers;
    std::optional<ReviewerRoles> roles;

    [[nodiscard]] const AllowedSigners *signersPtr() const { return signers ? &*signers : nullptr; }
    [[nodiscard]] const ReviewerRoles *rolesPtr() const { return roles ? &*roles : nullptr; }
};

class KeyRing {
public:
    /// `dir` empty: the folder of defaultReviewerKeyFile().
    explicit KeyRing(std::filesystem::path dir = {});

    [[nodiscard]] const std::filesystem::path &dir() const { return m_dir; }
    /// Where a new workbench key is written.
    [[nodiscard]] std::filesystem::path newKeyFile() const { return m_dir / "id_mltrl_ed25519"; }
    [[nodiscard]] std::filesystem::path allowedSignersFile() const { return m_dir / "allowed_signers"; }
    /// The roles granted to trusted signers (G4), beside allowed_signers.
    [[nodiscard]] std::filesystem::path reviewerRolesFile() const { return m_dir / "reviewer_roles"; }

    /// The chosen key; else the workbench key when one exists; else nullopt (first use).
    [[nodiscard]] std::optional<SigningKeyChoice> current() const;
    bool setCurrent(const SigningKeyChoice &choice, Problems &problems);

    /// allowed_signers and reviewer_roles of this folder, each when it exists; what does not
    /// parse is reported in `problems` (a malformed line never matches).
    [[nodiscard]] KeyRingTrust trust(Problems &problems) const;

private:
    std::filesystem::path m_dir;
};

} // namespace mltrl
