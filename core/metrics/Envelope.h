#pragma once
/// A min/max pyramid for plotting huge series without silent downsampling: every pixel
/// column shows the true lowest and highest value of the points that fall in it.
#include <cstddef>
#include <span>
#include <vector>

namespace mltrl {

/// Built once per sub-series (O(n log n) when x is unsorted, O(n) when sorted); queries cost
/// O(columns × log n). Memory: the sorted points (16 bytes each) plus about 4 bytes per point
/// for the pyramid — or the pyramid alone for an envelope made with `borrowing()` over points
/// that are already in x order (the usual case), which reads the caller's arrays in place.
///
/// Points are ordered by x (a stable sort, so equal x keep file order); points with NaN x are
/// dropped (they cannot be placed). Level k ≥ kBaseLevel of the pyramid holds, for each
/// aligned block of 2^k consecutive sorted points, the min and max of their y (NaN ignored).
///
/// Exactness: `columns()` splits [xFrom, xTo] into pixel columns at the edges given by
/// `columnEdge`; column c holds the points with edge(c) ≤ x < edge(c+1) (the last column also
/// takes x == xTo). Its index range is found by binary search, then decomposed into aligned
/// pyramid blocks that lie entirely inside it plus fewer than 2^kBaseLevel raw points at each
/// end. So yMin/yMax are exactly the min/max of the non-NaN y of exactly those points — no
/// approximation, no sampling.
class Envelope {
public:
    static constexpr unsigned kBaseLevel = 3; ///< smallest block: 8 points

    /// One pixel column.
    struct Column {
        double xFrom = 0; ///< column edges
        double xTo = 0;
        std::size_t first = 0; ///< index range [first, first + count) into x()/y()
        std::size_t count = 0; ///< points in the column (NaN y included)
        double yMin = 0;       ///< NaN when the column holds no non-NaN y
        double yMax = 0;
    };

    Envelope() = default;
    /// `x` and `y` are parallel (extra elements of the longer one are ignored). The envelope
    /// keeps its own sorted copy of the points.
    Envelope(std::span<const double> x, std::span<const double> y);
    /// The same envelope, but when `x` is already in order and has no NaN it reads `x` and `y`
    /// in place instead of copying them (a 10-million-point series then costs 40 MB of pyramid
    /// instead of 200 MB): the caller keeps both arrays alive and unchanged for as long as the
    /// envelope or any copy of it exists. Otherwise it sorts into its own copy, as above.
    [[nodiscard]] static Envelope borrowing(std::span<const double> x, std::span<const double> y);

    Envelope(const Envelope &other);
    Envelope &operator=(const Envelope &other);
    Envelope(Envelope &&other) noexcept;
    Envelope &operator=(Envelope &&other) noexcept;
    ~Envelope() = default;

    /// True when the points are read in place (see `borrowing`).
    [[nodiscard]] bool borrows() const { return !m_x.empty() && m_x.data() != m_ownX.data(); }
    /// Bytes the envelope holds itself (sorted copies, if any, and the pyramid).
    [[nodiscard]] std::size_t ownedBytes() const;

    /// Points sorted by x.
    [[nodiscard]] std::span<const double> x() const { return m_x; }
    [[nodiscard]] std::span<const double> y() const { return m_y; }
    [[nodiscard]] std::size_t size() const { return m_x.size(); }

    /// Index range [first, last) of the points with xFrom ≤ x ≤ xTo.
    [[nodiscard]] std::pair<std::size_t, std::size_t> pointRange(double xFrom, double xTo) const;
    /// True when [xFrom, xTo] holds at most 2 × pixelColumns points: the plot should then draw
    /// every point (from `pointRange`) instead of the envelope.
    [[nodiscard]] bool drawEveryPoint(double xFrom, double xTo, int pixelColumns) const;

    /// Left edge of column c of `columns` (c == columns gives xTo).
    [[nodiscard]] static double columnEdge(double xFrom, double xTo, int columns, int c);
    /// The envelope of [xFrom, xTo] over `pixelColumns` columns; empty when pixelColumns < 1,
    /// xFrom > xTo or either is not finite.
    [[nodiscard]] std::vector<Column> columns(double xFrom, double xTo, int pixelColumns) const;

    /// Min and max of the non-NaN y of the sorted points [first, last) (NaN, NaN when none).
    [[nodiscard]] std::pair<double, double> rangeMinMax(std::size_t first, std::size_t last) const;

private:
    struct MinMax {
        double min;
        double max;
    };
    Envelope(std::span<const double> x, std::span<const double> y, bool mayBorrow);
    void buildPyramid();

    std::vector<double> m_ownX; ///< sorted copies (empty when borrowing)
    std::vector<double> m_ownY;
    std::span<const double> m_x; ///< the sorted points: m_ownX/m_ownY, or the caller's arrays
    std::span<const double> m_y;
    /// m_levels[i] = blocks of 2^(kBaseLevel + i) points (only whole blocks).
    std::vector<std::vector<MinMax>> m_levels;
};

} // namespace mltrl
