// Each evidence file of the example opens in the viewer for its type and shows what the
// reviewer would see. Set MLTRL_GRAB_DIR to keep screenshots of every viewer.
#include "EvidenceFixture.h"
#include "ui/evidence/BinaryEvidenceViewer.h"
#include "ui/evidence/CsvEvidenceViewer.h"
#include "ui/evidence/CsvTableModel.h"
#include "ui/evidence/EvidenceSource.h"
#include "ui/evidence/EvidenceViewer.h"
#include "ui/evidence/ImageEvidenceViewer.h"
#include "ui/evidence/JsonEvidenceViewer.h"
#include "ui/evidence/JsonTreeModel.h"
#include "ui/evidence/MarkdownEvidenceViewer.h"
#include "ui/evidence/NotebookEvidenceViewer.h"
#include "ui/evidence/PdfEvidenceViewer.h"
#include "ui/evidence/SystemViewerLauncher.h"
#include "ui/evidence/TextEvidenceViewer.h"
#include "ui/evidence/ZoomableImageView.h"

#include "ui/common/PdfProcess.h"
#include "ui/evidence/PdfPageView.h"
#include <QAbstractItemModelTester>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScreen>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTreeView>
#include <QtTest>

using namespace mltrl;
using namespace mltrl::ui;

namespace {

/// A viewer for `id`, shown at a projector-like size and loaded.
std::unique_ptr<EvidenceViewer> openViewer(test::EvidenceFixture &fx, const QString &id)
{
    const Evidence *e = fx.revision().manifest.findEvidence(id.toStdString());
    if (!e)
        return nullptr;
    std::unique_ptr<EvidenceViewer> viewer(
        EvidenceViewer::create(EvidenceSource::resolve(fx.revision(), fx.store(), *e)));
    viewer->resize(1000, 700);
    viewer->show();
    if (!QTest::qWaitFor([&] { return viewer->isLoaded(); }, 10000))
        return nullptr;
    return viewer;
}

EvidenceSource sourceFor(test::EvidenceFixture &fx, const QString &id)
{
    return EvidenceSource::resolve(fx.revision(), fx.store(), *fx.revision().manifest.findEvidence(id.toStdString()));
}

} // namespace

class TestEvidenceViewers : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_fx = std::make_unique<test::EvidenceFixture>(); }
    void cleanupTestCase() { m_fx.reset(); }

    void typeByMediaTypeAndExtension_data();
    void typeByMediaTypeAndExtension();
    void picksViewerForEachEvidence_data();
    void picksViewerForEachEvidence();
    void pdfRendersPagesAndFitsWidth();
    void imageShowsAndZooms();
    void showRegionBringsTheRegionIntoView();
    void markdownRendersHeadings();
    void csvTableMatchesFile();
    void csvSplitsQuotedFieldsAndLoadsLazily();
    void modelCardAndJsonTree();
    void notebookShowsCellsAndImage();
    void textLogIsMonospace();
    void unknownTypeShowsHexPreview();
    void largeFileIsReadInBackground();
    void systemViewerCopyIsReadOnly();

private:
    std::unique_ptr<test::EvidenceFixture> m_fx;
};

void TestEvidenceViewers::typeByMediaTypeAndExtension_data()
{
    QTest::addColumn<QString>("mediaType");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<int>("type");
    using T = EvidenceViewer::Type;
    QTest::newRow("pdf") << "application/pdf"
                         << "pdf" << int(T::Pdf);
    QTest::newRow("svg") << "image/svg+xml"
                         << "svg" << int(T::Image);
    QTest::newRow("jpeg by ext") << ""
                                 << "jpg" << int(T::Image);
    QTest::newRow("md with params") << "text/markdown; charset=utf-8"
                                    << "md" << int(T::Markdown);
    QTest::newRow("csv") << "text/csv"
                         << "csv" << int(T::Csv);
    QTest::newRow("log") << "text/plain"
                         << "log" << int(T::Text);
    QTest::newRow("notebook as json") << "application/json"
                                      << "ipynb" << int(T::Notebook);
    QTest::newRow("json") << "application/json"
                          << "json" << int(T::Json);
    QTest::newRow("octet stream") << "application/octet-stream"
                                  << "bin" << int(T::Binary);
    QTest::newRow("octet pdf") << "application/octet-stream"
                               << "pdf" << int(T::Pdf);
    QTest::newRow("dicom") << "application/dicom"
                           << "dcm" << int(T::Dicom);
}

