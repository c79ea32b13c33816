#pragma once
// Portable random numbers for the example generator. The standard distributions are
// implementation-defined (libstdc++ and libc++ give different sequences for the same seed),
// so only the raw mt19937_64 bits are used and the distributions are written out here.
#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>

namespace gen {

class Rng {
public:
    explicit Rng(std::uint64_t seed) : engine_(seed) {}

    /// Uniform in [0, 1) from the top 53 bits of one draw.
    double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

    /// Standard normal by the Box–Muller transform (one value per call, no cached pair,
    /// so the sequence depends only on the number of calls).
    double normal()
    {
        const double u1 = 1.0 - uniform();  // (0, 1], never log(0)
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }

    double normal(double mean, double sd) { return mean + sd * normal(); }

    /// Integer in [0, n) (n small; the modulo bias is irrelevant here).
    std::uint64_t below(std::uint64_t n) { return engine_() % n; }

private:
    std::mt19937_64 engine_;
};

/// Standard normal CDF.
inline double phi(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }

/// Inverse standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9).
double phiInverse(double p);

}  // namespace gen
