#include "core/crypto/Base64.h"
#include "core/crypto/Ed25519Key.h"
#include "core/crypto/Sha256.h"
#include "core/crypto/SshWire.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using namespace mltrl;

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

std::vector<std::uint8_t> fromHex(const char *hex)
{
    std::vector<std::uint8_t> out;
    for (const char *p = hex; p[0] && p[1]; p += 2)
        out.push_back(static_cast<std::uint8_t>(std::stoi(std::string(p, 2), nullptr, 16)));
    return out;
}

std::string readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll().toStdString();
}

unsigned modeOf(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return 0;
    return st.st_mode & 07777;
}

int runOpenssl(const QStringList &args, QString *output = nullptr)
{
    QProcess p;
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForStarted() || !p.waitForFinished(60000))
        return -1;
    if (output)
        *output = QString::fromLocal8Bit(p.readAllStandardOutput() + p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

} // namespace

class TestEd25519Key : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    // RFC 8032 §7.1 test vectors 1 and 2.
    void rfc8032Vectors_data()
    {
        QTest::addColumn<QByteArray>("seed");
        QTest::addColumn<QByteArray>("publicKey");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("signature");
        QTest::newRow("test 1") << QByteArray("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
                                << QByteArray("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
                                << QByteArray()
                                << QByteArray("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                                              "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        QTest::newRow("test 2") << QByteArray("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")
                                << QByteArray("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")
                                << QByteArray("72")
                                << QByteArray("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                                              "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
    }
    void rfc8032Vectors()
    {
        QFETCH(QByteArray, seed);
        QFETCH(QByteArray, publicKey);
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, signature);
        const auto key = Ed25519Key::fromSeed(fromHex(seed.constData()));
        QVERIFY(key.has_value());
        const auto pub = key->publicKey();
        QCOMPARE(q(toHex(pub.bytes)), QString::fromLatin1(publicKey));
        const QByteArray msg = QByteArray::fromHex(message);
        const std::string_view m(msg.constData(), static_cast<std::size_t>(msg.size()));
        const auto sig = key->sign(m);
        QVERIFY(sig.has_value());
        QCOMPARE(q(toHex(*sig)), QString::fromLatin1(signature));
        QVERIFY(pub.verify(m, *sig));
    }

    void verifyRejects()
    {
        const auto key = Ed25519Key::generate();
        QVERIFY(key.has_value());
        const auto sig = *key->sign("message");
        QVERIFY(key->publicKey().verify("message", sig));
        QVERIFY(!key->publicKey().verify("messagE", sig));
        auto bad = sig;
        bad[10] ^= 1;
        QVERIFY(!key->publicKey().verify("message", bad));
        QVERIFY(!key->publicKey().verify("message", std::span<const std::uint8_t>(sig.data(), 63)));
        const auto other = Ed25519Key::generate();
        QVERIFY(!(other->publicKey() == key->publicKey()));
        QVERIFY(!other->publicKey().verify("message", sig));
    }

    void seedMustBe32Bytes()
    {
        std::string error;
        const std::vector<std::uint8_t> seed(31, 1);
        QVERIFY(!Ed25519Key::fromSeed(seed, &error).has_value());
        QVERIFY(error.find("32 bytes") != std::string::npos);
    }

    void parseOpenSshPublicKey_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("error"); // empty: parses
        QTest::addColumn<QString>("comment");
        const QString good =
            QStringLiteral("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4");
        QTest::newRow("bare") << good << QString() << QString();
        QTest::newRow("comment") << good + QStringLiteral(" J. Okafor <j@x.org>\n") << QString()
                                 << QStringLiteral("J. Okafor <j@x.org>");
        QTest::newRow("surrounding space")
            << QStringLiteral("  ") + good + QStringLiteral("\t\r\n") << QString() << QString();
        QTest::newRow("empty") << QString() << QStringLiteral("not an OpenSSH public key") << QString();
        QTest::newRow("type only") << QStringLiteral("ssh-ed25519") << QStringLiteral("not an OpenSSH public key")
                                   << QString();
        QTest::newRow("rsa") << QStringLiteral("ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB")
                             << QStringLiteral("unsupported key type \"ssh-rsa\"") << QString();
        QTest::newRow("bad base64") << QStringLiteral("ssh-ed25519 AAAAC3Nz*") << QStringLiteral("not valid base64")
                                    << QString();
        QTest::newRow("rsa blob") << QStringLiteral("ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQAB")
                                  << QStringLiteral("unsupported key type \"ssh-rsa\"") << QString();
        QTest::newRow("short key") << QStringLiteral("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAAQA=")
                                   << QStringLiteral("malformed ssh-ed25519 public key") << QString();
        std::string blob;
        sshwire::putString(blob, "ssh-ed25519");
        sshwire::putString(blob, std::string(32, 'k'));
        QTest::newRow("trailing bytes") << QStringLiteral("ssh-ed25519 ") + q(base64Encode(blob + "x"))
                                        << QStringLiteral("trailing bytes") << QString();
    }
    void parseOpenSshPublicKey()
    {
        QFETCH(QString, line);
        QFETCH(QString, error);
        QFETCH(QString, comment);
        std::string why, gotComment;
        const auto key = Ed25519PublicKey::fromOpenSsh(line.toStdString(), &why, &gotComment);
        if (error.isEmpty()) {
            QVERIFY2(key.has_value(), why.c_str());
            QCOMPARE(q(gotComment), comment);
            QCOMPARE(q(key->toOpenSsh()), line.trimmed().section(QLatin1Char(' '), 0, 1));
        } else {
            QVERIFY(!key.has_value());
            QVERIFY2(q(why).contains(error), why.c_str());
        }
    }

    void privateKeyFileRoundTrip_data()
    {
        QTest::addColumn<QString>("passphrase");
        QTest::addColumn<QString>("pemHeader");
        QTest::addColumn<int>("umaskValue");
        QTest::newRow("encrypted") << QStringLiteral("correct horse battery staple")
                                   << QStringLiteral("-----BEGIN ENCRYPTED PRIVATE KEY-----\n") << 022;
        QTest::newRow("encrypted, umask 0")
            << QStringLiteral("pässwörd") << QStringLiteral("-----BEGIN ENCRYPTED PRIVATE KEY-----\n") << 0;
        QTest::newRow("unencrypted") << QString() << QStringLiteral("-----BEGIN PRIVATE KEY-----\n") << 022;
    }
    void privateKeyFileRoundTrip()
    {
        QFETCH(QString, passphrase);
        QFETCH(QString, pemHeader);
        QFETCH(int, umaskValue);
        const std::string pass = passphrase.toStdString();
        const QString file = m_dir.filePath(QStringLiteral("key-%1.pem")
                                                .arg(QString::fromLatin1(QTest::currentDataTag()))
                                                .replace(QLatin1Char(' '), QLatin1Char('_')));
        const auto key = Ed25519Key::generate();
        QVERIFY(key.has_value());

        const mode_t old = ::umask(static_cast<mode_t>(umaskValue));
        std::string error;
        const bool written = key->writePrivateKeyFile(file.toStdString(), pass, &error);
        ::umask(old);
        QVERIFY2(written, error.c_str());

        QCOMPARE(modeOf(file), 0600u);
        QCOMPARE(QFileInfo(file).permissions() & ~(QFile::ReadUser | QFile::WriteUser),
                 QFile::ReadOwner | QFile::WriteOwner);
        QVERIFY(q(readAll(file)).startsWith(pemHeader));
        // No temporary file left behind.
        QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("*.tmp-*")}, QDir::Files), QStringList());

        const auto back = Ed25519Key::readPrivateKeyFile(file.toStdString(), pass, &error);
        QVERIFY2(back.has_value(), error.c_str());
        QCOMPARE(back->publicKey(), key->publicKey());
        QVERIFY(key->publicKey().verify("m", *back->sign("m")));

        if (pass.empty())
            return;
        QVERIFY(!Ed25519Key::readPrivateKeyFile(file.toStdString(), pass + "x", &error).has_value());
        QVERIFY2(q(error).endsWith(QStringLiteral(": wrong passphrase (or the key file is damaged)")), error.c_str());
        QVERIFY(!Ed25519Key::readPrivateKeyFile(file.toStdString(), "", &error).has_value());
        QVERIFY2(q(error).contains(QStringLiteral("a passphrase is needed")), error.c_str());
    }

    // The files are standard: the openssl tool reads them (with scrypt for encrypted ones).
    void opensslReadsTheKeyFile_data()
    {
        QTest::addColumn<QString>("passphrase");
        QTest::newRow("encrypted") << QStringLiteral("s3cret pass");
        QTest::newRow("unencrypted") << QString();
    }
    void opensslReadsTheKeyFile()
    {
        QFETCH(QString, passphrase);
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
            QSKIP("the openssl tool is not installed");
        const QString file =
            m_dir.filePath(QStringLiteral("openssl-%1.pem").arg(QString::fromLatin1(QTest::currentDataTag())));
        const auto key = Ed25519Key::generate();
        QVERIFY(key->writePrivateKeyFile(file.toStdString(), passphrase.toStdString()));

        QStringList args{QStringLiteral("pkey"), QStringLiteral("-in"), file, QStringLiteral("-pubout")};
        if (!passphrase.isEmpty())
            args << QStringLiteral("-passin") << QStringLiteral("pass:") + passphrase;
        QString out;
        QCOMPARE(runOpenssl(args, &out), 0);
        // The public key openssl derives is ours: the last 32 bytes of the SPKI DER.
        const QByteArray der =
            QByteArray::fromBase64(out.section(QStringLiteral("-----"), 2, 2).remove(QLatin1Char('\n')).toLatin1());
        QCOMPARE(der.right(32), QByteArray(reinterpret_cast<const char *>(key->publicKey().bytes.data()), 32));

        if (passphrase.isEmpty())
            return;
        QVERIFY(runOpenssl({QStringLiteral("pkey"), QStringLiteral("-in"), file, QStringLiteral("-noout"),
                            QStringLiteral("-passin"), QStringLiteral("pass:wrong")}) != 0);
        QCOMPARE(runOpenssl({QStringLiteral("asn1parse"), QStringLiteral("-in"), file}, &out), 0);
        QVERIFY2(out.contains(QStringLiteral(":scrypt")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("aes-256-cbc")), qPrintable(out));
    }

    void opensslKeysOfOtherTypesAreRefused()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
            QSKIP("the openssl tool is not installed");
        const QString file = m_dir.filePath(QStringLiteral("ec.pem"));
        QCOMPARE(runOpenssl({QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("EC"),
                             QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"),
                             QStringLiteral("-out"), file}),
                 0);
        std::string error;
        QVERIFY(!Ed25519Key::readPrivateKeyFile(file.toStdString(), "", &error).has_value());
        QVERIFY2(q(error).endsWith(QStringLiteral("not an Ed25519 key")), error.c_str());
    }

    void existingFileIsNotReplacedUnlessAsked()
    {
        const QString file = m_dir.filePath(QStringLiteral("existing.pem"));
        const auto first = Ed25519Key::generate();
        const auto second = Ed25519Key::generate();
        QVERIFY(first->writePrivateKeyFile(file.toStdString(), "pw"));
        std::string error;
        QVERIFY(!second->writePrivateKeyFile(file.toStdString(), "pw", &error));
        QVERIFY2(q(error).endsWith(QStringLiteral(": already exists")), error.c_str());
        QCOMPARE(Ed25519Key::readPrivateKeyFile(file.toStdString(), "pw")->publicKey(), first->publicKey());

        QVERIFY(second->writePrivateKeyFile(file.toStdString(), "pw", &error, /*overwrite=*/true));
        QCOMPARE(Ed25519Key::readPrivateKeyFile(file.toStdString(), "pw")->publicKey(), second->publicKey());
        QCOMPARE(modeOf(file), 0600u);
    }

    void readErrors_data()
    {
        QTest::addColumn<QByteArray>("content"); // null: no file
        QTest::addColumn<QString>("error");
        QTest::newRow("missing") << QByteArray() << QStringLiteral("cannot open");
        QTest::newRow("not PEM") << QByteArray("hello\n") << QStringLiteral("not a PEM private key");
        QTest::newRow("public key")
            << QByteArray("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
                          "-----END PUBLIC KEY-----\n")
            << QStringLiteral("not a PEM private key");
        QTest::newRow("too large") << QByteArray(100 * 1024, 'A') << QStringLiteral("too large");
    }
    void readErrors()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, error);
        const QString file = m_dir.filePath(QStringLiteral("read-%1")
                                                .arg(QString::fromLatin1(QTest::currentDataTag()))
                                                .replace(QLatin1Char(' '), QLatin1Char('_')));
        if (!content.isNull()) {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        std::string why;
        QVERIFY(!Ed25519Key::readPrivateKeyFile(file.toStdString(), "pw", &why).has_value());
        QVERIFY2(q(why).contains(error), why.c_str());
    }

    void writeIntoMissingDirectoryFails()
    {
        std::string error;
        QVERIFY(!Ed25519Key::generate()->writePrivateKeyFile(
            m_dir.filePath(QStringLiteral("no/such/dir/key.pem")).toStdString(), "", &error));
        QVERIFY2(q(error).contains(QStringLiteral("cannot create")), error.c_str());
    }
};

QTEST_GUILESS_MAIN(TestEd25519Key)
#include "tst_ed25519_key.moc"
