// Gate status (amendment 1.1: G3 supersession, G4 granted roles, G6 statuses, G7) from sets of
// verified reviews.
#include "core/review/GateStatus.h"
#include "core/review/ReviewerRoles.h"

#include <QTest>

using namespace mltrl;

namespace {

/// A compact description of one review: "role:outcome[:flags]" where flags may hold
/// u (unknown signer), s (stale), i (invalid), k<N> (key number N, also its principal),
/// x<N> (supersedes review N), g (of gate-4), r (role not granted by reviewer_roles).
struct Spec {
    ReviewCheck check;
    bool granted = true;
};

Spec review(const QString &spec, int n)
{
    const QStringList parts = spec.split(QLatin1Char(':'));
    Spec out;
    ReviewCheck &c = out.check;
    ReviewRecord r;
    r.id = "r" + std::to_string(n);
    r.gate = "gate-5";
    r.level = 5;
    r.reviewer.role = parts.value(0).toStdString();
    r.reviewer.publicKey = "ssh-ed25519 key" + std::to_string(n);
    r.reviewer.email = "p" + std::to_string(n) + "@example.org";
    r.decision.outcome = parts.value(1).toStdString();
    r.signedAt = "2026-11-2" + std::to_string(n % 10) + "T10:00:00Z";
    c.status = ReviewStatus::Valid;
    c.trust = SignerTrust::Trusted;
    const QString flags = parts.value(2);
    for (qsizetype i = 0; i < flags.size(); ++i) {
        const QChar f = flags[i];
        if (f == QLatin1Char('u')) {
            c.status = ReviewStatus::ValidUnknownSigner;
            c.trust = SignerTrust::Unknown;
        } else if (f == QLatin1Char('s')) {
            c.status = ReviewStatus::Stale;
        } else if (f == QLatin1Char('i')) {
            c.status = ReviewStatus::Invalid;
        } else if (f == QLatin1Char('k')) {
            const std::string k = flags.mid(i + 1, 1).toStdString();
            r.reviewer.publicKey = "ssh-ed25519 key" + k;
            r.reviewer.email = "k" + k + "@example.org";
            ++i;
        } else if (f == QLatin1Char('x')) {
            r.supersedes = "r" + flags.mid(i + 1, 1).toStdString();
            ++i;
        } else if (f == QLatin1Char('g')) {
            r.gate = "gate-4";
        } else if (f == QLatin1Char('r')) {
            out.granted = false;
        }
    }
    c.record = r;
    return out;
}

Gate gate5(bool withSignoffs)
{
    Gate g;
    g.id = "gate-5";
    g.level = 5;
    if (withSignoffs)
        g.signoffs = {{"R&D reviewer", 1}, {"clinical reviewer", 1}};
    return g;
}

/// Checks from specs, and the reviewer_roles that grants each its role unless flagged `r`.
std::pair<std::vector<ReviewCheck>, ReviewerRoles> fromSpecs(const QStringList &specs)
{
    std::vector<ReviewCheck> checks;
    std::string roles;
    for (int i = 0; i < specs.size(); ++i) {
        const Spec s = review(specs[i], i);
        checks.push_back(s.check);
        if (s.granted)
            roles += s.check.record->reviewer.email + " " + s.check.record->reviewer.role + "\n";
    }
    Problems problems;
    return {checks, ReviewerRoles::parse(roles, problems)};
}

} // namespace

