#include "core/metrics/Envelope.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <tuple>
#include <utility>

namespace mltrl {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Folds `v` into [lo, hi]; NaN values and NaN bounds (no value yet) handled.
inline void fold(double &lo, double &hi, double vlo, double vhi)
{
    if (std::isnan(vlo))
        return;
    if (std::isnan(lo) || vlo < lo)
        lo = vlo;
    if (std::isnan(hi) || vhi > hi)
        hi = vhi;
}
} // namespace

Envelope::Envelope(std::span<const double> x, std::span<const double> y) : Envelope(x, y, false) {}

Envelope Envelope::borrowing(std::span<const double> x, std::span<const double> y)
{
    return Envelope(x, y, true);
}

Envelope::Envelope(std::span<const double> x, std::span<const double> y, bool mayBorrow)
{
    const std::size_t n = std::min(x.size(), y.size());
    // Metric files are nearly always written in x order: check that in one pass and then copy
    // straight across (or read in place), so the common case needs no 8-byte index per point.
    bool sorted = true;
    std::size_t placeable = 0;
    double previous = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < n; ++i) {
        if (std::isnan(x[i]))
            continue;
        ++placeable;
        if (x[i] < previous)
            sorted = false;
        previous = x[i];
    }
    if (mayBorrow && sorted && placeable == n && n > 0) {
        m_x = x.first(n);
        m_y = y.first(n);
        buildPyramid();
        return;
    }
    m_ownX.reserve(placeable);
    m_ownY.reserve(placeable);
    if (sorted) {
        for (std::size_t i = 0; i < n; ++i)
            if (!std::isnan(x[i])) {
                m_ownX.push_back(x[i]);
                m_ownY.push_back(y[i]);
            }
    } else {
        std::vector<std::size_t> order;
        order.reserve(placeable);
        for (std::size_t i = 0; i < n; ++i)
            if (!std::isnan(x[i]))
                order.push_back(i);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
        for (std::size_t i : order) {
            m_ownX.push_back(x[i]);
            m_ownY.push_back(y[i]);
        }
    }
    m_x = m_ownX;
    m_y = m_ownY;
    buildPyramid();
}

Envelope::Envelope(const Envelope &other)
      : m_ownX(other.m_ownX), m_ownY(other.m_ownY), m_x(other.m_x), m_y(other.m_y), m_levels(other.m_levels)
{
    if (!other.borrows()) { // own copies: point at ours, not at other's
        m_x = m_ownX;
        m_y = m_ownY;
    }
}

Envelope &Envelope::operator=(const Envelope &other)
{
    if (this != &other)
        *this = Envelope(other);
    return *this;
}

// A moved vector keeps its buffer, so spans into it stay valid in the new owner.
Envelope::Envelope(Envelope &&other) noexcept
      : m_ownX(std::move(other.m_ownX)), m_ownY(std::move(other.m_ownY)), m_x(std::exchange(other.m_x, {})),
        m_y(std::exchange(other.m_y, {})), m_levels(std::move(other.m_levels))
{
}

Envelope &Envelope::operator=(Envelope &&other) noexcept
{
    if (this != &other) {
        m_ownX = std::move(other.m_ownX);
        m_ownY = std::move(other.m_ownY);
        m_x = std::exchange(other.m_x, {});
        m_y = std::exchange(other.m_y, {});
        m_levels = std::move(other.m_levels);
    }
    return *this;
}

std::size_t Envelope::ownedBytes() const
{
    std::size_t bytes = (m_ownX.capacity() + m_ownY.capacity()) * sizeof(double);
    for (const auto &level : m_levels)
        bytes += level.capacity() * sizeof(MinMax);
    return bytes;
}

