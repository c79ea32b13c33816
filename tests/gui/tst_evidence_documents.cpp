// Documents whole (issue 20): a Markdown report's figure that the manifest does not list is
// shown from the archive (stored at import as an asset), while references outside the archive
// are not; and a notebook's SVG, HTML-table, HTML and error outputs render as Jupyter shows
// them — as images, tables, sanitized text and coloured tracebacks — with nothing run, loaded
// or printed raw. The archives and notebooks are generated here; every assertion is on what
// the reviewer sees (pixels, the document's tables, text and colours).
#include "EvidenceFixture.h"
#include "ui/common/ArchiveTextBrowser.h"
#include "ui/evidence/EvidenceSource.h"
#include "ui/evidence/EvidenceViewer.h"
#include "ui/evidence/MarkdownEvidenceViewer.h"
#include "ui/evidence/NotebookEvidenceViewer.h"
#include "ui/evidence/NotebookOutputText.h"

#include <QBuffer>
#include <QLabel>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextTable>
#include <QtTest>

#include <set>

using namespace mltrl;
using namespace mltrl::ui;

namespace {

const QColor kFigure(0x20, 0x40, 0xc0);   // the archive's unlisted figure
const QColor kCanary(0x12, 0xe4, 0x56);   // a file outside the archive: never shown
const QColor kSvg(0xc0, 0x10, 0x20);      // the notebook's SVG output
const QColor kAttached(0xe0, 0x90, 0x10); // a Markdown cell's own attachment

QByteArray png(const QColor &colour, int w, int h)
{
    QImage image(w, h, QImage::Format_RGB32);
    image.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

bool hasColour(const QImage &image, const QColor &colour)
{
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x)
            if ((img.pixel(x, y) & 0xffffff) == (colour.rgb() & 0xffffff))
                return true;
    return false;
}

/// Every character format of the document's text (one per fragment).
std::vector<QTextCharFormat> fragmentFormats(const QTextDocument *doc)
{
    std::vector<QTextCharFormat> out;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it)
            if (it.fragment().isValid())
                out.push_back(it.fragment().charFormat());
    return out;
}

QTextTable *firstTable(QTextDocument *doc)
{
    for (QTextFrame *f : doc->rootFrame()->childFrames())
        if (auto *t = qobject_cast<QTextTable *>(f))
            return t;
    return nullptr;
}

QString cellText(QTextTable *t, int row, int column)
{
    const QTextTableCell cell = t->cellAt(row, column);
    QTextCursor c = cell.firstCursorPosition();
    c.setPosition(cell.lastCursorPosition().position(), QTextCursor::KeepAnchor);
    return c.selectedText().trimmed();
}

std::unique_ptr<EvidenceViewer> openViewer(const EvidenceSource &source)
{
    std::unique_ptr<EvidenceViewer> viewer(EvidenceViewer::create(source));
    viewer->resize(1000, 900);
    viewer->show();
    if (!QTest::qWaitFor([&] { return viewer->isLoaded(); }, 15000))
        return nullptr;
    return viewer;
}

std::string esc(const std::string &s)
{
    std::string out;
    for (char c : s)
        out += c == '~' ? '\x1b' : c; // "~" stands for ESC below
    return out;
}

/// The example archive plus a report and a notebook whose figures are in the archive but not
/// in the manifest, and a canary PNG outside the archive that hostile references name.
class DocumentArchive {
public:
    DocumentArchive()
    {
        QVERIFY(m_outside.isValid());
        canary = QDir(m_outside.path()).filePath(QStringLiteral("canary.png"));
        QFile f(canary);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(png(kCanary, 40, 40));
        f.close();
        const std::string up = "../../../../../../../../../.." + canary.toStdString();

        m_ex.writeFile("evidence/figures/roc.png", png(kFigure, 160, 90).toStdString());
        m_ex.writeFile("evidence/report.md", "# Report\n\nThe ROC curve:\n\n![roc](figures/roc.png)\n\n"
                                             "![abs](" +
                                                 canary.toStdString() + ") ![up](" + up + ")\n");
        m_ex.writeFile("notebooks/figures/nb.png", png(kFigure, 80, 40).toStdString());
        m_ex.writeFile("notebooks/analysis.ipynb", notebook().dump());
        nlohmann::json m = m_ex.manifest();
        m["evidence"].push_back({{"id", "ev-report"},
                                 {"path", "evidence/report.md"},
                                 {"title", "Report"},
                                 {"kind", "report"},
                                 {"media_type", "text/markdown"}});
        m["evidence"].push_back({{"id", "ev-nb"},
                                 {"path", "notebooks/analysis.ipynb"},
                                 {"title", "Analysis"},
                                 {"kind", "notebook"},
                                 {"media_type", "application/x-ipynb+json"}});
        m_ex.setManifest(m);

        Problems problems;
        const ImportResult r = importArchive(m_store.store(), m_ex.dir(), problems);
        if (!r.ok())
            qFatal("cannot import: %s", problems.items().empty() ? "?" : problems.items().front().toString().c_str());
        auto rev = loadRevision(m_store.store(), r.projectId, std::nullopt, problems);
        if (!rev)
            qFatal("cannot load the revision");
        m_revision = std::make_unique<RevisionData>(std::move(*rev));
    }

