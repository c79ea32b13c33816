// Packed metric columns (core/metrics/PackedColumn.h, docs/store.md): lossless bit for bit,
// raw float64 whenever packing would round or not save space, and read back from the store
// for rows written before and after the schema step that introduced them.
#include "MetricTestUtil.h"
#include "TempStore.h"
#include "core/import/Importer.h"
#include "core/metrics/MetricParser.h"
#include "core/metrics/PackedColumn.h"
#include "core/store/ProjectQueries.h"
#include "core/store/RevisionData.h"
#include "core/store/Schema.h"
#include "core/store/Store.h"

#include <QtTest>

#include <bit>
#include <cmath>
#include <fstream>
#include <limits>
#include <random>

using namespace mltrl;
using namespace mltrl::test;

namespace {

using Column = std::vector<double>;

bool sameBits(const Column &a, const Column &b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::bit_cast<std::uint64_t>(a[i]) != std::bit_cast<std::uint64_t>(b[i]))
            return false;
    return true;
}

/// A random walk written with `digits` fraction digits and read back as the parser does.
Column decimalWalk(std::size_t n, int digits, double stepSize, unsigned seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> d(-stepSize, stepSize);
    Column out;
    double v = 100.5; // far from 0: a "-0.000000" would make the column raw
    for (std::size_t i = 0; i < n; ++i) {
        v += d(rng);
        const std::string text = fmt::format("{:.{}f}", v, digits);
        out.push_back(std::strtod(text.c_str(), nullptr));
    }
    return out;
}

Column steps(std::size_t n, double first, double step)
{
    Column out;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(first + static_cast<double>(i) * step);
    return out;
}

std::string csvOf(const Column &x, const Column &y)
{
    std::string out = "step,value\n";
    for (std::size_t i = 0; i < x.size(); ++i)
        out += fmt::format("{},{}\n", x[i], y[i]);
    return out;
}

} // namespace

class TestPackedColumn : public QObject {
    Q_OBJECT

private slots:
    void roundTrip_data()
    {
        constexpr double nan = std::numeric_limits<double>::quiet_NaN();
        constexpr double inf = std::numeric_limits<double>::infinity();
        QTest::addColumn<Column>("values");
        QTest::addColumn<int>("bytesPerValue"); // -1: stored raw (pack() gives nothing)

        QTest::newRow("steps 0, 1, 2 …") << steps(1000, 0, 1) << 0;
        QTest::newRow("steps 10, 20, 30 …") << steps(1000, 10, 10) << 0;
        QTest::newRow("steps -5, -4 …") << steps(100, -5, 1) << 0;
        Column tenths;
        for (int i = 0; i < 500; ++i)
            tenths.push_back(std::strtod(fmt::format("{}.{}", i / 10, i % 10).c_str(), nullptr));
        QTest::newRow("tenths 0.0, 0.1 … 49.9") << tenths << 0;
        QTest::newRow("six decimals, small steps") << decimalWalk(5000, 6, 0.0005, 2) << 2;
        QTest::newRow("six decimals, tiny steps") << decimalWalk(5000, 6, 0.00005, 3) << 1;
        QTest::newRow("three decimals, large steps") << decimalWalk(5000, 3, 1000.0, 4) << 4;
        QTest::newRow("mixed digits 0.5 0.25 0.125 0.0625") << Column{0.5, 0.25, 0.125, 0.0625, 0.5, 0.75, 1, 2} << 2;
        Column millis;
        for (int i = 0; i < 300; ++i)
            millis.push_back(static_cast<double>(1735689600000LL + 997LL * i + i % 7) / 1000.0); // MLflow: ms / 1000
        QTest::newRow("MLflow timestamps (ms / 1000)") << millis << 2;
        QTest::newRow("integers beyond 2^53, even steps") << steps(50, std::ldexp(1.0, 60), std::ldexp(1.0, 40)) << 0;
        QTest::newRow("negative and positive") << Column{-1.5, -0.25, 0, 0.25, 1.5, -3} << 2;
        Column later = steps(3000, 0, 1);
        later[2500] = 2500.5;
        QTest::newRow("constant steps, then one half step") << later << 1;
        Column wider = decimalWalk(3000, 6, 0.00005, 5);
        wider[2000] = std::strtod(fmt::format("{:.6f}", wider[2000] + 0.5).c_str(), nullptr);
        QTest::newRow("small deltas, then one jump") << wider << 4;
        Column digits = decimalWalk(3000, 2, 0.05, 6);
        digits[2999] = std::strtod(fmt::format("{:.9f}", digits[2998] + 0.001000001).c_str(), nullptr);
        QTest::newRow("two digits, then nine at the end") << digits << 4;
        Column noDecimal = steps(3000, 0, 1);
        noDecimal[2999] = 0.1 + 0.2;
        QTest::newRow("steps, then no short decimal at the end: raw") << noDecimal << -1;
        QTest::newRow("NaN anywhere: raw") << Column{1, 2, nan, 4, 5, 6} << -1;
        QTest::newRow("infinity: raw") << Column{1, 2, 3, inf, 5, 6} << -1;
        QTest::newRow("minus zero: raw (its bits would not come back)") << Column{1, 2, -0.0, 4, 5, 6} << -1;
        QTest::newRow("smallest subnormal: raw") << Column{1, 2, 5e-324, 4, 5, 6} << -1;
        QTest::newRow("1e300: raw") << Column{1, 2, 1e300, 4, 5, 6} << -1;
        QTest::newRow("0.1 + 0.2 (17 digits, huge deltas): raw") << Column{0.1, 0.2, 0.1 + 0.2, 0.4, 0.5, 0.6} << -1;
        QTest::newRow("deltas beyond 32 bits: raw") << Column{0, 1e12, 0, 1e12, 0, 1e12} << -1;
        QTest::newRow("five values: raw (4-byte deltas would not save)") << Column{1, 2e6, 3, 4e6, 5} << -1;
        QTest::newRow("five small steps: raw (too few to pay for the header)") << Column{1, 2, 3, 4, 5} << -1;
        std::mt19937_64 rng(7);
        Column noise;
        std::uniform_real_distribution<double> u(0, 1);
        for (int i = 0; i < 1000; ++i)
            noise.push_back(u(rng));
        QTest::newRow("random doubles: raw") << noise << -1;
    }

