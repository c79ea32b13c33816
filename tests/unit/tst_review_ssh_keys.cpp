// Reviews signed with every key type that signs in process (Ed25519, ECDSA P-256/384/521,
// RSA) verify, are trusted through allowed_signers like Ed25519 ones, and a signature by a key
// other than reviewer.public_key is invalid naming both keys; a record naming a key type we do
// not support is rejected naming the type.
#include "TestData.h"
#include "core/crypto/Sha256.h"
#include "core/crypto/SshPrivateKey.h"
#include "core/manifest/ManifestParser.h"
#include "core/review/ReviewSigner.h"
#include "core/review/ReviewVerifier.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

using namespace mltrl;

namespace {

std::string readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll().toStdString();
}

ReviewContext exampleContext()
{
    const QDir dir(test::dataPath(QStringLiteral("example-min")));
    const std::string manifestBytes = readAll(dir.filePath(QStringLiteral("mltrl.json")));
    Problems problems;
    const auto manifest = parseManifest(manifestBytes, problems);
    return ReviewContext::from(*manifest, sha256Hex(manifestBytes), [&](const std::string &path) {
        return std::optional<std::string>(sha256Hex(readAll(dir.filePath(QString::fromStdString(path)))));
    });
}

/// The example's review record, to re-sign with other keys.
std::pair<std::string, ReviewRecord> exampleRecord()
{
    const QDir dir(test::dataPath(QStringLiteral("example-min/reviews")));
    const QString json = dir.entryList({QStringLiteral("*.json")}, QDir::Files).value(0);
    Problems problems;
    auto record = ReviewRecord::parse(readAll(dir.filePath(json)), problems);
    if (!record)
        qFatal("the example review does not parse");
    return {QFileInfo(json).completeBaseName().toStdString(), std::move(*record)};
}

std::optional<SignedReview> signAs(const ReviewRecord &record, const SshPrivateKey &key, Problems &problems)
{
    return ReviewSigner::signWith(
        record, key.publicKey(), [&key](std::string_view d, std::string *e) { return key.sign(d, e); }, problems);
}

std::string reasonsOf(const ReviewCheck &c)
{
    std::string out;
    for (const std::string &r : c.reasons)
        out += r + "; ";
    return out;
}

} // namespace

class TestReviewSshKeys : public QObject {
    Q_OBJECT

private slots:
    void everyKeyTypeSignsAndIsTrusted_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("bits");
        QTest::newRow("ed25519") << int(SshKeyType::Ed25519) << 0;
        QTest::newRow("ecdsa p-256") << int(SshKeyType::EcdsaP256) << 0;
        QTest::newRow("ecdsa p-384") << int(SshKeyType::EcdsaP384) << 0;
        QTest::newRow("ecdsa p-521") << int(SshKeyType::EcdsaP521) << 0;
        QTest::newRow("rsa-2048") << int(SshKeyType::Rsa) << 2048;
    }
    void everyKeyTypeSignsAndIsTrusted()
    {
        QFETCH(int, type);
        QFETCH(int, bits);
        auto key = SshPrivateKey::generate(SshKeyType(type), bits);
        QVERIFY(key);
        auto [id, record] = exampleRecord();
        // A comment after the key is part of the text, not of the key.
        record.reviewer.publicKey = key->publicKey().toOpenSsh("Rev Iewer <reviewer@example.org>");
        Problems problems;
        const auto signedReview = signAs(record, *key, problems);
        QVERIFY2(signedReview, problems.items().empty() ? "" : problems.items().front().toString().c_str());

        const AllowedSigners signers = AllowedSigners::parse(
            record.reviewer.email + " namespaces=\"mltrl-gate-review\" " + key->publicKey().toOpenSsh(), problems);
        const ReviewCheck c =
            ReviewVerifier(&signers).verify(signedReview->bytes, signedReview->signature, id, exampleContext());
        QVERIFY2(c.status == ReviewStatus::Valid, reasonsOf(c).c_str());
        QVERIFY(c.trusted());
        QCOMPARE(c.fingerprint, key->publicKey().fingerprint());
        // Not listed: valid, unknown signer.
        const ReviewCheck unknown =
            ReviewVerifier().verify(signedReview->bytes, signedReview->signature, id, exampleContext());
        QVERIFY(unknown.status == ReviewStatus::ValidUnknownSigner);
    }

    void signingKeyMustBeTheReviewersKey()
    {
        auto claimed = SshPrivateKey::generate(SshKeyType::EcdsaP384);
        auto other = SshPrivateKey::generate(SshKeyType::Rsa, 2048);
        QVERIFY(claimed && other);
        auto [id, record] = exampleRecord();
        record.reviewer.publicKey = claimed->publicKey().toOpenSsh();
        // The signer refuses to make it...
        Problems problems;
        QVERIFY(!signAs(record, *other, problems));
        QVERIFY(problems.hasErrors());
        // ...and the verifier refuses one made anyway.
        const auto bytes = record.serialize();
        const auto sig = sshsig::signWith(
            bytes, other->publicKey(), [&](std::string_view d, std::string *e) { return other->sign(d, e); },
            kReviewNamespace);
        QVERIFY(sig);
        const ReviewCheck c = ReviewVerifier().verify(bytes, *sig, id, exampleContext());
        QVERIFY(c.status == ReviewStatus::Invalid);
        const std::string why = reasonsOf(c);
        QVERIFY2(why.find(other->publicKey().fingerprint()) != std::string::npos &&
                     why.find(claimed->publicKey().fingerprint()) != std::string::npos,
                 why.c_str());
    }

    void unsupportedKeyTypeInTheRecordIsNamed()
    {
        auto [id, record] = exampleRecord();
        const std::string bytes = record.serialize();
        std::string changed = bytes;
        const std::size_t at = changed.find("\"ssh-ed25519 ");
        QVERIFY(at != std::string::npos);
        changed.replace(at + 1, 11, "ssh-dss");
        Problems problems;
        QVERIFY(!ReviewRecord::parse(changed, problems));
        QVERIFY(problems.hasErrors());
        QVERIFY2(problems.errors().front().toString().find("expected an OpenSSH public key") != std::string::npos,
                 problems.errors().front().toString().c_str());
    }
};

QTEST_GUILESS_MAIN(TestReviewSshKeys)
#include "tst_review_ssh_keys.moc"