    nlohmann::json notebook() const
    {
        const std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"60\">"
                                "<rect width=\"120\" height=\"60\" fill=\"#c01020\"/>"
                                "<image href=\"" +
                                canary.toStdString() + "\" width=\"60\" height=\"60\"/></svg>";
        const std::string table =
            "<div><style scoped>.dataframe tbody tr th { vertical-align: top; }</style>"
            "<table border=\"1\" class=\"dataframe\"><thead><tr style=\"text-align: right;\"><th></th><th>site</th>"
            "<th>auroc</th></tr></thead><tbody><tr><th>0</th><td>A</td><td>0.93</td></tr>"
            "<tr><th>1</th><td onclick=\"alert(1)\">B</td><td>0.88</td></tr></tbody></table></div>";
        const std::string html = "<b>bold words</b> <script>document.title = 'script-ran'</script>"
                                 "<img src=\"" +
                                 canary.toStdString() +
                                 "\"> <a href=\"https://example.org\">a link</a>"
                                 "<iframe src=\"https://example.org\">iframe-text</iframe><p>after</p>";
        const nlohmann::json traceback = {
            esc("~[0;31m---------------------------------------------------------------------------~[0m"),
            esc("~[0;31mValueError~[0m                                Traceback (most recent call last)"),
            esc("Cell ~[0;32mIn[4], line 1~[0m\n~[0;32m----> 1~[0m ~[38;5;28;01mraise~[39;00m "
                "~[38;5;167;01mValueError~[39;00m(~[38;5;124m\"~[39m~[38;5;124mbad threshold~[39m~[38;5;124m\"~[39m)"),
            esc("~[0;31mValueError~[0m: bad threshold")};
        const auto code = [](int n, const std::string &src, nlohmann::json outputs) {
            return nlohmann::json{{"cell_type", "code"},
                                  {"execution_count", n},
                                  {"metadata", nlohmann::json::object()},
                                  {"source", src},
                                  {"outputs", std::move(outputs)}};
        };
        return {
            {"nbformat", 4},
            {"nbformat_minor", 5},
            {"metadata", {{"language_info", {{"name", "python"}}}}},
            {"cells",
             {{{"cell_type", "markdown"},
               {"metadata", nlohmann::json::object()},
               {"source", {"## Figure beside the notebook\n", "\n", "![nb](figures/nb.png)\n"}}},
              {{"cell_type", "markdown"},
               {"metadata", nlohmann::json::object()},
               {"source", "Pasted: ![p](attachment:pasted.png) and ![m](attachment:missing.png)"},
               {"attachments", {{"pasted.png", {{"image/png", png(kAttached, 50, 30).toBase64().toStdString()}}}}}},
              code(1, "plot_svg()",
                   {{{"output_type", "display_data"},
                     {"metadata", nlohmann::json::object()},
                     {"data", {{"image/svg+xml", {svg.substr(0, 40), svg.substr(40)}}, {"text/plain", "<Figure>"}}}}}),
              code(2, "df",
                   {{{"output_type", "execute_result"},
                     {"execution_count", 2},
                     {"metadata", nlohmann::json::object()},
                     {"data", {{"text/html", table}, {"text/plain", "  site  auroc\n0    A   0.93"}}}}}),
              code(3, "HTML(...)",
                   {{{"output_type", "display_data"},
                     {"metadata", nlohmann::json::object()},
                     {"data", {{"text/html", html}, {"text/plain", "<IPython.core.display.HTML object>"}}}}}),
              code(4, "raise ValueError(\"bad threshold\")",
                   {{{"output_type", "error"},
                     {"ename", "ValueError"},
                     {"evalue", "bad threshold"},
                     {"traceback", traceback}}}),
              code(5, "log()",
                   {{{"output_type", "stream"},
                     {"name", "stderr"},
                     {"text", esc("~]0;title-pwned\x07~[2J~[1;32mOK~[0m done\n")}}})}}};
    }

