// Interoperability with the real OpenSSH ssh-keygen: what we sign, it verifies; what it
// signs, we verify; our allowed_signers answers agree with its answers.
#include "core/crypto/AllowedSigners.h"
#include "core/crypto/SshKeygen.h"
#include "core/crypto/SshSig.h"
#include "core/crypto/SshWire.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fmt/format.h>

#include <numeric>

using namespace mltrl;

namespace {

const char *const kNamespace = "mltrl-gate-review";
const char *const kPrincipal = "reviewer@example.org";

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString &program, const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.start(program, args);
    Run r;
    if (!p.waitForStarted())
        return r;
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromLocal8Bit(p.readAllStandardOutput());
    r.err = QString::fromLocal8Bit(p.readAllStandardError());
    return r;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

QByteArray bytes(const std::string &s)
{
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

std::string str(const QByteArray &b)
{
    return std::string(b.constData(), static_cast<std::size_t>(b.size()));
}

Ed25519Key seededKey(std::uint8_t first)
{
    std::array<std::uint8_t, 32> seed{};
    std::iota(seed.begin(), seed.end(), first);
    return std::move(*Ed25519Key::fromSeed(seed));
}

const QByteArray kMessage = QByteArrayLiteral("{\"id\":\"r1\",\"mltrl_review\":1}");

} // namespace

class TestSshSigInterop : public QObject {
    Q_OBJECT
    QString m_sshKeygen;
    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    /// `ssh-keygen -Y verify` of `signature` over kMessage against an allowed_signers text.
    Run sshVerify(const QByteArray &allowedSigners, const QByteArray &signature, const QString &principal,
                  const QString &nameSpace, const QString &verifyTime = {})
    {
        writeFile(path(QStringLiteral("allowed_signers")), allowedSigners);
        writeFile(path(QStringLiteral("msg.sig")), signature);
        QStringList args{QStringLiteral("-Y"), QStringLiteral("verify"),
                         QStringLiteral("-f"), path(QStringLiteral("allowed_signers")),
                         QStringLiteral("-I"), principal,
                         QStringLiteral("-n"), nameSpace,
                         QStringLiteral("-s"), path(QStringLiteral("msg.sig"))};
        if (!verifyTime.isEmpty())
            args << QStringLiteral("-O") << QStringLiteral("verify-time=") + verifyTime;
        return run(m_sshKeygen, args, kMessage);
    }

    /// A fresh key made by ssh-keygen itself (OpenSSH format, no passphrase).
    QString sshGeneratedKey(const QString &name)
    {
        const QString key = path(name);
        const Run r = run(m_sshKeygen, {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                                        QStringLiteral("-N"), QString(), QStringLiteral("-C"),
                                        QString::fromLatin1(kPrincipal), QStringLiteral("-f"), key});
        if (r.exitCode != 0)
            qFatal("ssh-keygen -t ed25519 failed: %s", qPrintable(r.err));
        return key;
    }

private slots:
    void initTestCase()
    {
        m_sshKeygen = findSshKeygen();
        if (m_sshKeygen.isEmpty())
            QSKIP("ssh-keygen (openssh-client) is not installed");
        QVERIFY(m_dir.isValid());
    }

