// Images of documents that the manifest does not name (assets): which references a Markdown
// text makes (as Qt's Markdown importer sees them), which Markdown cells a notebook has, how a
// reference resolves inside the archive, and what an import stores — byte for byte, bounded,
// with warnings for what it refuses (docs/archive-format.md).
#include "TempStore.h"
#include "core/common/ArchiveReference.h"
#include "core/import/ArchiveAssets.h"
#include "core/import/Importer.h"
#include "core/review/ArchiveExporter.h"
#include "core/sqlite/Database.h"
#include "core/store/RevisionData.h"
#include "core/store/Schema.h"

#include <QtTest>

#include <fstream>

using namespace mltrl;
using namespace mltrl::test;
using Outcome = ImportResult::Outcome;

namespace {

QString q(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

QStringList ql(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *i : items)
        out << q(i);
    return out;
}

QStringList toList(const std::vector<std::string> &v)
{
    QStringList out;
    for (const std::string &s : v)
        out << QString::fromStdString(s);
    return out;
}

QString dump(const Problems &problems)
{
    QStringList out;
    for (const Problem &p : problems.items())
        out << QString::fromStdString(p.toString());
    return out.join(QLatin1Char('\n'));
}

std::string readAll(const std::filesystem::path &p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

/// The example with a report that shows a figure it does not list, and hostile references.
void addReport(ExampleCopy &ex, const std::string &extraMarkdown = {})
{
    ex.writeFile("evidence/figures/roc.png", "\x89PNG\r\n\x1a\nroc-bytes");
    ex.writeFile("evidence/figures/passwd.png", "\x89PNG\r\n\x1a\nnot reached");
    ex.writeFile("evidence/report.md",
                 "# Report\n\n![roc](figures/roc.png)\n\n![p](../../etc/passwd) ![a](/etc/passwd)\n"
                 "![u](file:///etc/passwd) ![n](https://example.org/b.png)\n" +
                     extraMarkdown);
    nlohmann::json m = ex.manifest();
    m["evidence"].push_back({{"id", "ev-report"},
                             {"path", "evidence/report.md"},
                             {"title", "Report"},
                             {"kind", "report"},
                             {"media_type", "text/markdown"}});
    ex.setManifest(m);
}

} // namespace

class TestArchiveAssets : public QObject {
    Q_OBJECT
private slots:
    void markdownReferences_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QStringList>("references");
        QTest::newRow("inline") << q("a ![roc](figures/roc.png) b") << ql({"figures/roc.png"});
        QTest::newRow("title") << q("![roc](figures/roc.png \"ROC\")") << ql({"figures/roc.png"});
        QTest::newRow("angle brackets") << q("![x](<my figs/a b.png>)") << ql({"my figs/a b.png"});
        QTest::newRow("percent") << q("![x](a%20b.png)") << ql({"a%20b.png"});
        QTest::newRow("escaped") << q("![x](a\\_b.png)") << ql({"a_b.png"});
        QTest::newRow("reference style") << q("![x][r]\n\n[r]: figs/r.png") << ql({"figs/r.png"});
        QTest::newRow("two, in order") << q("![a](1.png)\n\n- ![b](2.png)") << ql({"1.png", "2.png"});
        QTest::newRow("html img") << q("<p><img alt=x src=\"figs/h.png\"></p>") << ql({"figs/h.png"});
        QTest::newRow("html single quotes") << q("text <img src='s.png'> text") << ql({"s.png"});
        QTest::newRow("html unquoted, entity") << q("<img src=a&amp;b.png>") << ql({"a&b.png"});
        QTest::newRow("html uppercase") << q("<IMG SRC=\"U.png\">") << ql({"U.png"});
        QTest::newRow("link is not an image") << q("[roc](figures/roc.png)") << ql({});
        QTest::newRow("code span") << q("`![x](code.png)`") << ql({});
        QTest::newRow("fenced code") << q("```\n![x](code.png)\n```") << ql({});
        QTest::newRow("hostile kept as written")
            << q("![x](../../etc/passwd) ![y](/dev/zero)") << ql({"../../etc/passwd", "/dev/zero"});
        QTest::newRow("table cell") << q("| a |\n|---|\n| ![t](t.png) |") << ql({"t.png"});
    }

    void markdownReferences()
    {
        QFETCH(QString, markdown);
        QFETCH(QStringList, references);
        QCOMPARE(toList(markdownImageReferences(markdown.toStdString())), references);
    }