void TestEvidenceViewers::typeByMediaTypeAndExtension()
{
    QFETCH(QString, mediaType);
    QFETCH(QString, suffix);
    QFETCH(int, type);
    QCOMPARE(int(EvidenceViewer::typeFor(mediaType, suffix)), type);
}

void TestEvidenceViewers::picksViewerForEachEvidence_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("objectName");
    QTest::newRow("pdf") << "ev-eval-report"
                         << "pdfViewer";
    QTest::newRow("png") << "ev-roc-figure"
                         << "imageViewer";
    QTest::newRow("markdown") << "ev-datasheet"
                              << "markdownViewer";
    QTest::newRow("csv") << "ev-sample"
                         << "csvViewer";
    QTest::newRow("model card") << "ev-model-card"
                                << "jsonViewer";
    QTest::newRow("notebook") << "ev-notebook"
                              << "notebookViewer";
    QTest::newRow("log") << "ev-test-log"
                         << "textViewer";
    QTest::newRow("dicom") << "ev-cxr-sample"
                           << "dicomViewer";
    QTest::newRow("dicom identified") << "ev-cxr-flagged"
                                      << "dicomViewer";
}

void TestEvidenceViewers::picksViewerForEachEvidence()
{
    QFETCH(QString, id);
    QFETCH(QString, objectName);
    auto viewer = openViewer(*m_fx, id);
    QVERIFY(viewer);
    QCOMPARE(viewer->objectName(), objectName);
    test::saveGrab(viewer.get(), QStringLiteral("viewer-") + objectName + QLatin1Char('-') + id);
}

void TestEvidenceViewers::pdfRendersPagesAndFitsWidth()
{
    auto viewer = openViewer(*m_fx, QStringLiteral("ev-eval-report"));
    auto *pdf = qobject_cast<PdfEvidenceViewer *>(viewer.get());
    QVERIFY(pdf);
    QCOMPARE(pdf->document()->pageCount(), 3);
    QVERIFY(pdf->fitsWidth());
    QVERIFY(qAbs(pdf->zoomFactor() - pdf->fitWidthZoom()) < 1e-9);
    // Pages are rendered by the decoder process: wait until the view shows ink, not blank pages.
    QTRY_VERIFY_WITH_TIMEOUT(test::hasInk(pdf->view()->viewport()->grab().toImage()), 10000);

    // Fit-width follows the window; zooming by hand ends it.
    const qreal before = pdf->zoomFactor();
    viewer->resize(600, 700);
    QTRY_VERIFY(pdf->zoomFactor() < before);
    pdf->zoomIn();
    QVERIFY(!pdf->fitsWidth());
    QVERIFY(qAbs(pdf->zoomFactor() - pdf->fitWidthZoom() * 1.25) < 1e-6);
    QTRY_VERIFY_WITH_TIMEOUT(test::hasInk(pdf->view()->viewport()->grab().toImage()), 10000);
    pdf->fitWidth();
    QVERIFY(qAbs(pdf->zoomFactor() - pdf->fitWidthZoom()) < 1e-9);
    pdf->showPage(1);
    QTRY_COMPARE(pdf->currentPage(), 1);
}

