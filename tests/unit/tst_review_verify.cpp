// Verifying signed reviews (§4): the example review is valid (trusted with the example's
// allowed_signers, unknown without); every kind of tampering is detected and named.
#include "TestData.h"
#include "core/crypto/Sha256.h"
#include "core/crypto/SshSig.h"
#include "core/manifest/ManifestParser.h"
#include "core/review/ReviewVerifier.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

#include <array>
#include <numeric>

using namespace mltrl;

namespace {

std::string readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll().toStdString();
}

/// The example-min archive as a review sees it: its manifest and the hashes of its files.
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

struct ExampleReview {
    std::string id;
    std::string bytes;
    std::string signature;
};

ExampleReview exampleReview()
{
    const QDir dir(test::dataPath(QStringLiteral("example-min/reviews")));
    const QString json = dir.entryList({QStringLiteral("*.json")}, QDir::Files).value(0);
    return {QFileInfo(json).completeBaseName().toStdString(), readAll(dir.filePath(json)),
            readAll(dir.filePath(json + QStringLiteral(".sig")))};
}

AllowedSigners exampleSigners()
{
    Problems problems;
    return *AllowedSigners::load(test::dataPath(QStringLiteral("example-min-allowed_signers")).toStdString(), problems);
}

/// The test key of the SSHSIG vectors (seed 0x00..0x1f), which signed the example review.
Ed25519Key testKey()
{
    std::array<std::uint8_t, 32> seed{};
    std::iota(seed.begin(), seed.end(), std::uint8_t(0));
    return std::move(*Ed25519Key::fromSeed(seed));
}

bool anyReasonContains(const ReviewCheck &c, const char *text)
{
    for (const std::string &r : c.reasons)
        if (QString::fromStdString(r).contains(QString::fromUtf8(text)))
            return true;
    return false;
}

std::string reasonsOf(const ReviewCheck &c)
{
    std::string out;
    for (const std::string &r : c.reasons)
        out += r + "; ";
    return out;
}

} // namespace

class TestReviewVerify : public QObject {
    Q_OBJECT

private slots:
    void exampleIsTrustedWithItsAllowedSigners()
    {
        const ExampleReview r = exampleReview();
        const AllowedSigners signers = exampleSigners();
        const ReviewCheck c = ReviewVerifier(&signers).verify(r.bytes, r.signature, r.id, exampleContext());
        QVERIFY2(c.status == ReviewStatus::Valid, reasonsOf(c).c_str());
        QVERIFY(c.trusted());
        QVERIFY(c.signatureOk);
        QVERIFY(c.fingerprint.starts_with("SHA256:"));
    }

    void exampleIsUnknownWithoutAllowedSigners()
    {
        const ExampleReview r = exampleReview();
        const ReviewCheck c = ReviewVerifier().verify(r.bytes, r.signature, r.id, exampleContext());
        QVERIFY2(c.status == ReviewStatus::ValidUnknownSigner, reasonsOf(c).c_str());
        QVERIFY(c.isValid());
        QVERIFY(!c.trusted());
    }

    void signerListedForAnotherNamespaceIsNotTrusted()
    {
        const ExampleReview r = exampleReview();
        Problems problems;
        const AllowedSigners signers = AllowedSigners::parse(
            "reviewer@example.org namespaces=\"git\" " + testKey().publicKey().toOpenSsh() + "\n", problems);
        const ReviewCheck c = ReviewVerifier(&signers).verify(r.bytes, r.signature, r.id, exampleContext());
        QVERIFY2(c.status == ReviewStatus::ValidUnknownSigner, reasonsOf(c).c_str());
        QVERIFY(c.trust == SignerTrust::NotAllowedForNamespace);
    }

    void tamperedRecordOrSignatureIsInvalid_data()
    {
        QTest::addColumn<int>("where");  // 0 record, 1 signature
        QTest::addColumn<int>("offset"); // from the start (record) or into the base64 (signature)
        QTest::addColumn<QString>("reason");
        QTest::newRow("record: a digit of an observed value") << 0 << -1 << QStringLiteral("does not verify");
        QTest::newRow("record: first byte") << 0 << 0 << QStringLiteral("review");
        QTest::newRow("signature: signature bytes") << 1 << 230 << QStringLiteral("does not verify");
        QTest::newRow("signature: key bytes") << 1 << 60 << QStringLiteral("");
    }

    void tamperedRecordOrSignatureIsInvalid()
    {
        QFETCH(int, where);
        QFETCH(int, offset);
        QFETCH(QString, reason);
        ExampleReview r = exampleReview();
        if (where == 0) {
            const std::size_t at = offset < 0 ? r.bytes.find("0.91") + 3 : std::size_t(offset);
            r.bytes[at] = r.bytes[at] == '1' ? '2' : '{' == r.bytes[at] ? '[' : '1';
        } else {
            const std::size_t at =
                r.signature.find('\n') + 1 + std::size_t(offset % 70) + std::size_t(offset / 70) * 71;
            r.signature[at] = r.signature[at] == 'A' ? 'B' : 'A';
        }
        const ReviewCheck c = ReviewVerifier().verify(r.bytes, r.signature, r.id, exampleContext());
        QVERIFY2(c.status == ReviewStatus::Invalid, reasonsOf(c).c_str());
        QVERIFY(!c.reasons.empty());
        QVERIFY2(anyReasonContains(c, reason.toUtf8().constData()), reasonsOf(c).c_str());
    }

