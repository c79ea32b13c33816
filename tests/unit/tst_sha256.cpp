#include "core/crypto/Base64.h"
#include "core/crypto/Sha256.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace mltrl;

namespace {
QString q(const std::string &s)
{
    return QString::fromStdString(s);
}
} // namespace

class TestSha256 : public QObject {
    Q_OBJECT
private slots:
    // FIPS 180-2 / NIST CAVS example vectors.
    void nistVectors_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QString>("expect256");
        QTest::addColumn<QString>("expect512");
        QTest::newRow("empty") << QByteArray()
                               << QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
                               << QStringLiteral("cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                                                 "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
        QTest::newRow("abc") << QByteArray("abc")
                             << QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
                             << QStringLiteral("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                                               "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
        QTest::newRow("448 bits") << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                                  << QStringLiteral("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
                                  << QStringLiteral("204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
                                                    "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445");
        QTest::newRow("million a") << QByteArray(1'000'000, 'a')
                                   << QStringLiteral("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
                                   << QStringLiteral(
                                          "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
                                          "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b");
    }
    void nistVectors()
    {
        QFETCH(QByteArray, message);
        QFETCH(QString, expect256);
        QFETCH(QString, expect512);
        const std::string_view bytes(message.constData(), static_cast<std::size_t>(message.size()));
        QCOMPARE(q(sha256Hex(bytes)), expect256);
        QCOMPARE(q(toHex(sha512(bytes))), expect512);
    }

    // Any split of the input into update() calls gives the one-shot digest.
    void incrementalMatchesOneShot_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("chunk");
        QTest::newRow("empty") << 0 << 1;
        QTest::newRow("bytewise 200") << 200 << 1;
        QTest::newRow("block boundary") << 128 << 64;
        QTest::newRow("odd chunks") << 100'003 << 997;
        QTest::newRow("one chunk") << 4096 << 4096;
    }
    void incrementalMatchesOneShot()
    {
        QFETCH(int, size);
        QFETCH(int, chunk);
        std::string data(static_cast<std::size_t>(size), '\0');
        for (std::size_t i = 0; i < data.size(); ++i)
            data[i] = static_cast<char>((i * 131 + 7) & 0xff);
        Sha256 h;
        for (std::size_t i = 0; i < data.size(); i += static_cast<std::size_t>(chunk))
            h.update(std::string_view(data).substr(i, static_cast<std::size_t>(chunk)));
        QCOMPARE(q(toHex(h.finish())), q(sha256Hex(data)));
    }

    void finishResetsForReuse()
    {
        Sha256 h;
        h.update(std::string_view("first input"));
        (void)h.finish();
        h.update(std::string_view("abc"));
        QCOMPARE(q(toHex(h.finish())),
                 QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        // A moved-to hasher keeps working.
        Sha256 moved = std::move(h);
        moved.update(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t *>("abc"), 3));
        QCOMPARE(q(toHex(moved.finish())),
                 QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    void toHexIsLowercase()
    {
        const std::array<std::uint8_t, 4> bytes{0x00, 0xAB, 0x0f, 0xff};
        QCOMPARE(q(toHex(bytes)), QStringLiteral("00ab0fff"));
    }

    // Files across the 1 MiB read buffer: smaller, exactly one buffer, and several.
    void fileHashing_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::newRow("empty") << qint64(0);
        QTest::newRow("small") << qint64(3);
        QTest::newRow("one buffer") << qint64(1 << 20);
        QTest::newRow("buffer + 1") << qint64((1 << 20) + 1);
        QTest::newRow("3.5 MiB") << qint64(3 * (1 << 20) + (1 << 19));
    }
    void fileHashing()
    {
        QFETCH(qint64, size);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath(QStringLiteral("data.bin")).toStdString();
        std::string data(static_cast<std::size_t>(size), '\0');
        for (std::size_t i = 0; i < data.size(); ++i)
            data[i] = static_cast<char>((i * 7919) >> 3);
        {
            std::ofstream out(path, std::ios::binary);
            out.write(data.data(), static_cast<std::streamsize>(data.size()));
        }
        std::uint64_t lastDone = 0, lastTotal = 0;
        std::string error;
        const auto digest = sha256File(path, &error, nullptr, [&](std::uint64_t done, std::uint64_t total) {
            lastDone = done;
            lastTotal = total;
        });
        QVERIFY2(digest.has_value(), error.c_str());
        QCOMPARE(q(toHex(*digest)), q(sha256Hex(data)));
        if (size > 0) {
            QCOMPARE(lastDone, std::uint64_t(size));
            QCOMPARE(lastTotal, std::uint64_t(size));
        }
    }

    void fileErrorsAreValues()
    {
        QTemporaryDir dir;
        std::string error;
        QVERIFY(!sha256File(dir.filePath(QStringLiteral("missing")).toStdString(), &error).has_value());
        QVERIFY(error.find("cannot open") != std::string::npos);
        QVERIFY(!sha256File(dir.path().toStdString(), &error).has_value()); // a directory
        QVERIFY(!error.empty());
    }

    void fileHashingCanBeCancelled()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("f")).toStdString();
        std::ofstream(path) << "content";
        CancelToken cancel;
        cancel.cancel();
        std::string error;
        QVERIFY(!sha256File(path, &error, &cancel).has_value());
        QVERIFY(error.find("cancelled") != std::string::npos);
    }

    // Base64 is tested here too: it is the other encoding the crypto code shares.
    void base64RoundTrip_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("padded");
        QTest::addColumn<QString>("unpadded");
        // RFC 4648 §10 vectors.
        QTest::newRow("empty") << QByteArray() << QString() << QString();
        QTest::newRow("f") << QByteArray("f") << QStringLiteral("Zg==") << QStringLiteral("Zg");
        QTest::newRow("fo") << QByteArray("fo") << QStringLiteral("Zm8=") << QStringLiteral("Zm8");
        QTest::newRow("foo") << QByteArray("foo") << QStringLiteral("Zm9v") << QStringLiteral("Zm9v");
        QTest::newRow("foob") << QByteArray("foob") << QStringLiteral("Zm9vYg==") << QStringLiteral("Zm9vYg");
        QTest::newRow("fooba") << QByteArray("fooba") << QStringLiteral("Zm9vYmE=") << QStringLiteral("Zm9vYmE");
        QTest::newRow("foobar") << QByteArray("foobar") << QStringLiteral("Zm9vYmFy") << QStringLiteral("Zm9vYmFy");
        QTest::newRow("high bytes") << QByteArray("\xfb\xff\xbf", 3) << QStringLiteral("+/+/")
                                    << QStringLiteral("+/+/");
    }
    void base64RoundTrip()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, padded);
        QFETCH(QString, unpadded);
        const std::string_view b(bytes.constData(), static_cast<std::size_t>(bytes.size()));
        QCOMPARE(q(base64Encode(b)), padded);
        QCOMPARE(q(base64Encode(b, Base64Padding::Unpadded)), unpadded);
        QCOMPARE(base64Decode(padded.toStdString()), std::optional<std::string>(std::string(b)));
        QCOMPARE(base64Decode(unpadded.toStdString(), Base64Padding::Unpadded),
                 std::optional<std::string>(std::string(b)));
    }

    void base64StrictDecode_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("padded");
        QTest::newRow("bad length") << QStringLiteral("Zm9") << true;
        QTest::newRow("bad char") << QStringLiteral("Zm9*") << true;
        QTest::newRow("url alphabet") << QStringLiteral("Zm9-") << true;
        QTest::newRow("space") << QStringLiteral("Zm 9v") << true;
        QTest::newRow("newline") << QStringLiteral("Zm9v\nZm9v") << true;
        QTest::newRow("padding inside") << QStringLiteral("Zg==Zm9v") << true;
        QTest::newRow("three pads") << QStringLiteral("Z===") << true;
        QTest::newRow("only padding") << QStringLiteral("====") << true;
        QTest::newRow("nonzero slop bits") << QStringLiteral("Zh==") << true;
        QTest::newRow("nonzero slop bits 2") << QStringLiteral("Zm9=") << true;
        QTest::newRow("missing padding") << QStringLiteral("Zg") << true;
        QTest::newRow("unpadded with pad") << QStringLiteral("Zg==") << false;
        QTest::newRow("unpadded one char") << QStringLiteral("Zm9vY") << false;
    }
    void base64StrictDecode()
    {
        QFETCH(QString, text);
        QFETCH(bool, padded);
        QVERIFY(
            !base64Decode(text.toStdString(), padded ? Base64Padding::Padded : Base64Padding::Unpadded).has_value());
    }
};

QTEST_GUILESS_MAIN(TestSha256)
#include "tst_sha256.moc"
