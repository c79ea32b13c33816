#include "core/metrics/MetricParser.h"

#include "core/metrics/CsvReader.h"
#include "core/metrics/NumberText.h"

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

namespace {

/// Beyond this many errors in one file, only a count is reported: a broken 5-million-row file
/// must not produce 5 million messages.
constexpr std::size_t kMaxErrorsPerFile = 20;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

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
std::string shown(std::string_view cell)
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
std::size_t estimateRows(std::string_view bytes)
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

/// A plain decimal ending at the first byte that cannot continue it, by the same rule as
/// parseNumber's first path (Clinger: at most 19 digits, mantissa ≤ 2^53, one exact division),
/// so it gives the same double. False when that rule does not apply.
inline bool plainDecimal(const char *&pos, const char *end, double &out)
{
    static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const char *p = pos;
    const bool negative = p != end && *p == '-';
    p += negative;
    std::uint64_t mantissa = 0;
    const char *const intStart = p;
    while (p != end && static_cast<unsigned>(*p - '0') < 10 && p - intStart < 20)
        mantissa = mantissa * 10 + static_cast<unsigned>(*p++ - '0');
    const auto intDigits = p - intStart;
    std::ptrdiff_t fracDigits = 0;
    if (p != end && *p == '.') {
        const char *const fracStart = ++p;
        while (p != end && static_cast<unsigned>(*p - '0') < 10 && intDigits + (p - fracStart) < 20)
            mantissa = mantissa * 10 + static_cast<unsigned>(*p++ - '0');
        fracDigits = p - fracStart;
    }
    if (intDigits + fracDigits == 0 || intDigits + fracDigits > 19 || mantissa > (std::uint64_t(1) << 53))
        return false;
    const double v = static_cast<double>(mantissa) / kPow10[fracDigits];
    out = negative ? -v : v;
    pos = p;
    return true;
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

// ---------------------------------------------------------------------------------------------
// MLflow

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
