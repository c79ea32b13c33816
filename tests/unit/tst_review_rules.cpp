// The rule book of review governance (amendment 1.1): G1 and G2 before signing, G2 and the
// level on signed records, and the reviewer_roles file (G4).
#include "core/manifest/Manifest.h"
#include "core/review/ReviewRecord.h"
#include "core/review/ReviewRules.h"
#include "core/review/ReviewerRoles.h"

#include <QTest>

using namespace mltrl;

namespace {

Gate gate()
{
    Gate g;
    g.id = "gate-5";
    g.level = 5;
    Criterion a;
    a.id = "auroc";
    Criterion e;
    e.id = "ethics";
    g.criteria = {a, e};
    return g;
}

/// "criterion=verdict[:note][!]" (! = accepted suggestion), outcome, rationale, conditions, level.
GateDecision decision(const QStringList &verdicts, const QString &outcome, const QString &rationale,
                      const QStringList &conditions = {}, std::optional<int> toLevel = std::nullopt)
{
    GateDecision d;
    for (QString v : verdicts) {
        const bool accepted = v.endsWith(QLatin1Char('!'));
        if (accepted)
            v.chop(1);
        const QString c = v.section(QLatin1Char('='), 0, 0);
        const QString rest = v.section(QLatin1Char('='), 1);
        GateDecision::Row row;
        row.criterion = c.toStdString();
        row.verdict = parseVerdict(rest.section(QLatin1Char(':'), 0, 0).toStdString());
        row.note = rest.section(QLatin1Char(':'), 1).toStdString();
        row.fromSuggestion = accepted;
        d.verdicts.push_back(row);
    }
    d.outcome = parseOutcome(outcome.toStdString());
    d.rationale = rationale.toStdString();
    for (const QString &c : conditions)
        d.conditions.push_back(c.toStdString());
    d.toLevel = toLevel;
    return d;
}

QStringList texts(const std::vector<RuleProblem> &problems)
{
    QStringList out;
    for (const RuleProblem &p : problems)
        out << QString::fromStdString(p.toString());
    return out;
}

} // namespace

class TestReviewRules : public QObject {
    Q_OBJECT

private slots:
    void checkDecision_data()
    {
        QTest::addColumn<QStringList>("verdicts");
        QTest::addColumn<QString>("outcome");
        QTest::addColumn<QString>("rationale");
        QTest::addColumn<QStringList>("conditions");
        QTest::addColumn<int>("toLevel");
        QTest::addColumn<QStringList>("expected");
        const QStringList both{QStringLiteral("auroc=met"), QStringLiteral("ethics=met")};
        QTest::newRow("complete hold") << both << "hold"
                                       << "why" << QStringList{} << -1 << QStringList{};
        QTest::newRow("accepted suggestion is a verdict")
            << QStringList{QStringLiteral("auroc=met!"), QStringLiteral("ethics=met")} << "advance"
            << "why" << QStringList{} << -1 << QStringList{};
        QTest::newRow("G1 missing verdict")
            << QStringList{QStringLiteral("ethics=met")} << "hold"
            << "why" << QStringList{} << -1
            << QStringList{QStringLiteral("G1 verdicts/auroc: criterion \"auroc\" has no verdict set or confirmed by "
                                          "the reviewer (a suggestion counts only once accepted)")};
        QTest::newRow("G2 note") << QStringList{QStringLiteral("auroc=waived"), QStringLiteral("ethics=met")} << "hold"
                                 << "why" << QStringList{} << -1
                                 << QStringList{
                                        QStringLiteral("G2 verdicts/auroc/note: a waived verdict needs a note")};
        QTest::newRow("G2 rationale") << both << "hold"
                                      << "  " << QStringList{} << -1
                                      << QStringList{
                                             QStringLiteral("G2 decision/rationale: every outcome needs a rationale")};
        QTest::newRow("G2 no outcome") << both << ""
                                       << "why" << QStringList{} << -1
                                       << QStringList{QStringLiteral("G2 decision/outcome: no outcome is chosen")};
        QTest::newRow("G2 advance with not_met")
            << QStringList{QStringLiteral("auroc=not_met:low"), QStringLiteral("ethics=met")} << "advance"
            << "why" << QStringList{} << -1
            << QStringList{QStringLiteral("G2 decision/outcome: an unconditional advance cannot have a not_met "
                                          "verdict (criterion \"auroc\"); choose advance_with_conditions, hold or "
                                          "switchback")};
        QTest::newRow("conditional advance with not_met")
            << QStringList{QStringLiteral("auroc=not_met:low"), QStringLiteral("ethics=met")}
            << "advance_with_conditions"
            << "why" << QStringList{QStringLiteral("fix it")} << -1 << QStringList{};
        QTest::newRow("G2 conditions") << both << "advance_with_conditions"
                                       << "why" << QStringList{QStringLiteral(" ")} << -1
                                       << QStringList{QStringLiteral("G2 decision/conditions: advance_with_conditions "
                                                                     "needs at least one condition")};
        QTest::newRow("G2 switchback level") << both << "switchback"
                                             << "why" << QStringList{} << 5
                                             << QStringList{QStringLiteral("G2 decision/to_level: a switchback needs a "
                                                                           "level below the gate's level 5")};
        QTest::newRow("switchback below") << both << "switchback"
                                          << "why" << QStringList{} << 3 << QStringList{};
        QTest::newRow("unknown criterion")
            << QStringList{QStringLiteral("auroc=met"), QStringLiteral("ethics=met"), QStringLiteral("nope=met")}
            << "hold"
            << "why" << QStringList{} << -1
            << QStringList{QStringLiteral("G2 verdicts/nope: gate \"gate-5\" has no criterion \"nope\"")};
    }

