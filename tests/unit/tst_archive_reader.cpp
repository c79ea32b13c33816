#include "ArchiveBuilder.h"
#include "TestData.h"
#include "core/archive/ArchiveReader.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <map>

using namespace mltrl;
using mltrl::test::ArchiveBuilder;

namespace {

/// Collects every entry's bytes in memory (test archives are small; bombs are stopped early).
class Collector : public EntryHandler, public EntrySink {
public:
    EntrySink *beginEntry(const std::string &path, std::uint64_t declaredSize) override
    {
        declared[path] = declaredSize;
        current = path;
        order.push_back(path);
        bytes[path].clear();
        return this;
    }
    bool write(std::span<const char> chunk) override
    {
        bytes[current].append(chunk.data(), static_cast<qsizetype>(chunk.size()));
        ++chunks;
        if (cancelAfterChunks && chunks >= cancelAfterChunks)
            cancelToken.cancel();
        return !(failAfterChunks && chunks >= failAfterChunks);
    }
    bool finishEntry(const std::string &path, std::uint64_t size, bool ok) override
    {
        finished.push_back({path, size, ok});
        return true;
    }

    struct Finished {
        std::string path;
        std::uint64_t size;
        bool ok;
    };
    std::string current;
    std::vector<std::string> order;
    std::map<std::string, QByteArray> bytes;
    std::map<std::string, std::uint64_t> declared;
    std::vector<Finished> finished;
    int chunks = 0;
    int cancelAfterChunks = 0;
    int failAfterChunks = 0;
    CancelToken cancelToken;
};

struct Outcome {
    bool ok = false;
    ArchiveSummary summary;
    Problems problems;
    Collector collector;
};

void read(const QString &path, Outcome &out, const ArchiveLimits &limits = {}, const CancelToken *cancel = nullptr)
{
    out.ok =
        readArchive(QFile::encodeName(path).toStdString(), out.collector, out.summary, out.problems, limits, cancel);
}

QString dump(const Problems &problems)
{
    QStringList lines;
    for (const Problem &p : problems.items())
        lines << QString::fromStdString(p.toString());
    return lines.join(QLatin1Char('\n'));
}

/// True when an error's `where` equals `where` (if given) and its `what` contains `what`.
bool hasError(const Problems &problems, const std::string &where, const std::string &what)
{
    for (const Problem &p : problems.errors())
        if ((where.empty() || p.where == where) && p.what.find(what) != std::string::npos)
            return true;
    return false;
}

/// Deterministic bytes that deflate cannot shrink (so truncation cuts real data).
QByteArray noise(qsizetype size, quint32 seed = 1)
{
    QByteArray out(size, Qt::Uninitialized);
    quint32 x = seed;
    for (qsizetype i = 0; i < size; ++i) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        out[i] = static_cast<char>(x & 0xFF);
    }
    return out;
}

QString suffixFor(ArchiveBuilder::Format f)
{
    switch (f) {
    case ArchiveBuilder::Zip:
        return QStringLiteral(".zip");
    case ArchiveBuilder::Tar:
        return QStringLiteral(".tar");
    case ArchiveBuilder::TarGz:
        return QStringLiteral(".tar.gz");
    }
    return {};
}

} // namespace

Q_DECLARE_METATYPE(ArchiveBuilder::Format)

class TestArchiveReader : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;

    QString build(ArchiveBuilder &b, ArchiveBuilder::Format f, const QString &stem = QStringLiteral("a"))
    {
        const QString path = m_tmp.filePath(stem + QString::number(m_counter++) + suffixFor(f));
        if (!b.write(path))
            qFatal("cannot write test archive: %s", qPrintable(b.errorString()));
        return path;
    }
    int m_counter = 0;
    std::map<ArchiveBuilder::Format, QString> m_bombs;