    void ourSignatureVerifiesWithSshKeygen_data()
    {
        QTest::addColumn<QString>("hash");
        QTest::newRow("sha512") << QStringLiteral("sha512");
        QTest::newRow("sha256") << QStringLiteral("sha256");
    }
    void ourSignatureVerifiesWithSshKeygen()
    {
        QFETCH(QString, hash);
        const auto key = Ed25519Key::generate();
        QVERIFY(key.has_value());
        const auto armored = sshsig::sign(str(kMessage), *key, kNamespace, hash.toStdString());
        QVERIFY(armored.has_value());
        const QByteArray signers = QByteArray(kPrincipal) + ' ' + bytes(key->publicKey().toOpenSsh()) + '\n';
        const Run r =
            sshVerify(signers, bytes(*armored), QString::fromLatin1(kPrincipal), QString::fromLatin1(kNamespace));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out.trimmed(),
                 QStringLiteral("Good \"mltrl-gate-review\" signature for reviewer@example.org with ED25519 key ") +
                     QString::fromStdString(key->publicKey().fingerprint()));
        // And ssh-keygen rejects it for another message.
        writeFile(path(QStringLiteral("msg.sig")), bytes(*armored));
        const Run bad = run(m_sshKeygen,
                            {QStringLiteral("-Y"), QStringLiteral("check-novalidate"), QStringLiteral("-n"),
                             QString::fromLatin1(kNamespace), QStringLiteral("-s"), path(QStringLiteral("msg.sig"))},
                            kMessage + "x");
        QVERIFY(bad.exitCode != 0);
    }

    void sshKeygenSignatureVerifiesWithOurs()
    {
        const QString key = sshGeneratedKey(QStringLiteral("ssh_key"));
        writeFile(path(QStringLiteral("review.json")), kMessage);
        const Run r = run(m_sshKeygen,
                          {QStringLiteral("-Y"), QStringLiteral("sign"), QStringLiteral("-f"), key,
                           QStringLiteral("-n"), QString::fromLatin1(kNamespace), path(QStringLiteral("review.json"))});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const std::string armored = str(readFile(path(QStringLiteral("review.json.sig"))));

        const auto result = sshsig::verify(str(kMessage), armored, kNamespace);
        QVERIFY2(result.ok, result.error.c_str());
        std::string comment;
        const auto pub = SshPublicKey::fromOpenSsh(str(readFile(key + QStringLiteral(".pub"))), nullptr, &comment);
        QVERIFY(pub.has_value());
        QCOMPARE(QString::fromStdString(comment), QString::fromLatin1(kPrincipal));
        QVERIFY(*result.publicKey == *pub);
        const Run fp = run(m_sshKeygen, {QStringLiteral("-l"), QStringLiteral("-f"), key + QStringLiteral(".pub")});
        QCOMPARE(fp.out.section(QLatin1Char(' '), 1, 1), QString::fromStdString(result.fingerprint));

        QVERIFY(!sshsig::verify(str(kMessage) + " ", armored, kNamespace).ok);
        QVERIFY(!sshsig::verify(str(kMessage), armored, "git").ok);
    }

    void wrapperSignsWithAnSshKey()
    {
        const QString key = sshGeneratedKey(QStringLiteral("wrapper_key"));
        std::string error;
        const auto armored = sshKeygenSign(key.toStdString(), kNamespace, str(kMessage), &error);
        QVERIFY2(armored.has_value(), error.c_str());
        const auto result = sshsig::verify(str(kMessage), *armored, kNamespace);
        QVERIFY2(result.ok, result.error.c_str());
        QVERIFY(*result.publicKey == *SshPublicKey::fromOpenSsh(str(readFile(key + QStringLiteral(".pub")))));
    }