    void roundTrip()
    {
        QFETCH(Column, values);
        QFETCH(int, bytesPerValue);
        const std::vector<std::byte> packed = packed_column::pack(values);
        if (bytesPerValue < 0) {
            QVERIFY(packed.empty());
            return;
        }
        QCOMPARE(packed.size(), packed_column::kHeaderBytes + (values.size() - 1) * std::size_t(bytesPerValue));
        QVERIFY(packed.size() < values.size() * sizeof(double)); // how a reader tells them apart
        Column back{42.0};
        QVERIFY(packed_column::unpack(packed, values.size(), back));
        QVERIFY(sameBits(back, values));
    }

    void unpackRejectsDamage_data()
    {
        QTest::addColumn<int>("byteIndex"); // -1: drop the last byte; -2: claim one more value
        QTest::addColumn<int>("value");
        QTest::newRow("unknown codec") << 0 << 7;
        QTest::newRow("k beyond 10^22") << 1 << 23;
        QTest::newRow("width 3") << 2 << 3;
        QTest::newRow("reserved byte set") << 5 << 1;
        QTest::newRow("one byte short") << -1 << 0;
        QTest::newRow("count does not match") << -2 << 0;
    }

    void unpackRejectsDamage()
    {
        QFETCH(int, byteIndex);
        QFETCH(int, value);
        const Column values = decimalWalk(100, 6, 0.0005, 9);
        std::vector<std::byte> packed = packed_column::pack(values);
        QVERIFY(!packed.empty());
        std::size_t count = values.size();
        if (byteIndex >= 0)
            packed[static_cast<std::size_t>(byteIndex)] = std::byte(static_cast<std::uint8_t>(value));
        else if (byteIndex == -1)
            packed.pop_back();
        else
            ++count;
        Column out;
        QVERIFY(!packed_column::unpack(packed, count, out));
        QVERIFY(!packed_column::unpack(packed, 0, out));
    }

