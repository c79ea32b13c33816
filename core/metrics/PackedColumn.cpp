#include "core/metrics/PackedColumn.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

namespace mltrl::packed_column {

static_assert(std::endian::native == std::endian::little, "packed columns are stored little-endian");

namespace {

constexpr std::uint8_t kCodecDecimalDelta = 1;
/// Every power of ten up to 10^22 is an exact double, so `m / 10^k` is one correctly rounded
/// division of exact operands.
constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
constexpr unsigned kMaxK = 22;

bool sameBits(double a, double b)
{
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

/// v × 10^k rounded half away from zero (the caller has checked the range).
inline std::int64_t rounded(double scaled)
{
    return static_cast<std::int64_t>(scaled + (scaled < 0 ? -0.5 : 0.5));
}

/// The scaled integer of `v` at k fraction digits, when decoding it gives back exactly `v`.
/// An off-by-one rounding, or a value that is no decimal at k digits, fails the check, which
/// is the only thing correctness rests on.
inline bool scaledAt(double v, unsigned k, std::int64_t &m)
{
    const double scaled = v * kPow10[k];
    if (!(std::fabs(scaled) < 9.0e18)) // also false for NaN
        return false;
    m = rounded(scaled);
    const double back = k == 0 ? static_cast<double>(m) : static_cast<double>(m) / kPow10[k]; // x / 1 is x
    return sameBits(back, v);
}

struct Plan {
    unsigned k = 0;
    std::int64_t first = 0;
    std::int64_t minDelta = 0;
    std::int64_t maxDelta = 0;
};

/// One pass at `plan.k`: the range of the deltas. When a value needs more digits, `plan.k`
/// is raised and false returned (the caller runs the pass again); `failed` when some value is
/// no decimal at all.
bool measure(std::span<const double> values, Plan &plan, bool &failed)
{
    std::int64_t prev = 0;
    std::int64_t lo = std::numeric_limits<std::int64_t>::max();
    std::int64_t hi = std::numeric_limits<std::int64_t>::min();
    for (std::size_t i = 0; i < values.size(); ++i) {
        std::int64_t m = 0;
        if (!scaledAt(values[i], plan.k, m)) {
            unsigned k = plan.k + 1;
            while (k <= kMaxK && !scaledAt(values[i], k, m))
                ++k;
            if (k > kMaxK)
                failed = true;
            else
                plan.k = k;
            return false;
        }
        if (i == 0) {
            plan.first = m;
        } else {
            // Modular arithmetic: the decoder adds the same wrapped delta back.
            const auto delta =
                static_cast<std::int64_t>(static_cast<std::uint64_t>(m) - static_cast<std::uint64_t>(prev));
            lo = std::min(lo, delta);
            hi = std::max(hi, delta);
        }
        prev = m;
    }
    plan.minDelta = values.size() > 1 ? lo : 0;
    plan.maxDelta = values.size() > 1 ? hi : 0;
    return true;
}

template <typename T>
bool fits(std::int64_t lo, std::int64_t hi)
{
    return lo >= std::numeric_limits<T>::min() && hi <= std::numeric_limits<T>::max();
}

template <typename T>
void writeDeltas(std::span<const double> values, unsigned k, std::byte *out)
{
    const double scale = kPow10[k];
    std::int64_t prev = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::int64_t m = rounded(values[i] * scale); // measure() checked every value at k
        if (i > 0) {
            const auto delta = static_cast<T>(
                static_cast<std::int64_t>(static_cast<std::uint64_t>(m) - static_cast<std::uint64_t>(prev)));
            std::memcpy(out, &delta, sizeof delta);
            out += sizeof delta;
        }
        prev = m;
    }
}

// Decoding appends to a reserved vector, a block at a time from a small buffer: resizing first
// would write every value twice (the zero fill, then the value), and push_back checks the
// capacity at every value.
template <typename Next>
void appendDecoded(std::vector<double> &out, std::size_t count, Next &&next)
{
    constexpr std::size_t kBlock = 128; // 1 KiB: copied with vector moves, not `rep movsb`
    double block[kBlock];
    for (std::size_t done = 0; done < count;) {
        const std::size_t n = std::min(kBlock, count - done);
        for (std::size_t i = 0; i < n; ++i)
            block[i] = next();
        out.insert(out.end(), block, block + n);
        done += n;
    }
}

template <typename T, bool Divide>
void readDeltas(const std::byte *in, std::uint64_t m, double scale, std::vector<double> &out, std::size_t count)
{
    const auto value = [scale](std::uint64_t scaled) {
        const auto v = static_cast<double>(static_cast<std::int64_t>(scaled));
        return Divide ? v / scale : v;
    };
    out.push_back(value(m));
    appendDecoded(out, count - 1, [&] {
        T delta;
        std::memcpy(&delta, in, sizeof delta);
        in += sizeof delta;
        m += static_cast<std::uint64_t>(static_cast<std::int64_t>(delta));
        return value(m);
    });
}

template <bool Divide>
void readSteps(std::uint64_t m, std::uint64_t step, double scale, std::vector<double> &out, std::size_t count)
{
    m -= step;
    appendDecoded(out, count, [&] {
        m += step;
        const auto v = static_cast<double>(static_cast<std::int64_t>(m));
        return Divide ? v / scale : v;
    });
}

template <typename T>
void readDeltas(const std::byte *in, std::uint64_t m, double scale, bool divide, std::vector<double> &out,
                std::size_t count)
{
    if (divide)
        readDeltas<T, true>(in, m, scale, out, count);
    else
        readDeltas<T, false>(in, m, scale, out, count);
}

std::vector<std::byte> header(unsigned k, unsigned width, std::int64_t first, std::int64_t step, std::size_t n)
{
    std::vector<std::byte> out(kHeaderBytes + (n - 1) * width);
    out[0] = std::byte{kCodecDecimalDelta};
    out[1] = std::byte(static_cast<std::uint8_t>(k));
    out[2] = std::byte(static_cast<std::uint8_t>(width));
    std::memcpy(out.data() + 8, &first, 8);
    std::memcpy(out.data() + 16, &step, 8);
    return out;
}

/// The common case in one pass: k and the delta width taken from the first values, every
/// value checked as it is written. Empty when some value does not fit them.
template <typename T>
std::vector<std::byte> packGuessed(std::span<const double> values, unsigned k, std::int64_t first, std::int64_t step)
{
    constexpr unsigned width =
        std::is_same_v<T, void> ? 0 : sizeof(std::conditional_t<std::is_same_v<T, void>, char, T>);
    std::vector<std::byte> out = header(k, width, first, width == 0 ? step : 0, values.size());
    std::byte *deltas = out.data() + kHeaderBytes;
    std::int64_t prev = first;
    for (std::size_t i = 1; i < values.size(); ++i) {
        std::int64_t m = 0;
        if (!scaledAt(values[i], k, m))
            return {};
        const auto delta = static_cast<std::int64_t>(static_cast<std::uint64_t>(m) - static_cast<std::uint64_t>(prev));
        if constexpr (width == 0) {
            if (delta != step)
                return {};
        } else {
            if (!fits<T>(delta, delta))
                return {};
            const auto narrow = static_cast<T>(delta);
            std::memcpy(deltas, &narrow, sizeof narrow);
            deltas += sizeof narrow;
        }
        prev = m;
    }
    return out;
}

} // namespace

std::vector<std::byte> pack(std::span<const double> values)
{
    const std::size_t n = values.size();
    if (n < 6) // the header alone is 3 values' worth; 4-byte deltas save nothing below 6
        return {};
    {
        // Guess k and the width from the first values, with room for larger steps later.
        constexpr std::size_t kPrefix = 1024;
        Plan guess;
        bool failed = false;
        while (!measure(values.first(std::min(n, kPrefix)), guess, failed))
            if (failed)
                return {};
        // Half the type's range: a random walk that wanders a little further later still fits.
        const auto within = [&](std::int64_t reach) { return guess.minDelta >= -reach && guess.maxDelta <= reach; };
        std::vector<std::byte> out;
        if (guess.minDelta == guess.maxDelta)
            out = packGuessed<void>(values, guess.k, guess.first, guess.minDelta);
        else if (within(63))
            out = packGuessed<std::int8_t>(values, guess.k, guess.first, 0);
        else if (within(16383))
            out = packGuessed<std::int16_t>(values, guess.k, guess.first, 0);
        else if (within(std::int64_t(1) << 30))
            out = packGuessed<std::int32_t>(values, guess.k, guess.first, 0);
        if (!out.empty())
            return out;
    }
    // The guess did not hold: measure the whole column, then write it.
    Plan plan;
    bool failed = false;
    // Each restart raises k; at most kMaxK restarts, in practice none or one near the start.
    while (!measure(values, plan, failed))
        if (failed)
            return {};
    unsigned width = 0;
    if (plan.minDelta == plan.maxDelta)
        width = 0;
    else if (fits<std::int8_t>(plan.minDelta, plan.maxDelta))
        width = 1;
    else if (fits<std::int16_t>(plan.minDelta, plan.maxDelta))
        width = 2;
    else if (fits<std::int32_t>(plan.minDelta, plan.maxDelta))
        width = 4;
    else
        return {};
    std::vector<std::byte> out = header(plan.k, width, plan.first, width == 0 ? plan.minDelta : 0, n);
    std::byte *deltas = out.data() + kHeaderBytes;
    switch (width) {
    case 1:
        writeDeltas<std::int8_t>(values, plan.k, deltas);
        break;
    case 2:
        writeDeltas<std::int16_t>(values, plan.k, deltas);
        break;
    case 4:
        writeDeltas<std::int32_t>(values, plan.k, deltas);
        break;
    default:
        break;
    }
    return out;
}

bool unpack(std::span<const std::byte> bytes, std::size_t count, std::vector<double> &out)
{
    if (count == 0 || bytes.size() < kHeaderBytes || bytes[0] != std::byte{kCodecDecimalDelta})
        return false;
    const auto k = static_cast<unsigned>(bytes[1]);
    const auto width = static_cast<unsigned>(bytes[2]);
    if (k > kMaxK || (width != 0 && width != 1 && width != 2 && width != 4))
        return false;
    for (std::size_t i = 3; i < 8; ++i)
        if (bytes[i] != std::byte{0})
            return false;
    if (bytes.size() != kHeaderBytes + (count - 1) * width)
        return false;
    std::uint64_t first = 0;
    std::uint64_t step = 0;
    std::memcpy(&first, bytes.data() + 8, 8);
    std::memcpy(&step, bytes.data() + 16, 8);
    if (width != 0 && step != 0)
        return false;
    out.clear();
    out.reserve(count);
    const double scale = kPow10[k];
    const bool divide = k != 0;
    const std::byte *in = bytes.data() + kHeaderBytes;
    switch (width) {
    case 0:
        if (divide)
            readSteps<true>(first, step, scale, out, count);
        else
            readSteps<false>(first, step, scale, out, count);
        break;
    case 1:
        readDeltas<std::int8_t>(in, first, scale, divide, out, count);
        break;
    case 2:
        readDeltas<std::int16_t>(in, first, scale, divide, out, count);
        break;
    default:
        readDeltas<std::int32_t>(in, first, scale, divide, out, count);
        break;
    }
    return true;
}

} // namespace mltrl::packed_column
