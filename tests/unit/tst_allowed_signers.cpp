#include "TestData.h"
#include "core/crypto/AllowedSigners.h"

#include <QFile>
#include <QtTest>

#include <numeric>

using namespace mltrl;

Q_DECLARE_METATYPE(mltrl::SignerTrust)

namespace {

const char *const kKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4";

Ed25519PublicKey testKey()
{
    return *Ed25519PublicKey::fromOpenSsh(kKey);
}

/// A second key (seed 0x20..0x3f) that is never the signer.
std::string otherKeyLine()
{
    std::array<std::uint8_t, 32> seed{};
    std::iota(seed.begin(), seed.end(), std::uint8_t(0x20));
    return Ed25519Key::fromSeed(seed)->publicKey().toOpenSsh();
}

/// Replaces %K% with the signer's key and %OTHER% with another key.
std::string expand(const QString &text)
{
    QString s = text;
    s.replace(QStringLiteral("%K%"), QString::fromLatin1(kKey));
    s.replace(QStringLiteral("%OTHER%"), QString::fromStdString(otherKeyLine()));
    return s.toStdString();
}

std::int64_t utc(int y, int m, int d, int hh = 0, int mm = 0, int ss = 0)
{
    return QDateTime(QDate(y, m, d), QTime(hh, mm, ss), Qt::UTC).toSecsSinceEpoch();
}

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

QString problemsText(const Problems &p)
{
    QStringList lines;
    for (const auto &item : p.items())
        lines << q(item.toString());
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestAllowedSigners : public QObject {
    Q_OBJECT
private slots:
    void parsesFields()
    {
        Problems problems;
        const auto signers = AllowedSigners::parse(
            expand(QStringLiteral("# team keys\n"
                                  "\n"
                                  "   # indented comment\n"
                                  "a@x.org,*@y.org namespaces=\"mltrl-gate-review,git\",valid-after=\"20250101Z\","
                                  "valid-before=\"202601021530Z\" %K% J. Okafor\n"
                                  "\"Jo Okafor <jo@x.org>\" CERT-AUTHORITY %K%\n"
                                  "b@x.org namespaces=\"say \\\"hi\\\"\" %K%\r\n")),
            problems);
        QVERIFY2(problems.errors().empty(), qPrintable(problemsText(problems)));
        QCOMPARE(signers.entries().size(), std::size_t(3));

        const AllowedSigner &a = signers.entries()[0];
        QCOMPARE(a.line, 4);
        QCOMPARE(q(*a.principals), QStringLiteral("a@x.org,*@y.org"));
        QCOMPARE(q(*a.namespaces), QStringLiteral("mltrl-gate-review,git"));
        QCOMPARE(*a.validAfter, utc(2025, 1, 1));
        QCOMPARE(*a.validBefore, utc(2026, 1, 2, 15, 30));
        QVERIFY(!a.certAuthority);
        QCOMPARE(q(a.keyType), QStringLiteral("ssh-ed25519"));
        QVERIFY(*a.key == SshPublicKey::fromEd25519(testKey()));
        QCOMPARE(q(a.comment), QStringLiteral("J. Okafor"));

        const AllowedSigner &b = signers.entries()[1];
        QCOMPARE(q(*b.principals), QStringLiteral("Jo Okafor <jo@x.org>"));
        QVERIFY(b.certAuthority);
        QVERIFY(!b.namespaces.has_value());
        // cert-authority lines are read but can never match: said as a warning.
        QCOMPARE(problems.warningCount(), std::size_t(1));
        QCOMPARE(q(problems.warnings()[0].where), QStringLiteral("allowed_signers:5"));

        QCOMPARE(q(*signers.entries()[2].namespaces), QStringLiteral("say \"hi\""));
    }

    void malformedLinesAreReportedWithLineNumbers_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("principals only") << QStringLiteral("# c\nreviewer@x.org\n")
                                         << QStringLiteral("allowed_signers:2: no key after the principals");
        QTest::newRow("unterminated principal quote")
            << QStringLiteral("\"a@x.org %K%")
            << QStringLiteral("allowed_signers:1: unterminated quote in the principals");
        QTest::newRow("missing key") << QStringLiteral("a@x.org namespaces=\"x\"")
                                     << QStringLiteral("allowed_signers:1: missing key");
        QTest::newRow("bad base64") << QStringLiteral("\n\na@x.org ssh-ed25519 AAAA*")
                                    << QStringLiteral("allowed_signers:3: invalid ssh-ed25519 key");
        QTest::newRow("key of other type in blob") << QStringLiteral("a@x.org ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQAB")
                                                   << QStringLiteral("allowed_signers:1: invalid ssh-ed25519 key");
        QTest::newRow("truncated key") << QStringLiteral("a@x.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAOhB7")
                                       << QStringLiteral("allowed_signers:1: invalid ssh-ed25519 key");
        QTest::newRow("unknown option") << QStringLiteral("a@x.org no-touch-required %K%")
                                        << QStringLiteral(
                                               "allowed_signers:1: bad options: unknown option \"no-touch-required\"");
        QTest::newRow("unquoted namespaces") << QStringLiteral("a@x.org namespaces=git %K%")
                                             << QStringLiteral("allowed_signers:1: bad options: missing start quote");
        QTest::newRow("unterminated option quote")
            << QStringLiteral("a@x.org namespaces=\"git %K%")
            << QStringLiteral("allowed_signers:1: unterminated quote in the options");
        QTest::newRow("two namespaces") << QStringLiteral("a@x.org namespaces=\"a\",namespaces=\"b\" %K%")
                                        << QStringLiteral(
                                               "allowed_signers:1: bad options: more than one \"namespaces\" option");
        QTest::newRow("bad date") << QStringLiteral("a@x.org valid-after=\"20250230\" %K%")
                                  << QStringLiteral(
                                         "allowed_signers:1: bad options: invalid \"valid-after\" time \"20250230\"");
        QTest::newRow("bad date length") << QStringLiteral("a@x.org valid-before=\"2025010\" %K%")
                                         << QStringLiteral(
                                                "allowed_signers:1: bad options: invalid \"valid-before\" time");
        QTest::newRow("epoch is invalid")
            << QStringLiteral("a@x.org valid-after=\"19700101Z\" %K%")
            << QStringLiteral("allowed_signers:1: bad options: invalid \"valid-after\" time");
        QTest::newRow("window reversed")
            << QStringLiteral("a@x.org valid-after=\"20260101Z\",valid-before=\"20250101Z\" %K%")
            << QStringLiteral("allowed_signers:1: bad options: \"valid-before\" is not after \"valid-after\"");
        QTest::newRow("trailing comma") << QStringLiteral("a@x.org cert-authority, %K%")
                                        << QStringLiteral(
                                               "allowed_signers:1: bad options: option list ends with a comma");
        QTest::newRow("junk after option") << QStringLiteral("a@x.org cert-authorityX %K%")
                                           << QStringLiteral("allowed_signers:1: bad options: unexpected text");
    }
    void malformedLinesAreReportedWithLineNumbers()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        Problems problems;
        const auto signers = AllowedSigners::parse(expand(text), problems);
        QCOMPARE(problems.errorCount(), std::size_t(1));
        QVERIFY2(problemsText(problems).startsWith(expected), qPrintable(problemsText(problems)));
        QCOMPARE(signers.entries().size(), std::size_t(1));
        QVERIFY(signers.entries()[0].malformed);
    }

