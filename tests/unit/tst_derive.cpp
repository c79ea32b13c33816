#include "core/derive/Levels.h"
#include "core/derive/Verdicts.h"
#include "core/manifest/ManifestParser.h"

#include "TestData.h"

#include <QFile>
#include <QtTest>

#include <cmath>
#include <limits>

using namespace mltrl;

Q_DECLARE_METATYPE(CompareOp)
Q_DECLARE_METATYPE(std::vector<HistoryEntry>)

namespace {

std::vector<Component> components(const QList<int> &levels)
{
    std::vector<Component> out;
    for (int i = 0; i < levels.size(); ++i)
        out.push_back({"c" + std::to_string(i), {}, levels[i], {}});
    return out;
}

HistoryEntry entry(HistoryKind kind, std::optional<int> from, int to)
{
    HistoryEntry h;
    h.at = "2025-01-01";
    h.kind = kind;
    h.from = from;
    h.to = to;
    if (kind == HistoryKind::Switchback)
        h.switchback = SwitchbackKind::Discovery;
    return h;
}

HistoryEntry started(int to)
{
    return entry(HistoryKind::Start, std::nullopt, to);
}
HistoryEntry advanced(std::optional<int> from, int to)
{
    return entry(HistoryKind::Advance, from, to);
}
HistoryEntry switchedBack(int from, int to)
{
    return entry(HistoryKind::Switchback, from, to);
}
HistoryEntry held(int at)
{
    return entry(HistoryKind::Hold, at, at);
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

} // namespace

class TestDerive : public QObject {
    Q_OBJECT
private slots:
    void systemLevelIsTheMinimum_data()
    {
        QTest::addColumn<QList<int>>("levels");
        QTest::addColumn<int>("expected"); // -1 = none
        QTest::addColumn<QStringList>("heldBackBy");
        QTest::newRow("no components") << QList<int>{} << -1 << QStringList{};
        QTest::newRow("one") << QList<int>{4} << 4 << QStringList{QStringLiteral("c0")};
        QTest::newRow("lowest wins") << QList<int>{6, 3, 5} << 3 << QStringList{QStringLiteral("c1")};
        QTest::newRow("tie keeps manifest order")
            << QList<int>{2, 7, 2, 9} << 2 << QStringList{QStringLiteral("c0"), QStringLiteral("c2")};
        QTest::newRow("all equal") << QList<int>{5, 5} << 5 << QStringList{QStringLiteral("c0"), QStringLiteral("c1")};
        QTest::newRow("level 0") << QList<int>{0, 9} << 0 << QStringList{QStringLiteral("c0")};
    }

    void systemLevelIsTheMinimum()
    {
        QFETCH(QList<int>, levels);
        QFETCH(int, expected);
        QFETCH(QStringList, heldBackBy);
        const SystemLevel system = systemLevel(components(levels));
        QCOMPARE(system.level, expected < 0 ? std::optional<int>() : std::optional<int>(expected));
        QStringList ids;
        for (const auto &id : system.heldBackBy)
            ids << QString::fromStdString(id);
        QCOMPARE(ids, heldBackBy);
    }

