// Packed metric columns (core/metrics/PackedColumn.h). The first byte picks a mode:
//   even: the rest is a column of exact decimals (k from the second byte, the value of each
//         point a step of the next two bytes from the previous one) — packing must round-trip
//         bit for bit;
//   odd:  the rest is raw doubles — pack() may decline, but what it packs must round-trip —
//         and, read as packed bytes of any count, it must decode or be refused, never crash.
#include "FuzzCheck.h"
#include "core/metrics/PackedColumn.h"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace {

bool sameBits(const std::vector<double> &a, const std::vector<double> &b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::bit_cast<std::uint64_t>(a[i]) != std::bit_cast<std::uint64_t>(b[i]))
            return false;
    return true;
}

void roundTrip(const std::vector<double> &values, bool mustPack)
{
    const std::vector<std::byte> packed = mltrl::packed_column::pack(values);
    if (packed.empty()) {
        FUZZ_CHECK(!mustPack);
        return;
    }
    FUZZ_CHECK(packed.size() < values.size() * sizeof(double));
    std::vector<double> back;
    FUZZ_CHECK(mltrl::packed_column::unpack(packed, values.size(), back));
    FUZZ_CHECK(sameBits(back, values));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 2)
        return 0;
    std::vector<double> values;
    if (data[0] % 2 == 0) {
        static constexpr double kPow10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
        const unsigned k = data[1] % 10;
        std::int64_t m = 0;
        for (std::size_t i = 2; i + 1 < size; i += 2) {
            std::int16_t step;
            std::memcpy(&step, data + i, 2);
            m += step;
            values.push_back(static_cast<double>(m) / kPow10[k]); // what a parser gives for "m/10^k"
        }
        // Six values and more always pack, unless a value is -0 (m = 0 with k > 0 is +0: fine).
        roundTrip(values, values.size() >= 6);
        return 0;
    }
    for (std::size_t i = 1; i + 8 <= size; i += 8) {
        double v;
        std::memcpy(&v, data + i, 8);
        values.push_back(v);
    }
    roundTrip(values, false);
    const auto *bytes = reinterpret_cast<const std::byte *>(data + 1);
    std::vector<double> out;
    for (std::size_t count : {std::size_t(0), std::size_t(1), (size - 1) / 2, size - 1, size + 7})
        (void)mltrl::packed_column::unpack({bytes, size - 1}, count, out);
    return 0;
}
