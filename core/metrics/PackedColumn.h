#pragma once
/// Lossless compact storage of one metric column (docs/store.md, "Packed metric columns").
///
/// Metric files log decimals: steps 0, 1, 2 … and values such as `0.512345`. Such a column is
/// stored as scaled integers m[i] = value × 10^k, first value plus fixed-width deltas (0, 1, 2
/// or 4 bytes each; 0 when every step is the same). A value is accepted only when decoding
/// gives back exactly its bits (`double(m) / 10^k`, the same IEEE operations on every
/// platform), so nothing is rounded; a column where any value fails (NaN, infinities, -0,
/// values with more digits than fit) is stored as its raw float64 array instead. A 5-million
/// point `step,value` series takes 10 MB instead of 80 MB.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace mltrl::packed_column {

/// Size of the header before the deltas: codec, k, width, 5 reserved bytes, first m, step.
inline constexpr std::size_t kHeaderBytes = 24;

/// The packed bytes of `values`, or an empty vector when packing would not be smaller than
/// the raw array (8 bytes per value) or would not be exact: store the raw array then. A packed
/// column is always shorter than its raw array, which is how a reader tells them apart.
[[nodiscard]] std::vector<std::byte> pack(std::span<const double> values);

/// Decodes `count` values packed by pack(). False when the bytes are not a packed column of
/// `count` values (wrong size, unknown codec): the caller reports a damaged store.
[[nodiscard]] bool unpack(std::span<const std::byte> bytes, std::size_t count, std::vector<double> &out);

} // namespace mltrl::packed_column