void TestEvidenceViewers::showRegionBringsTheRegionIntoView()
{
    // PDF: a rectangle low on page 2 ends up near the top of the view, and stays there while
    // the window (and with it the fit-width zoom) changes, until the reader scrolls.
    auto viewer = openViewer(*m_fx, QStringLiteral("ev-eval-report"));
    auto *pdf = qobject_cast<PdfEvidenceViewer *>(viewer.get());
    QVERIFY(pdf);
    viewer->resize(700, 400);
    viewer->show();
    QVERIFY(QTest::qWaitForWindowExposed(viewer.get()));
    const QRectF rect(72, 600, 300, 80);
    pdf->showRegion(1, rect);
    QTRY_COMPARE(pdf->currentPage(), 1);
    const auto regionTop = [pdf, rect] {
        const qreal scale = QGuiApplication::primaryScreen()->logicalDotsPerInch() / 72.0 * pdf->zoomFactor();
        const qreal page1 = QSizeF(pdf->document()->pagePointSize(0) * scale).toSize().height();
        return pdf->view()->documentMargins().top() + page1 + pdf->view()->pageSpacing() + rect.top() * scale -
               pdf->view()->verticalScrollBar()->value();
    };
    const auto inView = [&] {
        const qreal top = regionTop();
        return top >= 0 && top < pdf->view()->viewport()->height() / 2.0;
    };
    QTRY_VERIFY(inView());
    viewer->resize(900, 500);
    QTRY_VERIFY(inView());

    // Image: zoomed to the region with some surroundings, centred on it; Fit shows it all again.
    auto imageViewer = openViewer(*m_fx, QStringLiteral("ev-roc-figure"));
    auto *image = qobject_cast<ImageEvidenceViewer *>(imageViewer.get());
    QVERIFY(image);
    imageViewer->resize(600, 500);
    imageViewer->show();
    QVERIFY(QTest::qWaitForWindowExposed(imageViewer.get()));
    QTRY_VERIFY(!image->view()->imageSize().isEmpty());
    const qreal whole = image->view()->zoom();
    const QRectF region(20, 20, 100, 80);
    image->showRegion(0, region);
    QVERIFY(image->view()->zoom() > whole);
    const QRect onScreen = image->view()->mapFromScene(region).boundingRect();
    QVERIFY(image->view()->viewport()->rect().contains(onScreen));
    QVERIFY(onScreen.width() > image->view()->viewport()->width() / 3);
    image->view()->fitToWindow();
    QCOMPARE(image->view()->zoom(), whole);
    QVERIFY(!image->view()->region());
}

void TestEvidenceViewers::imageShowsAndZooms()
{
    auto viewer = openViewer(*m_fx, QStringLiteral("ev-roc-figure"));
    auto *image = qobject_cast<ImageEvidenceViewer *>(viewer.get());
    QVERIFY(image);
    QImage file;
    QVERIFY(file.load(sourceFor(*m_fx, QStringLiteral("ev-roc-figure")).blobPath, "PNG"));
    QCOMPARE(image->view()->imageSize(), file.size());
    QVERIFY(image->view()->fits());
    QVERIFY(image->view()->zoom() <= 1.0);
    const qreal fitted = image->view()->zoom();
    image->view()->zoomIn();
    QVERIFY(image->view()->zoom() > fitted);
    QVERIFY(!image->view()->fits());
    image->view()->fitToWindow();
    QCOMPARE(image->view()->zoom(), fitted);
    QVERIFY(test::hasInk(image->view()->viewport()->grab().toImage()));

    // SVG goes through QtSvg.
    const QByteArray svg = "<svg xmlns='http://www.w3.org/2000/svg' width='200' height='100'>"
                           "<rect width='200' height='100' fill='black'/></svg>";
    QString error;
    const QImage rendered =
        ImageEvidenceViewer::decode(svg, QStringLiteral("svg"), QStringLiteral("image/svg+xml"), &error);
    QVERIFY2(!rendered.isNull(), qPrintable(error));
    QCOMPARE(rendered.width() * 100, rendered.height() * 200);
    QCOMPARE(qGray(rendered.pixel(rendered.width() / 2, rendered.height() / 2)), 0);
}

void TestEvidenceViewers::markdownRendersHeadings()
{
    auto viewer = openViewer(*m_fx, QStringLiteral("ev-datasheet"));
    auto *md = qobject_cast<MarkdownEvidenceViewer *>(viewer.get());
    QVERIFY(md);
    const QString text = md->browser()->toPlainText();
    QVERIFY(text.contains(QStringLiteral("Datasheet: CXR triage dataset v3")));
    QVERIFY(!text.contains(QStringLiteral("# Datasheet"))); // rendered, not the source
    QVERIFY(md->browser()->toHtml().contains(QStringLiteral("<h1")));
}

