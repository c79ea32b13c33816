#include "TestData.h"
#include "core/crypto/Base64.h"
#include "core/crypto/SshSig.h"
#include "core/crypto/SshWire.h"

#include <QDir>
#include <QFile>
#include <QtTest>

#include <numeric>

using namespace mltrl;

namespace {

const char *const kTestNamespace = "mltrl-review@example.org";
const char *const kTestPublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4";
// Printed by `ssh-keygen -lf` for the key above.
const char *const kTestFingerprint = "SHA256:lbmsoA0yIEcEiVDRnMWuzm+nV+3ZEEpVIURqFoeSspg";

std::string readData(const QString &relative)
{
    QFile f(test::dataPath(relative));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read test data %s", qPrintable(f.fileName()));
    const QByteArray bytes = f.readAll();
    return std::string(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

/// The test vector key: Ed25519 seed 0x00..0x1f.
Ed25519Key testKey()
{
    std::array<std::uint8_t, 32> seed{};
    std::iota(seed.begin(), seed.end(), std::uint8_t(0));
    auto key = Ed25519Key::fromSeed(seed);
    if (!key)
        qFatal("cannot make the test key");
    return std::move(*key);
}

std::string blobOf(const std::string &armored)
{
    auto blob = sshsig::parseArmor(armored);
    if (!blob)
        qFatal("test vector armor does not parse");
    return *blob;
}

/// Builds a blob field by field, so tests can make each field wrong on purpose.
struct BlobParts {
    std::string magic = "SSHSIG";
    std::uint32_t version = 1;
    std::string publicKey;
    std::string nameSpace;
    std::string reserved;
    std::string hash;
    std::string signature;
    std::string trailing;

    static BlobParts from(const SshSignature &s)
    {
        BlobParts p;
        p.publicKey = s.publicKey.wireBlob();
        p.nameSpace = s.nameSpace;
        p.reserved = s.reserved;
        p.hash = s.hashAlgorithm;
        p.signature = s.signature;
        return p;
    }
    std::string build() const
    {
        std::string b = magic;
        sshwire::putU32(b, version);
        sshwire::putString(b, publicKey);
        sshwire::putString(b, nameSpace);
        sshwire::putString(b, reserved);
        sshwire::putString(b, hash);
        sshwire::putString(b, signature);
        return b + trailing;
    }
};

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

class TestSshSig : public QObject {
    Q_OBJECT
private slots:
    void signsTestVectorsByteExact_data()
    {
        QTest::addColumn<QString>("messageFile");
        QTest::addColumn<QString>("nameSpace");
        QTest::addColumn<QString>("hash");
        QTest::addColumn<QString>("sigFile");
        QTest::newRow("sha512") << QStringLiteral("sshsig/tv_msg.txt") << QString::fromLatin1(kTestNamespace)
                                << QStringLiteral("sha512") << QStringLiteral("sshsig/tv_sha512.sig");
        QTest::newRow("sha256") << QStringLiteral("sshsig/tv_msg.txt") << QString::fromLatin1(kTestNamespace)
                                << QStringLiteral("sha256") << QStringLiteral("sshsig/tv_sha256.sig");
        // The example archive's review is signed with the same test key.
        const QString review = QStringLiteral("example-min/reviews/0b7e2f64-3c1d-4a8e-9f20-5d6c7b8a9e01.json");
        QTest::newRow("example review") << review << QStringLiteral("mltrl-gate-review") << QStringLiteral("sha512")
                                        << review + QStringLiteral(".sig");
    }
    void signsTestVectorsByteExact()
    {
        QFETCH(QString, messageFile);
        QFETCH(QString, nameSpace);
        QFETCH(QString, hash);
        QFETCH(QString, sigFile);
        std::string error;
        const auto armored =
            sshsig::sign(readData(messageFile), testKey(), nameSpace.toStdString(), hash.toStdString(), &error);
        QVERIFY2(armored.has_value(), error.c_str());
        QCOMPARE(q(*armored), q(readData(sigFile)));
    }

    void verifiesTestVectors_data()
    {
        QTest::addColumn<QString>("messageFile");
        QTest::addColumn<QString>("sigFile");
        QTest::addColumn<QString>("nameSpace");
        QTest::addColumn<QString>("hash");
        QTest::newRow("sha512") << QStringLiteral("sshsig/tv_msg.txt") << QStringLiteral("sshsig/tv_sha512.sig")
                                << QString::fromLatin1(kTestNamespace) << QStringLiteral("sha512");
        QTest::newRow("sha256") << QStringLiteral("sshsig/tv_msg.txt") << QStringLiteral("sshsig/tv_sha256.sig")
                                << QString::fromLatin1(kTestNamespace) << QStringLiteral("sha256");
        const QDir reviews(test::dataPath(QStringLiteral("example-min/reviews")));
        const auto records = reviews.entryList({QStringLiteral("*.json")}, QDir::Files);
        QVERIFY(!records.isEmpty());
        for (const QString &record : records) {
            const QString rel = QStringLiteral("example-min/reviews/") + record;
            QTest::newRow(qPrintable(record)) << rel << rel + QStringLiteral(".sig")
                                              << QStringLiteral("mltrl-gate-review") << QStringLiteral("sha512");
        }
    }
    void verifiesTestVectors()
    {
        QFETCH(QString, messageFile);
        QFETCH(QString, sigFile);
        QFETCH(QString, nameSpace);
        QFETCH(QString, hash);
        const auto result = sshsig::verify(readData(messageFile), readData(sigFile), nameSpace.toStdString());
        QVERIFY2(result.ok, result.error.c_str());
        QVERIFY(result.error.empty());
        QVERIFY(result.publicKey.has_value());
        QCOMPARE(q(result.publicKey->toOpenSsh()), QString::fromLatin1(kTestPublicKey));
        QCOMPARE(q(result.fingerprint), QString::fromLatin1(kTestFingerprint));
        QCOMPARE(q(result.nameSpace), nameSpace);
        QCOMPARE(q(result.hashAlgorithm), hash);
    }

    void publicKeyLineAndFingerprint()
    {
        const Ed25519PublicKey pub = testKey().publicKey();
        QCOMPARE(q(pub.toOpenSsh()), QString::fromLatin1(kTestPublicKey));
        QCOMPARE(q(pub.toOpenSsh("reviewer@example.org")),
                 QString::fromLatin1(kTestPublicKey) + QStringLiteral(" reviewer@example.org"));
        QCOMPARE(q(pub.fingerprint()), QString::fromLatin1(kTestFingerprint));
    }

    void parsesBlobFields()
    {
        std::string error;
        const auto sig = sshsig::parseBlob(blobOf(readData(QStringLiteral("sshsig/tv_sha512.sig"))), &error);
        QVERIFY2(sig.has_value(), error.c_str());
        QCOMPARE(q(sig->nameSpace), QString::fromLatin1(kTestNamespace));
        QCOMPARE(q(sig->hashAlgorithm), QStringLiteral("sha512"));
        QVERIFY(sig->reserved.empty());
        QCOMPARE(q(sig->publicKey.toOpenSsh()), QString::fromLatin1(kTestPublicKey));
    }

    void armorFormat()
    {
        const auto armored = sshsig::sign(std::string(5000, 'x'), testKey(), "ns");
        QVERIFY(armored.has_value());
        QVERIFY(armored->starts_with("-----BEGIN SSH SIGNATURE-----\n"));
        QVERIFY(armored->ends_with("\n-----END SSH SIGNATURE-----\n"));
        QVERIFY(armored->find('\r') == std::string::npos);
        const QStringList lines = q(*armored).split(QLatin1Char('\n'));
        QCOMPARE(lines.last(), QString()); // final newline
        for (qsizetype i = 1; i + 2 < lines.size(); ++i) {
            QVERIFY(lines[i].size() <= 70);
            if (i + 3 < lines.size())
                QCOMPARE(lines[i].size(), 70); // every line but the last is full
        }
        QVERIFY(lines[1].startsWith(QStringLiteral("U1NIU0lH"))); // "SSHSIG"
        QCOMPARE(sshsig::armor(blobOf(*armored)), *armored);
    }

    void signRejectsBadArguments_data()
    {
        QTest::addColumn<QString>("nameSpace");
        QTest::addColumn<QString>("hash");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty namespace") << QString() << QStringLiteral("sha512") << QStringLiteral("namespace");
        QTest::newRow("sha1") << QStringLiteral("ns") << QStringLiteral("sha1") << QStringLiteral("unsupported hash");
        QTest::newRow("uppercase") << QStringLiteral("ns") << QStringLiteral("SHA512")
                                   << QStringLiteral("unsupported hash");
    }
    void signRejectsBadArguments()
    {
        QFETCH(QString, nameSpace);
        QFETCH(QString, hash);
        QFETCH(QString, expected);
        std::string error;
        QVERIFY(!sshsig::sign("m", testKey(), nameSpace.toStdString(), hash.toStdString(), &error).has_value());
        QVERIFY2(q(error).contains(expected), error.c_str());
    }

    // Every way a signature can be wrong is refused with a reason that says which.
    void tampered_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("armored");
        QTest::addColumn<QString>("nameSpace");
        QTest::addColumn<QString>("expectedError");

        const std::string msg = readData(QStringLiteral("sshsig/tv_msg.txt"));
        const std::string good = readData(QStringLiteral("sshsig/tv_sha512.sig"));
        const std::string blob = blobOf(good);
        const SshSignature sig = *sshsig::parseBlob(blob);
        const QString ns = QString::fromLatin1(kTestNamespace);
        auto bytes = [](const std::string &s) { return QByteArray(s.data(), static_cast<qsizetype>(s.size())); };
        auto withParts = [&](auto change) {
            BlobParts p = BlobParts::from(sig);
            change(p);
            return bytes(sshsig::armor(p.build()));
        };

        std::string flipped = msg;
        flipped[3] ^= 0x01;
        QTest::newRow("flipped message byte")
            << bytes(flipped) << bytes(good) << ns << QStringLiteral("does not verify");
        QTest::newRow("extra message byte")
            << bytes(msg + "\n") << bytes(good) << ns << QStringLiteral("does not verify");
        QTest::newRow("flipped signature byte")
            << bytes(msg) << withParts([](BlobParts &p) { p.signature.back() ^= 0x40; }) << ns
            << QStringLiteral("does not verify");
        QTest::newRow("other public key") << bytes(msg) << withParts([](BlobParts &p) { p.publicKey.back() ^= 0x01; })
                                          << ns << QStringLiteral("does not verify");
        QTest::newRow("wrong namespace") << bytes(msg) << bytes(good) << QStringLiteral("mltrl-gate-review")
                                         << QStringLiteral("namespace");
        QTest::newRow("namespace changed in blob")
            << bytes(msg) << withParts([](BlobParts &p) { p.nameSpace = "mltrl-gate-review"; })
            << QStringLiteral("mltrl-gate-review") << QStringLiteral("does not verify");
        QTest::newRow("hash changed in blob") << bytes(msg) << withParts([](BlobParts &p) { p.hash = "sha256"; }) << ns
                                              << QStringLiteral("does not verify");
        QTest::newRow("reserved filled in") << bytes(msg) << withParts([](BlobParts &p) { p.reserved = "x"; }) << ns
                                            << QString(); // OpenSSH ignores it: still verifies
        QTest::newRow("trailing bytes") << bytes(msg)
                                        << withParts([](BlobParts &p) { p.trailing = std::string(1, '\0'); }) << ns
                                        << QStringLiteral("trailing bytes");
        QTest::newRow("wrong magic") << bytes(msg) << withParts([](BlobParts &p) { p.magic = "SSHSIH"; }) << ns
                                     << QStringLiteral("bad magic");
        QTest::newRow("version 2") << bytes(msg) << withParts([](BlobParts &p) { p.version = 2; }) << ns
                                   << QStringLiteral("unsupported SSHSIG version 2");
        QTest::newRow("version 0") << bytes(msg) << withParts([](BlobParts &p) { p.version = 0; }) << ns
                                   << QStringLiteral("unsupported SSHSIG version 0");
        QTest::newRow("rsa key, ed25519 signature") << bytes(msg) << withParts([](BlobParts &p) {
            p.publicKey.clear();
            sshwire::putString(p.publicKey, "ssh-rsa");
            sshwire::putString(p.publicKey, std::string(3, '\1'));
            sshwire::putString(p.publicKey, std::string(257, '\x7f'));
        }) << ns << QStringLiteral("unsupported RSA signature algorithm \"ssh-ed25519\"");
        QTest::newRow("rsa signature") << bytes(msg) << withParts([](BlobParts &p) {
            p.signature.clear();
            sshwire::putString(p.signature, "rsa-sha2-512");
            sshwire::putString(p.signature, std::string(256, '\1'));
        }) << ns << QStringLiteral("a \"rsa-sha2-512\" signature from an ssh-ed25519 key");
        QTest::newRow("short signature") << bytes(msg) << withParts([](BlobParts &p) { p.signature.pop_back(); }) << ns
                                         << QStringLiteral("malformed ssh-ed25519 signature");
        QTest::newRow("key with trailing byte") << bytes(msg) << withParts([](BlobParts &p) { p.publicKey += 'x'; })
                                                << ns << QStringLiteral("trailing bytes after the ssh-ed25519 key");
        QTest::newRow("sha1") << bytes(msg) << withParts([](BlobParts &p) { p.hash = "sha1"; }) << ns
                              << QStringLiteral("unsupported hash algorithm \"sha1\"");
        QTest::newRow("empty namespace") << bytes(msg) << withParts([](BlobParts &p) { p.nameSpace.clear(); }) << ns
                                         << QStringLiteral("empty signature namespace");
        QTest::newRow("NUL in namespace")
            << bytes(msg) << withParts([&](BlobParts &p) { p.nameSpace = std::string(kTestNamespace) + '\0'; }) << ns
            << QStringLiteral("NUL byte");

        std::string huge = blob; // namespace length field claims 4 GiB
        const std::size_t nsLengthAt = 6 + 4 + 4 + sig.publicKey.wireBlob().size();
        huge.replace(nsLengthAt, 4, "\xff\xff\xff\xff");
        QTest::newRow("length beyond the end")
            << bytes(msg) << bytes(sshsig::armor(huge)) << ns << QStringLiteral("truncated signature (namespace)");
        QTest::newRow("truncated blob") << bytes(msg) << bytes(sshsig::armor(blob.substr(0, blob.size() - 10))) << ns
                                        << QStringLiteral("truncated signature (signature)");

        const std::string endLine = "-----END SSH SIGNATURE-----\n";
        QTest::newRow("armor without END") << bytes(msg) << bytes(good.substr(0, good.size() - endLine.size())) << ns
                                           << QStringLiteral("missing \"-----END SSH SIGNATURE-----\"");
        QTest::newRow("armor cut mid-body")
            << bytes(msg) << bytes(good.substr(0, 100)) << ns << QStringLiteral("truncated SSH signature");
        std::string lostLine = good;
        lostLine.erase(lostLine.find('\n', 40) + 1, 71); // drop the second base64 line
        QTest::newRow("armor missing a line")
            << bytes(msg) << bytes(lostLine) << ns << QStringLiteral("not valid base64");
        QTest::newRow("no BEGIN line") << bytes(msg) << bytes(good.substr(30)) << ns
                                       << QStringLiteral("missing \"-----BEGIN");
        QTest::newRow("leading blank line")
            << bytes(msg) << bytes("\n" + good) << ns << QStringLiteral("missing \"-----BEGIN");
        QTest::newRow("empty") << bytes(msg) << QByteArray() << ns << QStringLiteral("missing \"-----BEGIN");
        QTest::newRow("empty body") << bytes(msg)
                                    << QByteArray("-----BEGIN SSH SIGNATURE-----\n-----END SSH SIGNATURE-----\n") << ns
                                    << QStringLiteral("truncated SSH signature");
        QTest::newRow("text after END") << bytes(msg) << bytes(good + "more\n") << ns << QStringLiteral("after");
        std::string badChar = good;
        badChar[40] = '*';
        QTest::newRow("bad base64 char") << bytes(msg) << bytes(badChar) << ns << QStringLiteral("not valid base64");
        std::string loneCr = good;
        loneCr.insert(loneCr.find('\n', 40), "\r\r");
        QTest::newRow("lone CR") << bytes(msg) << bytes(loneCr) << ns << QStringLiteral("not valid base64");
        QTest::newRow("oversized") << bytes(msg) << QByteArray(70 * 1024, 'A') << ns << QStringLiteral("too large");

        // Accepted variants (decision: CRLF is read like LF, as OpenSSH >= 9.5 does).
        std::string crlf;
        for (char c : good) {
            if (c == '\n')
                crlf += '\r';
            crlf += c;
        }
        QTest::newRow("CRLF accepted") << bytes(msg) << bytes(crlf) << ns << QString();
        QTest::newRow("no final newline accepted")
            << bytes(msg) << bytes(good.substr(0, good.size() - 1)) << ns << QString();
        QTest::newRow("trailing blank lines accepted") << bytes(msg) << bytes(good + "\n\n") << ns << QString();
        std::string rewrapped = sshsig::armor(blob);
        QTest::newRow("our own armor") << bytes(msg) << bytes(rewrapped) << ns << QString();
    }
    void tampered()
    {
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, armored);
        QFETCH(QString, nameSpace);
        QFETCH(QString, expectedError);
        const auto result = sshsig::verify(
            std::string_view(message.constData(), static_cast<std::size_t>(message.size())),
            std::string_view(armored.constData(), static_cast<std::size_t>(armored.size())), nameSpace.toStdString());
        if (expectedError.isEmpty()) {
            QVERIFY2(result.ok, result.error.c_str());
            return;
        }
        QVERIFY(!result.ok);
        QVERIFY2(q(result.error).contains(expectedError), result.error.c_str());
    }

    // A small built-in fuzz: every prefix of the blob and every single-byte change is refused
    // (and, with the sanitizer build, never reads out of bounds).
    void everyTruncationAndByteFlipFails()
    {
        const std::string msg = readData(QStringLiteral("sshsig/tv_msg.txt"));
        const std::string blob = blobOf(readData(QStringLiteral("sshsig/tv_sha256.sig")));
        for (std::size_t n = 0; n < blob.size(); ++n)
            QVERIFY(!sshsig::parseBlob(std::string_view(blob).substr(0, n)).has_value());
        for (std::size_t i = 0; i < blob.size(); ++i) {
            for (int bit : {0, 7}) {
                std::string changed = blob;
                changed[i] = static_cast<char>(changed[i] ^ (1 << bit));
                const auto result = sshsig::verify(msg, sshsig::armor(changed), kTestNamespace);
                QVERIFY2(!result.ok, qPrintable(QStringLiteral("byte %1 bit %2 accepted").arg(i).arg(bit)));
                QVERIFY(!result.error.empty());
            }
        }
    }

    void keyIsReportedEvenWhenSignatureFails()
    {
        const auto result =
            sshsig::verify("other message", readData(QStringLiteral("sshsig/tv_sha512.sig")), kTestNamespace);
        QVERIFY(!result.ok);
        QVERIFY(result.publicKey.has_value());
        QCOMPARE(q(result.fingerprint), QString::fromLatin1(kTestFingerprint));
    }

    void roundTripWithFreshKey_data()
    {
        QTest::addColumn<QString>("hash");
        QTest::newRow("sha512") << QStringLiteral("sha512");
        QTest::newRow("sha256") << QStringLiteral("sha256");
    }
    void roundTripWithFreshKey()
    {
        QFETCH(QString, hash);
        auto key = Ed25519Key::generate();
        QVERIFY(key.has_value());
        const std::string message("binary\0payload\xff", 15);
        const auto armored = sshsig::sign(message, *key, "mltrl-gate-review", hash.toStdString());
        QVERIFY(armored.has_value());
        const auto result = sshsig::verify(message, *armored, "mltrl-gate-review");
        QVERIFY2(result.ok, result.error.c_str());
        QVERIFY(*result.publicKey == SshPublicKey::fromEd25519(key->publicKey()));
        QCOMPARE(q(result.hashAlgorithm), hash);
    }
};

QTEST_GUILESS_MAIN(TestSshSig)
#include "tst_sshsig.moc"