void Envelope::buildPyramid()
{
    // Base level from raw points, then each level from pairs of the one below.
    const std::size_t base = std::size_t(1) << kBaseLevel;
    if (m_y.size() < base)
        return;
    std::vector<MinMax> level(m_y.size() / base);
    for (std::size_t b = 0; b < level.size(); ++b) {
        MinMax mm{kNaN, kNaN};
        for (std::size_t i = b * base; i < (b + 1) * base; ++i)
            fold(mm.min, mm.max, m_y[i], m_y[i]);
        level[b] = mm;
    }
    m_levels.push_back(std::move(level));
    while (m_levels.back().size() >= 2) {
        const auto &below = m_levels.back();
        std::vector<MinMax> up(below.size() / 2);
        for (std::size_t b = 0; b < up.size(); ++b) {
            MinMax mm = below[2 * b];
            fold(mm.min, mm.max, below[2 * b + 1].min, below[2 * b + 1].max);
            up[b] = mm;
        }
        m_levels.push_back(std::move(up));
    }
}

std::pair<std::size_t, std::size_t> Envelope::pointRange(double xFrom, double xTo) const
{
    if (!(xFrom <= xTo))
        return {0, 0};
    const auto first = std::lower_bound(m_x.begin(), m_x.end(), xFrom);
    const auto last = std::upper_bound(first, m_x.end(), xTo);
    return {static_cast<std::size_t>(first - m_x.begin()), static_cast<std::size_t>(last - m_x.begin())};
}

bool Envelope::drawEveryPoint(double xFrom, double xTo, int pixelColumns) const
{
    const auto [first, last] = pointRange(xFrom, xTo);
    return last - first <= 2 * static_cast<std::size_t>(std::max(pixelColumns, 0));
}

double Envelope::columnEdge(double xFrom, double xTo, int columns, int c)
{
    if (c >= columns)
        return xTo;
    // Rounding could push an edge past xTo; clamping keeps the edges non-decreasing.
    return std::min(xTo, xFrom + (xTo - xFrom) * (static_cast<double>(c) / static_cast<double>(columns)));
}

std::pair<double, double> Envelope::rangeMinMax(std::size_t first, std::size_t last) const
{
    double lo = kNaN;
    double hi = kNaN;
    last = std::min(last, m_y.size());
    std::size_t i = first;
    // Greedy decomposition: at i, take the largest aligned block that starts at i and ends
    // by `last`; below the base level, take single raw points.
    while (i < last) {
        unsigned k = 0;
        while (true) {
            const unsigned next = k == 0 ? kBaseLevel : k + 1;
            const std::size_t size = std::size_t(1) << next;
            if (next - kBaseLevel >= m_levels.size() || i % size != 0 || i + size > last)
                break;
            k = next;
        }
        if (k == 0) {
            fold(lo, hi, m_y[i], m_y[i]);
            ++i;
        } else {
            const MinMax &mm = m_levels[k - kBaseLevel][i >> k];
            fold(lo, hi, mm.min, mm.max);
            i += std::size_t(1) << k;
        }
    }
    return {lo, hi};
}

std::vector<Envelope::Column> Envelope::columns(double xFrom, double xTo, int pixelColumns) const
{
    std::vector<Column> out;
    if (pixelColumns < 1 || !(xFrom <= xTo) || !std::isfinite(xFrom) || !std::isfinite(xTo))
        return out;
    out.reserve(static_cast<std::size_t>(pixelColumns));
    auto begin = std::lower_bound(m_x.begin(), m_x.end(), xFrom);
    for (int c = 0; c < pixelColumns; ++c) {
        Column col;
        col.xFrom = columnEdge(xFrom, xTo, pixelColumns, c);
        col.xTo = columnEdge(xFrom, xTo, pixelColumns, c + 1);
        const auto end = c + 1 == pixelColumns ? std::upper_bound(begin, m_x.end(), xTo)
                                               : std::lower_bound(begin, m_x.end(), col.xTo);
        col.first = static_cast<std::size_t>(begin - m_x.begin());
        col.count = static_cast<std::size_t>(end - begin);
        std::tie(col.yMin, col.yMax) = rangeMinMax(col.first, col.first + col.count);
        out.push_back(col);
        begin = end;
    }
    return out;
}

} // namespace mltrl