class TestGateStatus : public QObject {
    Q_OBJECT

private slots:
    void status_data()
    {
        QTest::addColumn<bool>("signoffs");
        QTest::addColumn<QStringList>("reviews");
        QTest::addColumn<QString>("status");
        const QString rd = QStringLiteral("R&D reviewer");
        const QString cl = QStringLiteral("clinical reviewer");
        const auto r = [](const QString &role, const char *rest) {
            return role + QLatin1Char(':') + QLatin1String(rest);
        };

        QTest::newRow("no reviews") << true << QStringList{} << QStringLiteral("open");
        QTest::newRow("one of two roles") << true << QStringList{r(rd, "advance")} << QStringLiteral("open");
        QTest::newRow("both roles advance")
            << true << QStringList{r(rd, "advance"), r(cl, "advance")} << QStringLiteral("approved");
        QTest::newRow("with conditions") << true << QStringList{r(rd, "advance"), r(cl, "advance_with_conditions")}
                                         << QStringLiteral("approved with conditions");
        QTest::newRow("one holds") << true << QStringList{r(rd, "advance"), r(cl, "hold")}
                                   << QStringLiteral("disputed");
        QTest::newRow("all hold") << true << QStringList{r(rd, "hold"), r(cl, "hold")} << QStringLiteral("held");
        QTest::newRow("hold and switch back")
            << true << QStringList{r(rd, "hold"), r(cl, "switchback")} << QStringLiteral("switched back");
        QTest::newRow("unknown signer does not count")
            << true << QStringList{r(rd, "advance"), r(cl, "advance:u")} << QStringLiteral("open");
        QTest::newRow("stale does not count")
            << true << QStringList{r(rd, "advance"), r(cl, "advance:s")} << QStringLiteral("open");
        QTest::newRow("invalid does not count")
            << true << QStringList{r(rd, "advance"), r(cl, "hold:i")} << QStringLiteral("open");
        // G3
        QTest::newRow("same key supersedes: hold replaced by advance")
            << true << QStringList{r(rd, "advance"), r(cl, "hold:k5"), r(cl, "advance:k5x1")}
            << QStringLiteral("approved");
        QTest::newRow("foreign key cannot supersede")
            << true << QStringList{r(rd, "advance"), r(cl, "hold:k5"), r(cl, "advance:k6x1")}
            << QStringLiteral("disputed");
        QTest::newRow("untrusted foreign key cannot reopen a held gate")
            << true << QStringList{r(rd, "hold"), r(cl, "hold"), r(cl, "advance:ux0")} << QStringLiteral("held");
        QTest::newRow("stale review cannot supersede")
            << true << QStringList{r(rd, "advance"), r(cl, "hold:k5"), r(cl, "advance:k5sx1")}
            << QStringLiteral("disputed");
        QTest::newRow("an invalid review cannot supersede")
            << true << QStringList{r(rd, "advance"), r(cl, "hold:k5"), r(cl, "advance:k5ix1")}
            << QStringLiteral("disputed");
        QTest::newRow("chain resolves to the last")
            << true << QStringList{r(rd, "advance"), r(cl, "advance:k5"), r(cl, "hold:k5x1"), r(cl, "advance:k5x2")}
            << QStringLiteral("approved");
        // G4
        QTest::newRow("role not granted does not count")
            << true << QStringList{r(rd, "advance"), r(cl, "advance:r")} << QStringLiteral("open");
        QTest::newRow("role not granted does not count against")
            << true << QStringList{r(rd, "advance"), r(cl, "advance"), r(cl, "hold:r")} << QStringLiteral("approved");
        QTest::newRow("one key claiming two roles fills one")
            << true << QStringList{r(rd, "advance:k3"), r(cl, "advance:k3")} << QStringLiteral("open");
        QTest::newRow("granted role without signoff counts against")
            << true << QStringList{r(rd, "advance"), r(cl, "advance"), QStringLiteral("intern:hold")}
            << QStringLiteral("disputed");
        QTest::newRow("role without signoff does not fill a role")
            << true << QStringList{r(rd, "advance"), QStringLiteral("intern:advance")} << QStringLiteral("open");
        QTest::newRow("other gate ignored")
            << true << QStringList{r(rd, "advance"), r(cl, "advance:g")} << QStringLiteral("open");
        QTest::newRow("no signoffs: one review")
            << false << QStringList{QStringLiteral("anyone:advance")} << QStringLiteral("approved");
        QTest::newRow("no signoffs: any role counts")
            << false << QStringList{QStringLiteral("anyone:advance:r")} << QStringLiteral("approved");
        QTest::newRow("no signoffs: switched back")
            << false << QStringList{QStringLiteral("anyone:switchback")} << QStringLiteral("switched back");
        QTest::newRow("no signoffs: nothing counted")
            << false << QStringList{QStringLiteral("anyone:advance:u")} << QStringLiteral("open");
    }

