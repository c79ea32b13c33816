#include "core/metrics/MetricParser.h"

#include "core/metrics/CsvReader.h"
#include "core/metrics/NumberText.h"
#include "core/metrics/ParseSupport.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <span>

namespace mltrl {

using namespace parse_support;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---------------------------------------------------------------------------------------------
// CSV

enum class Role : std::uint8_t { X, Y, Lower, Upper, Timestamp, Count, Series, Group };
constexpr std::size_t kNumericRoles = 6; // X … Count are stored as doubles

struct ColumnSpec {
    std::string_view name;
    Role role;
    bool required;
};

constexpr ColumnSpec kSeriesColumns[] = {
    {"step", Role::X, true},       {"value", Role::Y, true},      {"timestamp", Role::Timestamp, false},
    {"lower", Role::Lower, false}, {"upper", Role::Upper, false}, {"series", Role::Series, false}};
constexpr ColumnSpec kCurveColumns[] = {{"x", Role::X, true}, {"y", Role::Y, true}, {"series", Role::Series, false}};
constexpr ColumnSpec kGroupsColumns[] = {{"group", Role::Group, true},
                                         {"value", Role::Y, true},
                                         {"lower", Role::Lower, false},
                                         {"upper", Role::Upper, false},
                                         {"n", Role::Count, false}};

std::span<const ColumnSpec> columnsFor(MetricKind kind)
{
    switch (kind) {
    case MetricKind::Series:
        return kSeriesColumns;
    case MetricKind::Curve:
        return kCurveColumns;
    case MetricKind::Groups:
        return kGroupsColumns;
    }
    return kSeriesColumns;
}

/// A header column the parser reads.
struct UsedColumn {
    std::size_t field; ///< 0-based index in the record
    ColumnSpec spec;
};

/// The header: which field feeds which column. Reports extra, duplicate and missing columns.
struct Header {
    std::size_t fieldCount = 0;
    std::vector<UsedColumn> used;
    bool has[8] = {};

    [[nodiscard]] bool hasRole(Role r) const { return has[static_cast<std::size_t>(r)]; }
};

Header readHeader(const std::vector<std::string_view> &fields, std::size_t line, MetricKind kind,
                  std::string_view fileName, FileErrors &errors, Problems &problems)
{
    Header header;
    header.fieldCount = fields.size();
    const auto specs = columnsFor(kind);
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const auto spec =
            std::find_if(specs.begin(), specs.end(), [&](const ColumnSpec &c) { return c.name == fields[i]; });
        if (spec == specs.end()) {
            problems.warning(fmt::format("{}:{}:{}", fileName, line, i + 1),
                             fields[i].empty() ? fmt::format("column {} has no name and is ignored", i + 1)
                                               : fmt::format("extra column {} is ignored", shown(fields[i])));
            continue;
        }
        bool &seen = header.has[static_cast<std::size_t>(spec->role)];
        if (seen) {
            errors.at(line, i + 1, [&] { return fmt::format("column \"{}\" appears twice", spec->name); });
            continue;
        }
        seen = true;
        header.used.push_back({i, *spec});
    }
    for (const ColumnSpec &spec : specs)
        if (spec.required && !header.hasRole(spec.role))
            errors.inFile(fmt::format("missing required column \"{}\" for a {} metric", spec.name, toString(kind)));
    return header;
}

/// Parsed rows, flat over all sub-series (split by sub-series at the end): one reservation,
/// and the row order across sub-series comes for free.
class CsvColumns {
public:
    CsvColumns(const Header &header, std::size_t expectedRows) : m_hasSeries(header.hasRole(Role::Series))
    {
        for (std::size_t r = 0; r < kNumericRoles; ++r) {
            m_present[r] = header.has[r];
            if (m_present[r])
                m_columns[r].reserve(expectedRows);
        }
        if (header.hasRole(Role::Group))
            m_present[static_cast<std::size_t>(Role::X)] = true; // x = group index
        if (m_hasSeries)
            m_seriesOf.reserve(expectedRows);
    }

    [[nodiscard]] std::size_t rows() const { return m_rows; }

    void push(const double (&values)[kNumericRoles], std::string_view seriesName)
    {
        for (std::size_t r = 0; r < kNumericRoles; ++r)
            if (m_present[r])
                m_columns[r].push_back(values[r]);
        if (m_hasSeries)
            m_seriesOf.push_back(seriesIndex(seriesName));
        ++m_rows;
    }

    void pushGroup(std::string_view label, std::size_t line)
    {
        m_groupLabels.emplace_back(label);
        m_groupLines.push_back(line);
    }

