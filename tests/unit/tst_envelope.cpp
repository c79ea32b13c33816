#include "core/metrics/Envelope.h"

#include <QtTest>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <random>
#include <vector>

using namespace mltrl;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool same(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

struct Points {
    std::vector<double> x;
    std::vector<double> y;
};

/// n points; x is a random walk with repeated values (shuffled when !sorted), y random with
/// some NaN.
Points makePoints(int n, bool sorted, double nanShare, std::mt19937_64 &rng)
{
    Points p;
    std::uniform_real_distribution<double> u(0.0, 1.0);
    double x = -50;
    for (int i = 0; i < n; ++i) {
        if (u(rng) > 0.2) // 20 % of steps repeat the previous x
            x += u(rng) * 3;
        p.x.push_back(x);
        p.y.push_back(u(rng) < nanShare ? kNaN : (u(rng) - 0.5) * 1000);
    }
    if (!sorted) {
        std::vector<int> perm(static_cast<std::size_t>(n));
        std::iota(perm.begin(), perm.end(), 0);
        std::shuffle(perm.begin(), perm.end(), rng);
        Points q;
        for (int i : perm) {
            q.x.push_back(p.x[static_cast<std::size_t>(i)]);
            q.y.push_back(p.y[static_cast<std::size_t>(i)]);
        }
        return q;
    }
    return p;
}
} // namespace