    EvidenceSource source(const char *id)
    {
        return EvidenceSource::resolve(*m_revision, m_store.store(), *m_revision->manifest.findEvidence(id));
    }
    const RevisionData &revision() const { return *m_revision; }

    QString canary;

private:
    QTemporaryDir m_outside;
    test::TempStore m_store;
    test::ExampleCopy m_ex;
    std::unique_ptr<RevisionData> m_revision;
};

} // namespace

class TestEvidenceDocuments : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_ar = std::make_unique<DocumentArchive>(); }
    void cleanupTestCase() { m_ar.reset(); }

    void markdownShowsUnlistedFigureFromTheArchive();
    void notebookSvgOutputIsAnImage();
    void notebookHtmlTableIsATable();
    void notebookHtmlIsSanitized();
    void notebookErrorShowsColouredTraceback();
    void notebookStreamColoursWithoutEscapes();
    void notebookMarkdownCellShowsUnlistedFigure();
    void notebookMarkdownCellShowsItsAttachments();
    void ansiAndHtmlConversions_data();
    void ansiAndHtmlConversions();

private:
    NotebookEvidenceViewer *notebook();
    std::unique_ptr<DocumentArchive> m_ar;
    std::unique_ptr<EvidenceViewer> m_nb;
};

void TestEvidenceDocuments::markdownShowsUnlistedFigureFromTheArchive()
{
    // The figure is stored with the revision, though the manifest does not name it.
    QVERIFY(m_ar->revision().assets.count("evidence/figures/roc.png"));
    QVERIFY(!m_ar->revision().fileFor("evidence/figures/roc.png"));
    auto viewer = openViewer(m_ar->source("ev-report"));
    QVERIFY(viewer);
    auto *md = qobject_cast<MarkdownEvidenceViewer *>(viewer.get());
    QVERIFY(md);
    // One image in the document, the archive's figure, decoded at its size.
    int images = 0;
    for (const QTextCharFormat &f : fragmentFormats(md->browser()->document()))
        if (f.isImageFormat()) {
            ++images;
            const QImage img = md->browser()
                                   ->document()
                                   ->resource(QTextDocument::ImageResource, QUrl(f.toImageFormat().name()))
                                   .value<QImage>();
            QCOMPARE(img.size(), QSize(160, 90));
            QCOMPARE(f.toImageFormat().toolTip(), QStringLiteral("figures/roc.png"));
        }
    QCOMPARE(images, 1);
    QTRY_VERIFY(hasColour(md->browser()->viewport()->grab().toImage(), kFigure));
    // The references outside the archive are placeholders, and the canary is nowhere.
    const QString text = md->browser()->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("[image not shown: “%1” is an absolute path").arg(m_ar->canary)),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("is a path that leaves the archive]")), qPrintable(text));
    QCOMPARE(md->browser()->blockedResources().size(), 2);
    QVERIFY(!hasColour(viewer->grab().toImage(), kCanary));
    test::saveGrab(viewer.get(), QStringLiteral("document-markdown-asset"));
}

NotebookEvidenceViewer *TestEvidenceDocuments::notebook()
{
    if (!m_nb) {
        m_nb = openViewer(m_ar->source("ev-nb"));
        // Cells are added to the visible page once loaded; Qt shows them from the event loop.
        if (m_nb && !QTest::qWaitFor([&] {
                const auto cells = m_nb->findChildren<QWidget *>(QStringLiteral("notebookCell"));
                return !cells.isEmpty() &&
                       std::all_of(cells.begin(), cells.end(), [](QWidget *w) { return w->isVisible(); });
            }))
            return nullptr;
    }
    return m_nb ? qobject_cast<NotebookEvidenceViewer *>(m_nb.get()) : nullptr;
}

void TestEvidenceDocuments::notebookSvgOutputIsAnImage()
{
    NotebookEvidenceViewer *nb = notebook();
    QVERIFY(nb);
    QCOMPARE(nb->cellCount(), 7);
    QCOMPARE(nb->imageCount(), 1);
    const auto images = nb->findChildren<QLabel *>(QStringLiteral("notebookImage"));
    QCOMPARE(images.size(), 1);
    test::saveGrab(nb, QStringLiteral("document-notebook-outputs"));
    // Shown at the size it declares, as in Jupyter.
    QCOMPARE(images.front()->pixmap().deviceIndependentSize().toSize(), QSize(120, 60));
    const QImage drawn = images.front()->pixmap().toImage();
    QVERIFY(hasColour(drawn, kSvg));
    // Its <image href> to a file outside the archive was dropped before QtSvg saw it.
    QVERIFY(!hasColour(drawn, kCanary));
}

