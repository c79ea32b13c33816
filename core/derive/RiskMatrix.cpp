#include "core/derive/RiskMatrix.h"

#include <algorithm>

namespace mltrl {

namespace {
// Bounds as literals, not band × 0.2: 3 × 0.2 is 0.6000000000000001 in binary, and a
// requirement at exactly 0.6 belongs to the band starting at 0.6.
constexpr std::array<double, kRiskBands + 1> kBounds{0.0, 0.2, 0.4, 0.6, 0.8, 1.0};

int clampBand(int band)
{
    return std::clamp(band, 0, kRiskBands - 1);
}
} // namespace

int riskBand(double value)
{
    int band = 0;
    for (int b = 1; b < kRiskBands; ++b)
        if (value >= kBounds[static_cast<std::size_t>(b)])
            band = b;
    return band;
}

double riskBandLow(int band)
{
    return kBounds[static_cast<std::size_t>(clampBand(band))];
}
double riskBandHigh(int band)
{
    return kBounds[static_cast<std::size_t>(clampBand(band) + 1)];
}

std::string_view probabilityBandName(int band)
{
    static constexpr std::array<std::string_view, kRiskBands> names{"improbable", "remote", "occasional", "probable",
                                                                    "frequent"};
    return names[static_cast<std::size_t>(clampBand(band))];
}

std::string_view impactBandName(int band)
{
    static constexpr std::array<std::string_view, kRiskBands> names{"negligible", "minor", "serious", "critical",
                                                                    "catastrophic"};
    return names[static_cast<std::size_t>(clampBand(band))];
}

std::string_view toString(RiskLevel level)
{
    switch (level) {
    case RiskLevel::Acceptable:
        return "acceptable";
    case RiskLevel::Alarp:
        return "ALARP";
    case RiskLevel::Unacceptable:
        return "unacceptable";
    }
    return "acceptable";
}

RiskLevel riskLevel(RiskCell cell)
{
    const int product = (clampBand(cell.probability) + 1) * (clampBand(cell.impact) + 1);
    return product <= 4 ? RiskLevel::Acceptable : product <= 12 ? RiskLevel::Alarp : RiskLevel::Unacceptable;
}

std::optional<RiskCell> riskCell(const Requirement &requirement)
{
    if (!requirement.pFailure || !requirement.impact)
        return std::nullopt;
    return RiskCell{riskBand(*requirement.pFailure), riskBand(*requirement.impact)};
}

int RiskCounts::assessed() const
{
    int n = 0;
    for (const auto &column : count)
        for (int c : column)
            n += c;
    return n;
}

int RiskCounts::atLevel(RiskLevel level) const
{
    int n = 0;
    for (int p = 0; p < kRiskBands; ++p)
        for (int i = 0; i < kRiskBands; ++i)
            if (riskLevel({p, i}) == level)
                n += at({p, i});
    return n;
}

RiskCounts countRiskCells(const std::vector<Requirement> &requirements)
{
    RiskCounts counts;
    for (const Requirement &r : requirements) {
        if (const auto cell = riskCell(r))
            ++counts.count[static_cast<std::size_t>(cell->probability)][static_cast<std::size_t>(cell->impact)];
        else
            ++counts.notAssessed;
    }
    return counts;
}

} // namespace mltrl