    void wrapperReportsFailures_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing key") << QString() << QStringLiteral("no_such_key")
                                     << QStringLiteral("ssh-keygen could not sign (exit code 255): Couldn't load");
        QTest::newRow("program missing") << QStringLiteral("/nonexistent/ssh-keygen") << QStringLiteral("k")
                                         << QStringLiteral("cannot run /nonexistent/ssh-keygen");
    }
    void wrapperReportsFailures()
    {
        QFETCH(QString, program);
        QFETCH(QString, key);
        QFETCH(QString, expected);
        std::string error;
        SshKeygenOptions options;
        options.program = program;
        QVERIFY(!sshKeygenSign(path(key).toStdString(), kNamespace, "m", &error, options).has_value());
        QVERIFY2(QString::fromStdString(error).startsWith(expected), error.c_str());
    }

    void wrapperSignsEcdsaKeys()
    {
        const QString key = path(QStringLiteral("ecdsa_key"));
        const Run gen = run(m_sshKeygen, {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ecdsa"),
                                          QStringLiteral("-N"), QString(), QStringLiteral("-f"), key});
        QVERIFY2(gen.exitCode == 0, qPrintable(gen.err));
        std::string error;
        const auto armored = sshKeygenSign(key.toStdString(), kNamespace, "m", &error);
        QVERIFY2(armored.has_value(), error.c_str());
        const SshSigVerification v = sshsig::verify("m", *armored, kNamespace);
        QVERIFY2(v.ok, v.error.c_str());
        QCOMPARE(QString::fromUtf8(v.publicKey->typeName()), QStringLiteral("ecdsa-sha2-nistp256"));
    }

    // Signing and verifying in process must work on a machine without OpenSSH.
    void worksWithoutSshKeygenOnPath()
    {
        QTemporaryDir emptyBin;
        const QByteArray oldPath = qgetenv("PATH");
        qputenv("PATH", emptyBin.path().toLocal8Bit());
        const QString found = findSshKeygen();
        std::string wrapperError;
        const auto viaWrapper = sshKeygenSign("key", kNamespace, "m", &wrapperError);
        const auto key = seededKey(0);
        const auto armored = sshsig::sign(str(kMessage), key, kNamespace);
        const auto result = armored ? sshsig::verify(str(kMessage), *armored, kNamespace) : SshSigVerification{};
        Problems problems;
        // Formatted, not concatenated: GCC 12 reports a false -Warray-bounds on the
        // operator+ chain here once the precompiled header changes its inlining.
        const auto signers =
            AllowedSigners::parse(fmt::format("{} {}", kPrincipal, key.publicKey().toOpenSsh()), problems);
        const auto trust = signers.check(kPrincipal, key.publicKey(), kNamespace, 1'700'000'000).trust;
        qputenv("PATH", oldPath);

        QVERIFY(found.isEmpty());
        QVERIFY(!viaWrapper.has_value());
        QVERIFY2(QString::fromStdString(wrapperError).contains(QStringLiteral("ssh-keygen not found")),
                 wrapperError.c_str());
        QVERIFY(armored.has_value());
        QVERIFY2(result.ok, result.error.c_str());
        QVERIFY(trust == SignerTrust::Trusted);
    }

    // OpenSSH ignores the reserved field (and so do we); make sure that stays true.
    void reservedFieldIsIgnoredLikeOpenSsh()
    {
        const auto key = seededKey(0);
        auto sig = *sshsig::parseBlob(*sshsig::parseArmor(*sshsig::sign(str(kMessage), key, kNamespace)));
        std::string blob = "SSHSIG";
        sshwire::putU32(blob, 1);
        sshwire::putString(blob, sig.publicKey.wireBlob());
        sshwire::putString(blob, sig.nameSpace);
        sshwire::putString(blob, "something");
        sshwire::putString(blob, sig.hashAlgorithm);
        sshwire::putString(blob, sig.signature);
        const std::string armored = sshsig::armor(blob);

        QVERIFY(sshsig::verify(str(kMessage), armored, kNamespace).ok);
        const QByteArray signers = QByteArray(kPrincipal) + ' ' + bytes(key.publicKey().toOpenSsh());
        QCOMPARE(sshVerify(signers, bytes(armored), QString::fromLatin1(kPrincipal), QString::fromLatin1(kNamespace))
                     .exitCode,
                 0);
    }

    // The same allowed_signers text and question get the same answer from both.
    void allowedSignersAgreeWithSshKeygen_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("principal");
        QTest::addColumn<QString>("nameSpace");
        QTest::addColumn<QString>("verifyTime");
        const QString who = QString::fromLatin1(kPrincipal);
        const QString ns = QString::fromLatin1(kNamespace);
        const QString t = QStringLiteral("20250601120000Z");
        QTest::newRow("plain") << QStringLiteral("%P %K") << who << ns << t;
        QTest::newRow("wildcard") << QStringLiteral("*@example.org %K") << who << ns << t;
        QTest::newRow("question mark") << QStringLiteral("reviewe?@example.org %K") << who << ns << t;
        QTest::newRow("wrong principal") << QStringLiteral("other@example.org %K") << who << ns << t;
        QTest::newRow("negated") << QStringLiteral("*@example.org,!%P %K") << who << ns << t;
        QTest::newRow("quoted") << QStringLiteral("\"%P\" %K") << who << ns << t;
        QTest::newRow("other key") << QStringLiteral("%P %O") << who << ns << t;
        QTest::newRow("namespace ok") << QStringLiteral("%P namespaces=\"git,mltrl-*\" %K") << who << ns << t;
        QTest::newRow("namespace not ok") << QStringLiteral("%P namespaces=\"git\" %K") << who << ns << t;
        QTest::newRow("case-insensitive option")
            << QStringLiteral("%P NAMESPACES=\"mltrl-gate-review\" %K") << who << ns << t;
        QTest::newRow("cert-authority") << QStringLiteral("%P cert-authority %K") << who << ns << t;
        QTest::newRow("not yet valid") << QStringLiteral("%P valid-after=\"20250602Z\" %K") << who << ns << t;
        QTest::newRow("valid window") << QStringLiteral("%P valid-after=\"20250101Z\",valid-before=\"20251231Z\" %K")
                                      << who << ns << t;
        QTest::newRow("expired") << QStringLiteral("%P valid-before=\"202506011159Z\" %K") << who << ns << t;
        QTest::newRow("at valid-before") << QStringLiteral("%P valid-before=\"20250601120000Z\" %K") << who << ns << t;
        QTest::newRow("comment and blank lines") << QStringLiteral("# x\n\n  %P %K comment here\n") << who << ns << t;
        QTest::newRow("second line matches") << QStringLiteral("%P namespaces=\"git\" %K\n%P %K") << who << ns << t;
        QTest::newRow("malformed line first") << QStringLiteral("%P bogus %K\n%P %K") << who << ns << t;
        QTest::newRow("malformed other principal") << QStringLiteral("x@y bogus %K\n%P %K") << who << ns << t;
        QTest::newRow("unreadable line") << QStringLiteral("lonely\n%P %K") << who << ns << t;
        QTest::newRow("rsa line then ours")
            << QStringLiteral("%P ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB\n%P %K") << who << ns << t;
    }
    void allowedSignersAgreeWithSshKeygen()
    {
        QFETCH(QString, file);
        QFETCH(QString, principal);
        QFETCH(QString, nameSpace);
        QFETCH(QString, verifyTime);
        const auto key = seededKey(0);
        const auto other = seededKey(0x20);
        QString text = file;
        text.replace(QStringLiteral("%P"), QString::fromLatin1(kPrincipal));
        text.replace(QStringLiteral("%K"), QString::fromStdString(key.publicKey().toOpenSsh()));
        text.replace(QStringLiteral("%O"), QString::fromStdString(other.publicKey().toOpenSsh()));
        const auto armored = *sshsig::sign(str(kMessage), key, nameSpace.toStdString());

        const Run theirs = sshVerify(text.toUtf8(), bytes(armored), principal, nameSpace, verifyTime);
        Problems problems;
        const auto signers = AllowedSigners::parse(text.toStdString(), problems);
        const auto ours = signers.check(principal.toStdString(), key.publicKey(), nameSpace.toStdString(),
                                        *parseSshTime(verifyTime.toStdString()));
        const bool weTrust = ours.trust == SignerTrust::Trusted;
        QVERIFY2(weTrust == (theirs.exitCode == 0), qPrintable(QStringLiteral("ours: %1; ssh-keygen (exit %2): %3")
                                                                   .arg(QString::fromStdString(ours.reason))
                                                                   .arg(theirs.exitCode)
                                                                   .arg(theirs.err.trimmed())));
    }
};

QTEST_GUILESS_MAIN(TestSshSigInterop)
#include "tst_sshsig_interop.moc"
