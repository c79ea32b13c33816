// The review record: byte-exact round trip of the example, the serialisation rules of §4
// (key order, no whitespace, raw UTF-8, shortest numbers) and strict parsing.
#include "TestData.h"
#include "core/review/ReviewRecord.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <cmath>
#include <cstdlib>
#include <string>

using namespace mltrl;
using nlohmann::json;

namespace {

std::string readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll().toStdString();
}

QString exampleReviewPath()
{
    const QDir dir(test::dataPath(QStringLiteral("example-min/reviews")));
    return dir.filePath(dir.entryList({QStringLiteral("*.json")}, QDir::Files).value(0));
}

} // namespace

class TestReviewRecord : public QObject {
    Q_OBJECT

private slots:
    void exampleRoundTripsByteForByte()
    {
        const std::string bytes = readAll(exampleReviewPath());
        QVERIFY(!bytes.empty());
        Problems problems;
        const auto record = ReviewRecord::parse(bytes, problems);
        QVERIFY2(record, problems.empty() ? "" : problems.items().front().toString().c_str());
        QCOMPARE(record->serialize(), bytes);
        QCOMPARE(record->gate, std::string("gate-5"));
        QCOMPARE(record->verdicts.size(), std::size_t(3));
        QCOMPARE(*record->verdicts[0].observed, 0.91);
        QVERIFY(!record->supersedes);
        // Parsing what was serialised gives the same record.
        Problems again;
        QCOMPARE(*ReviewRecord::parse(record->serialize(), again), *record);
    }