    /// Duplicate group labels are kept as separate groups but worth a warning.
    void warnDuplicateGroups(std::string_view fileName, Problems &problems) const
    {
        std::map<std::string_view, std::size_t> first;
        for (std::size_t i = 0; i < m_groupLabels.size(); ++i) {
            auto [it, inserted] = first.emplace(m_groupLabels[i], m_groupLines[i]);
            if (!inserted)
                problems.warning(fmt::format("{}:{}:1", fileName, m_groupLines[i]),
                                 fmt::format("group {} also appears on line {}", shown(m_groupLabels[i]), it->second));
        }
    }

    MetricData take(MetricKind kind)
    {
        MetricData out;
        out.kind = kind;
        if (kind == MetricKind::Groups) {
            auto &x = m_columns[static_cast<std::size_t>(Role::X)];
            x.resize(m_rows);
            for (std::size_t i = 0; i < m_rows; ++i)
                x[i] = static_cast<double>(i);
            out.groupLabels = std::move(m_groupLabels);
        }
        if (m_rows == 0)
            return out;
        if (m_seriesNames.size() <= 1) {
            SeriesData s;
            s.name = m_seriesNames.empty() ? std::string() : m_seriesNames.front();
            for (std::size_t r = 0; r < kNumericRoles; ++r)
                column(s, r) = std::move(m_columns[r]);
            out.series.push_back(std::move(s));
            return out;
        }
        splitInto(out);
        return out;
    }

private:
    static std::vector<double> &column(SeriesData &s, std::size_t role)
    {
        switch (static_cast<Role>(role)) {
        case Role::X:
            return s.x;
        case Role::Y:
            return s.y;
        case Role::Lower:
            return s.lower;
        case Role::Upper:
            return s.upper;
        case Role::Timestamp:
            return s.timestamp;
        default:
            return s.count;
        }
    }

    std::uint32_t seriesIndex(std::string_view name)
    {
        // Rows of one sub-series usually come in runs: compare with the previous row's first.
        if (!m_seriesNames.empty() && m_seriesNames[m_lastSeries] == name)
            return m_lastSeries;
        auto it = m_seriesIndex.find(name);
        if (it == m_seriesIndex.end()) {
            it = m_seriesIndex.emplace(std::string(name), static_cast<std::uint32_t>(m_seriesNames.size())).first;
            m_seriesNames.emplace_back(name);
        }
        m_lastSeries = it->second;
        return m_lastSeries;
    }

    void splitInto(MetricData &out)
    {
        std::vector<std::size_t> sizes(m_seriesNames.size(), 0);
        for (std::uint32_t s : m_seriesOf)
            ++sizes[s];
        out.series.resize(m_seriesNames.size());
        for (std::size_t s = 0; s < out.series.size(); ++s) {
            out.series[s].name = m_seriesNames[s];
            for (std::size_t r = 0; r < kNumericRoles; ++r)
                if (m_present[r])
                    column(out.series[s], r).reserve(sizes[s]);
            out.series[s].row.reserve(sizes[s]);
        }
        // One column at a time, each flat column freed once distributed: the peak is the flat
        // columns plus one column, not twice all of them.
        for (std::size_t r = 0; r < kNumericRoles; ++r) {
            if (!m_present[r])
                continue;
            for (std::size_t i = 0; i < m_rows; ++i)
                column(out.series[m_seriesOf[i]], r).push_back(m_columns[r][i]);
            std::vector<double>().swap(m_columns[r]);
        }
        for (std::size_t i = 0; i < m_rows; ++i)
            out.series[m_seriesOf[i]].row.push_back(static_cast<std::uint32_t>(i));
    }

    bool m_hasSeries;
    bool m_present[kNumericRoles] = {};
    std::array<std::vector<double>, kNumericRoles> m_columns;
    std::vector<std::uint32_t> m_seriesOf;
    std::vector<std::string> m_seriesNames;
    std::map<std::string, std::uint32_t, std::less<>> m_seriesIndex;
    std::uint32_t m_lastSeries = 0;
    std::vector<std::string> m_groupLabels;
    std::vector<std::size_t> m_groupLines;
    std::size_t m_rows = 0;
};

