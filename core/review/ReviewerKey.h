#pragma once
/// A reviewer's signing key on disk, as `mltrl keygen` and the workbench write it: the
/// private key (PKCS#8 PEM, passphrase-encrypted, mode 0600) in FILE, the OpenSSH public line
/// `ssh-ed25519 AAAA… NAME <EMAIL>` in FILE.pub, and name, email and role in
/// FILE.identity.json. For a key kept in OpenSSH format only FILE.pub is required.
#include "common/Problems.h"
#include "crypto/Ed25519Key.h"
#include "review/ReviewRecord.h"

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

/// Generates a key and writes the three files, refusing when any of FILE, FILE.pub and
/// FILE.identity.json exists (a symbolic link there too: nothing is written through one). An
/// empty passphrase writes the private key in the clear. A missing folder is created 0700. The public key, or nullopt with
/// the reason in `problems`.
std::optional<Ed25519PublicKey> createReviewerKey(const std::filesystem::path &keyFile, const ReviewerIdentity &who,
                                                  std::string_view passphrase, Problems &problems);

/// The identity kept beside `keyFile`: name, email, role from FILE.identity.json (empty when
/// absent) and the public key from FILE.pub (without comment). nullopt when FILE.pub is
/// missing or not an Ed25519 key.
std::optional<ReviewerIdentity> readReviewerIdentity(const std::filesystem::path &keyFile, Problems &problems);

/// True when `keyFile` holds an OpenSSH private key (signed through ssh-keygen).
[[nodiscard]] bool isOpenSshPrivateKey(const std::filesystem::path &keyFile);

} // namespace mltrl
