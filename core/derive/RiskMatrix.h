#pragma once
/// The requirements' risk chart in the ISO 14971 manner: p(failure) and impact (both 0..1, see
/// docs/archive-format.md) each cut into five bands, a cell per (probability band, impact
/// band), and the cell's risk level from the product of the two band ranks. The workbench's
/// Requirements panel draws it as a count heat-map and filters its table by cell.
#include "core/manifest/Manifest.h"

#include <array>
#include <optional>
#include <string_view>
#include <vector>

namespace mltrl {

/// Bands per axis: [0, 0.2), [0.2, 0.4), [0.4, 0.6), [0.6, 0.8), [0.8, 1].
inline constexpr int kRiskBands = 5;

/// The band (0 … 4) of a value in 0..1; values outside are clamped to the first or last band.
[[nodiscard]] int riskBand(double value);

/// Lower and upper bound of band `band` (the last band includes 1).
[[nodiscard]] double riskBandLow(int band);
[[nodiscard]] double riskBandHigh(int band);

/// ISO 14971-style names: "improbable", "remote", "occasional", "probable", "frequent".
[[nodiscard]] std::string_view probabilityBandName(int band);
/// "negligible", "minor", "serious", "critical", "catastrophic".
[[nodiscard]] std::string_view impactBandName(int band);

/// Risk acceptability of a cell: rank product (1 … 25) at most 4 acceptable, at most 12 ALARP
/// (as low as reasonably practicable), from 15 unacceptable.
enum class RiskLevel { Acceptable, Alarp, Unacceptable };

/// "acceptable", "ALARP", "unacceptable".
[[nodiscard]] std::string_view toString(RiskLevel level);

struct RiskCell {
    int probability = 0; ///< band of p_failure, 0 … 4
    int impact = 0;      ///< band of impact, 0 … 4
    friend bool operator==(const RiskCell &, const RiskCell &) = default;
};

[[nodiscard]] RiskLevel riskLevel(RiskCell cell);

/// The cell of a requirement; nullopt when its risk is not assessed (no p_failure or impact).
[[nodiscard]] std::optional<RiskCell> riskCell(const Requirement &requirement);

/// Requirements per cell: `count[probability][impact]`, and those without a risk.
struct RiskCounts {
    std::array<std::array<int, kRiskBands>, kRiskBands> count{};
    int notAssessed = 0;
    [[nodiscard]] int at(RiskCell c) const
    {
        return count[static_cast<std::size_t>(c.probability)][static_cast<std::size_t>(c.impact)];
    }
    [[nodiscard]] int assessed() const;
    [[nodiscard]] int atLevel(RiskLevel level) const;
};

[[nodiscard]] RiskCounts countRiskCells(const std::vector<Requirement> &requirements);

} // namespace mltrl
