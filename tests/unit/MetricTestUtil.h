#pragma once
// Shared by the metric tests: compact text dumps of parsed metrics.
#include "core/common/Problems.h"
#include "core/metrics/MetricData.h"

#include <fmt/format.h>

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <string_view>

namespace mltrl::test {

inline std::string_view view(const QByteArray &bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

/// "name: x,y[,lower,upper][,timestamp][,n] …" per sub-series, " | " between sub-series;
/// "-" names the unnamed one; groups start with "[label;label] ".
inline QString dump(const MetricData &data)
{
    std::string out;
    if (!data.groupLabels.empty()) {
        out += "[";
        for (std::size_t i = 0; i < data.groupLabels.size(); ++i)
            out += (i ? ";" : "") + data.groupLabels[i];
        out += "] ";
    }
    for (std::size_t s = 0; s < data.series.size(); ++s) {
        const SeriesData &d = data.series[s];
        out += (s ? " | " : "") + (d.name.empty() ? std::string("-") : d.name) + ":";
        for (std::size_t i = 0; i < d.size(); ++i) {
            out += fmt::format(" {},{}", d.x[i], d.y[i]);
            if (!d.lower.empty())
                out += fmt::format(",{},{}", d.lower[i], d.upper[i]);
            if (!d.timestamp.empty())
                out += fmt::format(",{}", d.timestamp[i]);
            if (!d.count.empty())
                out += fmt::format(",{}", d.count[i]);
        }
    }
    return QString::fromStdString(out);
}

/// Each problem as "where: what".
inline QStringList texts(const std::vector<Problem> &problems)
{
    QStringList out;
    for (const Problem &p : problems)
        out << QString::fromStdString(p.toString());
    return out;
}

} // namespace mltrl::test