void TestEvidenceDocuments::notebookHtmlTableIsATable()
{
    NotebookEvidenceViewer *nb = notebook();
    QVERIFY(nb);
    auto *view = nb->findChild<ArchiveTextBrowser *>(QStringLiteral("notebookTable"));
    QVERIFY(view);
    QTextTable *table = firstTable(view->document());
    QVERIFY2(table, qPrintable(view->toHtml()));
    QCOMPARE(table->rows(), 3);
    QCOMPARE(table->columns(), 3);
    QCOMPARE(cellText(table, 0, 1), QStringLiteral("site"));
    QCOMPARE(cellText(table, 1, 2), QStringLiteral("0.93"));
    QCOMPARE(cellText(table, 2, 1), QStringLiteral("B"));
    // The DataFrame's <style> is not text, and the repr is not shown beside the table.
    QVERIFY(!view->toPlainText().contains(QStringLiteral("vertical-align")));
    for (const QLabel *l : nb->findChildren<QLabel *>(QStringLiteral("notebookOutput")))
        QVERIFY2(!l->text().contains(QStringLiteral("site  auroc")), qPrintable(l->text()));
    QVERIFY2(view->isVisible() && view->height() > 40, qPrintable(QString::number(view->height())));
}

void TestEvidenceDocuments::notebookHtmlIsSanitized()
{
    NotebookEvidenceViewer *nb = notebook();
    QVERIFY(nb);
    auto *view = nb->findChild<ArchiveTextBrowser *>(QStringLiteral("notebookHtml"));
    QVERIFY(view);
    const QString text = view->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("bold words")) && text.contains(QStringLiteral("a link")) &&
                 text.contains(QStringLiteral("after")),
             qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("script-ran")) && !text.contains(QStringLiteral("iframe-text")),
             qPrintable(text));
    bool bold = false;
    for (const QTextCharFormat &f : fragmentFormats(view->document())) {
        QVERIFY2(!f.isImageFormat(), "no image from an HTML output");
        QVERIFY2(!f.isAnchor(), "no link from an HTML output");
        bold = bold || f.fontWeight() >= QFont::Bold;
    }
    QVERIFY(bold);
    QVERIFY(view->blockedResources().isEmpty()); // nothing was even asked for
    QVERIFY(!hasColour(nb->grab().toImage(), kCanary));
}

void TestEvidenceDocuments::notebookErrorShowsColouredTraceback()
{
    NotebookEvidenceViewer *nb = notebook();
    QVERIFY(nb);
    auto *view = nb->findChild<ArchiveTextBrowser *>(QStringLiteral("notebookError"));
    QVERIFY(view);
    const QString text = view->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("Traceback (most recent call last)")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("----> 1 raise ValueError(\"bad threshold\")")), qPrintable(text));
    QVERIFY2(text.endsWith(QStringLiteral("ValueError: bad threshold")), qPrintable(text));
    QVERIFY2(!text.contains(QChar(0x1b)) && !text.contains(QStringLiteral("[0;31m")), qPrintable(text));
    std::set<QRgb> colours;
    bool bold = false;
    for (const QTextCharFormat &f : fragmentFormats(view->document())) {
        if (f.hasProperty(QTextFormat::ForegroundBrush))
            colours.insert(f.foreground().color().rgb());
        bold = bold || f.fontWeight() >= QFont::Bold;
    }
    // IPython's red, green and the 256-colour keyword colours: several distinct colours.
    QVERIFY2(colours.size() >= 4, qPrintable(QString::number(colours.size())));
    QVERIFY(bold);
    QVERIFY(view->document()->defaultFont().fixedPitch() || QFontInfo(view->document()->defaultFont()).fixedPitch());
}

void TestEvidenceDocuments::notebookStreamColoursWithoutEscapes()
{
    NotebookEvidenceViewer *nb = notebook();
    QVERIFY(nb);
    auto *view = nb->findChild<ArchiveTextBrowser *>(QStringLiteral("notebookAnsi"));
    QVERIFY(view);
    QCOMPARE(view->toPlainText(), QStringLiteral("OK done")); // no title, no screen clear
    bool greenBold = false;
    for (const QTextCharFormat &f : fragmentFormats(view->document()))
        greenBold = greenBold ||
                    (f.fontWeight() >= QFont::Bold && f.foreground().color().green() > f.foreground().color().red());
    QVERIFY(greenBold);
}

