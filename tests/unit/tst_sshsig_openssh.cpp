// OpenSSH's own SSHSIG vectors (tests/data/sshsig/openssh-regress, from OpenSSH's
// regress/unittests/sshsig/testdata) verify with our code for every key type OpenSSH signs
// with, every one-byte change of the data, the signature or the namespace fails, and the
// post-quantum hybrid is refused naming its type. Plus keys of every type made here: they sign,
// verify, and survive the OpenSSH private key format.
#include "TestData.h"
#include "core/crypto/AllowedSigners.h"
#include "core/crypto/Base64.h"
#include "core/crypto/SshPrivateKey.h"
#include "core/crypto/SshPublicKey.h"
#include "core/crypto/SshSig.h"
#include "core/crypto/SshWire.h"

#include <QFile>
#include <QtTest>

using namespace mltrl;

namespace {

std::string readData(const QString &relative)
{
    QFile f(test::dataPath(QStringLiteral("sshsig/openssh-regress/") + relative));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read test data %s", qPrintable(f.fileName()));
    const QByteArray bytes = f.readAll();
    return std::string(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

std::string nameSpace()
{
    std::string ns = readData(QStringLiteral("namespace"));
    while (!ns.empty() && (ns.back() == '\n' || ns.back() == '\r'))
        ns.pop_back();
    return ns;
}

QString q(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

void vectors()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("fingerprint"); // as `ssh-keygen -l` prints it
    QTest::addColumn<bool>("securityKey");
    QTest::newRow("ed25519") << QStringLiteral("ed25519") << QStringLiteral("ssh-ed25519")
                             << QStringLiteral("SHA256:ZxTZQ/K7JZpz0mHqWqdmYCUcq3MAtnu9TYA66TCBkxM") << false;
    QTest::newRow("ed25519_sk") << QStringLiteral("ed25519_sk") << QStringLiteral("sk-ssh-ed25519@openssh.com")
                                << QStringLiteral("SHA256:pbI9wlyrFSsUbp+GTiIAOqNMvoajbF2tHsPMECyrMYU") << true;
    QTest::newRow("ecdsa") << QStringLiteral("ecdsa") << QStringLiteral("ecdsa-sha2-nistp256")
                           << QStringLiteral("SHA256:YInG0FuXzFrI4twnU4WIDUE7/iFeM9DVtx6zdi61Pvg") << false;
    QTest::newRow("ecdsa_sk") << QStringLiteral("ecdsa_sk") << QStringLiteral("sk-ecdsa-sha2-nistp256@openssh.com")
                              << QStringLiteral("SHA256:/ALxJUlmDPE0gxeL1nZip4oXm1VG1qmR2xL5iUzZD1A") << true;
    QTest::newRow("ecdsa_sk_webauthn") << QStringLiteral("ecdsa_sk_webauthn")
                                       << QStringLiteral("sk-ecdsa-sha2-nistp256@openssh.com")
                                       << QStringLiteral("SHA256:CnLUlPNaYYz05nves7k8lkzRjnzbbkaxQnfzZrS3kSM") << true;
    QTest::newRow("rsa") << QStringLiteral("rsa") << QStringLiteral("ssh-rsa")
                         << QStringLiteral("SHA256:PnEztoQ74skPJhb/bvdbzdOVa2whp8Ws4housCPVrkI") << false;
}

} // namespace

class TestSshSigOpenSsh : public QObject {
    Q_OBJECT
private slots:
    void vectorVerifies_data() { vectors(); }
    void vectorVerifies()
    {
        QFETCH(QString, name);
        QFETCH(QString, type);
        QFETCH(QString, fingerprint);
        QFETCH(bool, securityKey);
        std::string error;
        const auto pub = SshPublicKey::fromOpenSsh(readData(name + QStringLiteral(".pub")), &error);
        QVERIFY2(pub.has_value(), error.c_str());
        QCOMPARE(q(pub->typeName()), type);
        QCOMPARE(q(pub->fingerprint()), fingerprint);
        QCOMPARE(pub->isSecurityKey(), securityKey);

        const SshSigVerification v = sshsig::verify(readData(QStringLiteral("signed-data")),
                                                    readData(name + QStringLiteral(".sig")), nameSpace());
        QVERIFY2(v.ok, v.error.c_str());
        QVERIFY(v.publicKey && *v.publicKey == *pub);
        QCOMPARE(q(v.fingerprint), fingerprint);
        QCOMPARE(v.sk.has_value(), securityKey);
        if (securityKey)
            QVERIFY2(v.sk->userPresent(), "the dummy authenticator sets the user-presence flag");
        if (name == QStringLiteral("ecdsa_sk_webauthn")) {
            QVERIFY(v.sk->webauthn);
            QCOMPARE(q(v.signatureAlgorithm), QStringLiteral("webauthn-sk-ecdsa-sha2-nistp256@openssh.com"));
        }
        if (name == QStringLiteral("rsa"))
            QVERIFY(v.signatureAlgorithm == "rsa-sha2-256" || v.signatureAlgorithm == "rsa-sha2-512");

        // The key is trusted through allowed_signers like an Ed25519 one.
        Problems problems;
        const auto signers = AllowedSigners::parse("test " + readData(name + QStringLiteral(".pub")), problems);
        QVERIFY(!problems.hasErrors());
        QCOMPARE(signers.check("test", *v.publicKey, nameSpace(), 1'700'000'000).trust, SignerTrust::Trusted);
        QCOMPARE(signers.findPrincipals(*v.publicKey, 1'700'000'000).value_or(""), std::string("test"));
    }

    void everyDataByteMatters_data() { vectors(); }
    void everyDataByteMatters()
    {
        QFETCH(QString, name);
        const std::string sig = readData(name + QStringLiteral(".sig"));
        const std::string data = readData(QStringLiteral("signed-data"));
        for (std::size_t i = 0; i < data.size(); ++i) {
            std::string changed = data;
            changed[i] = static_cast<char>(changed[i] ^ 0x01);
            QVERIFY2(!sshsig::verify(changed, sig, nameSpace()).ok, qPrintable(QStringLiteral("data byte %1").arg(i)));
        }
        QVERIFY(!sshsig::verify(data + "\n", sig, nameSpace()).ok);
        QVERIFY(!sshsig::verify(data.substr(0, data.size() - 1), sig, nameSpace()).ok);
    }

    void everySignatureByteMatters_data() { vectors(); }
    void everySignatureByteMatters()
    {
        QFETCH(QString, name);
        const std::string data = readData(QStringLiteral("signed-data"));
        const auto blob = sshsig::parseArmor(readData(name + QStringLiteral(".sig")));
        QVERIFY(blob.has_value());
        for (std::size_t i = 0; i < blob->size(); ++i) {
            for (const int mask : {0x01, 0x80}) {
                std::string changed = *blob;
                changed[i] = static_cast<char>(changed[i] ^ mask);
                const SshSigVerification v = sshsig::verify(data, sshsig::armor(changed), nameSpace());
                QVERIFY2(!v.ok, qPrintable(QStringLiteral("signature byte %1 ^ %2").arg(i).arg(mask)));
            }
        }
        QVERIFY(!sshsig::verify(data, sshsig::armor(*blob + '\0'), nameSpace()).ok);
        QVERIFY(!sshsig::verify(data, sshsig::armor(blob->substr(0, blob->size() - 1)), nameSpace()).ok);
    }

    void everyNamespaceByteMatters_data() { vectors(); }
    void everyNamespaceByteMatters()
    {
        QFETCH(QString, name);
        const std::string sig = readData(name + QStringLiteral(".sig"));
        const std::string data = readData(QStringLiteral("signed-data"));
        const std::string ns = nameSpace();
        for (std::size_t i = 0; i < ns.size(); ++i) {
            std::string changed = ns;
            changed[i] = static_cast<char>(changed[i] ^ 0x01);
            QVERIFY(!sshsig::verify(data, sig, changed).ok);
        }
        QVERIFY(!sshsig::verify(data, sig, ns + "x").ok);
    }

    void postQuantumHybridRefusedByName()
    {
        std::string error;
        QVERIFY(!SshPublicKey::fromOpenSsh(readData(QStringLiteral("mldsa44-ed25519.pub")), &error));
        QVERIFY2(q(error).contains(QStringLiteral("ssh-mldsa44-ed25519@openssh.com")), error.c_str());
        const SshSigVerification v = sshsig::verify(readData(QStringLiteral("signed-data")),
                                                    readData(QStringLiteral("mldsa44-ed25519.sig")), nameSpace());
        QVERIFY(!v.ok);
        QVERIFY2(q(v.error).contains(QStringLiteral("unsupported key type \"ssh-mldsa44-ed25519@openssh.com\"")),
                 v.error.c_str());
        Problems problems;
        const auto signers = AllowedSigners::parse("test " + readData(QStringLiteral("mldsa44-ed25519.pub")), problems);
        QCOMPARE(signers.entries().size(), std::size_t(1));
        QVERIFY(!signers.entries().front().key);
    }

    // Keys made here, of every type that signs in process.
    void generatedKeysSignAndRoundTrip_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("bits");
        QTest::newRow("ed25519") << int(SshKeyType::Ed25519) << 256;
        QTest::newRow("ecdsa p-256") << int(SshKeyType::EcdsaP256) << 256;
        QTest::newRow("ecdsa p-384") << int(SshKeyType::EcdsaP384) << 384;
        QTest::newRow("ecdsa p-521") << int(SshKeyType::EcdsaP521) << 521;
        QTest::newRow("rsa-2048") << int(SshKeyType::Rsa) << 2048;
    }
    void generatedKeysSignAndRoundTrip()
    {
        QFETCH(int, type);
        QFETCH(int, bits);
        std::string error;
        auto key = SshPrivateKey::generate(SshKeyType(type), bits, &error);
        QVERIFY2(key.has_value(), error.c_str());
        QCOMPARE(key->publicKey().bits(), bits);
        key->setComment("Test Reviewer <t@example.org>");
        const SshRawSigner signer = [&](std::string_view d, std::string *e) { return key->sign(d, e); };
        const auto armored =
            sshsig::signWith("payload", key->publicKey(), signer, "mltrl-gate-review", "sha512", &error);
        QVERIFY2(armored.has_value(), error.c_str());
        const SshSigVerification v = sshsig::verify("payload", *armored, "mltrl-gate-review");
        QVERIFY2(v.ok, v.error.c_str());
        if (SshKeyType(type) == SshKeyType::Rsa)
            QCOMPARE(q(v.signatureAlgorithm), QStringLiteral("rsa-sha2-512"));
        QVERIFY(!sshsig::verify("payloaD", *armored, "mltrl-gate-review").ok);

        const std::string text = key->toOpenSsh();
        QVERIFY(SshPrivateKey::isOpenSshText(text));
        const auto info = SshPrivateKey::inspectOpenSsh(text, &error);
        QVERIFY2(info.has_value(), error.c_str());
        QVERIFY(!info->encrypted());
        QVERIFY(info->publicKey == key->publicKey());
        const auto back = SshPrivateKey::fromOpenSsh(text, &error);
        QVERIFY2(back.has_value(), error.c_str());
        QVERIFY(back->publicKey() == key->publicKey());
        QCOMPARE(q(back->comment()), QStringLiteral("Test Reviewer <t@example.org>"));
        const auto sigBlob = back->sign("x", &error);
        QVERIFY2(sigBlob && key->publicKey().verify("x", *sigBlob).ok, error.c_str());

        // The line form parses back to the same key.
        const auto line = SshPublicKey::fromOpenSsh(key->publicKey().toOpenSsh("c"));
        QVERIFY(line && *line == key->publicKey());
    }

    // OpenSSH refuses RSA signatures with SHA-1 in SSHSIG; so do we, naming the reason.
    void rsaSha1Refused()
    {
        std::string error;
        auto key = SshPrivateKey::generate(SshKeyType::Rsa, 2048, &error);
        QVERIFY2(key.has_value(), error.c_str());
        auto sigBlob = key->sign("data", &error);
        QVERIFY(sigBlob.has_value());
        sshwire::Reader r(*sigBlob);
        std::string_view alg, raw;
        QVERIFY(r.readString(alg) && r.readString(raw));
        std::string sha1;
        sshwire::putString(sha1, "ssh-rsa");
        sshwire::putString(sha1, raw);
        const SshSignatureCheck c = key->publicKey().verify("data", sha1);
        QVERIFY(!c.ok);
        QVERIFY2(q(c.error).contains(QStringLiteral("SHA-1")), c.error.c_str());
    }

    void smallRsaKeysRefused()
    {
        // OpenSSH reads 1024-bit RSA keys; their signatures are refused here (at least 2048).
        QVERIFY(!SshPrivateKey::generate(SshKeyType::Rsa, 1024).has_value());
    }

    void pemKeysOfEveryTypeRead()
    {
        // The PKCS#8 keys `mltrl keygen` used to write still sign (the Ed25519 case), and
        // PEM keys of the other types read too.
        const char *const pem = "-----BEGIN PRIVATE KEY-----\n"
                                "MC4CAQAwBQYDK2VwBCIEIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f\n"
                                "-----END PRIVATE KEY-----\n";
        std::string error;
        const auto key = SshPrivateKey::fromPem(pem, {}, &error);
        QVERIFY2(key.has_value(), error.c_str());
        QCOMPARE(q(key->publicKey().toOpenSsh()),
                 QStringLiteral("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4"));
    }
};

QTEST_GUILESS_MAIN(TestSshSigOpenSsh)
#include "tst_sshsig_openssh.moc"