    void referencesResolve_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("document");
        QTest::addColumn<QString>("resolved");
        QTest::addColumn<QString>("refused");
        QTest::addColumn<bool>("network");
        QTest::newRow("relative") << q("figures/roc.png") << q("evidence/r.md") << q("evidence/figures/roc.png")
                                  << q("") << false;
        QTest::newRow("up and back") << q("../evidence/a.png") << q("evidence/r.md") << q("evidence/a.png") << q("")
                                     << false;
        QTest::newRow("from root") << q("a/b.png") << q("") << q("a/b.png") << q("") << false;
        QTest::newRow("percent") << q("a%20b.png") << q("r.md") << q("a b.png") << q("") << false;
        QTest::newRow("leaves") << q("../../etc/passwd") << q("evidence/r.md") << q("") << q("leaves the archive")
                                << false;
        QTest::newRow("absolute") << q("/etc/passwd") << q("evidence/r.md") << q("") << q("absolute path") << false;
        QTest::newRow("file url") << q("file:///etc/passwd") << q("r.md") << q("") << q("file: URL") << false;
        QTest::newRow("drive") << q("C:/x.png") << q("r.md") << q("") << q("Windows path") << false;
        QTest::newRow("unc") << q("\\\\host\\x.png") << q("r.md") << q("") << q("Windows or network path") << false;
        QTest::newRow("https") << q("https://example.org/x.png") << q("r.md") << q("") << q("network") << true;
        QTest::newRow("network path") << q("//host/x.png") << q("r.md") << q("") << q("network path") << true;
        QTest::newRow("other scheme") << q("attachment:x.png") << q("r.md") << q("") << q("another kind (attachment:)")
                                      << false;
        QTest::newRow("encoded backslash")
            << q("a%5Cb.png") << q("r.md") << q("") << q("Windows or network path") << false;
        QTest::newRow("encoded nul") << q("a%00.png") << q("r.md") << q("") << q("control characters") << false;
        QTest::newRow("encoded climb") << q("a%2F..%2F..%2Fx.png") << q("r.md") << q("") << q("leaves the archive")
                                       << false;
        QTest::newRow("folder itself") << q(".") << q("") << q("") << q("not a file") << false;
    }

    void referencesResolve()
    {
        QFETCH(QString, reference);
        QFETCH(QString, document);
        QFETCH(QString, resolved);
        QFETCH(QString, refused);
        QFETCH(bool, network);
        const ArchiveReference r = resolveArchiveReference(reference.toStdString(), document.toStdString());
        QCOMPARE(QString::fromStdString(r.archivePath), resolved);
        QVERIFY2(refused.isEmpty() ? r.ok() : QString::fromStdString(r.refused).contains(refused), r.refused.c_str());
        QCOMPARE(r.network, network);
    }

    void notebookCells()
    {
        QTemporaryDir dir;
        const std::filesystem::path nb = dir.filePath(QStringLiteral("n.ipynb")).toStdString();
        const nlohmann::json doc = {
            {"metadata", {{"cells", {{{"cell_type", "markdown"}, {"source", "not a cell"}}}}}},
            {"cells",
             {{{"source", {"![a](a.png)\n", "line 2"}}, {"cell_type", "markdown"}}, // type after source
              {{"cell_type", "code"}, {"source", "![c](c.png)"}, {"outputs", nlohmann::json::array()}},
              {{"cell_type", "markdown"}, {"source", "![b](b.png)"}, {"metadata", {{"source", "x"}}}}}}};
        std::ofstream(nb) << doc.dump();
        const auto cells = notebookMarkdownCells(nb);
        QVERIFY(cells);
        QCOMPARE(toList(*cells), ql({"![a](a.png)\nline 2", "![b](b.png)"}));
        // Cut to the viewer's bounds.
        const auto capped = notebookMarkdownCells(nb, 1, 5);
        QVERIFY(capped);
        QCOMPARE(toList(*capped), ql({"![a]("}));

        std::ofstream(nb) << "{\"cells\": " << std::string(100000, '[') << std::string(100000, ']') << "}";
        QVERIFY(!notebookMarkdownCells(nb)); // nested too deep: refused, not recursed into
        std::ofstream(nb) << "{\"nbformat\": 4}";
        QVERIFY(!notebookMarkdownCells(nb));
        std::ofstream(nb) << "{\"cells\": [";
        QVERIFY(!notebookMarkdownCells(nb));
    }

    void importStoresShownImagesOnly()
    {
        TempStore ts;
        ExampleCopy ex;
        ex.writeFile("evidence/figures/unused.png", "never shown");
        ex.writeFile("evidence/figures/notes.txt", "text");
        addReport(ex, "![t](figures/notes.txt) ![m](figures/missing.png)\n");
        // The summary resolves from the archive root; a card too.
        nlohmann::json m = ex.manifest();
        m["project"]["summary"] = "![map](overview/map.svg)";
        m["cards"][0]["debrief"] = {{{"question", "q"}, {"answer", "![c](cards/c.gif)"}}};
        ex.setManifest(m);
        ex.writeFile("overview/map.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        ex.writeFile("cards/c.gif", "GIF89a");

        Problems problems;
        const ImportResult r = importArchive(ts.store(), ex.dir(), problems);
        QVERIFY2(r.outcome == Outcome::Imported, qPrintable(dump(problems)));
        const QString report = dump(problems);
        for (
            const char *expected :
            {"evidence/figures/roc.png: file is not named in the manifest; stored as an image that evidence/report.md "
             "shows",
             "overview/map.svg: file is not named in the manifest; stored as an image that mltrl.json#/project/summary "
             "shows",
             "cards/c.gif: file is not named in the manifest; stored as an image that mltrl.json#/cards/0 shows",
             "evidence/figures/unused.png: file is not named in the manifest; it is ignored and not stored",
             "evidence/report.md: the image \"../../etc/passwd\" will not be shown: it is a path that leaves the "
             "archive",
             "evidence/report.md: the image \"/etc/passwd\" will not be shown: it is an absolute path",
             "evidence/report.md: the image \"file:///etc/passwd\" will not be shown",
             "evidence/report.md: the image \"figures/notes.txt\" will not be shown: evidence/figures/notes.txt is not "
             "named in the manifest and is not an image file",
             "evidence/report.md: the image \"figures/missing.png\" will not be shown: evidence/figures/missing.png is "
             "not in the archive"})
            QVERIFY2(report.contains(QString::fromUtf8(expected)),
                     qPrintable(QString::fromUtf8(expected) + QStringLiteral("\n\n") + report));
        QVERIFY2(!report.contains(QStringLiteral("example.org")), "network images are no finding");

        const auto rev = loadRevision(ts.store(), r.projectId, std::nullopt, problems);
        QVERIFY(rev);
        QStringList paths;
        for (const auto &[path, file] : rev->assets)
            paths << QString::fromStdString(path);
        QCOMPARE(paths, ql({"cards/c.gif", "evidence/figures/roc.png", "overview/map.svg"}));
        QVERIFY(!rev->fileFor("evidence/figures/roc.png")); // assets are not named files
        const StoredFile &roc = rev->assets.at("evidence/figures/roc.png");
        QCOMPARE(readAll(ts.store().blobs().pathFor(roc.sha256)), readAll(ex.dir() / "evidence/figures/roc.png"));
        QCOMPARE(ts.store().db().queryInt("SELECT COUNT(*) FROM revision_assets WHERE document = 'evidence/report.md'"),
                 std::int64_t(1));
        QCOMPARE(ts.store().db().queryInt("SELECT assets_collected FROM revisions"), std::int64_t(1));

        // The export carries them; importing it again is the same revision with the same assets.
        QTemporaryDir out;
        const std::filesystem::path zip = out.filePath(QStringLiteral("x.mltrl")).toStdString();
        const auto exported = ArchiveExporter(ts.store()).exportRevision(r.projectId, std::nullopt, zip, problems);
        QVERIFY(exported);
        QCOMPARE(exported->assets, 3);
        Problems again;
        const ImportResult back = importArchive(ts.store(), zip, again);
        QVERIFY2(back.outcome == Outcome::AlreadyPresent, qPrintable(dump(again)));
        QVERIFY2(!dump(again).contains(QStringLiteral("differs")), qPrintable(dump(again)));
    }

    void boundsRefuseWithWarnings()
    {
        TempStore ts;
        ExampleCopy ex;
        addReport(ex, "![huge](figures/huge.png) ![a](figures/a.png) ![b](figures/b.png) ![c](figures/c.png)\n");
        ex.writeFile("evidence/figures/a.png", std::string(600, 'a'));
        ex.writeFile("evidence/figures/b.png", std::string(600, 'b'));
        ex.writeFile("evidence/figures/c.png", std::string(600, 'c'));
        ex.writeFile("evidence/figures/huge.png", "");
        std::filesystem::resize_file(ex.dir() / "evidence/figures/huge.png", 33ULL << 20);
        Problems problems;
        const ImportResult r = importArchive(ts.store(), ex.dir(), problems);
        QVERIFY2(r.ok(), qPrintable(dump(problems)));
        const QString report = dump(problems);
        QVERIFY2(
            report.contains(QStringLiteral("\"figures/huge.png\" will not be shown: evidence/figures/huge.png is not "
                                           "named in the manifest and is 34603008 bytes, over the 32 MiB")),
            qPrintable(report));
        const auto rev = loadRevision(ts.store(), r.projectId, std::nullopt, problems);
        QVERIFY(rev);
        QVERIFY(!rev->assets.count("evidence/figures/huge.png"));
        QCOMPARE(int(rev->assets.size()), 4); // roc, a, b, c

        // The revision's total and count bounds, with the collector's own limits.
        StagedArchive staged(ts.store().blobs());
        Problems p2;
        QVERIFY(staged.read(ex.dir(), p2, {}, nullptr, {}));
        AssetLimits limits;
        limits.maxTotalBytes = 1300; // roc (17 bytes) + a + b fit; c does not
        std::set<std::string> named{"mltrl.json", "evidence/report.md"};
        const std::vector<Asset> assets = collectAssets(staged, rev->manifest, named, p2, limits);
        QCOMPARE(int(assets.size()), 3);
        QVERIFY2(dump(p2).contains(QStringLiteral("\"figures/c.png\" will not be shown: evidence/figures/c.png is not "
                                                  "named in the manifest, and the unlisted images of this archive are "
                                                  "over their bound")),
                 qPrintable(dump(p2)));
        limits = {};
        limits.maxWarningsPerDocument = 2;
        Problems p3;
        (void)collectAssets(staged, rev->manifest, {"mltrl.json"}, p3, limits);
        QVERIFY2(dump(p3).contains(QStringLiteral("… and 2 more images that will not be shown")), qPrintable(dump(p3)));
    }

    void identicalArchiveKeepsStoredAssets()
    {
        TempStore ts;
        ExampleCopy ex;
        addReport(ex);
        Problems problems;
        QCOMPARE(importArchive(ts.store(), ex.dir(), problems).outcome, Outcome::Imported);
        const std::string first = readAll(ex.dir() / "evidence/figures/roc.png");
        ex.writeFile("evidence/figures/roc.png", "\x89PNG\r\n\x1a\nchanged");
        Problems again;
        const ImportResult r = importArchive(ts.store(), ex.dir(), again);
        QCOMPARE(r.outcome, Outcome::AlreadyPresent);
        QVERIFY2(
            dump(again).contains(QStringLiteral("evidence/figures/roc.png: this image differs from the copy stored "
                                                "with revision 1, which is kept")),
            qPrintable(dump(again)));
        const auto rev = loadRevision(ts.store(), r.projectId, std::nullopt, again);
        QCOMPARE(readAll(ts.store().blobs().pathFor(rev->assets.at("evidence/figures/roc.png").sha256)), first);
    }

    void revisionFromBeforeAssetsGetsThemOnReimport()
    {
        // A store of schema 5 with a revision of this archive: migrated, then the same archive
        // imported again fills in the revision's assets.
        QTemporaryDir dir;
        const std::filesystem::path storeDir = dir.path().toStdString();
        ExampleCopy ex;
        addReport(ex);
        {
            Problems problems;
            auto store = Store::open(storeDir, problems);
            QVERIFY(store);
            QCOMPARE(importArchive(*store, ex.dir(), problems).outcome, Outcome::Imported);
            // What an import before schema 6 left: no assets, not collected.
            store->db().exec("DELETE FROM revision_assets; UPDATE revisions SET assets_collected = 0;");
        }
        Problems problems;
        auto store = Store::open(storeDir, problems);
        QVERIFY(store);
        QCOMPARE(store->db().queryInt("SELECT COUNT(*) FROM revision_assets"), std::int64_t(0));
        const ImportResult r = importArchive(*store, ex.dir(), problems);
        QCOMPARE(r.outcome, Outcome::AlreadyPresent);
        const auto rev = loadRevision(*store, r.projectId, std::nullopt, problems);
        QVERIFY(rev);
        QCOMPARE(int(rev->assets.size()), 1);
        QCOMPARE(readAll(store->blobs().pathFor(rev->assets.at("evidence/figures/roc.png").sha256)),
                 readAll(ex.dir() / "evidence/figures/roc.png"));
    }

    void migratesFromVersion5()
    {
        QTemporaryDir dir;
        const std::filesystem::path storeDir = dir.path().toStdString();
        {
            sql::Database db((storeDir / "store.sqlite").string());
            for (int v = 0; v < 5; ++v)
                db.exec(schema::migrations()[static_cast<std::size_t>(v)]);
            db.exec("PRAGMA user_version=5");
        }
        Problems problems;
        auto store = Store::open(storeDir, problems);
        QVERIFY2(store, qPrintable(dump(problems)));
        QCOMPARE(store->db().queryInt("PRAGMA user_version"), std::int64_t(schema::currentVersion()));
        QCOMPARE(store->db().queryInt("SELECT COUNT(*) FROM revision_assets"), std::int64_t(0));
        ExampleCopy ex;
        addReport(ex);
        QVERIFY(importArchive(*store, ex.dir(), problems).ok());
        QCOMPARE(store->db().queryInt("SELECT COUNT(*) FROM revision_assets"), std::int64_t(1));
    }
};

QTEST_GUILESS_MAIN(TestArchiveAssets)
#include "tst_archive_assets.moc"