void TestEvidenceDocuments::notebookMarkdownCellShowsUnlistedFigure()
{
    NotebookEvidenceViewer *nb = notebook();
    QVERIFY(nb);
    QVERIFY(m_ar->revision().assets.count("notebooks/figures/nb.png"));
    auto *cell = nb->findChild<ArchiveTextBrowser *>(QStringLiteral("notebookMarkdown"));
    QVERIFY(cell);
    QVERIFY(cell->blockedResources().isEmpty());
    QTRY_VERIFY(hasColour(cell->viewport()->grab().toImage(), kFigure));
}

void TestEvidenceDocuments::notebookMarkdownCellShowsItsAttachments()
{
    NotebookEvidenceViewer *nb = notebook();
    QVERIFY(nb);
    const auto cells = nb->findChildren<ArchiveTextBrowser *>(QStringLiteral("notebookMarkdown"));
    QCOMPARE(cells.size(), 2);
    ArchiveTextBrowser *cell = cells.at(1);
    QTRY_VERIFY(hasColour(cell->viewport()->grab().toImage(), kAttached));
    QCOMPARE(cell->blockedResources().size(), 1);
    QVERIFY2(cell->toPlainText().contains(QStringLiteral("[image not shown: “attachment:missing.png” is an address of "
                                                         "another kind (attachment:)")),
             qPrintable(cell->toPlainText()));
}

void TestEvidenceDocuments::ansiAndHtmlConversions_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("html"); // sanitizeHtml (else ansiToPlain)
    QTest::addColumn<QString>("expected");
    const QChar e(0x1b);
    QTest::newRow("sgr") << QString(e) + QStringLiteral("[1;31mred") + e + QStringLiteral("[0m plain") << false
                         << QStringLiteral("red plain");
    QTest::newRow("cursor and clear") << QString(e) + QStringLiteral("[2J") + e + QStringLiteral("[10;5Hx") << false
                                      << QStringLiteral("x");
    QTest::newRow("osc title, bel") << QString(e) + QStringLiteral("]0;t") + QChar(7) + QStringLiteral("y") << false
                                    << QStringLiteral("y");
    QTest::newRow("osc, st") << QString(e) + QStringLiteral("]8;;http://x") + e + QStringLiteral("\\link") << false
                             << QStringLiteral("link");
    QTest::newRow("controls and cr") << QStringLiteral("a") + QChar(8) + QStringLiteral("b\r\nc\rd") + QChar(0x9b)
                                     << false << QStringLiteral("ab\nc\nd");
    QTest::newRow("truncated escape") << QStringLiteral("ok") + e + QStringLiteral("[31") << false
                                      << QStringLiteral("ok");
    QTest::newRow("table kept")
        << QStringLiteral("<table class=x><tr><td colspan=2 onclick=y>1</td></tr></table>") << true
        << QStringLiteral(
               "<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\"><tr><td colspan=\"2\">1</td></tr></table>");
    QTest::newRow("script dropped") << QStringLiteral("a<SCRIPT>x()</script >b") << true << QStringLiteral("ab");
    QTest::newRow("unclosed style") << QStringLiteral("a<style>p{}") << true << QStringLiteral("a");
    QTest::newRow("attributes dropped") << QStringLiteral("<p style=\"background:url(/etc/x)\">t</p>") << true
                                        << QStringLiteral("<p>t</p>");
    QTest::newRow("img and link dropped")
        << QStringLiteral("<img src=/dev/zero><a href='x>y'>t</a>") << true << QStringLiteral("t");
    QTest::newRow("comment") << QStringLiteral("a<!-- <img src=x> -->b") << true << QStringLiteral("ab");
    QTest::newRow("lone less-than") << QStringLiteral("1 < 2") << true << QStringLiteral("1 &lt; 2");
}

void TestEvidenceDocuments::ansiAndHtmlConversions()
{
    QFETCH(QString, input);
    QFETCH(bool, html);
    QFETCH(QString, expected);
    QCOMPARE(html ? NotebookOutputText::sanitizeHtml(input) : NotebookOutputText::ansiToPlain(input), expected);
}

QTEST_MAIN(TestEvidenceDocuments)
#include "tst_evidence_documents.moc"