/// Parses one data record into `values`; reports each bad cell. Returns false if any was bad.
bool readRow(const std::vector<std::string_view> &fields, const Header &header, const CsvReader &reader,
             MetricKind kind, FileErrors &errors, double (&values)[kNumericRoles], std::string_view &seriesName,
             std::string_view &group)
{
    bool ok = true;
    for (std::size_t r = 0; r < kNumericRoles; ++r)
        values[r] = kNaN;
    seriesName = {};
    for (const UsedColumn &c : header.used) {
        const std::string_view cell = fields[c.field];
        const auto bad = [&](auto &&what) {
            errors.at(reader.fieldLine(c.field), c.field + 1, what);
            ok = false;
        };
        if (c.spec.role == Role::Series) {
            seriesName = cell;
            continue;
        }
        if (cell.empty()) {
            if (c.spec.required)
                bad([&] { return fmt::format("empty cell in required column {}", c.spec.name); });
            continue;
        }
        if (c.spec.role == Role::Group) {
            group = cell;
            continue;
        }
        double &value = values[static_cast<std::size_t>(c.spec.role)]; // a numeric role here
        switch (c.spec.role) {
        case Role::Timestamp:
            if (auto t = parseTimestamp(cell))
                value = *t;
            else
                bad([&] {
                    return fmt::format("{} is not an RFC 3339 date-time or Unix seconds in column timestamp",
                                       shown(cell));
                });
            break;
        default:
            if (!parseNumber(cell, value))
                bad([&] { return fmt::format("{} is not a number in column {}", shown(cell), c.spec.name); });
            else if (c.spec.role == Role::X && kind == MetricKind::Series && !std::isfinite(value))
                bad([&] { return fmt::format("{} in column step: a step must be a finite number", shown(cell)); });
            break;
        }
    }
    return ok;
}

// The plain-row fast path. Nearly every metric file is rows of plain numbers: those are
// split and parsed in one pass over the bytes, without field views or a second scan per cell.
// Anything else — a quote, a blank line, an empty required cell, a cell that is no number, a
// wrong field count — makes fastRow() give the row back, and the general reader above parses
// it again and reports what is wrong: both paths give the same values and the same errors.

enum class FieldAction : std::uint8_t { Skip, Number, Timestamp, Series };

struct FastPlan {
    bool usable = false;
    struct Field {
        FieldAction action = FieldAction::Skip;
        std::uint8_t role = 0;
        bool required = false;
        bool finite = false; ///< a series step: NaN and infinities are errors
    };
    std::vector<Field> fields;
};

FastPlan fastPlanFor(const Header &header, MetricKind kind)
{
    FastPlan plan;
    if (header.fieldCount == 0 || header.hasRole(Role::Group))
        return plan; // groups keep their labels and line numbers: the general reader does
    plan.fields.resize(header.fieldCount);
    for (const UsedColumn &c : header.used) {
        FastPlan::Field &f = plan.fields[c.field];
        f.role = static_cast<std::uint8_t>(c.spec.role);
        f.required = c.spec.required;
        f.finite = c.spec.role == Role::X && kind == MetricKind::Series;
        f.action = c.spec.role == Role::Series      ? FieldAction::Series
                   : c.spec.role == Role::Timestamp ? FieldAction::Timestamp
                                                    : FieldAction::Number;
    }
    plan.usable = true;
    return plan;
}

/// The end of an unquoted cell (the next ',' or line end), or nullptr when a '"' comes first.
inline const char *cellEnd(const char *p, const char *end)
{
    while (p != end && *p != ',' && *p != '\n') {
        if (*p == '"')
            return nullptr;
        ++p;
    }
    return p;
}

/// The cell from `start` to `stop` as the general reader gives it: a '\r' before the line end
/// is not part of it.
inline std::string_view cellText(const char *start, const char *stop, const char *end)
{
    if ((stop == end || *stop == '\n') && stop != start && stop[-1] == '\r')
        --stop;
    return {start, static_cast<std::size_t>(stop - start)};
}

/// Parses the plain row at `p`; returns where the next row starts, or nullptr (see above).
const char *fastRow(const char *p, const char *end, const FastPlan &plan, double (&values)[kNumericRoles],
                    std::string_view &seriesName)
{
    for (std::size_t r = 0; r < kNumericRoles; ++r)
        values[r] = kNaN;
    seriesName = {};
    const std::size_t last = plan.fields.size() - 1;
    for (std::size_t i = 0;; ++i) {
        const FastPlan::Field &f = plan.fields[i];
        const char *q = p;
        if (f.action == FieldAction::Number && plainDecimal(q, end, values[f.role]) &&
            (q == end || *q == ',' || *q == '\n' || *q == '\r')) {
            p = q; // the common case; a '\r' is checked with the line end below
        } else {
            q = cellEnd(p, end);
            if (!q)
                return nullptr;
            const std::string_view cell = cellText(p, q, end);
            switch (f.action) {
            case FieldAction::Skip:
                break;
            case FieldAction::Series:
                seriesName = cell;
                break;
            case FieldAction::Number:
            case FieldAction::Timestamp: {
                if (cell.empty()) {
                    if (f.required)
                        return nullptr;
                    break; // NaN: no value
                }
                double &v = values[f.role];
                if (f.action == FieldAction::Timestamp) {
                    const std::optional<double> t = parseTimestamp(cell);
                    if (!t)
                        return nullptr;
                    v = *t;
                } else if (!parseNumber(cell, v) || (f.finite && !std::isfinite(v))) {
                    return nullptr;
                }
                break;
            }
            }
            p = q;
        }
        if (i < last) {
            if (p == end || *p != ',')
                return nullptr;
            ++p;
            continue;
        }
        if (p != end && *p == '\r')
            ++p;
        if (p == end)
            return end;
        return *p == '\n' ? p + 1 : nullptr;
    }
}

} // namespace

