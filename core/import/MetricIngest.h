#pragma once
/// Parses every metric file of a checked archive straight from its staged bytes (memory
/// mapped), hands each parsed metric to a sink (the store writes it, validation drops it) and
/// observes every quantitative criterion on the way, so no metric is held after its turn.
#include "core/import/RevisionWriter.h"
#include "core/import/StagedArchive.h"

#include <functional>
#include <map>

namespace mltrl {

using CriterionKey = std::pair<std::string, std::string>; ///< (gate id, criterion id)
/// Receives each parsed metric after its criteria are observed; may consume the data.
using MetricSink = std::function<void(const Metric &, MetricData &)>;

class MetricIngest {
public:
    /// False when a metric file does not parse or a criterion names a missing sub-series.
    bool run(const StagedArchive &staged, const Manifest &manifest, Problems &problems, const MetricSink &sink,
             const CancelToken *cancel);

    [[nodiscard]] const std::map<CriterionKey, CriterionObservation> &observations() const { return m_observations; }

private:
    void observe(const Manifest &manifest, const Metric &metric, const MetricData &data, Problems &problems);
    std::map<CriterionKey, CriterionObservation> m_observations;
};

} // namespace mltrl