void TestEvidenceViewers::csvTableMatchesFile()
{
    auto viewer = openViewer(*m_fx, QStringLiteral("ev-sample"));
    auto *csv = qobject_cast<CsvEvidenceViewer *>(viewer.get());
    QVERIFY(csv);
    QAbstractItemModelTester tester(csv->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    // data-sample.csv: a header and 40 records of 11 fields.
    QCOMPARE(csv->model()->rowCount(), 40);
    QCOMPARE(csv->model()->columnCount(), 11);
    QCOMPARE(csv->model()->headerData(0, Qt::Horizontal).toString(), QStringLiteral("study_pseudo_id"));
    QCOMPARE(csv->model()->headerData(10, Qt::Horizontal).toString(), QStringLiteral("split"));
    QCOMPARE(csv->table()->model(), csv->model());
}

void TestEvidenceViewers::csvSplitsQuotedFieldsAndLoadsLazily()
{
    CsvTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBytes("name,note\r\n\"Doe, J.\",\"said \"\"hi\"\"\nthen left\"\r\nx,y\n");
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Doe, J."));
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("said \"hi\"\nthen left"));

    QByteArray big = "i,square\n";
    const int rows = CsvTableModel::kChunkRows * 2 + 17;
    for (int i = 0; i < rows; ++i)
        big += QByteArray::number(i) + ',' + QByteArray::number(i * i) + '\n';
    CsvTableModel lazy; // no tester here: it fetches everything while checking
    lazy.setBytes(big);
    QCOMPARE(lazy.rowCount(), CsvTableModel::kChunkRows);
    QVERIFY(lazy.canFetchMore({}));
    while (lazy.canFetchMore({}))
        lazy.fetchMore({});
    QCOMPARE(lazy.rowCount(), rows);
    QCOMPARE(lazy.index(rows - 1, 1).data().toString(), QString::number(qint64(rows - 1) * (rows - 1)));
}

