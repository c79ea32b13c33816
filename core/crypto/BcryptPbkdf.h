#pragma once
/// bcrypt_pbkdf (OpenBSD; the KDF of passphrase-protected OpenSSH private keys, "bcrypt" in
/// PROTOCOL.key) and the Blowfish it is built on. Implemented here because OpenSSL has neither
/// the KDF nor the "expensive" Blowfish key schedule it needs.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mltrl {

/// `keyLength` bytes derived from `passphrase` and `salt` with `rounds` rounds, exactly as
/// OpenBSD's bcrypt_pbkdf(3). nullopt for invalid parameters (empty passphrase or salt, no
/// rounds, a key over 1024 bytes).
[[nodiscard]] std::optional<std::string> bcryptPbkdf(std::string_view passphrase, std::string_view salt,
                                                     std::size_t keyLength, unsigned rounds);

/// One Blowfish block (for the tests: Eric Young's vectors check the cipher underneath).
[[nodiscard]] std::uint64_t blowfishEncryptBlock(std::string_view key, std::uint64_t block);

} // namespace mltrl
