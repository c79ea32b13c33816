#include "Study.h"

#include "Rng.h"

#include <algorithm>
#include <cmath>

namespace gen {

double Slice::dPrime() const { return std::numbers::sqrt2 * phiInverse(auroc); }

double Slice::tprAt(double fpr) const { return phi(dPrime() + phiInverse(fpr)); }

namespace {

double hanleyMcNeilSe(double a, int positives, int negatives)
{
    const double q1 = a / (2.0 - a);
    const double q2 = 2.0 * a * a / (1.0 + a);
    const double var = (a * (1.0 - a) + (positives - 1) * (q1 - a * a) +
                        (negatives - 1) * (q2 - a * a)) /
                       (static_cast<double>(positives) * negatives);
    return std::sqrt(var);
}

double wilson(double p, int n, double sign)
{
    constexpr double z = 1.959963984540054;
    const double denom = 1.0 + z * z / n;
    const double centre = p + z * z / (2.0 * n);
    const double half = z * std::sqrt(p * (1.0 - p) / n + z * z / (4.0 * n * n));
    return (centre + sign * half) / denom;
}

}  // namespace

double Slice::aurocLower() const { return auroc - 1.96 * hanleyMcNeilSe(auroc, positives, n - positives); }
double Slice::aurocUpper() const { return auroc + 1.96 * hanleyMcNeilSe(auroc, positives, n - positives); }
double Slice::sensitivityLower() const { return wilson(sensitivity(), positives, -1.0); }
double Slice::sensitivityUpper() const { return wilson(sensitivity(), positives, +1.0); }

const std::vector<Slice>& sites(Edition edition)
{
    static const std::vector<Slice> package{
        {"Site A (teaching hospital)", 0.938, 2140, 342, 0.28},
        {"Site B (district hospital)", 0.917, 1630, 310, 0.30},
        {"Site C (external ICU)", 0.871, 910, 246, 0.35},
    };
    // A lower threshold moves site C along its own ROC curve: the false positive rate that
    // gives the target sensitivity on the binormal curve of the same AUROC.
    static const std::vector<Slice> recalibrated = [] {
        std::vector<Slice> s = package;
        Slice& c = s[2];
        c.fprAtOp = phi(phiInverse(kSiteCSensitivity) - c.dPrime());
        return s;
    }();
    return afterReview(edition) ? recalibrated : package;
}

const Slice& pooled()
{
    static const Slice s{"All sites", 0.921, 4680, 898, 0.297};
    return s;
}

const std::vector<Slice>& subgroups()
{
    static const std::vector<Slice> s{
        {"Sex: female", 0.924, 2290, 420, 0.29},  {"Sex: male", 0.918, 2390, 478, 0.30},
        {"Age 18-39", 0.941, 780, 90, 0.24},      {"Age 40-59", 0.928, 1460, 240, 0.27},
        {"Age 60-79", 0.914, 1750, 380, 0.31},    {"Age 80+", 0.889, 690, 188, 0.36},
    };
    return s;
}

Confusion pooledConfusion(Edition edition)
{
    Confusion c{0, 0, 0, 0};
    for (const Slice& s : sites(edition)) {
        const int tp = static_cast<int>(std::lround(s.sensitivity() * s.positives));
        const int negatives = s.n - s.positives;
        const int fp = static_cast<int>(std::lround(s.fprAtOp * negatives));
        c.tp += tp;
        c.fn += s.positives - tp;
        c.fp += fp;
        c.tn += negatives - fp;
    }
    return c;
}

std::vector<CalibrationBin> calibration(bool temperatureScaled)
{
    // Ten equal-width bins of the predicted probability. The raw network is over-confident
    // (observed = sigmoid(logit(p) / T)).
    Rng rng(kSeed + (temperatureScaled ? 17 : 16));
    static constexpr int counts[] = {1630, 820, 520, 390, 300, 250, 210, 180, 170, 210};
    std::vector<CalibrationBin> bins;
    for (int i = 0; i < 10; ++i) {
        const double p = 0.05 + 0.1 * i + rng.uniform(-0.015, 0.015);
        const double logit = std::log(p / (1.0 - p));
        // After scaling a slight residual over-confidence remains (fitted on sites A and B only).
        const double temperature = temperatureScaled ? 1.08 : kTemperature;
        double observed = 1.0 / (1.0 + std::exp(-logit / temperature)) +
                          (temperatureScaled ? rng.normal(0.0, 0.015) : 0.0);
        observed = std::clamp(observed, 0.0, 1.0);
        bins.push_back({p, observed, counts[i]});
    }
    return bins;
}

double expectedCalibrationError(const std::vector<CalibrationBin>& bins)
{
    double weighted = 0.0;
    int total = 0;
    for (const CalibrationBin& b : bins) {
        weighted += b.n * std::abs(b.observed - b.predicted);
        total += b.n;
    }
    return total > 0 ? weighted / total : 0.0;
}

}  // namespace gen