std::optional<MetricData> parseMetricCsv(std::string_view bytes, MetricKind kind, std::string_view fileName,
                                         Problems &problems, const ConsumedFn &consumed)
{
    ConsumedReporter reporter(consumed);
    FileErrors errors(fileName, problems);
    CsvReader reader(bytes);
    std::vector<std::string_view> fields;

    CsvReader::Status status = reader.next(fields);
    if (status == CsvReader::Status::End) {
        errors.inFile("the file is empty: a metric CSV needs a header row");
        return std::nullopt;
    }
    if (status == CsvReader::Status::Error) {
        errors.at(reader.line(), reader.errorColumn(), [&] { return reader.error(); });
        return std::nullopt;
    }
    const Header header = readHeader(fields, reader.line(), kind, fileName, errors, problems);
    if (errors.any())
        return std::nullopt;

    CsvColumns columns(header, estimateRows(bytes.substr(bytes.size() - reader.remaining())));
    double values[kNumericRoles];
    std::string_view seriesName;
    std::string_view group;
    const bool limitRows = header.hasRole(Role::Series);
    const FastPlan plan = fastPlanFor(header, kind);
    const char *const end = bytes.data() + bytes.size();
    for (;;) {
        if (plan.usable && !errors.any()) {
            const char *p = reader.position();
            std::size_t line = reader.nextLine();
            while (p != end && !(limitRows && columns.rows() == std::numeric_limits<std::uint32_t>::max())) {
                const char *next = fastRow(p, end, plan, values, seriesName);
                if (!next)
                    break;
                columns.push(values, seriesName);
                p = next;
                ++line;
                reporter.at(static_cast<std::size_t>(p - bytes.data()));
            }
            reader.skipTo(p, line);
        }
        if ((status = reader.next(fields)) == CsvReader::Status::End)
            break;
        if (status == CsvReader::Status::Error) {
            errors.at(reader.line(), reader.errorColumn(), [&] { return reader.error(); });
            continue;
        }
        if (fields.size() != header.fieldCount) {
            errors.at(reader.line(), std::min(fields.size(), header.fieldCount) + 1, [&] {
                return fmt::format("the row has {} field{}, the header has {}", fields.size(),
                                   fields.size() == 1 ? "" : "s", header.fieldCount);
            });
            continue;
        }
        if (!readRow(fields, header, reader, kind, errors, values, seriesName, group) || errors.any())
            continue; // after the first error only errors are collected
        if (limitRows && columns.rows() == std::numeric_limits<std::uint32_t>::max()) {
            errors.inFile("more than 4294967295 rows in a file with a series column");
            break;
        }
        columns.push(values, seriesName);
        if (kind == MetricKind::Groups)
            columns.pushGroup(group, reader.line());
        // This row's field views are dead now: group labels are copied, series names interned.
        reporter.at(bytes.size() - reader.remaining());
    }
    errors.finish();
    if (errors.any())
        return std::nullopt;
    if (columns.rows() == 0)
        problems.warning(std::string(fileName), "the file has a header but no data rows");
    if (kind == MetricKind::Groups)
        columns.warnDuplicateGroups(fileName, problems);
    return columns.take(kind);
}

std::optional<MetricData> parseMetric(std::string_view bytes, const Metric &metric, Problems &problems,
                                      const ConsumedFn &consumed)
{
    switch (metric.format) {
    case MetricFormat::Csv:
        return parseMetricCsv(bytes, metric.kind, metric.path, problems, consumed);
    case MetricFormat::Mlflow:
        if (metric.kind != MetricKind::Series) {
            problems.error(metric.path,
                           fmt::format("an MLflow metric file holds a series, not a {} metric", toString(metric.kind)));
            return std::nullopt;
        }
        return parseMlflowMetric(bytes, metric.path, problems, consumed);
    }
    return std::nullopt;
}

} // namespace mltrl
