#pragma once
/// Standard base64 (RFC 4648 §4, "+/" alphabet). Decoding is strict: only alphabet
/// characters, no whitespace, correct padding, and the unused low bits of the last
/// character must be zero (as OpenSSH's b64_pton demands), so every byte string has
/// exactly one accepted encoding.
#include <optional>
#include <string>
#include <string_view>

namespace mltrl {

enum class Base64Padding {
    Padded,   ///< "=" pads to a multiple of 4 characters (the standard form)
    Unpadded, ///< no "=" (OpenSSH's SHA256 fingerprints)
};

[[nodiscard]] std::string base64Encode(std::string_view bytes, Base64Padding padding = Base64Padding::Padded);

/// The decoded bytes, or nullopt when `text` is not strictly valid in the given form.
[[nodiscard]] std::optional<std::string> base64Decode(std::string_view text,
                                                      Base64Padding padding = Base64Padding::Padded);

} // namespace mltrl
