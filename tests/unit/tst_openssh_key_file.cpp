// Passphrase-protected OpenSSH private keys read and written in process: Blowfish against
// Eric Young's vectors, bcrypt_pbkdf and aes-ctr against ssh-keygen itself (keys it encrypted
// decrypt here, keys encrypted here decrypt with `ssh-keygen -y`), wrong passphrases refused.
#include "core/crypto/BcryptPbkdf.h"
#include "core/crypto/SshKeygen.h"
#include "core/crypto/SshPrivateKey.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace mltrl;

namespace {

std::string fromHex(const char *hex)
{
    std::string out;
    for (const char *p = hex; p[0] && p[1]; p += 2)
        out.push_back(static_cast<char>(std::stoi(std::string(p, 2), nullptr, 16)));
    return out;
}

std::string readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll().toStdString() : std::string();
}

} // namespace

class TestOpenSshKeyFile : public QObject {
    Q_OBJECT
private slots:
    void blowfishVectors_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<quint64>("plain");
        QTest::addColumn<quint64>("cipher");
        QTest::newRow("zero") << QStringLiteral("0000000000000000") << quint64(0) << quint64(0x4EF997456198DD78ull);
        QTest::newRow("ones") << QStringLiteral("FFFFFFFFFFFFFFFF") << quint64(0xFFFFFFFFFFFFFFFFull)
                              << quint64(0x51866FD5B85ECB8Aull);
        QTest::newRow("counting") << QStringLiteral("0123456789ABCDEF") << quint64(0x1111111111111111ull)
                                  << quint64(0x61F9C3802281B096ull);
        QTest::newRow("fedcba") << QStringLiteral("FEDCBA9876543210") << quint64(0x0123456789ABCDEFull)
                                << quint64(0x0ACEAB0FC6A0A28Dull);
    }
    void blowfishVectors()
    {
        QFETCH(QString, key);
        QFETCH(quint64, plain);
        QFETCH(quint64, cipher);
        QCOMPARE(quint64(blowfishEncryptBlock(fromHex(key.toLatin1().constData()), plain)), cipher);
    }

    void bcryptPbkdfRefusesBadParameters()
    {
        QVERIFY(!bcryptPbkdf("", "salt", 32, 16));
        QVERIFY(!bcryptPbkdf("pw", "", 32, 16));
        QVERIFY(!bcryptPbkdf("pw", "salt", 32, 0));
        QVERIFY(!bcryptPbkdf("pw", "salt", 2000, 1));
        const auto a = bcryptPbkdf("pw", "salt", 48, 2), b = bcryptPbkdf("pw", "salt", 48, 2),
                   c = bcryptPbkdf("pX", "salt", 48, 2);
        QVERIFY(a && b && c && *a == *b && *a != *c && a->size() == 48);
    }

    void encryptedRoundTrip_data()
    {
        QTest::addColumn<int>("type");
        QTest::newRow("ed25519") << int(SshKeyType::Ed25519);
        QTest::newRow("ecdsa p-521") << int(SshKeyType::EcdsaP521);
        QTest::newRow("rsa") << int(SshKeyType::Rsa);
    }
    void encryptedRoundTrip()
    {
        QFETCH(int, type);
        auto key = SshPrivateKey::generate(SshKeyType(type), 2048);
        QVERIFY(key);
        key->setComment("c");
        const std::string text = key->toOpenSsh("correct horse");
        const auto info = SshPrivateKey::inspectOpenSsh(text);
        QVERIFY(info && info->encrypted() && info->cipher == "aes256-ctr" && info->kdf == "bcrypt");
        QVERIFY(info->publicKey == key->publicKey());
        std::string error;
        const auto back = SshPrivateKey::fromOpenSsh(text, &error, "correct horse");
        QVERIFY2(back, error.c_str());
        QVERIFY(back->publicKey() == key->publicKey());
        QCOMPARE(QString::fromStdString(back->comment()), QStringLiteral("c"));
        QVERIFY(!SshPrivateKey::fromOpenSsh(text, &error, "wrong horse"));
        QCOMPARE(QString::fromStdString(error), QStringLiteral("wrong passphrase"));
        QVERIFY(!SshPrivateKey::fromOpenSsh(text, &error));
        QVERIFY2(QString::fromStdString(error).contains(QStringLiteral("passphrase")), error.c_str());

        // ssh-keygen reads it with the passphrase and only with it.
        const QString sshKeygen = findSshKeygen();
        if (sshKeygen.isEmpty())
            QSKIP("ssh-keygen is not installed");
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("k"));
        QVERIFY(key->writeOpenSshFile(file.toStdString(), &error, false, "correct horse"));
        for (const auto &[pass, ok] : {std::pair{"correct horse", true}, std::pair{"wrong horse", false}}) {
            QProcess y;
            y.start(sshKeygen, {QStringLiteral("-y"), QStringLiteral("-P"), QString::fromLatin1(pass),
                                QStringLiteral("-f"), file});
            QVERIFY(y.waitForFinished(60000));
            QCOMPARE(y.exitCode() == 0, ok);
            if (ok)
                QCOMPARE(QString::fromUtf8(y.readAllStandardOutput()).section(QLatin1Char(' '), 0, 1),
                         QString::fromStdString(key->publicKey().toOpenSsh()));
        }
    }

    void readsKeysSshKeygenEncrypted_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("cipher"); // empty: ssh-keygen's default
        QTest::newRow("ed25519") << QStringLiteral("ed25519") << QString();
        QTest::newRow("ecdsa-384") << QStringLiteral("ecdsa") << QString();
        QTest::newRow("rsa") << QStringLiteral("rsa") << QString();
        QTest::newRow("ed25519 aes128-cbc") << QStringLiteral("ed25519") << QStringLiteral("aes128-cbc");
    }
    void readsKeysSshKeygenEncrypted()
    {
        QFETCH(QString, type);
        QFETCH(QString, cipher);
        const QString sshKeygen = findSshKeygen();
        if (sshKeygen.isEmpty())
            QSKIP("ssh-keygen is not installed");
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("k"));
        QStringList args{QStringLiteral("-q"),
                         QStringLiteral("-t"),
                         type,
                         QStringLiteral("-N"),
                         QStringLiteral("s3cret pass"),
                         QStringLiteral("-C"),
                         QStringLiteral("made by ssh-keygen"),
                         QStringLiteral("-f"),
                         file};
        if (type == QStringLiteral("ecdsa"))
            args << QStringLiteral("-b") << QStringLiteral("384");
        if (!cipher.isEmpty())
            args << QStringLiteral("-Z") << cipher;
        QProcess gen;
        gen.start(sshKeygen, args);
        QVERIFY(gen.waitForFinished(60000) && gen.exitCode() == 0);
        std::string error;
        const auto key = SshPrivateKey::fromOpenSsh(readAll(file), &error, "s3cret pass");
        QVERIFY2(key, error.c_str());
        QCOMPARE(QString::fromStdString(key->publicKey().toOpenSsh()),
                 QString::fromStdString(readAll(file + QStringLiteral(".pub"))).section(QLatin1Char(' '), 0, 1));
        QCOMPARE(QString::fromStdString(key->comment()), QStringLiteral("made by ssh-keygen"));
        // It signs: the signature verifies with the public key ssh-keygen wrote.
        const auto sig = key->sign("data", &error);
        QVERIFY(sig && key->publicKey().verify("data", *sig).ok);
        QVERIFY(!SshPrivateKey::fromOpenSsh(readAll(file), &error, "s3cret pasS"));
        QCOMPARE(QString::fromStdString(error), QStringLiteral("wrong passphrase"));
    }
};

QTEST_GUILESS_MAIN(TestOpenSshKeyFile)
#include "tst_openssh_key_file.moc"