    void status()
    {
        QFETCH(bool, signoffs);
        QFETCH(QStringList, reviews);
        QFETCH(QString, status);
        const auto [checks, roles] = fromSpecs(reviews);
        QCOMPARE(QString::fromUtf8(toString(gateStatus(gate5(signoffs), checks, &roles).state)), status);
    }

    void withoutRolesFileNothingCountsTowardsSignoffs()
    {
        const auto [checks, roles] =
            fromSpecs({QStringLiteral("R&D reviewer:advance"), QStringLiteral("clinical reviewer:advance")});
        const GateStatus s = gateStatus(gate5(true), checks, nullptr);
        QCOMPARE(s.counted, 0);
        QVERIFY(s.state == GateState::Open);
        QCOMPARE(s.missing, (std::vector<std::string>{"R&D reviewer: 0 of 1", "clinical reviewer: 0 of 1"}));
    }

    void minCountsDistinctSigners()
    {
        Gate g = gate5(false);
        g.signoffs = {{"clinical reviewer", 2}};
        auto [checks, roles] =
            fromSpecs({QStringLiteral("clinical reviewer:advance:k1"), QStringLiteral("clinical reviewer:advance:k1")});
        GateStatus s = gateStatus(g, checks, &roles);
        QVERIFY(s.state == GateState::Open);
        QCOMPARE(s.missing, std::vector<std::string>{"clinical reviewer: 1 of 2"});
        QCOMPARE(s.roles.size(), std::size_t{1});
        QCOMPARE(s.roles[0].have, 1);
        auto [more, roles2] =
            fromSpecs({QStringLiteral("clinical reviewer:advance:k1"), QStringLiteral("clinical reviewer:advance:k1"),
                       QStringLiteral("clinical reviewer:advance:k2")});
        QVERIFY(gateStatus(g, more, &roles2).state == GateState::Approved);
    }

    void rolesAreMatchedToFillEverySignoff()
    {
        // Signer A holds both roles, B only R&D: A must take the clinical place.
        Gate g = gate5(true);
        auto [checks, roles] =
            fromSpecs({QStringLiteral("R&D reviewer:advance:k1"), QStringLiteral("clinical reviewer:advance:k1"),
                       QStringLiteral("R&D reviewer:advance:k2")});
        QVERIFY(gateStatus(g, checks, &roles).state == GateState::Approved);
    }

    void standingsNameTheSupersedingReview()
    {
        auto [checks, roles] =
            fromSpecs({QStringLiteral("R&D reviewer:hold:k1"), QStringLiteral("R&D reviewer:advance:k1x0"),
                       QStringLiteral("R&D reviewer:advance:k2x1")});
        const std::vector<ReviewStanding> st = reviewStandings(checks, {gate5(true)}, &roles);
        QCOMPARE(st[0].supersededBy, std::optional<std::size_t>(1));
        QVERIFY(!st[1].supersededBy); // the foreign key's claim has no effect
        QVERIFY(!st[2].supersededBy);
        QCOMPARE(st[2].warnings.size(), std::size_t{1});
        QVERIFY(st[2].warnings[0].find("names r1 as superseded but was signed by a different key") !=
                std::string::npos);
        QVERIFY(!st[0].counted);
        QVERIFY(st[1].counted);
        QVERIFY(st[1].roleGranted);
    }

    void passedWithoutReview_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::addColumn<bool>("counted");
        QTest::addColumn<bool>("passed");
        QTest::newRow("through the gate, unreviewed") << 4 << 6 << false << true;
        QTest::newRow("from the gate's level, unreviewed") << 5 << 6 << false << true;
        QTest::newRow("through the gate, reviewed") << 5 << 6 << true << false;
        QTest::newRow("up to the gate's level only") << 3 << 5 << false << false;
    }

    void passedWithoutReview()
    {
        QFETCH(int, from);
        QFETCH(int, to);
        QFETCH(bool, counted);
        QFETCH(bool, passed);
        Manifest m;
        HistoryEntry h;
        h.kind = HistoryKind::Advance;
        h.from = from;
        h.to = to;
        m.history.push_back(h);
        GateStatus s;
        s.counted = counted ? 1 : 0;
        QCOMPARE(mltrl::passedWithoutReview(m, gate5(true), s), passed);
    }
};

QTEST_GUILESS_MAIN(TestGateStatus)
#include "tst_gate_status.moc"