    /// An import packs what it can; loadMetricData gives back exactly the parsed values.
    void importedColumnsReadBackBitForBit()
    {
        TempStore ts;
        ExampleCopy ex;
        const Column x = steps(20000, 0, 1);
        const Column y = decimalWalk(20000, 6, 0.0005, 11);
        const std::string csv = csvOf(x, y);
        ex.writeFile("metrics/loss.csv", csv);
        Problems problems;
        const ImportResult r = importArchive(ts.store(), ex.dir(), problems);
        QVERIFY2(r.ok(), qPrintable(texts(problems.items()).join(QLatin1Char('\n'))));
        const std::int64_t rev = loadOverview(ts.store().db(), r.projectId)->revisionId;

        // Every metric of the example, packed or not, reads back as it parses.
        const nlohmann::json m = ex.manifest();
        for (const auto &metric : m["metrics"]) {
            const std::string id = metric["id"];
            Metric spec;
            spec.path = metric["path"];
            spec.kind = metric["kind"] == "curve"    ? MetricKind::Curve
                        : metric["kind"] == "groups" ? MetricKind::Groups
                                                     : MetricKind::Series;
            spec.format = metric.value("format", "csv") == "mlflow" ? MetricFormat::Mlflow : MetricFormat::Csv;
            std::ifstream in(ex.dir() / spec.path, std::ios::binary);
            const std::string bytes((std::istreambuf_iterator<char>(in)), {});
            Problems parseProblems;
            const std::optional<MetricData> parsed = parseMetric(bytes, spec, parseProblems);
            QVERIFY(parsed);
            const std::optional<MetricData> stored = loadMetricData(ts.store(), rev, id);
            QVERIFY(stored);
            QCOMPARE(stored->series.size(), parsed->series.size());
            QCOMPARE(stored->groupLabels, parsed->groupLabels);
            for (std::size_t s = 0; s < parsed->series.size(); ++s) {
                const SeriesData &a = stored->series[s];
                const SeriesData &b = parsed->series[s];
                QCOMPARE(a.name, b.name);
                QVERIFY2(sameBits(a.x, b.x) && sameBits(a.y, b.y) && sameBits(a.lower, b.lower) &&
                             sameBits(a.upper, b.upper) && sameBits(a.timestamp, b.timestamp) &&
                             sameBits(a.count, b.count),
                         id.c_str());
            }
        }
        // The big series went in packed: steps as one constant step, values as 2-byte deltas.
        auto st = ts.store().db().prepare(
            "SELECT length(x), length(y), packing FROM metric_series WHERE revision_id = ? AND metric_id = 'loss'");
        st.bindAll(rev);
        QVERIFY(st.step());
        QCOMPARE(st.int64(0), std::int64_t(packed_column::kHeaderBytes));
        QCOMPARE(st.int64(1), std::int64_t(packed_column::kHeaderBytes + 2 * (y.size() - 1)));
        QCOMPARE(st.int64(2), std::int64_t(1));
    }

    /// Rows written before the packing step (`packing` 0, every column a float64 array) are
    /// read as they are.
    void rowsFromBeforePackingReadUnchanged()
    {
        TempStore ts;
        ExampleCopy ex;
        const Column x = steps(5000, 0, 1);
        const Column y = decimalWalk(5000, 6, 0.0005, 12);
        ex.writeFile("metrics/loss.csv", csvOf(x, y));
        Problems problems;
        const ImportResult r = importArchive(ts.store(), ex.dir(), problems);
        QVERIFY(r.ok());
        const std::int64_t rev = loadOverview(ts.store().db(), r.projectId)->revisionId;
        const MetricData before = *loadMetricData(ts.store(), rev, "loss");
        {
            // Rewrite every row as the old writer did.
            sql::Database &db = ts.store().db();
            auto rows =
                db.prepare("SELECT rowid FROM metric_series WHERE revision_id = ? AND metric_id = 'loss' ORDER BY ord");
            rows.bindAll(rev);
            std::size_t s = 0;
            while (rows.step()) {
                const SeriesData &d = before.series[s++];
                auto up = db.prepare("UPDATE metric_series SET x = ?, y = ?, packing = 0 WHERE rowid = ?");
                up.bindBlob(1, std::as_bytes(std::span<const double>(d.x)));
                up.bindBlob(2, std::as_bytes(std::span<const double>(d.y)));
                up.bind(3, rows.int64(0));
                up.run();
            }
        }
        ts.reopen();
        const MetricData after = *loadMetricData(ts.store(), rev, "loss");
        QCOMPARE(after.series.size(), before.series.size());
        for (std::size_t s = 0; s < before.series.size(); ++s)
            QVERIFY(sameBits(after.series[s].x, before.series[s].x) && sameBits(after.series[s].y, before.series[s].y));
        QCOMPARE(ts.store().db().queryInt(
                     "SELECT length(y) FROM metric_series WHERE metric_id = 'loss' ORDER BY ord LIMIT 1"),
                 std::int64_t(before.series[0].y.size() * sizeof(double)));
    }