    void checkDecision()
    {
        QFETCH(QStringList, verdicts);
        QFETCH(QString, outcome);
        QFETCH(QString, rationale);
        QFETCH(QStringList, conditions);
        QFETCH(int, toLevel);
        QFETCH(QStringList, expected);
        const GateDecision d =
            decision(verdicts, outcome, rationale, conditions, toLevel < 0 ? std::nullopt : std::optional(toLevel));
        const QStringList got = texts(mltrl::checkDecision(gate(), d));
        QCOMPARE(got, expected);
        for (const QString &p : got)
            QVERIFY2(!p.contains(QStringLiteral("--")), qPrintable(p)); // never a flag
    }

    void signedRecord()
    {
        ReviewRecord r;
        r.gate = "gate-5";
        r.level = 4;
        r.verdicts = {{"auroc", "not_met", 0.8, std::string("low"), false}};
        r.decision.outcome = "advance";
        const QStringList got = texts(checkSignedRecord(r, 5));
        QCOMPARE(got.size(), 3);
        QVERIFY(got[0].startsWith(
            QStringLiteral("level level: the review is for level 4 but gate \"gate-5\" is at level 5")));
        QVERIFY(got.join(QLatin1Char('\n')).contains(QStringLiteral("G2 decision/rationale")));
        QVERIFY(got.join(QLatin1Char('\n')).contains(QStringLiteral("G2 decision/outcome")));
        r.level = 5;
        r.decision.outcome = "hold";
        r.decision.rationale = "why";
        QVERIFY(checkSignedRecord(r, 5).empty());
    }

    void fromSuggestionRoundTrips()
    {
        ReviewRecord r;
        r.id = "r1";
        r.project = "p";
        r.gate = "gate-5";
        r.level = 5;
        r.manifestSha256 = std::string(64, 'a');
        r.reviewer = {"N", "n@example.org", "",
                      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4"};
        r.verdicts = {{"auroc", "met", 0.9, std::nullopt, true}, {"ethics", "met", std::nullopt, std::nullopt, false}};
        r.decision.outcome = "hold";
        r.decision.rationale = "why";
        r.signedAt = "2026-11-21T14:02:11Z";
        const std::string bytes = r.serialize();
        QVERIFY(bytes.find("\"from_suggestion\":true") != std::string::npos);
        QCOMPARE(bytes.find("from_suggestion"), bytes.rfind("from_suggestion")); // only on the accepted one
        Problems problems;
        const auto back = ReviewRecord::parse(bytes, problems);
        QVERIFY(back);
        QVERIFY(back->verdicts[0].fromSuggestion);
        QVERIFY(!back->verdicts[1].fromSuggestion);
        std::string bad = bytes;
        bad.replace(bad.find("\"from_suggestion\":true"), 22, "\"from_suggestion\":1234");
        Problems p2;
        QVERIFY(!ReviewRecord::parse(bad, p2));
    }

    void reviewerRoles()
    {
        Problems problems;
        const ReviewerRoles roles = ReviewerRoles::parse("# roles\n"
                                                         "a@example.org R&D reviewer\n"
                                                         "\n"
                                                         "a@example.org   clinical reviewer  \r\n"
                                                         "*@example.org clinical reviewer\n"
                                                         "b@example.org\n",
                                                         problems, "roles");
        QVERIFY(roles.grants("a@example.org", "R&D reviewer"));
        QVERIFY(roles.grants("a@example.org", "clinical reviewer"));
        QVERIFY(!roles.grants("c@example.org", "clinical reviewer")); // no wildcards
        QVERIFY(!roles.grants("A@example.org", "R&D reviewer"));
        QCOMPARE(roles.rolesOf("a@example.org"), (std::vector<std::string>{"R&D reviewer", "clinical reviewer"}));
        QCOMPARE(problems.warningCount(), std::size_t{2});
        QCOMPARE(problems.items()[0].where, std::string("roles:5"));
        QCOMPARE(problems.items()[1].where, std::string("roles:6"));
    }
};

QTEST_GUILESS_MAIN(TestReviewRules)
#include "tst_review_rules.moc"
