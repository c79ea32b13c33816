#include "core/import/MetricIngest.h"

#include "core/derive/Verdicts.h"
#include "core/metrics/Aggregate.h"
#include "core/metrics/MetricParser.h"

#include <fmt/format.h>

namespace mltrl {

bool MetricIngest::run(const StagedArchive &staged, const Manifest &manifest, Problems &problems,
                       const MetricSink &sink, const CancelToken *cancel)
{
    bool ok = true;
    for (const Metric &metric : manifest.metrics) {
        if (cancel && cancel->isCancelled())
            return false;
        const StagedFile *file = staged.find(metric.path);
        if (!file)
            continue; // already reported by the archive check
        std::optional<MetricData> data;
        {
            MappedFile mapped(file->temp);
            if (!mapped.isOpen()) {
                problems.error(metric.path, mapped.error());
                ok = false;
                continue;
            }
            data = parseMetric(mapped.bytes(), metric, problems,
                               [&mapped](std::size_t consumed) { mapped.release(consumed); });
        } // unmapped before the data is written: peak memory is the file or its columns, not both
        if (!data) {
            ok = false;
            continue;
        }
        observe(manifest, metric, *data, problems);
        if (sink)
            sink(metric, *data);
    }
    return ok && !problems.hasErrors();
}

void MetricIngest::observe(const Manifest &manifest, const Metric &metric, const MetricData &data, Problems &problems)
{
    // Gates often ask the same of a metric (its last value, at every level): one pass each.
    std::map<std::pair<Aggregate, std::string_view>, Observation> seenBefore;
    for (std::size_t g = 0; g < manifest.gates.size(); ++g) {
        const Gate &gate = manifest.gates[g];
        for (std::size_t i = 0; i < gate.criteria.size(); ++i) {
            const Criterion &c = gate.criteria[i];
            if (c.metric != metric.id)
                continue;
            auto [it, inserted] = seenBefore.try_emplace({c.aggregate, std::string_view(c.series)});
            if (inserted)
                it->second = observedValue(data, c.aggregate, c.series);
            const Observation &seen = it->second;
            if (!seen.seriesFound) {
                problems.error(
                    fmt::format("mltrl.json#/gates/{}/criteria/{}/series", g, i),
                    fmt::format("sub-series \"{}\" is not in metric \"{}\" ({})", c.series, metric.id, metric.path));
                continue;
            }
            CriterionObservation obs;
            obs.observed = seen.value;
            if (seen.value && c.threshold)
                obs.met = compare(*seen.value, c.op, *c.threshold);
            m_observations[{gate.id, c.id}] = obs;
        }
    }
}

} // namespace mltrl