    void exampleHistoryHasNoInvalidSwitchback()
    {
        // example-min: start at 2, 2→3, 3→4, embedded switchback 4→2 (level 2 was completed), …
        QFile file(test::dataPath(QStringLiteral("example-min/mltrl.json")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        Problems problems;
        const auto m = parseManifest(file.readAll().toStdString(), problems);
        QVERIFY(m.has_value());
        QVERIFY(m->history[3].kind == HistoryKind::Switchback && m->history[3].to == 2);
        QVERIFY(invalidSwitchbacks(m->history).empty());
        const SystemLevel system = systemLevel(m->components);
        QCOMPARE(system.level, std::optional<int>(5));
        QCOMPARE(system.heldBackBy, std::vector<std::string>{"classifier"});
    }

    void invalidSwitchbacksAreFlagged_data()
    {
        QTest::addColumn<std::vector<HistoryEntry>>("history");
        QTest::addColumn<QList<int>>("invalid"); // indices
        QTest::newRow("to 2 after advancing from 2")
            << std::vector{started(2), advanced(2, 3), advanced(3, 4), switchedBack(4, 2)} << QList<int>{};
        QTest::newRow("to 1, never completed")
            << std::vector{started(2), advanced(2, 3), switchedBack(3, 1)} << QList<int>{2};
        QTest::newRow("to 0 after advancing from 0")
            << std::vector{started(0), advanced(0, 1), advanced(1, 2), switchedBack(2, 0)} << QList<int>{};
        QTest::newRow("started above the level") << std::vector{started(3), switchedBack(3, 2)} << QList<int>{1};
        QTest::newRow("a later advance does not help")
            << std::vector{started(3), switchedBack(3, 1), advanced(1, 2), switchedBack(2, 1)} << QList<int>{1};
        QTest::newRow("advance without from uses the previous level")
            << std::vector{started(1), advanced(std::nullopt, 2), switchedBack(2, 1)} << QList<int>{};
        QTest::newRow("hold does not complete a level")
            << std::vector{started(1), held(1), switchedBack(1, 1)} << QList<int>{2};
        QTest::newRow("development levels are not research")
            << std::vector{started(2), advanced(2, 5), switchedBack(5, 3)} << QList<int>{};
        QTest::newRow("two invalid") << std::vector{started(4), switchedBack(4, 0), switchedBack(4, 2)}
                                     << QList<int>{1, 2};
        QTest::newRow("empty history") << std::vector<HistoryEntry>{} << QList<int>{};
    }

    void invalidSwitchbacksAreFlagged()
    {
        QFETCH(std::vector<HistoryEntry>, history);
        QFETCH(QList<int>, invalid);
        QList<int> found;
        for (const InvalidSwitchback &s : invalidSwitchbacks(history)) {
            found << static_cast<int>(s.index);
            QVERIFY(s.reason.find("never advanced from level " + std::to_string(history[s.index].to)) !=
                    std::string::npos);
        }
        QCOMPARE(found, invalid);
    }

    void compareOperators_data()
    {
        QTest::addColumn<double>("observed");
        QTest::addColumn<CompareOp>("op");
        QTest::addColumn<double>("threshold");
        QTest::addColumn<int>("expected"); // 1 true, 0 false, -1 nothing to say
        QTest::newRow(">= above") << 0.93 << CompareOp::Ge << 0.9 << 1;
        QTest::newRow(">= equal") << 0.9 << CompareOp::Ge << 0.9 << 1;
        QTest::newRow(">= below") << 0.89 << CompareOp::Ge << 0.9 << 0;
        QTest::newRow("> equal") << 0.9 << CompareOp::Gt << 0.9 << 0;
        QTest::newRow("> above") << 0.91 << CompareOp::Gt << 0.9 << 1;
        QTest::newRow("<= equal") << 0.1 << CompareOp::Le << 0.1 << 1;
        QTest::newRow("<= above") << 0.2 << CompareOp::Le << 0.1 << 0;
        QTest::newRow("< equal") << 0.1 << CompareOp::Lt << 0.1 << 0;
        QTest::newRow("< below") << 0.05 << CompareOp::Lt << 0.1 << 1;
        QTest::newRow("== exact") << 0.85 << CompareOp::Eq << 0.85 << 1;
        QTest::newRow("== is not rounded") << 0.1 + 0.2 << CompareOp::Eq << 0.3 << 0;
        QTest::newRow("== negative zero") << -0.0 << CompareOp::Eq << 0.0 << 1;
        QTest::newRow("NaN observed") << kNaN << CompareOp::Ge << 0.9 << -1;
        QTest::newRow("NaN observed ==") << kNaN << CompareOp::Eq << kNaN << -1;
        QTest::newRow("NaN threshold") << 0.9 << CompareOp::Le << kNaN << -1;
        QTest::newRow("infinity") << kInf << CompareOp::Ge << 1e308 << 1;
        QTest::newRow("minus infinity") << -kInf << CompareOp::Gt << -1e308 << 0;
    }

    void compareOperators()
    {
        QFETCH(double, observed);
        QFETCH(CompareOp, op);
        QFETCH(double, threshold);
        QFETCH(int, expected);
        const auto result = compare(observed, op, threshold);
        QCOMPARE(result, expected < 0 ? std::optional<bool>() : std::optional<bool>(expected == 1));
        const Suggestion s = suggestVerdict(observed, op, threshold);
        QCOMPARE(int(s), int(expected < 0 ? Suggestion::None : expected == 1 ? Suggestion::Met : Suggestion::NotMet));
    }

    void suggestionTexts()
    {
        QVERIFY(suggestVerdict(std::nullopt, CompareOp::Ge, 0.5) == Suggestion::None);
        QCOMPARE(toString(Suggestion::Met), std::string_view("met"));
        QCOMPARE(toString(Suggestion::NotMet), std::string_view("not_met"));
        QCOMPARE(toString(Suggestion::None), std::string_view(""));
        QCOMPARE(toJson(Suggestion::Met).dump(), std::string("\"met\""));
        QCOMPARE(toJson(Suggestion::NotMet).dump(), std::string("\"not_met\""));
        QVERIFY(toJson(Suggestion::None).is_null());
    }

    void riskScoreNeedsBoth()
    {
        Requirement r;
        r.pFailure = 0.2;
        QVERIFY(!r.riskScore().has_value());
        r.impact = 0.9;
        QCOMPARE(*r.riskScore(), 0.2 * 0.9);
    }
};

QTEST_GUILESS_MAIN(TestDerive)
#include "tst_derive.moc"
