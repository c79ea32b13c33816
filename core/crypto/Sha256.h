#pragma once
/// SHA-256 (incremental and one-shot) and SHA-512 (one-shot, for SSHSIG), backed by
/// OpenSSL's EVP interface so the CPU's SHA extensions are used: the importer hashes
/// archives of a gigabyte and more.
#include "core/common/Cancel.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mltrl {

using Sha256Digest = std::array<std::uint8_t, 32>;
using Sha512Digest = std::array<std::uint8_t, 64>;

/// Incremental SHA-256. Feed bytes with update(), then finish() returns the digest and
/// resets the object so it can hash the next input.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(Sha256 &&) noexcept;
    Sha256 &operator=(Sha256 &&) noexcept;
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void update(std::span<const char> bytes);
    void update(std::string_view bytes) { update(std::span<const char>(bytes.data(), bytes.size())); }
    void update(std::span<const std::uint8_t> bytes);

    /// The digest of everything fed since construction or the last finish().
    [[nodiscard]] Sha256Digest finish();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Lowercase hexadecimal, two digits per byte.
[[nodiscard]] std::string toHex(std::span<const std::uint8_t> bytes);

[[nodiscard]] Sha256Digest sha256(std::string_view bytes);
/// Lowercase hex SHA-256, the form the manifest and reviews use.
[[nodiscard]] std::string sha256Hex(std::string_view bytes);
[[nodiscard]] Sha512Digest sha512(std::string_view bytes);

/// Hashes a file in 1 MiB reads. Returns nullopt (and says why in `error`) when the file
/// cannot be opened or read, or when `cancel` is set.
[[nodiscard]] std::optional<Sha256Digest> sha256File(const std::filesystem::path &path, std::string *error = nullptr,
                                                     const CancelToken *cancel = nullptr,
                                                     const ProgressFn &progress = {});

} // namespace mltrl