class TestEnvelope : public QObject {
    Q_OBJECT
private slots:
    /// Every column's min/max equals a brute-force scan of the original (unsorted) points.
    void exactAgainstBruteForce_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("columns");
        QTest::addColumn<bool>("sorted");
        QTest::addColumn<double>("nanShare");
        QTest::newRow("empty") << 0 << 10 << true << 0.0;
        QTest::newRow("one point") << 1 << 10 << true << 0.0;
        QTest::newRow("7 points (below a base block)") << 7 << 3 << true << 0.0;
        QTest::newRow("8 points") << 8 << 3 << true << 0.1;
        QTest::newRow("9 points, unsorted") << 9 << 2 << false << 0.0;
        QTest::newRow("1000 points, 1 column") << 1000 << 1 << true << 0.0;
        QTest::newRow("1000 points, 640 columns, NaN") << 1000 << 640 << false << 0.3;
        QTest::newRow("12345 points, 100 columns") << 12345 << 100 << false << 0.05;
        QTest::newRow("200000 points, 800 columns") << 200000 << 800 << true << 0.01;
        QTest::newRow("65536 points, 7 columns, all NaN") << 65536 << 7 << true << 1.0;
    }
    void exactAgainstBruteForce()
    {
        QFETCH(int, n);
        QFETCH(int, columns);
        QFETCH(bool, sorted);
        QFETCH(double, nanShare);
        std::mt19937_64 rng(static_cast<unsigned>(n * 31 + columns));
        const Points p = makePoints(n, sorted, nanShare, rng);
        const Envelope env(p.x, p.y);
        QCOMPARE(env.size(), static_cast<std::size_t>(n));
        QVERIFY(std::is_sorted(env.x().begin(), env.x().end()));

        const double lo = n ? *std::min_element(p.x.begin(), p.x.end()) : 0;
        const double hi = n ? *std::max_element(p.x.begin(), p.x.end()) : 1;
        std::uniform_real_distribution<double> u(lo - 5, hi + 5);
        for (int q = 0; q < 12; ++q) {
            double from = q == 0 ? lo : u(rng);
            double to = q == 0 ? hi : u(rng);
            if (from > to)
                std::swap(from, to);
            const auto cols = env.columns(from, to, columns);
            QCOMPARE(cols.size(), static_cast<std::size_t>(columns));
            std::vector<double> mn(cols.size(), kNaN), mx(cols.size(), kNaN);
            std::vector<std::size_t> count(cols.size(), 0);
            std::size_t inRange = 0;
            std::vector<double> innerEdges; // edges 1 .. columns-1
            for (int c = 1; c < columns; ++c)
                innerEdges.push_back(Envelope::columnEdge(from, to, columns, c));
            for (std::size_t i = 0; i < p.x.size(); ++i) {
                const double x = p.x[i];
                if (x < from || x > to)
                    continue;
                ++inRange;
                // Column c holds edge(c) <= x < edge(c+1); the last one also takes x == to.
                const auto c = static_cast<std::size_t>(std::upper_bound(innerEdges.begin(), innerEdges.end(), x) -
                                                        innerEdges.begin());
                ++count[c];
                const double y = p.y[i];
                if (std::isnan(y))
                    continue;
                if (std::isnan(mn[c]) || y < mn[c])
                    mn[c] = y;
                if (std::isnan(mx[c]) || y > mx[c])
                    mx[c] = y;
            }
            std::size_t total = 0;
            for (std::size_t c = 0; c < cols.size(); ++c) {
                QCOMPARE(cols[c].count, count[c]);
                QVERIFY2(same(cols[c].yMin, mn[c]) && same(cols[c].yMax, mx[c]),
                         qPrintable(QStringLiteral("column %1: %2..%3, expected %4..%5")
                                        .arg(c)
                                        .arg(cols[c].yMin)
                                        .arg(cols[c].yMax)
                                        .arg(mn[c])
                                        .arg(mx[c])));
                QCOMPARE(cols[c].xFrom, Envelope::columnEdge(from, to, columns, static_cast<int>(c)));
                total += cols[c].count;
            }
            QCOMPARE(total, inRange);
            const auto [first, last] = env.pointRange(from, to);
            QCOMPARE(last - first, inRange);
            QCOMPARE(env.drawEveryPoint(from, to, columns), inRange <= 2 * static_cast<std::size_t>(columns));
        }
    }

    void rangeMinMaxOverEveryRange()
    {
        std::mt19937_64 rng(3);
        const Points p = makePoints(100, true, 0.2, rng);
        const Envelope env(p.x, p.y);
        for (std::size_t a = 0; a <= env.size(); ++a)
            for (std::size_t b = a; b <= env.size(); ++b) {
                double mn = kNaN, mx = kNaN;
                for (std::size_t i = a; i < b; ++i) {
                    const double y = env.y()[i];
                    if (std::isnan(y))
                        continue;
                    mn = std::isnan(mn) ? y : std::min(mn, y);
                    mx = std::isnan(mx) ? y : std::max(mx, y);
                }
                const auto [lo, hi] = env.rangeMinMax(a, b);
                QVERIFY(same(lo, mn) && same(hi, mx));
            }
    }

    void dropsNaNxAndKeepsFileOrderOnTies()
    {
        const std::vector<double> x{2, kNaN, 1, 2, 1};
        const std::vector<double> y{10, 99, 20, 30, 40};
        const Envelope env(x, y);
        QCOMPARE(std::vector<double>(env.x().begin(), env.x().end()), (std::vector<double>{1, 1, 2, 2}));
        QCOMPARE(std::vector<double>(env.y().begin(), env.y().end()), (std::vector<double>{20, 40, 10, 30}));
    }

    /// Already-sorted input is copied straight across (no index); NaN x are dropped there
    /// too, and a NaN between two out-of-order x must not hide that they need sorting.
    void sortedInputWithNaNxAndTies_data()
    {
        QTest::addColumn<std::vector<double>>("x");
        QTest::addColumn<std::vector<double>>("expectedX");
        QTest::addColumn<std::vector<double>>("expectedY");
        QTest::newRow("sorted, ties") << std::vector<double>{1, 1, 2, 3} << std::vector<double>{1, 1, 2, 3}
                                      << std::vector<double>{0, 1, 2, 3};
        QTest::newRow("sorted, NaN x inside")
            << std::vector<double>{1, kNaN, 2, kNaN} << std::vector<double>{1, 2} << std::vector<double>{0, 2};
        QTest::newRow("NaN x between a descent")
            << std::vector<double>{3, kNaN, 2, 4} << std::vector<double>{2, 3, 4} << std::vector<double>{2, 0, 3};
        QTest::newRow("leading NaN x") << std::vector<double>{kNaN, -1, 0} << std::vector<double>{-1, 0}
                                       << std::vector<double>{1, 2};
        QTest::newRow("infinite x") << std::vector<double>{-std::numeric_limits<double>::infinity(), 0, 1}
                                    << std::vector<double>{-std::numeric_limits<double>::infinity(), 0, 1}
                                    << std::vector<double>{0, 1, 2};
    }
    void sortedInputWithNaNxAndTies()
    {
        QFETCH(std::vector<double>, x);
        QFETCH(std::vector<double>, expectedX);
        QFETCH(std::vector<double>, expectedY);
        std::vector<double> y(x.size());
        std::iota(y.begin(), y.end(), 0.0); // y = original index
        const Envelope env(x, y);
        QCOMPARE(std::vector<double>(env.x().begin(), env.x().end()), expectedX);
        QCOMPARE(std::vector<double>(env.y().begin(), env.y().end()), expectedY);
    }

    /// borrowing() gives exactly the envelope the copying constructor gives, and reads the
    /// caller's arrays in place only when they are already in x order without NaN x.
    void borrowingMatchesCopyingAndSharesOnlySortedInput_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<bool>("sorted");
        QTest::addColumn<bool>("nanX");
        QTest::addColumn<bool>("expectBorrow");
        QTest::newRow("sorted") << 5000 << true << false << true;
        QTest::newRow("sorted, ties and NaN y") << 777 << true << false << true;
        QTest::newRow("sorted, one NaN x") << 5000 << true << true << false;
        QTest::newRow("unsorted") << 5000 << false << false << false;
        QTest::newRow("single point") << 1 << true << false << true;
        QTest::newRow("empty") << 0 << true << false << false;
    }
    void borrowingMatchesCopyingAndSharesOnlySortedInput()
    {
        QFETCH(int, n);
        QFETCH(bool, sorted);
        QFETCH(bool, nanX);
        QFETCH(bool, expectBorrow);
        std::mt19937_64 rng(static_cast<unsigned>(n) + (sorted ? 1u : 2u));
        Points p = makePoints(n, sorted, 0.1, rng);
        if (nanX)
            p.x[p.x.size() / 2] = kNaN;
        const Envelope owning(p.x, p.y);
        const Envelope borrowing = Envelope::borrowing(p.x, p.y);
        QCOMPARE(borrowing.borrows(), expectBorrow);
        QVERIFY(!owning.borrows());
        if (expectBorrow) {
            QCOMPARE(borrowing.x().data(), p.x.data());
            QCOMPARE(borrowing.y().data(), p.y.data());
            QVERIFY(borrowing.ownedBytes() < owning.ownedBytes());
        }
        QCOMPARE(borrowing.size(), owning.size());
        QVERIFY(std::equal(borrowing.x().begin(), borrowing.x().end(), owning.x().begin(), same));
        QVERIFY(std::equal(borrowing.y().begin(), borrowing.y().end(), owning.y().begin(), same));
        if (owning.size() == 0)
            return;
        const double from = owning.x().front(), to = owning.x().back();
        const auto a = owning.columns(from, to, 97);
        const auto b = borrowing.columns(from, to, 97);
        QCOMPARE(a.size(), b.size());
        for (std::size_t c = 0; c < a.size(); ++c) {
            QCOMPARE(b[c].first, a[c].first);
            QCOMPARE(b[c].count, a[c].count);
            QVERIFY(same(b[c].yMin, a[c].yMin) && same(b[c].yMax, a[c].yMax));
        }
    }

    /// A copy of an envelope with its own points owns its own copy (never the original's
    /// storage); a copy of a borrowing one reads the caller's arrays too; moves keep the data.
    void copiesAndMovesKeepTheirPoints()
    {
        std::mt19937_64 rng(11);
        const Points p = makePoints(300, true, 0.0, rng);
        std::vector<double> shuffledX(p.x.rbegin(), p.x.rend());
        auto owning = std::make_unique<Envelope>(shuffledX, p.y); // reversed: sorted into its own copy
        const Envelope copy(*owning);
        QVERIFY(!copy.borrows());
        QVERIFY(copy.x().data() != owning->x().data());
        const std::vector<double> expectX(owning->x().begin(), owning->x().end());
        const auto expectColumns = owning->columns(expectX.front(), expectX.back(), 10);
        owning.reset(); // the copy must not read freed memory
        QVERIFY(std::equal(copy.x().begin(), copy.x().end(), expectX.begin(), expectX.end()));
        QCOMPARE(copy.columns(expectX.front(), expectX.back(), 10).size(), expectColumns.size());
        Envelope assigned;
        assigned = copy;
        QVERIFY(assigned.x().data() != copy.x().data());

        const Envelope borrowing = Envelope::borrowing(p.x, p.y);
        const Envelope borrowedCopy(borrowing);
        QCOMPARE(borrowedCopy.x().data(), p.x.data());
        std::vector<Envelope> many;
        for (int i = 0; i < 20; ++i) // reallocations move the elements
            many.push_back(i % 2 ? Envelope::borrowing(p.x, p.y) : Envelope(shuffledX, p.y));
        for (std::size_t i = 0; i < many.size(); ++i) {
            QCOMPARE(many[i].size(), p.x.size());
            QCOMPARE(many[i].borrows(), i % 2 == 1);
            QCOMPARE(many[i].x().back(), p.x.back());
            const auto [lo, hi] = many[i].rangeMinMax(0, many[i].size());
            const auto [elo, ehi] = copy.rangeMinMax(0, copy.size());
            QVERIFY(same(lo, elo) && same(hi, ehi));
        }
        Envelope moved(std::move(many.front()));
        QCOMPARE(moved.size(), p.x.size());
    }

    void degenerateQueries()
    {
        const std::vector<double> x{0, 1, 2};
        const Envelope env(x, x);
        QVERIFY(env.columns(0, 2, 0).empty());
        QVERIFY(env.columns(2, 0, 5).empty());
        QVERIFY(env.columns(kNaN, 2, 5).empty());
        QVERIFY(env.columns(0, std::numeric_limits<double>::infinity(), 5).empty());
        const auto single = env.columns(1, 1, 4); // a zero-width range: everything at x = 1 lands in the last column
        QCOMPARE(single.size(), std::size_t(4));
        QCOMPARE(single.back().count, std::size_t(1));
        QCOMPARE(single.back().yMax, 1.0);
        QVERIFY(env.drawEveryPoint(0, 2, 2));
        QVERIFY(!env.drawEveryPoint(0, 2, 1));
    }
};

QTEST_GUILESS_MAIN(TestEnvelope)
#include "tst_envelope.moc"
