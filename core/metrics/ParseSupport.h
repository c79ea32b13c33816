#pragma once
/// What the metric parsers share (core/metrics/MetricParser.cpp for CSV,
/// MlflowMetricParser.cpp for MLflow files): error collection by file:line:column, cells quoted
/// for messages, consumed-bytes reporting and the row estimate. Internal to core/metrics.
#include "core/common/Problems.h"
#include "core/metrics/MetricParser.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

namespace mltrl::parse_support {

/// Beyond this many errors in one file, only a count is reported: a broken 5-million-row file
/// must not produce 5 million messages.
constexpr std::size_t kMaxErrorsPerFile = 20;

/// Collects one file's errors (`file:line:column`), keeping the first kMaxErrorsPerFile.
class FileErrors {
public:
    FileErrors(std::string_view file, Problems &problems) : m_file(file), m_problems(problems) {}

    /// `what` is only called for errors that are kept, so counting the rest costs nothing.
    template <typename MakeWhat>
    void at(std::size_t line, std::size_t column, MakeWhat &&what)
    {
        if (m_count++ < kMaxErrorsPerFile)
            m_problems.error(fmt::format("{}:{}:{}", m_file, line, column), what());
    }
    void inFile(std::string what)
    {
        ++m_count;
        m_problems.error(std::string(m_file), std::move(what));
    }
    [[nodiscard]] bool any() const { return m_count > 0; }
    [[nodiscard]] std::size_t count() const { return m_count; }
    void finish()
    {
        if (m_count > kMaxErrorsPerFile)
            m_problems.error(std::string(m_file), fmt::format("… and {} more errors", m_count - kMaxErrorsPerFile));
    }

private:
    std::string_view m_file;
    Problems &m_problems;
    std::size_t m_count = 0;
};

/// A cell for a message: quoted, cut at 40 bytes (on a UTF-8 boundary).
inline std::string shown(std::string_view cell)
{
    constexpr std::size_t kMax = 40;
    if (cell.size() <= kMax)
        return fmt::format("\"{}\"", cell);
    std::size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(cell[cut]) & 0xC0) == 0x80)
        --cut;
    return fmt::format("\"{}…\"", cell.substr(0, cut));
}

/// Reports consumed bytes to a ConsumedFn in steps of kConsumedStep, so the hook costs nothing
/// per row.
class ConsumedReporter {
public:
    explicit ConsumedReporter(const ConsumedFn &fn) : m_fn(fn) {}
    void at(std::size_t consumed)
    {
        if (m_fn && consumed >= m_next) {
            m_fn(consumed);
            m_next = consumed + kConsumedStep;
        }
    }

private:
    static constexpr std::size_t kConsumedStep = 4u << 20;
    const ConsumedFn &m_fn;
    std::size_t m_next = kConsumedStep;
};

/// Rows expected in `bytes`, from the line lengths of its first few KiB: enough to reserve
/// the columns once for a big file without over-allocating much.
inline std::size_t estimateRows(std::string_view bytes)
{
    constexpr std::size_t kSample = 16 * 1024;
    const std::string_view sample = bytes.substr(0, kSample);
    const auto lines = static_cast<std::size_t>(std::count(sample.begin(), sample.end(), '\n'));
    if (lines == 0)
        return 1;
    if (sample.size() == bytes.size())
        return lines + 1;
    const double perLine = static_cast<double>(sample.size()) / static_cast<double>(lines);
    return static_cast<std::size_t>(static_cast<double>(bytes.size()) / perLine * 1.05) + 16;
}

} // namespace mltrl::parse_support
