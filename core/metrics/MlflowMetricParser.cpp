// The MLflow file-store metric format (`<timestamp_ms> <value> <step>` a line), contract §3.
#include "core/metrics/MetricParser.h"

#include "core/metrics/NumberText.h"
#include "core/metrics/ParseSupport.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstring>

namespace mltrl {

using namespace parse_support;

namespace {

/// Splits an MLflow metric line on blanks; returns the number of fields (at most 4 stored).
std::size_t splitBlanks(std::string_view line, std::array<std::string_view, 4> &out, std::array<std::size_t, 4> &starts)
{
    std::size_t n = 0;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        if (i == line.size())
            break;
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t')
            ++i;
        if (n < out.size()) {
            out[n] = line.substr(start, i - start);
            starts[n] = start;
        }
        ++n;
    }
    return n;
}

} // namespace

std::optional<MetricData> parseMlflowMetric(std::string_view bytes, std::string_view fileName, Problems &problems,
                                            const ConsumedFn &consumed)
{
    ConsumedReporter reporter(consumed);
    FileErrors errors(fileName, problems);
    SeriesData s;
    const std::size_t expected = estimateRows(bytes);
    s.x.reserve(expected);
    s.y.reserve(expected);
    s.timestamp.reserve(expected);

    static constexpr std::string_view kNames[] = {"timestamp", "value", "step"};
    std::array<std::string_view, 4> tokens;
    std::array<std::size_t, 4> starts{};
    const char *p = bytes.data();
    const char *const end = p + bytes.size();
    std::size_t line = 0;
    while (p != end) {
        ++line;
        const auto *nl = static_cast<const char *>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        std::string_view text(p, static_cast<std::size_t>((nl ? nl : end) - p));
        p = nl ? nl + 1 : end;
        if (!text.empty() && text.back() == '\r')
            text.remove_suffix(1);
        const std::size_t n = splitBlanks(text, tokens, starts);
        if (n == 0)
            continue; // blank line
        if (n > 3) {
            errors.at(line, 4,
                      [&] { return fmt::format("expected \"<timestamp_ms> <value> <step>\", found {} fields", n); });
            continue;
        }
        if (n == 1) {
            errors.at(line, 2, [] { return std::string("expected \"<timestamp_ms> <value> <step>\", found 1 field"); });
            continue;
        }
        double v[3] = {0, 0, 0}; // a missing step is step 0
        bool ok = true;
        for (std::size_t i = 0; i < n; ++i) {
            if (!parseNumber(tokens[i], v[i])) {
                errors.at(line, i + 1,
                          [&] { return fmt::format("{} is not a number in column {}", shown(tokens[i]), kNames[i]); });
                ok = false;
            } else if (i != 1 && !std::isfinite(v[i])) {
                errors.at(line, i + 1, [&] {
                    return fmt::format("{} in column {}: it must be a finite number", shown(tokens[i]), kNames[i]);
                });
                ok = false;
            }
        }
        if (!ok || errors.any())
            continue;
        s.timestamp.push_back(v[0] / 1000.0);
        s.y.push_back(v[1]);
        s.x.push_back(v[2]);
        reporter.at(static_cast<std::size_t>(p - bytes.data()));
    }
    errors.finish();
    if (errors.any())
        return std::nullopt;
    MetricData out;
    out.kind = MetricKind::Series;
    if (s.size() == 0)
        problems.warning(std::string(fileName), "the MLflow metric file holds no points");
    else
        out.series.push_back(std::move(s));
    return out;
}

} // namespace mltrl
