// Parsing a big metric file from a mapping that is released behind the parser: the parser
// reports its progress (monotonic, bounded, in steps) and the result is the same as without
// the hook; released pages of a mapping read back unchanged.
#include "MetricTestUtil.h"
#include "core/metrics/MetricParser.h"
#include "core/store/BlobStore.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace mltrl;

Q_DECLARE_METATYPE(mltrl::MetricKind)

namespace {

/// About `bytes` of CSV for `kind`; with sub-series when `named`.
std::string bigCsv(MetricKind kind, std::size_t bytes, bool named)
{
    std::string out = kind == MetricKind::Curve ? "x,y" : named ? "step,series,value,lower,upper" : "step,value";
    out += '\n';
    for (std::size_t i = 0; out.size() < bytes; ++i) {
        if (kind == MetricKind::Curve)
            out += fmt::format("{},{}\n", i, static_cast<double>(i % 1000) / 1000.0);
        else if (named)
            out += fmt::format("{},s{},{},{},{}\n", i / 3, i % 3, i * 0.5, i * 0.5 - 1, i * 0.5 + 1);
        else
            out += fmt::format("{},{}\n", i, static_cast<double>(i % 977) / 977.0);
    }
    return out;
}

std::string mlflowText(std::size_t bytes)
{
    std::string out;
    for (std::size_t i = 0; out.size() < bytes; ++i)
        out += fmt::format("{} {} {}\n", 1700000000000 + i, static_cast<double>(i % 13) / 13.0, i);
    return out;
}

} // namespace

class TestMetricRelease : public QObject {
    Q_OBJECT
private slots:
    void reportsProgressAndParsesTheSame_data()
    {
        QTest::addColumn<MetricKind>("kind");
        QTest::addColumn<bool>("named");
        QTest::addColumn<bool>("mlflow");
        QTest::newRow("series") << MetricKind::Series << false << false;
        QTest::newRow("series with sub-series") << MetricKind::Series << true << false;
        QTest::newRow("curve") << MetricKind::Curve << false << false;
        QTest::newRow("mlflow") << MetricKind::Series << false << true;
    }

    void reportsProgressAndParsesTheSame()
    {
        QFETCH(MetricKind, kind);
        QFETCH(bool, named);
        QFETCH(bool, mlflow);
        const std::string text = mlflow ? mlflowText(13u << 20) : bigCsv(kind, 13u << 20, named);
        Metric metric;
        metric.path = "m";
        metric.kind = kind;
        metric.format = mlflow ? MetricFormat::Mlflow : MetricFormat::Csv;

        Problems plainProblems;
        const auto plain = parseMetric(text, metric, plainProblems);
        QVERIFY(plain);

        std::vector<std::size_t> reports;
        Problems problems;
        const auto hooked = parseMetric(text, metric, problems, [&](std::size_t n) { reports.push_back(n); });
        QVERIFY(hooked);
        QCOMPARE(mltrl::test::dump(*hooked), mltrl::test::dump(*plain));
        QCOMPARE(problems.errorCount(), plainProblems.errorCount());
        // 13 MiB in steps of at least 4 MiB: three reports, increasing, never past the end.
        QCOMPARE(reports.size(), std::size_t(3));
        for (std::size_t i = 0; i < reports.size(); ++i) {
            QVERIFY(reports[i] <= text.size());
            if (i > 0)
                QVERIFY(reports[i] >= reports[i - 1] + (4u << 20));
        }
    }

    void releasedPagesReadBack()
    {
        QTemporaryDir dir;
        const std::filesystem::path path = dir.filePath(QStringLiteral("f")).toStdString();
        const std::string text = bigCsv(MetricKind::Series, 3u << 20, false);
        std::ofstream(path, std::ios::binary) << text;
        MappedFile mapped(path);
        QVERIFY(mapped.isOpen());
        QCOMPARE(mapped.bytes().substr(0, 100), std::string_view(text).substr(0, 100));
        mapped.release(2u << 20);
        mapped.release(100u << 20); // past the end: clamped
        QVERIFY(mapped.bytes() == text);
    }
};

QTEST_GUILESS_MAIN(TestMetricRelease)
#include "tst_metric_release.moc"