void TestEvidenceViewers::modelCardAndJsonTree()
{
    auto viewer = openViewer(*m_fx, QStringLiteral("ev-model-card"));
    auto *json = qobject_cast<JsonEvidenceViewer *>(viewer.get());
    QVERIFY(json);
    QVERIFY(json->isModelCard());
    QVERIFY(json->showsCard());
    const QString card = json->card()->toPlainText();
    QVERIFY(card.contains(QStringLiteral("cxr-triage classifier")));
    QVERIFY(card.contains(QStringLiteral("A. Rivera")));
    QVERIFY(card.contains(QStringLiteral("3.2.0")));
    QVERIFY(card.contains(QStringLiteral("Site C (external ICU)"))); // metrics table
    QVERIFY(card.contains(QStringLiteral("Automation bias")));       // considerations
    QVERIFY(json->card()->toHtml().contains(QStringLiteral("<table")));

    QAbstractItemModelTester tester(json->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QModelIndex details = json->model()->findTopLevel(QStringLiteral("model_details"));
    QVERIFY(details.isValid());
    QCOMPARE(json->model()->index(0, 0).data().toString(), QStringLiteral("model_details")); // document order
    QVERIFY(json->model()->rowCount(details) >= 5);
    json->setShowCard(false);
    QVERIFY(!json->showsCard());
    QVERIFY(json->tree()->isVisible());
    test::saveGrab(viewer.get(), QStringLiteral("viewer-jsonTree"));
}

void TestEvidenceViewers::notebookShowsCellsAndImage()
{
    auto viewer = openViewer(*m_fx, QStringLiteral("ev-notebook"));
    auto *nb = qobject_cast<NotebookEvidenceViewer *>(viewer.get());
    QVERIFY(nb);
    // subgroup-analysis.ipynb: 2 Markdown and 3 code cells; the third code cell draws a PNG.
    QCOMPARE(nb->cellCount(), 5);
    QCOMPARE(nb->findChildren<QWidget *>(QStringLiteral("notebookCell")).size(), 5);
    QCOMPARE(nb->imageCount(), 1);
    const auto images = nb->findChildren<QLabel *>(QStringLiteral("notebookImage"));
    QCOMPARE(images.size(), 1);
    QVERIFY(!images.front()->pixmap().isNull());
    QVERIFY(images.front()->pixmap().width() > 50);
    bool prompt = false;
    bool stream = false;
    for (const QLabel *l : nb->findChildren<QLabel *>()) {
        prompt = prompt || l->text() == QStringLiteral("In [3]:");
        stream = stream || (l->objectName() == QStringLiteral("notebookOutput") && !l->text().isEmpty());
    }
    QVERIFY(prompt);
    QVERIFY(stream);
}

void TestEvidenceViewers::textLogIsMonospace()
{
    auto viewer = openViewer(*m_fx, QStringLiteral("ev-test-log"));
    auto *text = qobject_cast<TextEvidenceViewer *>(viewer.get());
    QVERIFY(text);
    QVERIFY(text->editor()->isReadOnly());
    QVERIFY(QFontInfo(text->editor()->font()).fixedPitch());
    QFile file(sourceFor(*m_fx, QStringLiteral("ev-test-log")).blobPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(text->editor()->toPlainText(), QString::fromUtf8(file.readAll()));
}

void TestEvidenceViewers::unknownTypeShowsHexPreview()
{
    QTemporaryDir dir;
    QByteArray bytes;
    for (int i = 0; i < 5000; ++i)
        bytes += char(i % 256);
    const QString path = dir.filePath(QStringLiteral("blob"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    f.close();
    EvidenceSource s;
    s.id = QStringLiteral("ev-bin");
    s.archivePath = QStringLiteral("evidence/weights.bin");
    s.mediaType = QStringLiteral("application/octet-stream");
    s.size = bytes.size();
    s.blobPath = path;
    std::unique_ptr<EvidenceViewer> viewer(EvidenceViewer::create(s));
    auto *bin = qobject_cast<BinaryEvidenceViewer *>(viewer.get());
    QVERIFY(bin);
    QVERIFY(bin->isLoaded());
    const QStringList lines = bin->dump()->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4096 / 16); // only the first 4 KiB
    QCOMPARE(lines.front(),
             QStringLiteral("00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  |................|"));
    QVERIFY(lines.at(4).contains(QStringLiteral("|@ABCDEFGHIJKLMNO|")));
}

void TestEvidenceViewers::largeFileIsReadInBackground()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.log"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    const QByteArray line = "2026-11-17T10:00:00 INFO request ok\n";
    for (qint64 written = 0; written < EvidenceViewer::asyncThreshold() + 1000; written += line.size())
        f.write(line);
    f.close();
    EvidenceSource s;
    s.archivePath = QStringLiteral("evidence/big.log");
    s.mediaType = QStringLiteral("text/plain");
    s.size = QFileInfo(path).size();
    s.blobPath = path;
    std::unique_ptr<EvidenceViewer> viewer(EvidenceViewer::create(s));
    QVERIFY(!viewer->isLoaded()); // handed to a worker thread
    QSignalSpy loaded(viewer.get(), &EvidenceViewer::loaded);
    QVERIFY(loaded.wait(10000));
    auto *text = qobject_cast<TextEvidenceViewer *>(viewer.get());
    QCOMPARE(text->editor()->toPlainText().size(), s.size);

    // A viewer closed while its read runs is never called back.
    std::unique_ptr<EvidenceViewer> closed(EvidenceViewer::create(s));
    closed.reset();
    QTest::qWait(300);
}

void TestEvidenceViewers::systemViewerCopyIsReadOnly()
{
    const EvidenceSource s = sourceFor(*m_fx, QStringLiteral("ev-eval-report"));
    QString error;
    const QString copy = SystemViewerLauncher::prepareCopy(s, &error);
    QVERIFY2(!copy.isEmpty(), qPrintable(error));
    // Named by the evidence id and the declared type's extension, never the archive's name.
    QCOMPARE(QFileInfo(copy).fileName(), QStringLiteral("ev-eval-report.pdf"));
    QCOMPARE(QFileInfo(copy).size(), s.size);
    // Read-only, for the owner only, in a private folder.
    // (The "User" bits describe the current user's access, which for root is everything.)
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                                            QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    QCOMPARE(QFile::permissions(copy) & (others | QFileDevice::WriteOwner | QFileDevice::ExeOwner),
             QFileDevice::Permissions());
    QVERIFY(QFile::permissions(copy) & QFileDevice::ReadOwner);
    QCOMPARE(QFile::permissions(SystemViewerLauncher::privateFolder()) & others, QFileDevice::Permissions());
    QVERIFY(copy.startsWith(SystemViewerLauncher::privateFolder() + QLatin1Char('/')));
    QCOMPARE(SystemViewerLauncher::prepareCopy(s, &error), copy); // made once
}

QTEST_MAIN(TestEvidenceViewers)
#include "tst_evidence_viewers.moc"