private slots:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    // ---- path rules ----------------------------------------------------------------------
    void pathRules_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QString>("reason"); // substring of the reason; empty = accepted
        QTest::newRow("plain") << QByteArray("mltrl.json") << QString();
        QTest::newRow("nested") << QByteArray("evidence/report v2.pdf") << QString();
        QTest::newRow("utf8") << QByteArray("caf\xc3\xa9/na\xc3\xafve.txt") << QString();
        QTest::newRow("colon inside") << QByteArray("notes/a:b.txt") << QString();
        QTest::newRow("dots in name") << QByteArray("a/..b/c..") << QString();
        QTest::newRow("1024 bytes") << QByteArray(1024, 'a') << QString();
        QTest::newRow("empty") << QByteArray() << QStringLiteral("path is empty");
        QTest::newRow("1025 bytes") << QByteArray(1025, 'a') << QStringLiteral("at most 1024");
        QTest::newRow("empty segment") << QByteArray("a//b") << QStringLiteral("empty segment");
        QTest::newRow("trailing slash") << QByteArray("a/") << QStringLiteral("empty segment");
        QTest::newRow("dot segment") << QByteArray("a/./b") << QStringLiteral("'.' segment");
        QTest::newRow("dot alone") << QByteArray(".") << QStringLiteral("'.' segment");
        QTest::newRow("dotdot") << QByteArray("../x") << QStringLiteral("'..' segment");
        QTest::newRow("dotdot inside") << QByteArray("a/../../x") << QStringLiteral("'..' segment");
        QTest::newRow("absolute") << QByteArray("/etc/passwd") << QStringLiteral("absolute");
        QTest::newRow("backslash") << QByteArray("a\\b") << QStringLiteral("backslash");
        QTest::newRow("drive letter") << QByteArray("C:/x") << QStringLiteral("drive letter");
        QTest::newRow("drive relative") << QByteArray("c:x") << QStringLiteral("drive letter");
        QTest::newRow("control char") << QByteArray("a\x01z") << QStringLiteral("control character");
        QTest::newRow("newline") << QByteArray("a\nb") << QStringLiteral("control character");
        QTest::newRow("DEL") << QByteArray("a\x7f") << QStringLiteral("control character");
        QTest::newRow("C1 control") << QByteArray("a\xc2\x85") << QStringLiteral("control character");
        QTest::newRow("invalid utf8") << QByteArray("bad\xff.txt") << QStringLiteral("not valid UTF-8");
        QTest::newRow("overlong utf8") << QByteArray("\xc0\xaf") << QStringLiteral("not valid UTF-8");
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << QStringLiteral("not valid UTF-8");
        QTest::newRow("truncated utf8") << QByteArray("caf\xc3") << QStringLiteral("not valid UTF-8");
    }
    void pathRules()
    {
        QFETCH(QByteArray, path);
        QFETCH(QString, reason);
        const QString got = QString::fromStdString(checkArchivePath(path.toStdString()));
        if (reason.isEmpty())
            QCOMPARE(got, QString());
        else
            QVERIFY2(got.contains(reason), qPrintable(got));
    }

    // ---- bad entries inside real archives ------------------------------------------------
    void badEntryNames_data()
    {
        QTest::addColumn<ArchiveBuilder::Format>("format");
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("reason");
        const struct {
            const char *tag;
            QByteArray name;
            QString where;
            QString reason;
        } rows[] = {
            {"dotdot", "../x", QStringLiteral("../x"), QStringLiteral("'..'")},
            {"absolute", "/abs/x", QStringLiteral("/abs/x"), QStringLiteral("absolute")},
            {"drive", "C:/x", QStringLiteral("C:/x"), QStringLiteral("drive letter")},
            {"empty segment", "a//b", QStringLiteral("a//b"), QStringLiteral("empty segment")},
            {"dot segment", "a/./b", QStringLiteral("a/./b"), QStringLiteral("'.' segment")},
            {"control", "a\x01z", QStringLiteral("a\\x01z"), QStringLiteral("control character")},
            {"backslash", "dir/a\\b", QStringLiteral("dir/a\\b"), QStringLiteral("backslash")},
            {"too long", QByteArray(1100, 'n'), QString(1100, QLatin1Char('n')), QStringLiteral("at most 1024")},
        };
        for (auto f : {ArchiveBuilder::Zip, ArchiveBuilder::Tar, ArchiveBuilder::TarGz})
            for (const auto &r : rows)
                QTest::addRow("%s %s", qPrintable(suffixFor(f)), r.tag) << f << r.name << r.where << r.reason;
        // Raw bytes that are not UTF-8 survive in tar names.
        QTest::newRow("tar invalid utf8") << ArchiveBuilder::Tar << QByteArray("bad\xff.txt")
                                          << QStringLiteral("bad\\xFF.txt") << QStringLiteral("not valid UTF-8");
        // A bad directory name is rejected too, even though directories carry nothing.
        QTest::newRow("tar bad directory")
            << ArchiveBuilder::Tar << QByteArray("../up/") << QStringLiteral("../up/") << QStringLiteral("'..'");
    }
    void badEntryNames()
    {
        QFETCH(ArchiveBuilder::Format, format);
        QFETCH(QByteArray, name);
        QFETCH(QString, where);
        QFETCH(QString, reason);
        ArchiveBuilder b(format);
        b.addFile("mltrl.json", "{}");
        if (name.endsWith('/'))
            b.addDirectory(name.toStdString());
        else
            b.addFile(name.toStdString(), "payload");
        Outcome out;
        read(build(b, format), out);
        QVERIFY(!out.ok);
        QCOMPARE(out.problems.errorCount(), std::size_t(1));
        const Problem p = out.problems.errors().front();
        QCOMPARE(QString::fromStdString(p.where), where);
        QVERIFY2(QString::fromStdString(p.what).contains(reason), p.what.c_str());
        // The bad entry never reaches the handler; the good one does.
        QCOMPARE(out.collector.order, std::vector<std::string>{"mltrl.json"});
    }

    void invalidUtf8NameInZipIsRejected()
    {
        // libarchive cannot convert such a name and reports it unnamed: still an error.
        ArchiveBuilder b(ArchiveBuilder::Zip);
        b.addFile("ok.txt", "1").addFile("bad\xff.txt", "2");
        Outcome out;
        read(build(b, ArchiveBuilder::Zip), out);
        QVERIFY(!out.ok);
        QCOMPARE(out.problems.errorCount(), std::size_t(1));
        QVERIFY2(hasError(out.problems, {}, "UTF-8"), qPrintable(dump(out.problems)));
        QCOMPARE(out.collector.order, std::vector<std::string>{"ok.txt"});
    }

    void zipBackslashNameIsRejected()
    {
        // libarchive turns "evidence\\r.txt" into "evidence/r.txt" (old Windows archivers); the
        // contract rejects the name instead of sanitising it.
        ArchiveBuilder b(ArchiveBuilder::Zip);
        b.addFile("mltrl.json", "{}").addFile("evidence\\r.txt", "r");
        Outcome out;
        read(build(b, ArchiveBuilder::Zip), out);
        QVERIFY(!out.ok);
        QCOMPARE(out.problems.errorCount(), std::size_t(1));
        QVERIFY2(hasError(out.problems, "evidence\\r.txt", "backslash"), qPrintable(dump(out.problems)));
    }

    void specialEntries_data()
    {
        QTest::addColumn<ArchiveBuilder::Format>("format");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("reason");
        for (auto f : {ArchiveBuilder::Zip, ArchiveBuilder::Tar, ArchiveBuilder::TarGz})
            QTest::addRow("%s symlink", qPrintable(suffixFor(f)))
                << f << QStringLiteral("symlink") << QStringLiteral("symbolic link");
        for (auto f : {ArchiveBuilder::Tar, ArchiveBuilder::TarGz}) {
            QTest::addRow("%s hardlink", qPrintable(suffixFor(f)))
                << f << QStringLiteral("hardlink") << QStringLiteral("hard link");
            QTest::addRow("%s device", qPrintable(suffixFor(f)))
                << f << QStringLiteral("device") << QStringLiteral("device");
            QTest::addRow("%s fifo", qPrintable(suffixFor(f))) << f << QStringLiteral("fifo") << QStringLiteral("FIFO");
        }
    }
    void specialEntries()
    {
        QFETCH(ArchiveBuilder::Format, format);
        QFETCH(QString, kind);
        QFETCH(QString, reason);
        ArchiveBuilder b(format);
        b.addFile("mltrl.json", "{}");
        if (kind == QLatin1String("symlink"))
            b.addSymlink("link", "/etc/passwd");
        else if (kind == QLatin1String("hardlink"))
            b.addHardlink("link", "mltrl.json");
        else if (kind == QLatin1String("device"))
            b.addCharDevice("link");
        else
            b.addFifo("link");
        Outcome out;
        read(build(b, format), out);
        QVERIFY(!out.ok);
        QCOMPARE(out.problems.errorCount(), std::size_t(1));
        QVERIFY2(hasError(out.problems, "link", reason.toStdString()), qPrintable(dump(out.problems)));
        QCOMPARE(out.collector.order, std::vector<std::string>{"mltrl.json"});
    }

    void directorySpecialEntries_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("reason");
        QTest::newRow("symlink to file") << QStringLiteral("file") << QStringLiteral("symbolic link");
        QTest::newRow("symlink to dir") << QStringLiteral("dir") << QStringLiteral("symbolic link");
        QTest::newRow("fifo") << QStringLiteral("fifo") << QStringLiteral("FIFO");
    }
    void directorySpecialEntries()
    {
        QFETCH(QString, kind);
        QFETCH(QString, reason);
        ArchiveBuilder b(ArchiveBuilder::Tar); // only the entry list is used
        b.addFile("mltrl.json", "{}").addFile("sub/secret.txt", "s");
        if (kind == QLatin1String("file"))
            b.addSymlink("link", "mltrl.json");
        else if (kind == QLatin1String("dir"))
            b.addSymlink("link", "sub");
        else
            b.addFifo("link");
        const QString dir = m_tmp.filePath(QStringLiteral("dir") + QString::number(m_counter++));
        QVERIFY2(b.writeDirectory(dir), qPrintable(b.errorString()));
        Outcome out;
        read(dir, out);
        QVERIFY(!out.ok);
        QCOMPARE(out.problems.errorCount(), std::size_t(1));
        QVERIFY2(hasError(out.problems, "link", reason.toStdString()), qPrintable(dump(out.problems)));
        // The link was not followed: nothing was read through it.
        QCOMPARE(out.collector.order, (std::vector<std::string>{"mltrl.json", "sub/secret.txt"}));
    }

    void reportsEveryProblem()
    {
        ArchiveBuilder b(ArchiveBuilder::Tar);
        b.addFile("../a", "a").addSymlink("b", "/etc").addFile("mltrl.json", "{}").addFile("C:/c", "c");
        Outcome out;
        read(build(b, ArchiveBuilder::Tar), out);
        QVERIFY(!out.ok);
        QCOMPARE(out.problems.errorCount(), std::size_t(3));
        QVERIFY(hasError(out.problems, "../a", "'..'"));
        QVERIFY(hasError(out.problems, "b", "symbolic link"));
        QVERIFY(hasError(out.problems, "C:/c", "drive letter"));
        QCOMPARE(out.summary.paths, std::vector<std::string>{"mltrl.json"});
    }

    void duplicates_data()
    {
        QTest::addColumn<ArchiveBuilder::Format>("format");
        QTest::addColumn<QByteArray>("second");
        QTest::newRow("zip same name") << ArchiveBuilder::Zip << QByteArray("a.txt");
        QTest::newRow("tar same name") << ArchiveBuilder::Tar << QByteArray("a.txt");
        QTest::newRow("tar dot-slash") << ArchiveBuilder::Tar << QByteArray("./a.txt");
        QTest::newRow("tar.gz dot-slash") << ArchiveBuilder::TarGz << QByteArray("./a.txt");
    }
    void duplicates()
    {
        QFETCH(ArchiveBuilder::Format, format);
        QFETCH(QByteArray, second);
        ArchiveBuilder b(format);
        b.addFile("a.txt", "first").addFile(second.toStdString(), "second");
        Outcome out;
        read(build(b, format), out);
        QVERIFY(!out.ok);
        QCOMPARE(out.problems.errorCount(), std::size_t(1));
        QVERIFY2(hasError(out.problems, second.toStdString(), "only once"), qPrintable(dump(out.problems)));
        QCOMPARE(out.collector.bytes.at("a.txt"), QByteArray("first"));
    }

    void dotSlashAndDirectoryEntries()
    {
        // What `tar -cf x.tar -C dir .` writes.
        ArchiveBuilder b(ArchiveBuilder::Tar);
        b.addDirectory("./").addDirectory("./evidence/").addFile("./evidence/r.txt", "r").addFile("./mltrl.json", "{}");
        Outcome out;
        read(build(b, ArchiveBuilder::Tar), out);
        QVERIFY2(out.ok, qPrintable(dump(out.problems)));
        QVERIFY(out.problems.empty());
        QCOMPARE(out.summary.paths, (std::vector<std::string>{"evidence/r.txt", "mltrl.json"}));
        QCOMPARE(out.summary.rootPrefix, std::string());
        QCOMPARE(out.summary.totalBytes, std::uint64_t(3));
    }

    // ---- wrapping folder -----------------------------------------------------------------
    void rootPrefix_data()
    {
        QTest::addColumn<QStringList>("paths");
        QTest::addColumn<QString>("prefix");
        QTest::newRow("flat") << QStringList{QStringLiteral("mltrl.json"), QStringLiteral("a/b")} << QString();
        QTest::newRow("wrapped") << QStringList{QStringLiteral("p/mltrl.json"), QStringLiteral("p/e/r.txt")}
                                 << QStringLiteral("p/");
        QTest::newRow("wrapped, manifest only") << QStringList{QStringLiteral("p/mltrl.json")} << QStringLiteral("p/");
        QTest::newRow("folder without manifest")
            << QStringList{QStringLiteral("p/a.json"), QStringLiteral("p/e/r.txt")} << QString();
        QTest::newRow("manifest one level deeper") << QStringList{QStringLiteral("p/q/mltrl.json")} << QString();
        QTest::newRow("two folders") << QStringList{QStringLiteral("p/mltrl.json"), QStringLiteral("q/x")} << QString();
        QTest::newRow("folder and root file")
            << QStringList{QStringLiteral("p/mltrl.json"), QStringLiteral("readme")} << QString();
        QTest::newRow("root manifest too")
            << QStringList{QStringLiteral("mltrl.json"), QStringLiteral("p/mltrl.json")} << QString();
        QTest::newRow("prefix-like sibling")
            << QStringList{QStringLiteral("p/mltrl.json"), QStringLiteral("pq/x")} << QString();
        QTest::newRow("empty") << QStringList{} << QString();
    }
    void rootPrefix()
    {
        QFETCH(QStringList, paths);
        QFETCH(QString, prefix);
        std::vector<std::string> v;
        for (const QString &p : paths)
            v.push_back(p.toStdString());
        QCOMPARE(QString::fromStdString(detectRootPrefix(v)), prefix);
    }

    void wrappingFolderInSummary()
    {
        ArchiveBuilder b(ArchiveBuilder::Zip);
        b.addDirectory("proj/").addFile("proj/mltrl.json", "{}").addFile("proj/evidence/a.txt", "a");
        Outcome out;
        read(build(b, ArchiveBuilder::Zip), out);
        QVERIFY2(out.ok, qPrintable(dump(out.problems)));
        QCOMPARE(out.summary.rootPrefix, std::string("proj/"));
    }

    // ---- every form yields the same entries -----------------------------------------------
    void formsAgree_data()
    {
        QTest::addColumn<QString>("form");
        for (const char *f : {"zip-deflate", "zip-store", "tar", "tar.gz", "directory"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }
    void formsAgree()
    {
        QFETCH(QString, form);
        const std::map<std::string, QByteArray> expected{
            {"mltrl.json", "{\"format\": 1}\n"},
            {"evidence/noise.bin", noise(1536 * 1024)},           // over 1 MiB, incompressible
            {"evidence/zeros.bin", QByteArray(900 * 1024, '\0')}, // compressible but under the bomb minimum
            {"metrics/empty.csv", QByteArray()},
            {"metrics/caf\xc3\xa9.csv", "a,b\n1,2\n"},
        };
        const auto fill = [&](ArchiveBuilder &b) {
            for (const auto &[name, bytes] : expected)
                b.addFile(name, bytes);
        };
        QString path;
        if (form == QLatin1String("directory")) {
            ArchiveBuilder b(ArchiveBuilder::Tar);
            fill(b);
            path = m_tmp.filePath(QStringLiteral("form-dir"));
            QVERIFY2(b.writeDirectory(path), qPrintable(b.errorString()));
            QCOMPARE(detectArchiveFormat(QFile::encodeName(path).toStdString()), ArchiveFormat::Directory);
        } else {
            const auto format = form == QLatin1String("tar")      ? ArchiveBuilder::Tar
                                : form == QLatin1String("tar.gz") ? ArchiveBuilder::TarGz
                                                                  : ArchiveBuilder::Zip;
            ArchiveBuilder b(format, form == QLatin1String("zip-store") ? ArchiveBuilder::Compression::Store
                                                                        : ArchiveBuilder::Compression::Deflate);
            fill(b);
            path = build(b, format);
        }
        Outcome out;
        std::uint64_t lastDone = 0, lastTotal = 0;
        int progressCalls = 0;
        out.ok = readArchive(QFile::encodeName(path).toStdString(), out.collector, out.summary, out.problems, {},
                             nullptr, [&](std::uint64_t done, std::uint64_t total) {
                                 lastDone = done;
                                 lastTotal = total;
                                 ++progressCalls;
                             });
        QVERIFY2(out.ok, qPrintable(dump(out.problems)));
        QVERIFY(out.problems.empty());
        QCOMPARE(out.collector.bytes.size(), expected.size());
        for (const auto &[name, bytes] : expected) {
            QVERIFY2(out.collector.bytes.count(name), name.c_str());
            QVERIFY2(out.collector.bytes.at(name) == bytes, name.c_str());
        }
        std::uint64_t total = 0;
        for (const auto &[name, bytes] : expected)
            total += static_cast<std::uint64_t>(bytes.size());
        QCOMPARE(out.summary.totalBytes, total);
        QCOMPARE(out.summary.paths, out.collector.order);
        for (const auto &f : out.collector.finished) {
            QVERIFY(f.ok);
            QCOMPARE(f.size, static_cast<std::uint64_t>(expected.at(f.path).size()));
        }
        QVERIFY(progressCalls > 1);
        QVERIFY(lastTotal > 0);
        QCOMPARE(lastDone, lastTotal);
        if (form == QLatin1String("directory")) // sorted walk
            QVERIFY(std::is_sorted(out.summary.paths.begin(), out.summary.paths.end()));
    }

    void exampleMinDirectory()
    {
        Outcome out;
        read(test::dataPath(QStringLiteral("example-min")), out);
        QVERIFY2(out.ok, qPrintable(dump(out.problems)));
        QVERIFY(std::find(out.summary.paths.begin(), out.summary.paths.end(), "mltrl.json") != out.summary.paths.end());
        QCOMPARE(out.summary.rootPrefix, std::string());
    }

    // ---- format detection and broken input ------------------------------------------------
    void detectsByContent()
    {
        ArchiveBuilder zip(ArchiveBuilder::Zip);
        zip.addFile("a", "a");
        const QString zipPath = build(zip, ArchiveBuilder::Zip);
        const QString renamed = m_tmp.filePath(QStringLiteral("renamed.bin"));
        QVERIFY(QFile::copy(zipPath, renamed));
        QCOMPARE(detectArchiveFormat(QFile::encodeName(renamed).toStdString()), ArchiveFormat::Zip);

        ArchiveBuilder tgz(ArchiveBuilder::TarGz);
        tgz.addFile("a", "a");
        const QString tgzRenamed = m_tmp.filePath(QStringLiteral("project.mltrl"));
        QVERIFY(QFile::copy(build(tgz, ArchiveBuilder::TarGz), tgzRenamed));
        QCOMPARE(detectArchiveFormat(QFile::encodeName(tgzRenamed).toStdString()), ArchiveFormat::TarGz);
        Outcome out;
        read(tgzRenamed, out);
        QVERIFY2(out.ok, qPrintable(dump(out.problems)));

        ArchiveBuilder tar(ArchiveBuilder::Tar);
        tar.addFile("a", "a");
        const QString tarRenamed = m_tmp.filePath(QStringLiteral("tar.data"));
        QVERIFY(QFile::copy(build(tar, ArchiveBuilder::Tar), tarRenamed));
        QCOMPARE(detectArchiveFormat(QFile::encodeName(tarRenamed).toStdString()), ArchiveFormat::Tar);
    }

    void notAnArchive_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("text named .mltrl") << QStringLiteral("x.mltrl") << QByteArray("hello, not a zip\n");
        QTest::newRow("text named .tar.gz") << QStringLiteral("x.tar.gz") << QByteArray("hello\n");
        QTest::newRow("text named .tar") << QStringLiteral("x.tar") << QByteArray(2048, 'x');
        QTest::newRow("unknown name") << QStringLiteral("notes.txt") << QByteArray("hello\n");
        QTest::newRow("empty file") << QStringLiteral("empty.zip") << QByteArray();
        QTest::newRow("gzip of text") << QStringLiteral("t.tgz")
                                      << QByteArray::fromHex(
                                             "1f8b0800000000000003cb48cdc9c95728cf2fca49e102002d3b08af0c000000");
    }
    void notAnArchive()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        const QString path = m_tmp.filePath(name);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        Outcome out;
        read(path, out);
        QVERIFY(!out.ok);
        QCOMPARE(out.problems.errorCount(), std::size_t(1));
        QCOMPARE(QString::fromStdString(out.problems.errors().front().toString()),
                 name + QStringLiteral(": not a ZIP, tar or tar.gz archive"));
    }

    void missingFile()
    {
        Outcome out;
        read(m_tmp.filePath(QStringLiteral("nope.mltrl")), out);
        QVERIFY(!out.ok);
        QVERIFY(hasError(out.problems, "nope.mltrl", "no such file"));
    }

    void truncated_data()
    {
        QTest::addColumn<ArchiveBuilder::Format>("format");
        QTest::newRow("zip") << ArchiveBuilder::Zip;
        QTest::newRow("tar") << ArchiveBuilder::Tar;
        QTest::newRow("tar.gz") << ArchiveBuilder::TarGz;
    }
    void truncated()
    {
        QFETCH(ArchiveBuilder::Format, format);
        ArchiveBuilder b(format);
        b.addFile("mltrl.json", "{}").addFile("big.bin", noise(400 * 1024)).addFile("tail.txt", "t");
        const QString full = build(b, format);
        const QString cut = m_tmp.filePath(QStringLiteral("cut") + QString::number(m_counter++) + suffixFor(format));
        QVERIFY(test::writeTruncatedCopy(full, cut, QFileInfo(full).size() / 2));
        Outcome out;
        read(cut, out);
        QVERIFY(!out.ok);
        QVERIFY2(hasError(out.problems, {}, "truncated"), qPrintable(dump(out.problems)));
        // Whatever was cut short was reported as such to the handler.
        for (const auto &f : out.collector.finished)
            if (f.path == "big.bin")
                QVERIFY(!f.ok);
    }

    // ---- limits ---------------------------------------------------------------------------
    void bombs_data()
    {
        QTest::addColumn<ArchiveBuilder::Format>("format");
        QTest::addColumn<bool>("understate");
        QTest::newRow("zip, 1 GiB of zeros") << ArchiveBuilder::Zip << false;
        QTest::newRow("tar.gz, 1 GiB of zeros") << ArchiveBuilder::TarGz << false;
        QTest::newRow("zip, headers understate the size") << ArchiveBuilder::Zip << true;
    }
    void bombs()
    {
        QFETCH(ArchiveBuilder::Format, format);
        QFETCH(bool, understate);
        // Generating a GiB of deflated zeros takes seconds: the ZIP is made once and copied.
        QString &made = m_bombs[format];
        if (made.isEmpty()) {
            ArchiveBuilder b(format);
            b.addFile("mltrl.json", "{}").addZeros("zeros.bin", 1ull << 30);
            made = build(b, format, QStringLiteral("bomb"));
        }
        QString path = made;
        if (understate) {
            path = m_tmp.filePath(QStringLiteral("understated.zip"));
            QVERIFY(QFile::copy(made, path));
            QVERIFY(test::patchZipUncompressedSize(path, "zeros.bin", 1000));
        }
        QVERIFY(QFileInfo(path).size() < 8 * 1024 * 1024);

        QElapsedTimer timer;
        timer.start();
        Outcome out;
        read(path, out);
        QVERIFY(!out.ok);
        QVERIFY2(hasError(out.problems, "zeros.bin", "decompression bomb"), qPrintable(dump(out.problems)));
        QCOMPARE(out.problems.errorCount(), std::size_t(1));
        // The headers said what the test made them say; the reader did not rely on them.
        QCOMPARE(out.collector.declared.at("zeros.bin"), understate ? std::uint64_t(1000) : std::uint64_t(1) << 30);
        QVERIFY(hasError(out.problems, "zeros.bin", "of compressed data (more than 200 times"));
        // Stopped soon after the 1 MiB minimum, not after inflating the whole GiB.
        QCOMPARE(out.collector.finished.back().path, std::string("zeros.bin"));
        QVERIFY(!out.collector.finished.back().ok);
        QVERIFY2(out.collector.finished.back().size < 16ull << 20,
                 qPrintable(QString::number(out.collector.finished.back().size)));
        QVERIFY(out.summary.totalBytes < 16ull << 20);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    }

    void understatedSizeIsOnlyTrustedAsProduced()
    {
        // A modest entry (no bomb) whose headers claim fewer bytes: the bytes actually produced
        // are what count, and libarchive's size check rejects the lie.
        ArchiveBuilder b(ArchiveBuilder::Zip);
        b.addFile("data.bin", noise(300 * 1024));
        const QString path = build(b, ArchiveBuilder::Zip);
        QVERIFY(test::patchZipUncompressedSize(path, "data.bin", 10));
        Outcome out;
        ArchiveLimits limits;
        limits.maxTotalBytes = 100 * 1024;
        read(path, out, limits);
        QVERIFY(!out.ok);
        QVERIFY2(hasError(out.problems, "data.bin", "more than 100.0 KiB"), qPrintable(dump(out.problems)));
    }

    void entryLimit()
    {
        ArchiveBuilder b(ArchiveBuilder::Zip);
        for (int i = 0; i < 5; ++i)
            b.addFile("f" + std::to_string(i), "x");
        ArchiveLimits limits;
        limits.maxEntries = 3;
        Outcome out;
        read(build(b, ArchiveBuilder::Zip), out, limits);
        QVERIFY(!out.ok);
        QVERIFY2(hasError(out.problems, {}, "more than 3 entries"), qPrintable(dump(out.problems)));
        QCOMPARE(out.collector.order.size(), std::size_t(3));

        limits.maxEntries = 5;
        Outcome exact;
        read(build(b, ArchiveBuilder::Zip), exact, limits);
        QVERIFY2(exact.ok, qPrintable(dump(exact.problems)));
    }

    void totalSizeLimit_data()
    {
        QTest::addColumn<QString>("form");
        QTest::newRow("tar") << QStringLiteral("tar");
        QTest::newRow("zip") << QStringLiteral("zip");
        QTest::newRow("directory") << QStringLiteral("directory");
    }
    void totalSizeLimit()
    {
        QFETCH(QString, form);
        ArchiveBuilder b(form == QLatin1String("zip") ? ArchiveBuilder::Zip : ArchiveBuilder::Tar);
        b.addFile("a", QByteArray(600, 'a')).addFile("b", QByteArray(600, 'b')).addFile("c", "c");
        QString path;
        if (form == QLatin1String("directory")) {
            path = m_tmp.filePath(QStringLiteral("total-dir"));
            QVERIFY(b.writeDirectory(path));
        } else {
            path = build(b, form == QLatin1String("zip") ? ArchiveBuilder::Zip : ArchiveBuilder::Tar);
        }
        ArchiveLimits limits;
        limits.maxTotalBytes = 1000;
        Outcome out;
        read(path, out, limits);
        QVERIFY(!out.ok);
        QVERIFY2(hasError(out.problems, "b", "more than 1000 bytes uncompressed"), qPrintable(dump(out.problems)));
        QCOMPARE(out.collector.order, (std::vector<std::string>{"a", "b"})); // stopped at b
        QVERIFY(!out.collector.finished.back().ok);
    }

    // ---- cancellation and aborts ----------------------------------------------------------
    void cancellation_data()
    {
        QTest::addColumn<QString>("form");
        QTest::newRow("zip") << QStringLiteral("zip");
        QTest::newRow("directory") << QStringLiteral("directory");
    }
    void cancellation()
    {
        QFETCH(QString, form);
        ArchiveBuilder b(ArchiveBuilder::Zip);
        b.addFile("a.bin", noise(512 * 1024)).addFile("b.bin", noise(512 * 1024, 7));
        QString path;
        if (form == QLatin1String("directory")) {
            path = m_tmp.filePath(QStringLiteral("cancel-dir"));
            QVERIFY(b.writeDirectory(path));
        } else {
            path = build(b, ArchiveBuilder::Zip);
        }
        Outcome out;
        out.collector.cancelAfterChunks = 2;
        read(path, out, {}, &out.collector.cancelToken);
        QVERIFY(!out.ok);
        QVERIFY2(hasError(out.problems, {}, "cancelled"), qPrintable(dump(out.problems)));
        QCOMPARE(out.collector.chunks, 2); // checked between chunks
        QCOMPARE(out.collector.finished.size(), std::size_t(1));
        QVERIFY(!out.collector.finished.front().ok);

        Outcome before;
        CancelToken already;
        already.cancel();
        read(path, before, {}, &already);
        QVERIFY(!before.ok);
        QVERIFY(before.collector.order.empty());
        QCOMPARE(before.problems.errorCount(), std::size_t(1));
    }

    void sinkAbortStops()
    {
        ArchiveBuilder b(ArchiveBuilder::TarGz);
        b.addFile("a.bin", noise(300 * 1024)).addFile("b.bin", "b");
        Outcome out;
        out.collector.failAfterChunks = 1;
        read(build(b, ArchiveBuilder::TarGz), out);
        QVERIFY(!out.ok);
        QVERIFY(out.problems.empty()); // the sink reports its own failure
        QCOMPARE(out.collector.order, std::vector<std::string>{"a.bin"});
        QVERIFY(!out.collector.finished.front().ok);
    }
};

QTEST_GUILESS_MAIN(TestArchiveReader)
#include "tst_archive_reader.moc"