    void otherKeyTypesAreWarnedAboutAndNeverMatch()
    {
        Problems problems;
        const auto signers =
            AllowedSigners::parse("a@x.org ssh-dss AAAAB3NzaC1kc3M= dsa key\n", problems, "team_signers");
        QCOMPARE(problems.errorCount(), std::size_t(0));
        QCOMPARE(problems.warningCount(), std::size_t(1));
        QVERIFY(q(problems.items()[0].toString())
                    .startsWith(QStringLiteral("team_signers:1: key type ssh-dss is not supported")));
        QCOMPARE(signers.check("a@x.org", testKey(), "git", utc(2025, 1, 1)).trust, SignerTrust::Unknown);
    }

    void matching_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("principal");
        QTest::addColumn<QString>("nameSpace");
        QTest::addColumn<qint64>("time");
        QTest::addColumn<SignerTrust>("expected");
        QTest::addColumn<int>("line");
        const qint64 now = utc(2025, 6, 1);
        const QString ns = QStringLiteral("mltrl-gate-review");
        const QString who = QStringLiteral("j.okafor@example.org");
        QTest::newRow("plain") << QStringLiteral("j.okafor@example.org %K%") << who << ns << now << SignerTrust::Trusted
                               << 1;
        QTest::newRow("other principal") << QStringLiteral("someone@example.org %K%") << who << ns << now
                                         << SignerTrust::Unknown << 0;
        QTest::newRow("other key") << QStringLiteral("j.okafor@example.org %OTHER%") << who << ns << now
                                   << SignerTrust::Unknown << 0;
        QTest::newRow("principal list") << QStringLiteral("a@x.org,j.okafor@example.org %K%") << who << ns << now
                                        << SignerTrust::Trusted << 1;
        QTest::newRow("star pattern") << QStringLiteral("*@example.org %K%") << who << ns << now << SignerTrust::Trusted
                                      << 1;
        QTest::newRow("question pattern")
            << QStringLiteral("j.okafo?@example.org %K%") << who << ns << now << SignerTrust::Trusted << 1;
        QTest::newRow("pattern no match")
            << QStringLiteral("*@example.com %K%") << who << ns << now << SignerTrust::Unknown << 0;
        QTest::newRow("case sensitive") << QStringLiteral("J.Okafor@example.org %K%") << who << ns << now
                                        << SignerTrust::Unknown << 0;
        QTest::newRow("negated") << QStringLiteral("*@example.org,!j.*@example.org %K%") << who << ns << now
                                 << SignerTrust::Unknown << 0;
        QTest::newRow("quoted principal")
            << QStringLiteral("\"j.okafor@example.org\" %K%") << who << ns << now << SignerTrust::Trusted << 1;
        QTest::newRow("namespace allowed") << QStringLiteral("# c\n%1 namespaces=\"git,mltrl-*\" %K%").arg(who) << who
                                           << ns << now << SignerTrust::Trusted << 2;
        QTest::newRow("namespace refused") << QStringLiteral("%1 namespaces=\"git\" %K%").arg(who) << who << ns << now
                                           << SignerTrust::NotAllowedForNamespace << 1;
        QTest::newRow("namespace refused, later line allows")
            << QStringLiteral("%1 namespaces=\"git\" %K%\n%1 namespaces=\"mltrl-gate-review\" %K%").arg(who) << who
            << ns << now << SignerTrust::Trusted << 2;
        QTest::newRow("before valid-after") << QStringLiteral("%1 valid-after=\"20250602Z\" %K%").arg(who) << who << ns
                                            << now << SignerTrust::NotValidAtTime << 1;
        QTest::newRow("at valid-after") << QStringLiteral("%1 valid-after=\"20250601Z\" %K%").arg(who) << who << ns
                                        << now << SignerTrust::Trusted << 1;
        QTest::newRow("at valid-before (inclusive)") << QStringLiteral("%1 valid-before=\"20250601Z\" %K%").arg(who)
                                                     << who << ns << now << SignerTrust::Trusted << 1;
        QTest::newRow("after valid-before") << QStringLiteral("%1 valid-before=\"202505312359Z\" %K%").arg(who) << who
                                            << ns << now << SignerTrust::NotValidAtTime << 1;
        QTest::newRow("inside window")
            << QStringLiteral("%1 valid-after=\"20250101000000Z\",valid-before=\"20251231UTC\" %K%").arg(who) << who
            << ns << now << SignerTrust::Trusted << 1;
        QTest::newRow("cert-authority never matches a plain key")
            << QStringLiteral("%1 cert-authority %K%").arg(who) << who << ns << now << SignerTrust::Unknown << 0;
        QTest::newRow("malformed line for this principal is skipped")
            << QStringLiteral("%1 bogus-option %K%\n%1 %K%").arg(who) << who << ns << now << SignerTrust::Trusted << 2;
        QTest::newRow("malformed line alone")
            << QStringLiteral("%1 namespaces=\"x %K%").arg(who) << who << ns << now << SignerTrust::Unknown << 0;
        QTest::newRow("malformed line for another principal is skipped")
            << QStringLiteral("other@x.org bogus-option %K%\n%1 %K%").arg(who) << who << ns << now
            << SignerTrust::Trusted << 2;
        QTest::newRow("unreadable line is skipped")
            << QStringLiteral("lonely@x.org\n%1 %K%").arg(who) << who << ns << now << SignerTrust::Trusted << 2;
        QTest::newRow("trusted line before a malformed one")
            << QStringLiteral("%1 %K%\n%1 bogus %K%").arg(who) << who << ns << now << SignerTrust::Trusted << 1;
    }
    void matching()
    {
        QFETCH(QString, file);
        QFETCH(QString, principal);
        QFETCH(QString, nameSpace);
        QFETCH(qint64, time);
        QFETCH(SignerTrust, expected);
        QFETCH(int, line);
        Problems problems;
        const auto signers = AllowedSigners::parse(expand(file), problems);
        const SignerCheck result = signers.check(principal.toStdString(), testKey(), nameSpace.toStdString(), time);
        QVERIFY2(result.trust == expected, result.reason.c_str());
        QCOMPARE(result.line, line);
        QVERIFY(!result.reason.empty());
    }

    void reasonsNameTheLine()
    {
        Problems problems;
        const auto signers = AllowedSigners::parse(expand(QStringLiteral("\na@x.org valid-before=\"20250101Z\" %K%")),
                                                   problems, "signers");
        const auto result = signers.check("a@x.org", testKey(), "x", utc(2025, 6, 1));
        QCOMPARE(q(result.reason), QStringLiteral("signers:2: key expired at 2025-01-01T00:00:00Z"));
    }

    void patterns_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("patterns");
        QTest::addColumn<int>("expected");
        QTest::newRow("exact") << QStringLiteral("abc") << QStringLiteral("abc") << 1;
        QTest::newRow("star empty") << QStringLiteral("abc") << QStringLiteral("abc*") << 1;
        QTest::newRow("star middle") << QStringLiteral("a-long-b") << QStringLiteral("a*b") << 1;
        QTest::newRow("star backtrack") << QStringLiteral("aXbYb") << QStringLiteral("a*b") << 1;
        QTest::newRow("star no") << QStringLiteral("aXbYc") << QStringLiteral("a*b") << 0;
        QTest::newRow("question") << QStringLiteral("ab") << QStringLiteral("a?") << 1;
        QTest::newRow("question needs a char") << QStringLiteral("a") << QStringLiteral("a?") << 0;
        QTest::newRow("list second") << QStringLiteral("git") << QStringLiteral("file,git") << 1;
        QTest::newRow("negation wins") << QStringLiteral("git") << QStringLiteral("*,!git") << -1;
        QTest::newRow("negation alone") << QStringLiteral("file") << QStringLiteral("!git") << 0;
        QTest::newRow("empty list") << QStringLiteral("x") << QString() << 0;
        QTest::newRow("empty text star") << QString() << QStringLiteral("*") << 1;
    }
    void patterns()
    {
        QFETCH(QString, text);
        QFETCH(QString, patterns);
        QFETCH(int, expected);
        QCOMPARE(matchPatternList(text.toStdString(), patterns.toStdString()), expected);
    }

    void times_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("expected"); // -1: invalid
        QTest::newRow("date Z") << QStringLiteral("20250314Z") << qint64(utc(2025, 3, 14));
        QTest::newRow("minutes z") << QStringLiteral("202503140930z") << qint64(utc(2025, 3, 14, 9, 30));
        QTest::newRow("seconds UTC") << QStringLiteral("20250314093005UTC") << qint64(utc(2025, 3, 14, 9, 30, 5));
        QTest::newRow("leap day") << QStringLiteral("20240229Z") << qint64(utc(2024, 2, 29));
        QTest::newRow("no leap day") << QStringLiteral("20250229Z") << qint64(-1);
        QTest::newRow("month 13") << QStringLiteral("20251301Z") << qint64(-1);
        QTest::newRow("hour 24") << QStringLiteral("202501012400Z") << qint64(-1);
        QTest::newRow("dashes") << QStringLiteral("2025-01-01") << qint64(-1);
        QTest::newRow("10 digits") << QStringLiteral("2025010112Z") << qint64(-1);
        QTest::newRow("only Z") << QStringLiteral("Z") << qint64(-1);
    }
    void times()
    {
        QFETCH(QString, text);
        QFETCH(qint64, expected);
        const auto t = parseSshTime(text.toStdString());
        if (expected < 0)
            QVERIFY(!t.has_value());
        else
            QCOMPARE(t.value_or(-1), std::int64_t(expected));
    }

    void localTimeWithoutSuffix()
    {
        // OpenSSH reads times without Z as local time; pin the zone to check the conversion.
        const QByteArray oldTz = qgetenv("TZ");
        qputenv("TZ", "UTC+2"); // POSIX: two hours west of UTC
        tzset();
        const auto t = parseSshTime("20250314");
        if (oldTz.isEmpty())
            qunsetenv("TZ");
        else
            qputenv("TZ", oldTz);
        tzset();
        QCOMPARE(t.value_or(-1), utc(2025, 3, 14, 2));
    }

    void testDataFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("nameSpace");
        QTest::newRow("sshsig vectors") << QStringLiteral("sshsig/tv_allowed_signers")
                                        << QStringLiteral("mltrl-review@example.org");
        QTest::newRow("example-min") << QStringLiteral("example-min-allowed_signers")
                                     << QStringLiteral("mltrl-gate-review");
    }
    void testDataFiles()
    {
        QFETCH(QString, file);
        QFETCH(QString, nameSpace);
        Problems problems;
        const auto signers = AllowedSigners::load(test::dataPath(file).toStdString(), problems);
        QVERIFY(signers.has_value());
        QVERIFY2(problems.empty(), qPrintable(problemsText(problems)));
        const std::int64_t now = QDateTime::currentSecsSinceEpoch();
        QCOMPARE(signers->check("reviewer@example.org", testKey(), nameSpace.toStdString(), now).trust,
                 SignerTrust::Trusted);
        QCOMPARE(signers->check("reviewer@example.org", testKey(), "other-namespace", now).trust,
                 SignerTrust::NotAllowedForNamespace);
        QCOMPARE(signers->check("intruder@example.org", testKey(), nameSpace.toStdString(), now).trust,
                 SignerTrust::Unknown);
    }

    void missingFile()
    {
        Problems problems;
        QVERIFY(!AllowedSigners::load("/nonexistent/allowed_signers", problems).has_value());
        QVERIFY(problems.hasErrors());
    }
};

QTEST_GUILESS_MAIN(TestAllowedSigners)
#include "tst_allowed_signers.moc"