    /// A store at the schema step before packing, with a series in it, is migrated: its row
    /// gets `packing` 0 and reads back unchanged.
    void migrationKeepsOldSeries()
    {
        const auto &steps = schema::migrations();
        std::size_t packingStep = steps.size();
        for (std::size_t i = 0; i < steps.size(); ++i)
            if (steps[i].find("ADD COLUMN packing") != std::string_view::npos)
                packingStep = i;
        QVERIFY(packingStep < steps.size());
        QTemporaryDir dir;
        const std::filesystem::path storeDir = dir.path().toStdString();
        const Column x{1, 2, 3, 4, 5, 6, 7};
        const Column y{0.5, 0.25, -1, 1e300, 0.1 + 0.2, 7, 8};
        {
            sql::Database db((storeDir / "store.sqlite").string());
            for (std::size_t v = 0; v < packingStep; ++v)
                db.exec(steps[v]);
            db.exec(fmt::format("PRAGMA user_version={}", packingStep));
            db.exec("INSERT INTO metrics VALUES (1, 0, 'm', 'metrics/m.csv', 'M', 'series', 'csv', NULL, '', '', "
                    "'00', 1, 7, '{}')");
            auto st = db.prepare("INSERT INTO metric_series (revision_id, metric_id, ord, name, points, x, y) "
                                 "VALUES (1, 'm', 0, '', 7, ?, ?)");
            st.bindBlob(1, std::as_bytes(std::span<const double>(x)));
            st.bindBlob(2, std::as_bytes(std::span<const double>(y)));
            st.run();
        }
        Problems problems;
        auto store = Store::open(storeDir, problems);
        QVERIFY2(store, qPrintable(texts(problems.items()).join(QLatin1Char('\n'))));
        QCOMPARE(store->db().queryInt("PRAGMA user_version"), std::int64_t(schema::currentVersion()));
        QCOMPARE(store->db().queryInt("SELECT packing FROM metric_series"), std::int64_t(0));
        const std::optional<MetricData> data = loadMetricData(*store, 1, "m");
        QVERIFY(data && data->series.size() == 1);
        QVERIFY(sameBits(data->series[0].x, x) && sameBits(data->series[0].y, y));
    }

    /// A damaged packed column is an error naming the metric, never wrong points.
    void damagedPackedColumnIsAnError()
    {
        TempStore ts;
        ExampleCopy ex;
        ex.writeFile("metrics/loss.csv", csvOf(steps(100, 0, 1), decimalWalk(100, 6, 0.0005, 13)));
        Problems problems;
        const ImportResult r = importArchive(ts.store(), ex.dir(), problems);
        QVERIFY(r.ok());
        const std::int64_t rev = loadOverview(ts.store().db(), r.projectId)->revisionId;
        ts.store().db().exec("UPDATE metric_series SET y = substr(y, 1, length(y) - 1) WHERE metric_id = 'loss'");
        try {
            (void)loadMetricData(ts.store(), rev, "loss");
            QFAIL("a damaged column was read");
        } catch (const sql::SqliteError &e) {
            QVERIFY2(std::string(e.what()).find("column y of metric \"loss\"") != std::string::npos, e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestPackedColumn)
#include "tst_packed_column.moc"
