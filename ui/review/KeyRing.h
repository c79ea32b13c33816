#pragma once
/// Where the workbench keeps the reviewer's signing setup: a folder (by default the one
/// `mltrl keygen` writes to) holding the workbench key, `signing-key.json` (which key signs
/// and the identity it signs as, also for an OpenSSH key kept elsewhere) and the
/// `allowed_signers` file the reviews are checked against.
#include "common/Problems.h"
#include "review/ReviewRecord.h"

#include <filesystem>
#include <optional>

namespace mltrl::ui {

struct SigningKeyChoice {
    std::filesystem::path keyFile;
    ReviewerIdentity identity;   ///< name, email, role and the public key
    bool openSsh = false;        ///< an OpenSSH private key: signed through ssh-keygen
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

private:
    std::filesystem::path m_dir;
};

} // namespace mltrl::ui
