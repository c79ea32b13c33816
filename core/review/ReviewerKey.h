#pragma once
/// A reviewer's signing key on disk, as `mltrl keygen` and the workbench write it: the
/// private key in FILE as a standard OpenSSH private key (the format of `ssh-keygen -t
/// ed25519`, passphrase-encrypted the way OpenSSH does it — bcrypt KDF, aes256-ctr —, mode 0600) that
/// `ssh-keygen -y`, `ssh-keygen -Y sign` and `ssh-add` read, the OpenSSH public line
/// `<type> AAAA… NAME <EMAIL>` in FILE.pub, and name, email and role in FILE.identity.json.
/// Keys written before (PKCS#8 PEM) keep working. For a key kept elsewhere only FILE.pub is
/// required.
#include "core/common/Problems.h"
#include "core/crypto/Ed25519Key.h"
#include "core/crypto/SshPublicKey.h"
#include "core/review/ReviewRecord.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace mltrl {

/// `<GenericDataLocation>/mltrl-workbench/keys/id_mltrl_ed25519`.
[[nodiscard]] std::filesystem::path defaultReviewerKeyFile();
[[nodiscard]] std::filesystem::path identityFileOf(const std::filesystem::path &keyFile);

/// Creates the folder keys are kept in (and its missing parents); the folder itself is made
/// 0700, and the default keys folder is tightened to 0700 when it exists wider.
bool createKeysFolder(const std::filesystem::path &dir, std::error_code &ec);

/// Generates a key of `type` (Ed25519, ECDSA P-256/384/521 or RSA of `bits`, 0 = 3072) and
/// writes the three files, refusing when any of FILE, FILE.pub and FILE.identity.json exists
/// (a symbolic link there too: nothing is written through one); a missing folder is made 0700.
/// The private key is a standard OpenSSH key, encrypted as ssh-keygen does it (bcrypt KDF,
/// aes256-ctr) when a passphrase is given, in the clear otherwise. The public key, or nullopt
/// with the reason in `problems`.
std::optional<SshPublicKey> createReviewerKey(const std::filesystem::path &keyFile, const ReviewerIdentity &who,
                                              std::string_view passphrase, Problems &problems,
                                              SshKeyType type = SshKeyType::Ed25519, int bits = 0);

/// Name, email and role from FILE.identity.json beside `keyFile` (each empty when the file is
/// absent or says nothing); no public key.
[[nodiscard]] ReviewerIdentity readIdentityFile(const std::filesystem::path &keyFile);

/// The identity kept beside `keyFile`: name, email, role from FILE.identity.json (empty when
/// absent) and the public key from FILE.pub (without comment). nullopt when FILE.pub is
/// missing or not a supported public key.
std::optional<ReviewerIdentity> readReviewerIdentity(const std::filesystem::path &keyFile, Problems &problems);

/// True when `keyFile` holds an OpenSSH private key (signed through ssh-keygen).
[[nodiscard]] bool isOpenSshPrivateKey(const std::filesystem::path &keyFile);

} // namespace mltrl
