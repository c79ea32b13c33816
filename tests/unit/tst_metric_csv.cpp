#include "MetricTestUtil.h"
#include "TestData.h"
#include "core/metrics/MetricParser.h"
#include "core/metrics/NumberText.h"

#include <QFile>
#include <QtTest>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <random>

using namespace mltrl;
using mltrl::test::dump;
using mltrl::test::texts;
using mltrl::test::view;

Q_DECLARE_METATYPE(mltrl::MetricKind)

namespace {
std::optional<MetricData> parse(const QByteArray &csv, MetricKind kind, Problems &problems)
{
    return parseMetricCsv(view(csv), kind, "m.csv", problems);
}

QByteArray readFile(const QString &relative)
{
    QFile f(mltrl::test::dataPath(relative));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open test data");
    return f.readAll();
}
} // namespace

class TestMetricCsv : public QObject {
    Q_OBJECT
private slots:
    void parsesValidFiles_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<MetricKind>("kind");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("warnings");
        const auto S = MetricKind::Series;
        QTest::newRow("series") << QByteArray("step,value\n1,0.5\n2,0.25\n") << S << QStringLiteral("-: 1,0.5 2,0.25")
                                << 0;
        QTest::newRow("column order free")
            << QByteArray("value,step\n0.5,1\n0.75,2\n") << S << QStringLiteral("-: 1,0.5 2,0.75") << 0;
        QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBFstep,value\n1,2\n") << S << QStringLiteral("-: 1,2") << 0;
        QTest::newRow("CRLF") << QByteArray("step,value\r\n1,2\r\n3,4\r\n") << S << QStringLiteral("-: 1,2 3,4") << 0;
        QTest::newRow("no final line end")
            << QByteArray("step,value\n1,2\n3,4") << S << QStringLiteral("-: 1,2 3,4") << 0;
        QTest::newRow("blank lines skipped")
            << QByteArray("step,value\n\n1,2\r\n\r\n3,4\n\n") << S << QStringLiteral("-: 1,2 3,4") << 0;
        QTest::newRow("quoted fields")
            << QByteArray("step,value,series\n\"1\",\"0.5\",\"a,b\"\n2,0.25,\"say \"\"hi\"\"\"\n3,1,\"two\nlines\"\n")
            << S << QStringLiteral("a,b: 1,0.5 | say \"hi\": 2,0.25 | two\nlines: 3,1") << 0;
        QTest::newRow("quoted CRLF") << QByteArray("\"step\",\"value\"\r\n\"1\",\"2\"\r\n") << S
                                     << QStringLiteral("-: 1,2") << 0;
        QTest::newRow("special floats any case")
            << QByteArray("step,value\n1,nan\n2,NaN\n3,inf\n4,+Inf\n5,-INF\n6,Infinity\n7,-infinity\n8,+1.5\n9,1e3\n10,"
                          "-2.5E-1\n")
            << S << QStringLiteral("-: 1,nan 2,nan 3,inf 4,inf 5,-inf 6,inf 7,-inf 8,1.5 9,1000 10,-0.25") << 0;
        QTest::newRow("blanks around numbers")
            << QByteArray("step,value\n 1 ,\t2 \n") << S << QStringLiteral("-: 1,2") << 0;
        QTest::newRow("out of range") << QByteArray("step,value\n1,1e999\n2,-1e999\n3,1e-999\n") << S
                                      << QStringLiteral("-: 1,inf 2,-inf 3,0") << 0;
        QTest::newRow("non-integer step")
            << QByteArray("step,value\n0.5,1\n1.5,2\n") << S << QStringLiteral("-: 0.5,1 1.5,2") << 0;
        QTest::newRow("empty optional cells") << QByteArray("step,value,lower,upper\n1,0.5,,\n2,0.6,0.5,0.7\n") << S
                                              << QStringLiteral("-: 1,0.5,nan,nan 2,0.6,0.5,0.7") << 0;
        QTest::newRow("sub-series in order of first appearance")
            << QByteArray("step,series,value\n1,val,1\n1,train,2\n2,val,3\n2,train,4\n3,test,5\n3,,6\n") << S
            << QStringLiteral("val: 1,1 2,3 | train: 1,2 2,4 | test: 3,5 | -: 3,6") << 0;
        QTest::newRow("timestamps")
            << QByteArray(
                   "step,value,timestamp\n1,1,1700000000\n2,2,2023-11-14T22:13:20Z\n3,3,2023-11-14T23:13:20+01:00\n"
                   "4,4,2023-11-14t22:13:20.5z\n5,5,\n6,6,2023-11-14\n7,7,2023-11-14 "
                   "21:13:20-01:00\n8,8,1700000000.25\n")
            << S
            << QStringLiteral("-: 1,1,1700000000 2,2,1700000000 3,3,1700000000 4,4,1700000000.5 5,5,nan 6,6,1699920000 "
                              "7,7,1700000000 8,8,1700000000.25")
            << 0;
        QTest::newRow("leap year date") << QByteArray("step,value,timestamp\n1,1,2024-02-29T00:00:00Z\n") << S
                                        << QStringLiteral("-: 1,1,1709164800") << 0;
        QTest::newRow("extra column") << QByteArray("step,value,note\n1,2,\"anything, really\"\n") << S
                                      << QStringLiteral("-: 1,2") << 1;
        // Plain rows take a fast path; any other row is handed to the general reader, which
        // must pick up on the right byte and line.
        QTest::newRow("plain rows around irregular ones")
            << QByteArray("step,value\n1,2\n2,\"3\"\n3,1e3\n4,+5\n5, 6\n\n6,7\r\n7,-0.5\n8,.5\n9,5.\n") << S
            << QStringLiteral("-: 1,2 2,3 3,1000 4,5 5,6 6,7 7,-0.5 8,0.5 9,5") << 0;
        QTest::newRow("CR before the end of the file")
            << QByteArray("step,value\n1,2\n3,4\r") << S << QStringLiteral("-: 1,2 3,4") << 0;
        QTest::newRow("20 digits and more")
            << QByteArray("step,value\n1,0.1000000000000000000055511151231257827\n2,100000000000000000000\n") << S
            << QStringLiteral("-: 1,0.1 2,1e+20") << 0;
        QTest::newRow("sub-series names unquoted and quoted")
            << QByteArray("step,series,value\n1,a,1\n1,\"b\",2\n2,a,3\n2,,4\n") << S
            << QStringLiteral("a: 1,1 2,3 | b: 1,2 | -: 2,4") << 0;
        QTest::newRow("header only") << QByteArray("step,value\n") << S << QString() << 1;
        QTest::newRow("curve") << QByteArray("x,y\n0,0\n0.5,0.8\n1,1\n") << MetricKind::Curve
                               << QStringLiteral("-: 0,0 0.5,0.8 1,1") << 0;
        QTest::newRow("curve with series") << QByteArray("series,x,y\nA,0,0\nB,0,0.1\nA,1,1\n") << MetricKind::Curve
                                           << QStringLiteral("A: 0,0 1,1 | B: 0,0.1") << 0;
        QTest::newRow("curve ignores series-only columns")
            << QByteArray("x,y,step\n0,1,5\n") << MetricKind::Curve << QStringLiteral("-: 0,1") << 1;
        QTest::newRow("groups") << QByteArray("group,value,lower,upper,n\nA,0.9,0.8,0.95,100\n\"B, C\",0.8,,,\n")
                                << MetricKind::Groups
                                << QStringLiteral("[A;B, C] -: 0,0.9,0.8,0.95,100 1,0.8,nan,nan,nan") << 0;
        QTest::newRow("groups duplicate label warns")
            << QByteArray("group,value\nA,1\nA,2\n") << MetricKind::Groups << QStringLiteral("[A;A] -: 0,1 1,2") << 1;
    }
    void parsesValidFiles()
    {
        QFETCH(QByteArray, csv);
        QFETCH(MetricKind, kind);
        QFETCH(QString, expected);
        QFETCH(int, warnings);
        Problems problems;
        const auto data = parse(csv, kind, problems);
        QVERIFY2(data, qPrintable(texts(problems.items()).join(QLatin1Char('\n'))));
        QCOMPARE(problems.errorCount(), std::size_t(0));
        QCOMPARE(problems.warningCount(), std::size_t(warnings));
        QVERIFY(data->kind == kind);
        QCOMPARE(dump(*data), expected);
    }

    /// Plain rows take the one-pass path, other rows the general reader. Quoting the first
    /// cell of every row (same content) sends every row to the general reader: random files
    /// must give the same points, warnings and errors either way.
    void plainRowPathMatchesGeneralReader()
    {
        static const char *const cells[] = {"1",    "0.5",
                                            "-2",   "12345678901234567890",
                                            "1e3",  "+4",
                                            " 5 ",  "nan",
                                            "-inf", "",
                                            "x",    ".5",
                                            "5.",   "-",
                                            "0x10", "1.2.3",
                                            "7",    "0.25",
                                            "1000", "2024-01-01T00:00:00Z",
                                            "-0",   "3.14159265358979"};
        static const char *const headers[] = {"step,value", "step,value,lower,upper", "step,series,value",
                                              "x,y",        "step,value,timestamp",   "value,step,note",
                                              "series,x,y"};
        std::mt19937 rng(20261204);
        const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
        for (int file = 0; file < 3000; ++file) {
            const std::string header = headers[pick(std::size(headers))];
            const MetricKind kind = header.find("x,y") != std::string::npos ? MetricKind::Curve : MetricKind::Series;
            const std::size_t fields = static_cast<std::size_t>(std::count(header.begin(), header.end(), ',')) + 1;
            std::string plain = header + "\n";
            std::string quoted = plain;
            const int rows = static_cast<int>(pick(12));
            for (int r = 0; r < rows; ++r) {
                if (pick(12) == 0) { // a blank line: no record either way
                    plain += "\n";
                    quoted += "\n";
                    continue;
                }
                std::size_t n = fields;
                if (pick(15) == 0)
                    n = pick(fields + 2) + 1;
                std::vector<std::string> row;
                for (std::size_t f = 0; f < n; ++f)
                    row.emplace_back(pick(3) == 0 ? cells[pick(std::size(cells))] : cells[pick(3)]);
                const std::size_t seriesField = header.starts_with("series") ? 0 : 1;
                if (header.find("series") != std::string::npos && seriesField < row.size() && pick(2) == 0)
                    row[seriesField] = pick(2) ? "a" : "b";
                std::string rest;
                for (std::size_t f = 1; f < row.size(); ++f)
                    rest += "," + row[f];
                const bool last = r == rows - 1;
                const std::string end = last && pick(3) == 0 ? std::string() : pick(4) == 0 ? "\r\n" : "\n";
                plain += row[0] + rest + end;
                // A row of one empty cell is a blank line unquoted: keep it one in both.
                quoted += (row[0].empty() && rest.empty() ? std::string() : "\"" + row[0] + "\"") + rest + end;
            }
            Problems a;
            Problems b;
            const auto fast = parseMetricCsv(plain, kind, "m.csv", a);
            const auto general = parseMetricCsv(quoted, kind, "m.csv", b);
            const QByteArray shownFile = QByteArray::fromStdString(plain);
            QVERIFY2(fast.has_value() == general.has_value(), shownFile.constData());
            QVERIFY2(texts(a.items()) == texts(b.items()),
                     qPrintable(QString::fromUtf8(shownFile) + texts(a.items()).join(QLatin1Char('\n')) +
                                QLatin1String(" | ") + texts(b.items()).join(QLatin1Char('\n'))));
            if (fast)
                QVERIFY2(dump(*fast) == dump(*general), shownFile.constData());
        }
    }

    void warningsNameTheColumn()
    {
        Problems problems;
        QVERIFY(parse("step,value,note,\n1,2,x,\n", MetricKind::Series, problems));
        QCOMPARE(texts(problems.items()),
                 QStringList({QStringLiteral("m.csv:1:3: extra column \"note\" is ignored"),
                              QStringLiteral("m.csv:1:4: column 4 has no name and is ignored")}));
        problems.clear();
        QVERIFY(parse("step,value\n", MetricKind::Series, problems));
        QCOMPARE(texts(problems.items()), QStringList(QStringLiteral("m.csv: the file has a header but no data rows")));
    }

    void rejectsBadFiles_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<MetricKind>("kind");
        QTest::addColumn<QStringList>("errors");
        const auto S = MetricKind::Series;
        QTest::newRow("empty file") << QByteArray() << S
                                    << QStringList{
                                           QStringLiteral("m.csv: the file is empty: a metric CSV needs a header row")};
        QTest::newRow("BOM and blank lines only")
            << QByteArray("\xEF\xBB\xBF\r\n\n") << S
            << QStringList{QStringLiteral("m.csv: the file is empty: a metric CSV needs a header row")};
        QTest::newRow("missing value") << QByteArray("step\n1\n") << S
                                       << QStringList{QStringLiteral(
                                              "m.csv: missing required column \"value\" for a series metric")};
        QTest::newRow("missing x and y")
            << QByteArray("step,value\n1,2\n") << MetricKind::Curve
            << QStringList{QStringLiteral("m.csv: missing required column \"x\" for a curve metric"),
                           QStringLiteral("m.csv: missing required column \"y\" for a curve metric")};
        QTest::newRow("missing group") << QByteArray("value,n\n1,2\n") << MetricKind::Groups
                                       << QStringList{QStringLiteral(
                                              "m.csv: missing required column \"group\" for a groups metric")};
        QTest::newRow("duplicate column") << QByteArray("step,value,value\n1,2,3\n") << S
                                          << QStringList{QStringLiteral("m.csv:1:3: column \"value\" appears twice")};
        QTest::newRow("empty required cell")
            << QByteArray("step,value\n1,\n,2\n") << S
            << QStringList{QStringLiteral("m.csv:2:2: empty cell in required column value"),
                           QStringLiteral("m.csv:3:1: empty cell in required column step")};
        QTest::newRow("empty group") << QByteArray("group,value\n,0.5\n") << MetricKind::Groups
                                     << QStringList{QStringLiteral("m.csv:2:1: empty cell in required column group")};
        QTest::newRow("bad number") << QByteArray("step,value\n1,0.5\n2,abc\n") << S
                                    << QStringList{
                                           QStringLiteral("m.csv:3:2: \"abc\" is not a number in column value")};
        QTest::newRow("bad numbers of every form")
            << QByteArray("step,value,lower\n1,+-1,1.5.2\n2,0x10,1e\n3,--1,\"1 2\"\n") << S
            << QStringList{QStringLiteral("m.csv:2:2: \"+-1\" is not a number in column value"),
                           QStringLiteral("m.csv:2:3: \"1.5.2\" is not a number in column lower"),
                           QStringLiteral("m.csv:3:2: \"0x10\" is not a number in column value"),
                           QStringLiteral("m.csv:3:3: \"1e\" is not a number in column lower"),
                           QStringLiteral("m.csv:4:2: \"--1\" is not a number in column value"),
                           QStringLiteral("m.csv:4:3: \"1 2\" is not a number in column lower")};
        QTest::newRow("bad cell after plain rows names its line")
            << QByteArray("step,value\n1,2\n2,3\n3,4\nx,5\n6,7\n8,nine\n") << S
            << QStringList{QStringLiteral("m.csv:5:1: \"x\" is not a number in column step"),
                           QStringLiteral("m.csv:7:2: \"nine\" is not a number in column value")};
        QTest::newRow("short row after plain rows")
            << QByteArray("step,value\n1,2\n3,4\n5\n6,7\r\n8\r\n") << S
            << QStringList{QStringLiteral("m.csv:4:2: the row has 1 field, the header has 2"),
                           QStringLiteral("m.csv:6:2: the row has 1 field, the header has 2")};
        QTest::newRow("decimal comma") << QByteArray("step,value\n1,\"0,5\"\n") << S
                                       << QStringList{
                                              QStringLiteral("m.csv:2:2: \"0,5\" is not a number in column value")};
        QTest::newRow("line after a multi-line field")
            << QByteArray("step,series,value\n1,\"a\nb\",x\n") << S
            << QStringList{QStringLiteral("m.csv:3:3: \"x\" is not a number in column value")};
        QTest::newRow("long cell cut") << QByteArray("step,value\n1,") + QByteArray(60, 'a') + "\n"
                                       << S
                                       << QStringList{
                                              QStringLiteral("m.csv:2:2: \"%1…\" is not a number in column value")
                                                  .arg(QString(40, QLatin1Char('a')))};
        QTest::newRow("nan step")
            << QByteArray("step,value\nnan,1\n-Inf,2\n") << S
            << QStringList{QStringLiteral("m.csv:2:1: \"nan\" in column step: a step must be a finite number"),
                           QStringLiteral("m.csv:3:1: \"-Inf\" in column step: a step must be a finite number")};
        QTest::newRow("ragged rows") << QByteArray("step,value\n1,2,3\n4\n5,6\n") << S
                                     << QStringList{QStringLiteral("m.csv:2:3: the row has 3 fields, the header has 2"),
                                                    QStringLiteral("m.csv:3:2: the row has 1 field, the header has 2")};
        QTest::newRow("unclosed quote") << QByteArray("step,value\n1,\"2\n3,4\n") << S
                                        << QStringList{QStringLiteral("m.csv:2:2: a quoted field is not closed")};
        QTest::newRow("text after closing quote")
            << QByteArray("step,value\n1,\"2\"x\n3,4\n") << S
            << QStringList{QStringLiteral("m.csv:2:2: unexpected text after a closing quote")};
        QTest::newRow("bad timestamps")
            << QByteArray("step,value,timestamp\n1,2,yesterday\n2,3,2023-02-29\n3,4,2023-01-01T10:00:00\n"
                          "4,5,2023-01-01T24:00:00Z\n")
            << S
            << QStringList{
                   QStringLiteral(
                       "m.csv:2:3: \"yesterday\" is not an RFC 3339 date-time or Unix seconds in column timestamp"),
                   QStringLiteral(
                       "m.csv:3:3: \"2023-02-29\" is not an RFC 3339 date-time or Unix seconds in column timestamp"),
                   QStringLiteral("m.csv:4:3: \"2023-01-01T10:00:00\" is not an RFC 3339 date-time or Unix seconds in "
                                  "column timestamp"),
                   QStringLiteral("m.csv:5:3: \"2023-01-01T24:00:00Z\" is not an RFC 3339 date-time or Unix seconds in "
                                  "column timestamp")};
    }
    void rejectsBadFiles()
    {
        QFETCH(QByteArray, csv);
        QFETCH(MetricKind, kind);
        QFETCH(QStringList, errors);
        Problems problems;
        QVERIFY(!parse(csv, kind, problems));
        QCOMPARE(texts(problems.errors()), errors);
    }

    void errorsAreCappedPerFile()
    {
        QByteArray csv("step,value\n");
        for (int i = 0; i < 35; ++i)
            csv += "1,bad\n";
        Problems problems;
        QVERIFY(!parse(csv, MetricKind::Series, problems));
        const QStringList errors = texts(problems.errors());
        QCOMPARE(errors.size(), 21);
        QCOMPARE(errors.first(), QStringLiteral("m.csv:2:2: \"bad\" is not a number in column value"));
        QCOMPARE(errors[19], QStringLiteral("m.csv:21:2: \"bad\" is not a number in column value"));
        QCOMPARE(errors.last(), QStringLiteral("m.csv: … and 15 more errors"));
    }

    /// The hand-written decimal fast path must give the very double std::from_chars gives.
    void numberFastPathMatchesFromChars()
    {
        std::mt19937_64 rng(7);
        char buf[64];
        int checked = 0;
        for (int i = 0; i < 200000; ++i) {
            std::string text;
            if (rng() % 2)
                text += '-';
            const int intDigits = static_cast<int>(rng() % 12);
            const int fracDigits = static_cast<int>(rng() % 25);
            for (int d = 0; d < intDigits; ++d)
                text += static_cast<char>('0' + rng() % 10);
            if (fracDigits > 0 || rng() % 2) {
                text += '.';
                for (int d = 0; d < fracDigits; ++d)
                    text += static_cast<char>('0' + rng() % 10);
            }
            if (i % 3 == 0) { // shortest round-trip text of a random double
                const double v = std::bit_cast<double>(rng() & 0x7fefffffffffffffULL) * ((rng() % 2) ? 1 : -1);
                text.assign(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
            }
            double expected = 0;
            const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), expected);
            const bool fromCharsOk = ec == std::errc() && ptr == text.data() + text.size();
            double got = 0;
            const bool ok = parseNumber(text, got);
            if (!fromCharsOk) {
                QVERIFY2(!ok || ec == std::errc::result_out_of_range, text.c_str());
                continue;
            }
            QVERIFY2(ok, text.c_str());
            QVERIFY2(std::bit_cast<quint64>(got) == std::bit_cast<quint64>(expected), text.c_str());
            ++checked;
        }
        QVERIFY(checked > 150000);
    }

    void exampleMinFiles()
    {
        Problems problems;
        auto loss = parseMetricCsv(view(readFile(QStringLiteral("example-min/metrics/loss.csv"))), MetricKind::Series,
                                   "metrics/loss.csv", problems);
        QVERIFY(loss);
        QCOMPARE(dump(*loss), QStringLiteral("train: 1,0.62,nan,nan 2,0.41,nan,nan 3,0.33,nan,nan | "
                                             "val: 1,0.64,nan,nan 2,0.47,nan,nan 3,0.45,nan,nan"));
        QCOMPARE(loss->series[1].row, (std::vector<std::uint32_t>{1, 3, 5}));
        auto auroc = parseMetricCsv(view(readFile(QStringLiteral("example-min/metrics/val_auroc.csv"))),
                                    MetricKind::Series, "metrics/val_auroc.csv", problems);
        QVERIFY(auroc);
        QCOMPARE(dump(*auroc), QStringLiteral("-: 1,0.81,0.78,0.84 2,0.88,0.85,0.9 3,0.91,0.89,0.93"));
        auto roc = parseMetricCsv(view(readFile(QStringLiteral("example-min/metrics/roc.csv"))), MetricKind::Curve,
                                  "metrics/roc.csv", problems);
        QVERIFY(roc);
        QCOMPARE(dump(*roc), QStringLiteral("-: 0,0 0.05,0.62 0.1,0.78 0.2,0.9 0.5,0.97 1,1"));
        auto groups = parseMetricCsv(view(readFile(QStringLiteral("example-min/metrics/auroc_by_skin_type.csv"))),
                                     MetricKind::Groups, "metrics/auroc_by_skin_type.csv", problems);
        QVERIFY(groups);
        QCOMPARE(dump(*groups), QStringLiteral("[Fitzpatrick I-II;Fitzpatrick III-IV;Fitzpatrick V-VI] "
                                               "-: 0,0.93,0.91,0.95,3100 1,0.91,0.88,0.93,2200 2,0.84,0.76,0.9,210"));
        Metric mlflow;
        mlflow.path = "mlruns/1/0a1b2c3d4e5f60718293a4b5c6d7e8f9/metrics/train_loss";
        mlflow.format = MetricFormat::Mlflow;
        auto train = parseMetric(view(readFile(QStringLiteral("example-min/") + QString::fromStdString(mlflow.path))),
                                 mlflow, problems);
        QVERIFY(train);
        QCOMPARE(dump(*train), QStringLiteral("-: 1,0.71,1732000001 2,0.52,1732000002 3,0.44,1732000003"));
        QVERIFY(problems.empty());
    }

    void dispatchesOnFormat()
    {
        Metric m;
        m.path = "metrics/r.csv";
        m.kind = MetricKind::Curve;
        Problems problems;
        auto data = parseMetric("x,y\n0,1\n", m, problems);
        QVERIFY(data);
        QCOMPARE(dump(*data), QStringLiteral("-: 0,1"));
        m.format = MetricFormat::Mlflow;
        QVERIFY(!parseMetric("1000 0.5 1\n", m, problems));
        QCOMPARE(
            texts(problems.errors()),
            QStringList(QStringLiteral("metrics/r.csv: an MLflow metric file holds a series, not a curve metric")));
    }

    /// Many rows, many sub-series interleaved: every point lands in its sub-series, in order.
    void bigInterleavedFile()
    {
        QByteArray csv("series,step,value\n");
        const int rows = 30000;
        for (int i = 0; i < rows; ++i)
            csv += "s" + QByteArray::number(i % 7) + "," + QByteArray::number(i) + "," + QByteArray::number(i * 0.5) +
                   "\n";
        Problems problems;
        const auto data = parse(csv, MetricKind::Series, problems);
        QVERIFY(data);
        QCOMPARE(data->series.size(), std::size_t(7));
        QCOMPARE(data->pointCount(), std::size_t(rows));
        for (std::size_t s = 0; s < 7; ++s) {
            const SeriesData &d = data->series[s];
            QVERIFY(d.name == "s" + std::to_string(s));
            for (std::size_t i = 0; i < d.size(); ++i) {
                const std::size_t row = s + 7 * i;
                QCOMPARE(d.rowOf(i), row);
                QCOMPARE(d.x[i], static_cast<double>(row));
                QCOMPARE(d.y[i], static_cast<double>(row) * 0.5);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestMetricCsv)
#include "tst_metric_csv.moc"
