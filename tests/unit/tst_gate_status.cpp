// Gate status (§6) from sets of verified reviews.
#include "review/GateStatus.h"

#include <QTest>

using namespace mltrl;

namespace {

/// A compact description of one review: "role:outcome[:flags]" where flags may hold
/// u (unknown signer), s (stale), i (invalid), k<N> (key number), x<ID> (supersedes ID).
ReviewCheck review(const QString &spec, int n)
{
    const QStringList parts = spec.split(QLatin1Char(':'));
    ReviewCheck c;
    ReviewRecord r;
    r.id = "r" + std::to_string(n);
    r.gate = "gate-5";
    r.reviewer.role = parts.value(0).toStdString();
    r.reviewer.publicKey = "key" + std::to_string(n);
    r.decision.outcome = parts.value(1).toStdString();
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
            r.reviewer.publicKey = "key" + flags.mid(i + 1, 1).toStdString();
            ++i;
        } else if (f == QLatin1Char('x')) {
            r.supersedes = "r" + flags.mid(i + 1, 1).toStdString();
            ++i;
        } else if (f == QLatin1Char('g')) {
            r.gate = "gate-4";
        }
    }
    c.record = r;
    return c;
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
        const auto r = [](const QString &role, const char *rest) { return role + QLatin1Char(':') + QLatin1String(rest); };

        QTest::newRow("no reviews") << true << QStringList{} << QStringLiteral("open");
        QTest::newRow("one of two roles") << true << QStringList{r(rd, "advance")} << QStringLiteral("open");
        QTest::newRow("both roles advance") << true << QStringList{r(rd, "advance"), r(cl, "advance")}
                                            << QStringLiteral("approved");
        QTest::newRow("with conditions") << true << QStringList{r(rd, "advance"), r(cl, "advance_with_conditions")}
                                         << QStringLiteral("conditionally approved");
        QTest::newRow("one holds") << true << QStringList{r(rd, "advance"), r(cl, "hold")} << QStringLiteral("disputed");
        QTest::newRow("all hold or switch back") << true << QStringList{r(rd, "hold"), r(cl, "switchback")}
                                                 << QStringLiteral("rejected");
        QTest::newRow("unknown signer does not count") << true << QStringList{r(rd, "advance"), r(cl, "advance:u")}
                                                       << QStringLiteral("open");
        QTest::newRow("stale does not count") << true << QStringList{r(rd, "advance"), r(cl, "advance:s")}
                                              << QStringLiteral("open");
        QTest::newRow("invalid does not count") << true << QStringList{r(rd, "advance"), r(cl, "hold:i")}
                                                << QStringLiteral("open");
        QTest::newRow("superseded hold replaced by advance")
            << true << QStringList{r(rd, "advance"), r(cl, "hold:k5"), r(cl, "advance:k5x1")} << QStringLiteral("approved");
        QTest::newRow("an invalid review cannot supersede")
            << true << QStringList{r(rd, "advance"), r(cl, "hold"), r(cl, "advance:ix1")} << QStringLiteral("disputed");
        QTest::newRow("role without signoff counts against") << true
            << QStringList{r(rd, "advance"), r(cl, "advance"), QStringLiteral("intern:hold")} << QStringLiteral("disputed");
        QTest::newRow("role without signoff does not fill a role") << true
            << QStringList{r(rd, "advance"), QStringLiteral("intern:advance")} << QStringLiteral("open");
        QTest::newRow("other gate ignored") << true << QStringList{r(rd, "advance"), r(cl, "advance:g")}
                                            << QStringLiteral("open");
        QTest::newRow("no signoffs: one review") << false << QStringList{QStringLiteral("anyone:advance")}
                                                 << QStringLiteral("approved");
        QTest::newRow("no signoffs: rejected") << false << QStringList{QStringLiteral("anyone:switchback")}
                                               << QStringLiteral("rejected");
        QTest::newRow("no signoffs: nothing counted") << false << QStringList{QStringLiteral("anyone:advance:u")}
                                                      << QStringLiteral("open");
    }

    void status()
    {
        QFETCH(bool, signoffs);
        QFETCH(QStringList, reviews);
        QFETCH(QString, status);
        std::vector<ReviewCheck> checks;
        for (int i = 0; i < reviews.size(); ++i)
            checks.push_back(review(reviews[i], i));
        QCOMPARE(QString::fromUtf8(toString(gateStatus(gate5(signoffs), checks).state)), status);
    }

    void minCountsDistinctKeys()
    {
        Gate g = gate5(false);
        g.signoffs = {{"clinical reviewer", 2}};
        std::vector<ReviewCheck> checks{review(QStringLiteral("clinical reviewer:advance:k1"), 0),
                                        review(QStringLiteral("clinical reviewer:advance:k1"), 1)};
        GateStatus s = gateStatus(g, checks);
        QVERIFY(s.state == GateState::Open);
        QVERIFY(s.missing == std::vector<std::string>{"clinical reviewer (1 of 2)"});
        checks.push_back(review(QStringLiteral("clinical reviewer:advance:k2"), 2));
        QVERIFY(gateStatus(g, checks).state == GateState::Approved);
    }
};

QTEST_GUILESS_MAIN(TestGateStatus)
#include "tst_gate_status.moc"