    void changedEvidenceMakesItStaleNamingTheFile()
    {
        const ExampleReview r = exampleReview();
        ReviewContext ctx = exampleContext();
        ctx.evidence["ev-sample"] = sha256Hex("tampered");
        const ReviewCheck c = ReviewVerifier().verify(r.bytes, r.signature, r.id, ctx);
        QVERIFY2(c.status == ReviewStatus::Stale, reasonsOf(c).c_str());
        QVERIFY(c.signatureOk);
        QVERIFY2(anyReasonContains(c, "evidence \"ev-sample\" changed"), reasonsOf(c).c_str());
        QCOMPARE(c.reasons.size(), std::size_t(1));
    }

    void changedManifestOrMetricMakesItStale()
    {
        const ExampleReview r = exampleReview();
        ReviewContext ctx = exampleContext();
        ctx.manifestSha256 = sha256Hex("another manifest");
        ctx.metrics.erase("loss");
        const ReviewCheck c = ReviewVerifier().verify(r.bytes, r.signature, r.id, ctx);
        QVERIFY2(c.status == ReviewStatus::Stale, reasonsOf(c).c_str());
        QVERIFY2(anyReasonContains(c, "mltrl.json changed"), reasonsOf(c).c_str());
        QVERIFY2(anyReasonContains(c, "metric \"loss\" is no longer there"), reasonsOf(c).c_str());
    }

    void wrongNamespaceIsInvalid()
    {
        const ExampleReview r = exampleReview();
        const auto sig = sshsig::sign(r.bytes, testKey(), "git");
        QVERIFY(sig);
        const ReviewCheck c = ReviewVerifier().verify(r.bytes, *sig, r.id, exampleContext());
        QVERIFY2(c.status == ReviewStatus::Invalid, reasonsOf(c).c_str());
        QVERIFY2(anyReasonContains(c, "namespace is \"git\""), reasonsOf(c).c_str());
    }

    void reviewOfAnotherProjectIsInvalid()
    {
        const ExampleReview r = exampleReview();
        Problems problems;
        ReviewRecord rec = *ReviewRecord::parse(r.bytes, problems);
        rec.project = "another-project";
        const std::string bytes = rec.serialize();
        const auto sig = sshsig::sign(bytes, testKey(), kReviewNamespace);
        const ReviewCheck c = ReviewVerifier().verify(bytes, *sig, rec.id, exampleContext());
        QVERIFY2(c.status == ReviewStatus::Invalid, reasonsOf(c).c_str());
        QVERIFY2(anyReasonContains(c, "for project \"another-project\""), reasonsOf(c).c_str());
    }

    void unknownGateOrOtherKeyIsInvalid()
    {
        const ExampleReview r = exampleReview();
        Problems problems;
        ReviewRecord rec = *ReviewRecord::parse(r.bytes, problems);
        rec.gate = "gate-9";
        std::string bytes = rec.serialize();
        ReviewCheck c =
            ReviewVerifier().verify(bytes, *sshsig::sign(bytes, testKey(), kReviewNamespace), rec.id, exampleContext());
        QVERIFY2(c.status == ReviewStatus::Invalid, reasonsOf(c).c_str());
        QVERIFY(anyReasonContains(c, "no gate \"gate-9\""));

        // Signed with a key other than reviewer.public_key.
        std::array<std::uint8_t, 32> seed{};
        seed.fill(7);
        const auto other = Ed25519Key::fromSeed(seed);
        c = ReviewVerifier().verify(r.bytes, *sshsig::sign(r.bytes, *other, kReviewNamespace), r.id, exampleContext());
        QVERIFY2(c.status == ReviewStatus::Invalid, reasonsOf(c).c_str());
        QVERIFY2(anyReasonContains(c, "is not reviewer.public_key"), reasonsOf(c).c_str());
    }

    void fileNameDifferentFromIdIsInvalid()
    {
        const ExampleReview r = exampleReview();
        const ReviewCheck c = ReviewVerifier().verify(r.bytes, r.signature, "another-id", exampleContext());
        QVERIFY2(c.status == ReviewStatus::Invalid, reasonsOf(c).c_str());
        QVERIFY(anyReasonContains(c, "named \"another-id\""));
    }

    void unparseableRecordIsInvalid()
    {
        const std::string bytes = "{\"mltrl_review\":1";
        const auto sig = sshsig::sign(bytes, testKey(), kReviewNamespace);
        const ReviewCheck c = ReviewVerifier().verify(bytes, *sig, "x", exampleContext());
        QVERIFY2(c.status == ReviewStatus::Invalid, reasonsOf(c).c_str());
        QVERIFY(!c.record);
    }
};

QTEST_GUILESS_MAIN(TestReviewVerify)
#include "tst_review_verify.moc"
