#include "core/common/PathRules.h"
#include "core/manifest/ManifestParser.h"

#include "TestData.h"

#include <QElapsedTimer>
#include <QFile>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace mltrl;
using nlohmann::json;

namespace {

std::string exampleBytes()
{
    QFile file(test::dataPath(QStringLiteral("example-min/mltrl.json")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll().toStdString();
}

json exampleJson()
{
    return json::parse(exampleBytes());
}

/// Applies one change: `value` is JSON text to put at `pointer`, or empty to remove the member.
void mutate(json &doc, const QByteArray &pointer, const QByteArray &value)
{
    const json::json_pointer ptr(pointer.toStdString());
    if (value.isEmpty())
        doc[ptr.parent_pointer()].erase(ptr.back());
    else
        doc[ptr] = json::parse(value.toStdString());
}

QString where(const Problem &p)
{
    return QString::fromStdString(p.where);
}
QString what(const Problem &p)
{
    return QString::fromStdString(p.what);
}

QString dump(const Problems &problems)
{
    QStringList lines;
    for (const Problem &p : problems.items())
        lines << QString::fromStdString(p.toString());
    return lines.join(QLatin1Char('\n'));
}

/// `depth` nested arrays: "[[...]]".
std::string nestedArrays(std::size_t depth)
{
    return std::string(depth, '[') + std::string(depth, ']');
}

const QString kFile = QStringLiteral("mltrl.json#");

} // namespace

class TestManifest : public QObject {
    Q_OBJECT
private slots:
    void exampleParsesCleanly()
    {
        Problems problems;
        const auto m = parseManifest(exampleBytes(), problems);
        QVERIFY2(problems.empty(), qPrintable(dump(problems)));
        QVERIFY(m.has_value());
        QCOMPARE(m->project.id, std::string("derm-triage"));
        QCOMPARE(m->project.currentLevel, 5);
        QCOMPARE(m->project.targetLevel, std::optional<int>(7));
        QCOMPARE(m->project.owners.size(), std::size_t(1));
        QCOMPARE(m->project.links.at(0).url, std::string("https://wiki.example.org/derm-triage"));
        QCOMPARE(m->components.size(), std::size_t(2));
        QCOMPARE(m->components[1].level, 6);
        QCOMPARE(m->history.size(), std::size_t(6));
        QCOMPARE(m->history[0].from, std::optional<int>());
        QVERIFY(m->history[3].kind == HistoryKind::Switchback);
        QVERIFY(m->history[3].switchback == SwitchbackKind::Embedded);
        QCOMPARE(m->history[1].gate, std::string("gate-2"));
        QCOMPARE(m->cards.at(0).component, std::string());
        QCOMPARE(m->cards.at(0).debrief.size(), std::size_t(2));
        QCOMPARE(m->cards.at(0).requirements, (std::vector<std::string>{"R1", "R2"}));
        QVERIFY(m->requirements[1].verification == VvStatus::Failed);
        QCOMPARE(*m->requirements[1].riskScore(), 0.5 * 0.9);
        const Gate *gate5 = m->findGate("gate-5");
        QVERIFY(gate5);
        QCOMPARE(gate5->signoffs.size(), std::size_t(2));
        QCOMPARE(gate5->criteria.size(), std::size_t(3));
        QVERIFY(gate5->criteria[1].isQuantitative());
        QVERIFY(gate5->criteria[1].aggregate == Aggregate::Min);
        QCOMPARE(gate5->criteria[1].threshold, std::optional<double>(0.85));
        QVERIFY(!gate5->criteria[2].isQuantitative());
        QCOMPARE(m->evidence[0].sha256,
                 std::string("d73df96251cf5ff0191a85fa09e6d3df41451d4b15e8b4c46836449acbc18a48"));
        QCOMPARE(m->evidence[2].sha256, std::string());
        QVERIFY(m->findMetric("train_loss_mlflow")->format == MetricFormat::Mlflow);
        QVERIFY(m->findMetric("loss")->format == MetricFormat::Csv);
        QVERIFY(m->findMetric("roc_val")->kind == MetricKind::Curve);
        QCOMPARE(m->findMetric("roc_val")->xLabel, std::string("False positive rate"));
        QCOMPARE(m->raw.at("project").at("domain").get<std::string>(), std::string("medical-diagnostics"));
    }

    void minimalManifestIsEnough()
    {
        Problems problems;
        const auto m =
            parseManifest(R"({"mltrl_archive":1,"project":{"id":"p","name":"P","current_level":0}})", problems);
        QVERIFY2(problems.empty(), qPrintable(dump(problems)));
        QVERIFY(m && m->components.empty() && m->gates.empty());
    }

    void singleFault_data()
    {
        QTest::addColumn<QByteArray>("pointer");
        QTest::addColumn<QByteArray>("value"); // JSON text; empty = remove the member
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("what"); // a part of the message

        // Version.
        QTest::newRow("version 2") << QByteArray("/mltrl_archive") << QByteArray("2") << "/mltrl_archive"
                                   << "supported version: 1";
        QTest::newRow("version as string") << QByteArray("/mltrl_archive") << QByteArray("\"1\"") << "/mltrl_archive"
                                           << "expected the format version as the integer 1, found string \"1\"";
        QTest::newRow("version missing") << QByteArray("/mltrl_archive") << QByteArray() << ""
                                         << "missing required key \"mltrl_archive\"";
        // Required members.
        QTest::newRow("no project") << QByteArray("/project") << QByteArray() << ""
                                    << "missing required key \"project\"";
        QTest::newRow("no project.id") << QByteArray("/project/id") << QByteArray() << "/project"
                                       << "missing required key \"id\"";
        QTest::newRow("no project.name") << QByteArray("/project/name") << QByteArray() << "/project"
                                         << "missing required key \"name\"";
        QTest::newRow("no current_level") << QByteArray("/project/current_level") << QByteArray() << "/project"
                                          << "missing required key \"current_level\"";
        QTest::newRow("required null") << QByteArray("/project/name") << QByteArray("null") << "/project/name"
                                       << "expected a string, found null";
        QTest::newRow("no evidence path") << QByteArray("/evidence/0/path") << QByteArray() << "/evidence/0"
                                          << "missing required key \"path\"";
        QTest::newRow("no metric kind") << QByteArray("/metrics/0/kind") << QByteArray() << "/metrics/0"
                                        << "missing required key \"kind\"";
        QTest::newRow("no component id") << QByteArray("/components/1/id") << QByteArray() << "/components/1"
                                         << "missing required key \"id\"";
        QTest::newRow("no threshold") << QByteArray("/gates/1/criteria/0/threshold") << QByteArray()
                                      << "/gates/1/criteria/0"
                                      << "missing required key \"threshold\"";
        QTest::newRow("no aggregate") << QByteArray("/gates/1/criteria/0/aggregate") << QByteArray()
                                      << "/gates/1/criteria/0"
                                      << "missing required key \"aggregate\"";
        QTest::newRow("no switchback kind") << QByteArray("/history/3/switchback") << QByteArray() << "/history/3"
                                            << "missing required key \"switchback\"";
        QTest::newRow("risk without impact")
            << QByteArray("/requirements/0/risk/impact") << QByteArray() << "/requirements/0/risk"
            << "missing required key \"impact\"";
        // Types.
        QTest::newRow("name is a number") << QByteArray("/project/name") << QByteArray("42") << "/project/name"
                                          << "expected a string, found number 42";
        QTest::newRow("level is a string")
            << QByteArray("/project/current_level") << QByteArray("\"5\"") << "/project/current_level"
            << "expected an integer 0..9, found string \"5\"";
        QTest::newRow("level has a fraction")
            << QByteArray("/components/0/level") << QByteArray("4.5") << "/components/0/level"
            << "expected an integer 0..9, found number 4.5";
        QTest::newRow("list is an object") << QByteArray("/components") << QByteArray("{}") << "/components"
                                           << "expected an array, found an object";
        QTest::newRow("item is a number") << QByteArray("/components/0") << QByteArray("5") << "/components/0"
                                          << "expected an object, found number 5";
        QTest::newRow("project is an array") << QByteArray("/project") << QByteArray("[]") << "/project"
                                             << "expected an object, found an array";
        QTest::newRow("ref is a number") << QByteArray("/gates/2/criteria/2/evidence/0") << QByteArray("3")
                                         << "/gates/2/criteria/2/evidence/0"
                                         << "found number 3";
        QTest::newRow("threshold is text")
            << QByteArray("/gates/1/criteria/0/threshold") << QByteArray("\"0.85\"") << "/gates/1/criteria/0/threshold"
            << "expected a finite number, found string";
        QTest::newRow("signoff min 0") << QByteArray("/gates/2/signoffs/0/min") << QByteArray("0")
                                       << "/gates/2/signoffs/0/min"
                                       << "expected an integer 1..1000";
        // Levels.
        QTest::newRow("level 10") << QByteArray("/project/current_level") << QByteArray("10")
                                  << "/project/current_level"
                                  << "0..9";
        QTest::newRow("level -1") << QByteArray("/history/0/to") << QByteArray("-1") << "/history/0/to"
                                  << "found number -1";
        QTest::newRow("gate level 12") << QByteArray("/gates/0/level") << QByteArray("12") << "/gates/0/level"
                                       << "0..9";
        // Ids.
        QTest::newRow("id starts with -")
            << QByteArray("/components/0/id") << QByteArray("\"-c\"") << "/components/0/id"
            << "expected an identifier";
        QTest::newRow("id with space") << QByteArray("/project/id") << QByteArray("\"derm triage\"") << "/project/id"
                                       << "expected an identifier";
        QTest::newRow("id of 129") << QByteArray("/evidence/2/id") << QByteArray("\"" + QByteArray(129, 'a') + "\"")
                                   << "/evidence/2/id"
                                   << "expected an identifier";
        QTest::newRow("duplicate component")
            << QByteArray("/components/1/id") << QByteArray("\"classifier\"") << "/components/1/id"
            << "duplicate id \"classifier\" (first used at mltrl.json#/components/0/id)";
        QTest::newRow("duplicate metric") << QByteArray("/metrics/4/id") << QByteArray("\"loss\"") << "/metrics/4/id"
                                          << "duplicate id \"loss\"";
        QTest::newRow("duplicate criterion")
            << QByteArray("/gates/2/criteria/2/id") << QByteArray("\"auroc\"") << "/gates/2/criteria/2/id"
            << "first used at mltrl.json#/gates/2/criteria/0/id";
        // Dangling references.
        QTest::newRow("criterion evidence") << QByteArray("/gates/2/criteria/2/evidence/0") << QByteArray("\"ev-gone\"")
                                            << "/gates/2/criteria/2/evidence/0"
                                            << "refers to evidence \"ev-gone\", which does not exist";
        QTest::newRow("criterion metric")
            << QByteArray("/gates/1/criteria/0/metric") << QByteArray("\"auc\"") << "/gates/1/criteria/0/metric"
            << "refers to metric \"auc\"";
        QTest::newRow("history gate") << QByteArray("/history/1/gate") << QByteArray("\"gate-9\"") << "/history/1/gate"
                                      << "refers to gate \"gate-9\"";
        QTest::newRow("card component") << QByteArray("/cards/0/component") << QByteArray("\"ghost\"")
                                        << "/cards/0/component"
                                        << "refers to component \"ghost\"";
        QTest::newRow("card requirement")
            << QByteArray("/cards/0/requirements/1") << QByteArray("\"R9\"") << "/cards/0/requirements/1"
            << "refers to requirement \"R9\"";
        QTest::newRow("card evidence") << QByteArray("/cards/0/evidence/0") << QByteArray("\"ev-x\"")
                                       << "/cards/0/evidence/0"
                                       << "refers to evidence \"ev-x\"";
        QTest::newRow("requirement evidence")
            << QByteArray("/requirements/0/evidence/0") << QByteArray("\"ev-x\"") << "/requirements/0/evidence/0"
            << "refers to evidence";
        QTest::newRow("criterion id is not global")
            << QByteArray("/history/1/gate") << QByteArray("\"auroc\"") << "/history/1/gate"
            << "refers to gate \"auroc\"";
        // Dates.
        QTest::newRow("30 February") << QByteArray("/history/0/at") << QByteArray("\"2025-02-30\"") << "/history/0/at"
                                     << "expected an RFC 3339 date";
        QTest::newRow("no offset") << QByteArray("/project/exported_at") << QByteArray("\"2026-11-20T10:00:00\"")
                                   << "/project/exported_at"
                                   << "RFC 3339";
        QTest::newRow("month 13") << QByteArray("/cards/0/updated") << QByteArray("\"2025-13-01\"")
                                  << "/cards/0/updated"
                                  << "RFC 3339";
        QTest::newRow("words") << QByteArray("/evidence/0/created") << QByteArray("\"yesterday\"")
                               << "/evidence/0/created"
                               << "found string \"yesterday\"";
        // Enums.
        QTest::newRow("history kind")
            << QByteArray("/history/1/kind") << QByteArray("\"jump\"") << "/history/1/kind"
            << "expected one of \"start\", \"advance\", \"switchback\", \"hold\", found string \"jump\"";
        QTest::newRow("switchback kind") << QByteArray("/history/3/switchback") << QByteArray("\"sideways\"")
                                         << "/history/3/switchback"
                                         << "\"discovery\", \"embedded\", \"review\"";
        QTest::newRow("verification") << QByteArray("/requirements/0/verification") << QByteArray("\"ok\"")
                                      << "/requirements/0/verification"
                                      << "\"not_applicable\"";
        QTest::newRow("validation") << QByteArray("/requirements/1/validation") << QByteArray("\"PASSED\"")
                                    << "/requirements/1/validation"
                                    << "\"passed\"";
        QTest::newRow("aggregate") << QByteArray("/gates/1/criteria/0/aggregate") << QByteArray("\"median\"")
                                   << "/gates/1/criteria/0/aggregate"
                                   << "\"last\", \"min\", \"max\", \"mean\"";
        QTest::newRow("op") << QByteArray("/gates/1/criteria/0/op") << QByteArray("\"=>\"") << "/gates/1/criteria/0/op"
                            << "\"==\"";
        QTest::newRow("metric kind") << QByteArray("/metrics/0/kind") << QByteArray("\"histogram\"")
                                     << "/metrics/0/kind"
                                     << "\"groups\"";
        QTest::newRow("metric format") << QByteArray("/metrics/0/format") << QByteArray("\"parquet\"")
                                       << "/metrics/0/format"
                                       << "\"mlflow\"";
        QTest::newRow("better") << QByteArray("/metrics/0/better") << QByteArray("\"up\"") << "/metrics/0/better"
                                << "\"higher\", \"lower\"";
        QTest::newRow("mlflow curve") << QByteArray("/metrics/4/kind") << QByteArray("\"curve\"") << "/metrics/4/kind"
                                      << "MLflow";
        // Risk.
        QTest::newRow("p_failure 1.5") << QByteArray("/requirements/0/risk/p_failure") << QByteArray("1.5")
                                       << "/requirements/0/risk/p_failure"
                                       << "expected a number 0..1, found number 1.5";
        QTest::newRow("impact negative") << QByteArray("/requirements/1/risk/impact") << QByteArray("-0.1")
                                         << "/requirements/1/risk/impact"
                                         << "0..1";
        QTest::newRow("impact text") << QByteArray("/requirements/1/risk/impact") << QByteArray("\"high\"")
                                     << "/requirements/1/risk/impact"
                                     << "0..1";
        // Hashes.
        QTest::newRow("short sha") << QByteArray("/evidence/0/sha256") << QByteArray("\"abc\"") << "/evidence/0/sha256"
                                   << "64 lowercase hex digits";
        QTest::newRow("uppercase sha") << QByteArray("/evidence/0/sha256")
                                       << QByteArray(
                                              "\"D73DF96251CF5FF0191A85FA09E6D3DF41451D4B15E8B4C46836449ACBC18A48\"")
                                       << "/evidence/0/sha256"
                                       << "64 lowercase hex digits";
        QTest::newRow("sha not hex") << QByteArray("/evidence/1/sha256")
                                     << QByteArray("\"" + QByteArray(64, 'g') + "\"") << "/evidence/1/sha256"
                                     << "lowercase hex";
        // Paths.
        QTest::newRow("path ..") << QByteArray("/evidence/0/path") << QByteArray("\"evidence/../x.md\"")
                                 << "/evidence/0/path"
                                 << "'..' segment";
        QTest::newRow("path absolute") << QByteArray("/evidence/0/path") << QByteArray("\"/etc/passwd\"")
                                       << "/evidence/0/path"
                                       << "absolute";
        QTest::newRow("path backslash") << QByteArray("/metrics/0/path") << QByteArray("\"metrics\\\\loss.csv\"")
                                        << "/metrics/0/path"
                                        << "backslash";
        QTest::newRow("path drive") << QByteArray("/metrics/0/path") << QByteArray("\"C:/loss.csv\"")
                                    << "/metrics/0/path"
                                    << "drive letter";
        QTest::newRow("path ./") << QByteArray("/evidence/0/path") << QByteArray("\"./evidence/datasheet.md\"")
                                 << "/evidence/0/path"
                                 << "'.' segment";
        QTest::newRow("path control") << QByteArray("/evidence/0/path") << QByteArray("\"a\\nb\"") << "/evidence/0/path"
                                      << "control character";
        QTest::newRow("path empty") << QByteArray("/evidence/0/path") << QByteArray("\"\"") << "/evidence/0/path"
                                    << "path is empty";
    }

    void singleFault()
    {
        QFETCH(QByteArray, pointer);
        QFETCH(QByteArray, value);
        QFETCH(QString, where);
        QFETCH(QString, what);
        json doc = exampleJson();
        mutate(doc, pointer, value);
        Problems problems;
        const auto m = parseManifest(doc.dump(2), problems);
        QVERIFY(!m.has_value());
        QVERIFY2(problems.errorCount() == 1, qPrintable(dump(problems)));
        const Problem error = problems.errors().front();
        QCOMPARE(::where(error), kFile + where);
        QVERIFY2(::what(error).contains(what), qPrintable(::what(error)));
    }

    void warningOnly_data()
    {
        QTest::addColumn<QByteArray>("pointer");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("what");
        QTest::newRow("unknown top-level key") << QByteArray("/extra") << QByteArray("{\"a\":[1]}") << "/extra"
                                               << "unknown key kept and ignored";
        QTest::newRow("unknown project key")
            << QByteArray("/project/sponsor") << QByteArray("\"x\"") << "/project/sponsor"
            << "unknown key";
        QTest::newRow("unknown nested key")
            << QByteArray("/gates/2/criteria/1/weight") << QByteArray("2") << "/gates/2/criteria/1/weight"
            << "unknown key";
        QTest::newRow("unknown key needing escape")
            << QByteArray("/requirements/0/risk/a~1b") << QByteArray("1") << "/requirements/0/risk/a~1b"
            << "unknown key";
        QTest::newRow("system level differs")
            << QByteArray("/components/0/level") << QByteArray("4") << "/project/current_level"
            << "current_level is 5, but the system level (the lowest component level) is 4";
        QTest::newRow("same file twice") << QByteArray("/evidence/2/path") << QByteArray("\"metrics/loss.csv\"")
                                         << "/metrics/0/path"
                                         << "also named at mltrl.json#/evidence/2/path";
        QTest::newRow("comparison on qualitative")
            << QByteArray("/gates/0/criteria/0/op") << QByteArray("\">=\"") << "/gates/0/criteria/0/op"
            << "without \"metric\" is qualitative";
        QTest::newRow("switchback kind on advance")
            << QByteArray("/history/1/switchback") << QByteArray("\"review\"") << "/history/1/switchback"
            << "only an entry of kind \"switchback\"";
        QTest::newRow("advance going down") << QByteArray("/history/2/to") << QByteArray("1") << "/history/2"
                                            << "does not go up";
        QTest::newRow("two cards for one level") << QByteArray("/cards/1") << QByteArray("{\"level\":5}") << "/cards/1"
                                                 << "a second card for level 5";
        QTest::newRow("duplicate signoff role")
            << QByteArray("/gates/2/signoffs/1/role") << QByteArray("\"R&D reviewer\"") << "/gates/2/signoffs/1/role"
            << "listed twice";
    }

    void warningOnly()
    {
        QFETCH(QByteArray, pointer);
        QFETCH(QByteArray, value);
        QFETCH(QString, where);
        QFETCH(QString, what);
        json doc = exampleJson();
        mutate(doc, pointer, value);
        Problems problems;
        const auto m = parseManifest(doc.dump(), problems);
        QVERIFY2(m.has_value(), qPrintable(dump(problems)));
        QVERIFY2(problems.warningCount() == 1 && problems.errorCount() == 0, qPrintable(dump(problems)));
        QCOMPARE(::where(problems.warnings().front()), kFile + where);
        QVERIFY2(::what(problems.warnings().front()).contains(what), qPrintable(dump(problems)));
        QVERIFY(!m->raw.at(json::json_pointer(pointer.toStdString())).is_null()); // kept in raw
    }

    void nullMeansAbsentForOptionalMembers()
    {
        json doc = exampleJson();
        doc["project"]["target_level"] = nullptr;
        doc["evidence"][0]["sha256"] = nullptr;
        Problems problems;
        const auto m = parseManifest(doc.dump(), problems);
        QVERIFY2(problems.empty(), qPrintable(dump(problems)));
        QVERIFY(!m->project.targetLevel.has_value());
        QVERIFY(m->evidence[0].sha256.empty());
    }

    void byteOrderMarkIsIgnored()
    {
        Problems problems;
        QVERIFY2(parseManifest("\xEF\xBB\xBF" + exampleBytes(), problems).has_value(), qPrintable(dump(problems)));
        QVERIFY(problems.empty());
    }

    void referencesMayPointForward()
    {
        // Lists can come in any order in the file; references are resolved after reading all.
        json doc = exampleJson();
        json reordered = json::object();
        for (const char *key : {"metrics", "evidence", "gates", "requirements", "cards", "history", "components",
                                "project", "mltrl_archive"})
            reordered[key] = doc[key];
        Problems problems;
        QVERIFY2(parseManifest(reordered.dump(), problems).has_value(), qPrintable(dump(problems)));
    }

    void everyFaultInOneListIsReported()
    {
        json doc = exampleJson();
        doc["history"][1]["kind"] = "jump";
        doc["history"][2]["at"] = "soon";
        doc["history"][4]["to"] = 11;
        Problems problems;
        QVERIFY(!parseManifest(doc.dump(), problems).has_value());
        QVERIFY2(problems.errorCount() == 3 && problems.warningCount() == 0, qPrintable(dump(problems)));
    }

    void fiveFaultsGiveFiveErrors()
    {
        json doc = exampleJson();
        doc["project"]["name"] = 7;
        doc["components"][1]["id"] = "classifier";
        doc["history"][2]["at"] = "2025-02-30";
        doc["gates"][2]["criteria"][2]["evidence"][0] = "ev-nope";
        doc["evidence"][2]["sha256"] = "XYZ";
        Problems problems;
        QVERIFY(!parseManifest(doc.dump(2), problems).has_value());
        QStringList wheres;
        for (const Problem &p : problems.errors())
            wheres << ::where(p);
        wheres.sort();
        const QStringList expected = {kFile + QStringLiteral("/components/1/id"),
                                      kFile + QStringLiteral("/evidence/2/sha256"),
                                      kFile + QStringLiteral("/gates/2/criteria/2/evidence/0"),
                                      kFile + QStringLiteral("/history/2/at"), kFile + QStringLiteral("/project/name")};
        QCOMPARE(wheres, expected);
        QCOMPARE(problems.errorCount(), std::size_t(5));
    }

    void badText_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("what");
        QTest::newRow("truncated") << QByteArray("{\"mltrl_archive\": 1,") << "mltrl.json:1:21"
                                   << "invalid JSON: syntax error";
        QTest::newRow("truncated example")
            << QByteArray::fromStdString(exampleBytes().substr(0, 300)) << "mltrl.json:10:5"
            << "unexpected end of input";
        QTest::newRow("bad literal, line 3") << QByteArray("{\n  \"a\": 1,\n  \"b\": tru\n}") << "mltrl.json:3:11"
                                             << "invalid literal";
        QTest::newRow("missing comma, line 2")
            << QByteArray("{\"mltrl_archive\": 1\n  \"project\": {}}") << "mltrl.json:2:11"
            << "invalid JSON";
        QTest::newRow("trailing garbage") << QByteArray("{} x") << "mltrl.json:1:4"
                                          << "expected end of input";
        QTest::newRow("empty") << QByteArray() << "mltrl.json:1:1"
                               << "unexpected end of input";
        QTest::newRow("invalid UTF-8") << QByteArray("{\"a\": \"\xff\"}") << "mltrl.json:1:8"
                                       << "ill-formed UTF-8";
        QTest::newRow("number overflow") << QByteArray("{\"threshold\":\n 1e999}") << "mltrl.json:2:6"
                                         << "number overflow";
        QTest::newRow("array") << QByteArray("[1, 2]") << "mltrl.json"
                               << "must be a JSON object, found an array";
        QTest::newRow("string") << QByteArray("\"mltrl\"") << "mltrl.json"
                                << "must be a JSON object, found string \"mltrl\"";
        QTest::newRow("duplicate key") << QByteArray("{\"mltrl_archive\": 1, \"mltrl_archive\": 2}")
                                       << "mltrl.json#/mltrl_archive"
                                       << "duplicate key \"mltrl_archive\"";
        QTest::newRow("nested duplicate key")
            << QByteArray("{\"gates\": [{}, {\"criteria\": [{\"id\": \"a\", \"id\": \"b\"}]}]}")
            << "mltrl.json#/gates/1/criteria/0/id"
            << "duplicate key";
        QTest::newRow("65 deep") << QByteArray::fromStdString("{\"x\": " + nestedArrays(64) + "}") << "mltrl.json:1:70"
                                 << "nested more than 64 levels";
    }

    void badText()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, where);
        QFETCH(QString, what);
        Problems problems;
        QVERIFY(!parseManifest(bytes.toStdString(), problems).has_value());
        QVERIFY2(problems.errorCount() == 1, qPrintable(dump(problems)));
        QCOMPARE(::where(problems.items().front()), where);
        QVERIFY2(::what(problems.items().front()).contains(what), qPrintable(dump(problems)));
    }

    void hostileNestingIsRejectedFast()
    {
        const std::string deep = nestedArrays(100'000);
        QElapsedTimer timer;
        timer.start();
        Problems problems;
        QVERIFY(!parseManifest(deep, problems).has_value());
        QVERIFY(timer.elapsed() < 1000);
        QCOMPARE(problems.errorCount(), std::size_t(1));
        QCOMPARE(::where(problems.items().front()), QStringLiteral("mltrl.json:1:65"));
        QCOMPARE(::what(problems.items().front()), QStringLiteral("JSON nested more than 64 levels deep"));
        // Unclosed brackets are just as deep.
        problems.clear();
        QVERIFY(!parseManifest(std::string(100'000, '{'), problems).has_value());
        QCOMPARE(problems.errorCount(), std::size_t(1));
    }

    void nestingUpToTheLimitIsFine()
    {
        json doc = exampleJson();
        doc["deep"] = json::parse(nestedArrays(63)); // the document object is level 1
        doc["brackets in text"] = std::string(500, '[');
        Problems problems;
        QVERIFY2(parseManifest(doc.dump(), problems).has_value(), qPrintable(dump(problems)));
        QCOMPARE(problems.warningCount(), std::size_t(2)); // the two unknown keys
        // A lower limit applies.
        problems.clear();
        QVERIFY(!parseManifest(doc.dump(), problems, ManifestLimits{16u << 20, 10}).has_value());
        QVERIFY(::what(problems.items().front()).contains(QStringLiteral("more than 10 levels")));
    }

    void tooBigIsRejected()
    {
        Problems problems;
        const std::string big((16u << 20) + 1, ' ');
        QVERIFY(!parseManifest(big, problems).has_value());
        QCOMPARE(problems.errorCount(), std::size_t(1));
        QCOMPARE(::where(problems.items().front()), QStringLiteral("mltrl.json"));
        QCOMPARE(::what(problems.items().front()),
                 QStringLiteral("the manifest is 16777217 bytes; at most 16777216 bytes are allowed"));
        problems.clear();
        const std::string example = exampleBytes();
        QVERIFY(!parseManifest(example, problems, ManifestLimits{100, 64}).has_value());
        QVERIFY(::what(problems.items().front()).contains(QStringLiteral("at most 100 bytes")));
    }

    void whereIsUsedInLocations()
    {
        json doc = exampleJson();
        doc["project"]["name"] = 1;
        Problems problems;
        QVERIFY(!parseManifest(doc.dump(), problems, {}, "inner/mltrl.json").has_value());
        QCOMPARE(::where(problems.items().front()), QStringLiteral("inner/mltrl.json#/project/name"));
    }

    void otherVersionStopsValidation()
    {
        // A future format may look entirely different: only the version is reported.
        Problems problems;
        QVERIFY(!parseManifest(R"({"mltrl_archive": 2, "project": 5, "gates": {}})", problems).has_value());
        QCOMPARE(problems.items().size(), std::size_t(1));
        QCOMPARE(::what(problems.items().front()),
                 QStringLiteral("unsupported format version 2; supported version: 1"));
    }

    void identifiers_data()
    {
        QTest::addColumn<QByteArray>("id");
        QTest::addColumn<bool>("valid");
        QTest::newRow("simple") << QByteArray("R1") << true;
        QTest::newRow("dots dashes underscores") << QByteArray("gate-5.v_2") << true;
        QTest::newRow("digit first") << QByteArray("0abc") << true;
        QTest::newRow("128 chars") << QByteArray(128, 'x') << true;
        QTest::newRow("129 chars") << QByteArray(129, 'x') << false;
        QTest::newRow("empty") << QByteArray() << false;
        QTest::newRow("dot first") << QByteArray(".hidden") << false;
        QTest::newRow("underscore first") << QByteArray("_a") << false;
        QTest::newRow("slash") << QByteArray("a/b") << false;
        QTest::newRow("space") << QByteArray("a b") << false;
        QTest::newRow("non-ASCII") << QByteArray("caf\xc3\xa9") << false;
    }

    void identifiers()
    {
        QFETCH(QByteArray, id);
        QFETCH(bool, valid);
        QCOMPARE(isValidId(std::string_view(id.constData(), static_cast<std::size_t>(id.size()))), valid);
    }

    void dates_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("date") << QByteArray("2025-03-14") << true;
        QTest::newRow("date-time Z") << QByteArray("2025-03-14T09:30:00Z") << true;
        QTest::newRow("lowercase t z") << QByteArray("2025-03-14t09:30:00z") << true;
        QTest::newRow("fraction and offset") << QByteArray("2025-03-14T09:30:00.123456+05:30") << true;
        QTest::newRow("negative offset") << QByteArray("2025-03-14T23:59:60-08:00") << true;
        QTest::newRow("leap day") << QByteArray("2024-02-29") << true;
        QTest::newRow("no leap day") << QByteArray("2025-02-29") << false;
        QTest::newRow("1900 no leap") << QByteArray("1900-02-29") << false;
        QTest::newRow("2000 leap") << QByteArray("2000-02-29") << true;
        QTest::newRow("day 31 of April") << QByteArray("2025-04-31") << false;
        QTest::newRow("no offset") << QByteArray("2025-03-14T09:30:00") << false;
        QTest::newRow("space separator") << QByteArray("2025-03-14 09:30:00Z") << false;
        QTest::newRow("hour 24") << QByteArray("2025-03-14T24:00:00Z") << false;
        QTest::newRow("no seconds") << QByteArray("2025-03-14T09:30Z") << false;
        QTest::newRow("empty fraction") << QByteArray("2025-03-14T09:30:00.Z") << false;
        QTest::newRow("short year") << QByteArray("25-03-14") << false;
        QTest::newRow("trailing text") << QByteArray("2025-03-14x") << false;
        QTest::newRow("offset without colon") << QByteArray("2025-03-14T09:30:00+0530") << false;
        QTest::newRow("empty") << QByteArray() << false;
    }

    void dates()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        QCOMPARE(isValidRfc3339(std::string_view(text.constData(), static_cast<std::size_t>(text.size()))), valid);
    }
};

QTEST_GUILESS_MAIN(TestManifest)
#include "tst_manifest.moc"