    void shortestDouble_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("0.1") << 0.1 << QStringLiteral("0.1");
        QTest::newRow("0.91") << 0.91 << QStringLiteral("0.91");
        QTest::newRow("1e-7") << 1e-7 << QStringLiteral("1e-7");
        QTest::newRow("1e21") << 1e21 << QStringLiteral("1e21");
        QTest::newRow("integral") << 1.0 << QStringLiteral("1");
        QTest::newRow("zero") << 0.0 << QStringLiteral("0");
        QTest::newRow("negative zero") << -0.0 << QStringLiteral("-0");
        QTest::newRow("negative") << -2.5 << QStringLiteral("-2.5");
        QTest::newRow("fixed shorter") << 123456.0 << QStringLiteral("123456");
        QTest::newRow("exponent shorter") << 100000.0 << QStringLiteral("1e5");
        QTest::newRow("small fraction") << 0.00123 << QStringLiteral("0.00123");
        QTest::newRow("0.1+0.2") << 0.1 + 0.2 << QStringLiteral("0.30000000000000004");
        QTest::newRow("max") << 1.7976931348623157e308 << QStringLiteral("1.7976931348623157e308");
        QTest::newRow("denormal") << 5e-324 << QStringLiteral("5e-324");
    }

    void shortestDouble()
    {
        QFETCH(double, value);
        QFETCH(QString, text);
        const std::string out = mltrl::shortestDouble(value);
        QCOMPARE(QString::fromStdString(out), text);
        QCOMPARE(std::strtod(out.c_str(), nullptr), value); // reads back as the same double
    }

    void nonFiniteNumbersAreRefused()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)mltrl::shortestDouble(std::nan("")));
    }

    void canonicalJson_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("output");
        QTest::newRow("keys by code point") << QStringLiteral("{\"b\":1,\"a\":2,\"é\":3,\"Z\":4,\"€\":5,\"😀\":6}")
                                            << QStringLiteral("{\"Z\":4,\"a\":2,\"b\":1,\"é\":3,\"€\":5,\"😀\":6}");
        QTest::newRow("no whitespace") << QStringLiteral("{ \"a\" : [ 1 , 2 ] ,\n \"b\" : { } }")
                                       << QStringLiteral("{\"a\":[1,2],\"b\":{}}");
        QTest::newRow("raw UTF-8") << QStringLiteral("[\"Müller, 1 000 €\"]")
                                   << QStringLiteral("[\"Müller, 1 000 €\"]");
        QTest::newRow("escapes") << QStringLiteral("[\"a\\\"b\\\\c\\nd\\u0001/\"]")
                                 << QStringLiteral("[\"a\\\"b\\\\c\\nd\\u0001/\"]");
        QTest::newRow("integers stay integers")
            << QStringLiteral("{\"level\":5,\"page\":12}") << QStringLiteral("{\"level\":5,\"page\":12}");
        QTest::newRow("floats shortest") << QStringLiteral("[0.10, 1E-7, 1e21, 2.50]")
                                         << QStringLiteral("[0.1,1e-7,1e21,2.5]");
        QTest::newRow("null true false") << QStringLiteral("[null,true,false]") << QStringLiteral("[null,true,false]");
    }

    void canonicalJson()
    {
        QFETCH(QString, input);
        QFETCH(QString, output);
        const json value = json::parse(input.toStdString());
        QCOMPARE(QString::fromStdString(mltrl::canonicalJson(value)), output);
    }

    void serializeOmitsOptionalMembersButNotSupersedes()
    {
        ReviewRecord r;
        r.id = "r1";
        r.project = "p";
        r.gate = "g";
        r.level = 3;
        r.manifestSha256 = std::string(64, 'a');
        r.reviewer = {"N", "n@example.org", "", "ssh-ed25519 AAAA"};
        r.decision.outcome = "hold";
        r.signedAt = "2026-01-01T00:00:00Z";
        r.verdicts.push_back({"c", "met", std::nullopt, std::nullopt});
        const std::string out = r.serialize();
        QCOMPARE(QString::fromStdString(out),
                 QStringLiteral(
                     "{\"decision\":{\"outcome\":\"hold\"},\"evidence\":[],\"gate\":\"g\",\"id\":\"r1\",\"level\":3,"
                     "\"manifest_sha256\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\","
                     "\"metrics\":[],\"mltrl_review\":1,\"project\":\"p\",\"reviewer\":{\"email\":\"n@example.org\","
                     "\"name\":\"N\",\"public_key\":\"ssh-ed25519 AAAA\"},\"signed_at\":\"2026-01-01T00:00:00Z\","
                     "\"supersedes\":null,\"verdicts\":[{\"criterion\":\"c\",\"verdict\":\"met\"}]}"));
        QVERIFY(!out.ends_with('\n'));
    }

    void parseRejects_data()
    {
        QTest::addColumn<QString>("change"); // a JSON merge patch applied to the example
        QTest::addColumn<QString>("where");
        QTest::newRow("format 2") << QStringLiteral("{\"mltrl_review\":2}") << QStringLiteral("#/mltrl_review");
        QTest::newRow("missing signed_at") << QStringLiteral("{\"signed_at\":null}") << QStringLiteral("signed_at");
        QTest::newRow("unknown member") << QStringLiteral("{\"extra\":1}") << QStringLiteral("#/extra");
        QTest::newRow("level as float") << QStringLiteral("{\"level\":5.5}") << QStringLiteral("#/level");
        QTest::newRow("bad outcome") << QStringLiteral("{\"decision\":{\"outcome\":\"maybe\"}}")
                                     << QStringLiteral("#/decision/outcome");
        QTest::newRow("conditions missing")
            << QStringLiteral("{\"decision\":{\"conditions\":null}}") << QStringLiteral("#/decision/conditions");
        QTest::newRow("switchback not below")
            << QStringLiteral("{\"decision\":{\"outcome\":\"switchback\",\"to_level\":5,\"conditions\":null}}")
            << QStringLiteral("#/decision/to_level");
        QTest::newRow("uppercase hash")
            << QStringLiteral(
                   "{\"manifest_sha256\":\"A2F616CB39CEB61D8B3663D77B630FBEDEAA80198F8DEEF8BB7A37E1B36BA798\"}")
            << QStringLiteral("#/manifest_sha256");
        QTest::newRow("bad id") << QStringLiteral("{\"id\":\"../x\"}") << QStringLiteral("#/id");
        QTest::newRow("supersedes missing")
            << QStringLiteral("{\"supersedes\":\"../x\"}") << QStringLiteral("#/supersedes");
    }

    void parseRejects()
    {
        QFETCH(QString, change);
        QFETCH(QString, where);
        json doc = json::parse(readAll(exampleReviewPath()));
        doc.merge_patch(json::parse(change.toStdString()));
        Problems problems;
        QVERIFY(!ReviewRecord::parse(doc.dump(), problems, "r.json"));
        bool found = false;
        for (const Problem &p : problems.errors())
            found = found || QString::fromStdString(p.toString()).contains(where);
        QVERIFY2(found, problems.errors().empty() ? "no errors" : problems.errors().front().toString().c_str());
    }

    void parseRejectsNoteLessWaiverAndDuplicateKeys()
    {
        json doc = json::parse(readAll(exampleReviewPath()));
        doc["verdicts"][2].erase("note");
        Problems p1;
        QVERIFY(!ReviewRecord::parse(doc.dump(), p1));
        QVERIFY(QString::fromStdString(p1.errors().front().toString()).contains(QStringLiteral("needs a note")));
        Problems p2;
        QVERIFY(!ReviewRecord::parse("{\"mltrl_review\":1,\"mltrl_review\":1}", p2));
        QVERIFY(QString::fromStdString(p2.errors().front().what).contains(QStringLiteral("duplicate")));
        Problems p3;
        QVERIFY(!ReviewRecord::parse("not json", p3));
    }
};

QTEST_GUILESS_MAIN(TestReviewRecord)
#include "tst_review_record.moc"
