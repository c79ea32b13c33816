// The DICOM viewer on files made by DCMTK's own tools (tests/dicom/make_samples.sh): known
// pixel values after window/level in every lossless transfer syntax, frames, presets, the
// right-drag window, the tag panel and its search, "cannot be shown" for broken files.
// Set MLTRL_GRAB_DIR to keep screenshots.
#include "EvidenceFixture.h"
#include "TestData.h"
#include "dicom/DeidentificationCheck.h"
#include "evidence/DicomEvidenceViewer.h"
#include "evidence/EvidencePanel.h"
#include "evidence/EvidenceTreeModel.h"
#include "overview/OverviewPanel.h"
#include "session/ProjectContext.h"
#include "evidence/DicomFrame.h"
#include "evidence/EvidenceViewer.h"
#include "evidence/ZoomableImageView.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QProcess>
#include <QRandomGenerator>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QtTest>

#include <cmath>

using namespace mltrl;
using namespace mltrl::ui;

namespace {

/// DICOM's linear window (PS3.3 C.11.2.1.2.1) for an 8-bit output, as a reader computes it.
int windowed(double value, double center, double width)
{
    if (value <= center - 0.5 - (width - 1) / 2)
        return 0;
    if (value > center - 0.5 + (width - 1) / 2)
        return 255;
    return int(std::lround(((value - (center - 0.5)) / (width - 1) + 0.5) * 255));
}

/// Pixel (x, y) of frame f of identified.dcm and its compressed copies.
double sampleValue(int frame, int x, int y)
{
    return frame * 1000 + y * 40 + x;
}

} // namespace

class TestDicomViewer : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    EvidenceSource sourceFor(const QString &file) const
    {
        EvidenceSource s;
        s.id = file;
        s.title = file;
        s.mediaType = QStringLiteral("application/dicom");
        s.archivePath = QStringLiteral("evidence/") + file;
        s.blobPath = m_dir.filePath(file);
        s.size = QFileInfo(s.blobPath).size();
        s.dicom = dicom::checkDicomFile(s.blobPath.toStdString());
        return s;
    }

    std::unique_ptr<DicomEvidenceViewer> open(const QString &file) const
    {
        std::unique_ptr<EvidenceViewer> v(EvidenceViewer::create(sourceFor(file)));
        auto *dicomViewer = qobject_cast<DicomEvidenceViewer *>(v.get());
        if (!dicomViewer)
            return nullptr;
        v.release();
        std::unique_ptr<DicomEvidenceViewer> out(dicomViewer);
        out->resize(1000, 700);
        out->show();
        if (!QTest::qWaitFor([&] { return out->isLoaded(); }, 20000))
            return nullptr;
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QProcess make;
        make.start(QStringLiteral("bash"), {test::dataPath(QStringLiteral("../dicom/make_samples.sh")), m_dir.path()});
        QVERIFY(make.waitForFinished(120000));
        QVERIFY2(make.exitCode() == 0, make.readAllStandardError().constData());
    }

    void knownPixelAfterWindowLevel_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("syntax");
        QTest::newRow("uncompressed") << "identified.dcm" << "Little Endian Explicit";
        QTest::newRow("jpeg lossless") << "jpeg-lossless.dcm" << "JPEG Lossless";
        QTest::newRow("jpeg-ls") << "jpegls.dcm" << "JPEG-LS Lossless";
        QTest::newRow("rle") << "rle.dcm" << "RLE Lossless";
        QTest::newRow("deflated") << "deflated.dcm" << "Deflated";
    }

    void knownPixelAfterWindowLevel()
    {
        QFETCH(QString, file);
        QFETCH(QString, syntax);
        auto v = open(file);
        QVERIFY(v);
        QVERIFY2(v->errorText().isEmpty(), qPrintable(v->errorText()));
        QVERIFY2(v->findChild<QLabel *>(QStringLiteral("dicomInfo"))->text().contains(syntax),
                 qPrintable(v->findChild<QLabel *>(QStringLiteral("dicomInfo"))->text()));
        // The file's own window (1000 / 2000) comes first: 810 → grey 103.
        QCOMPARE(v->windowCenter(), 1000.0);
        QCOMPARE(v->windowWidth(), 2000.0);
        QCOMPARE(v->shownImage().size(), QSize(64, 48));
        QCOMPARE(qGray(v->shownImage().pixel(10, 20)), 103);
        QCOMPARE(qGray(v->shownImage().pixel(10, 20)), windowed(sampleValue(0, 10, 20), 1000, 2000));
        test::saveGrab(v.get(), QStringLiteral("dicom-") + QFileInfo(file).baseName());
        // A narrow window around the value: below is black, above is white.
        v->setWindow(810.5, 2);
        QCOMPARE(qGray(v->shownImage().pixel(9, 20)), 0);
        QCOMPARE(qGray(v->shownImage().pixel(11, 20)), 255);
    }

    void presets()
    {
        auto v = open(QStringLiteral("identified.dcm"));
        QVERIFY(v);
        QComboBox *box = v->presets();
        QStringList names;
        for (int i = 0; i < box->count(); ++i)
            names << box->itemText(i);
        QCOMPARE(names.size(), 5);
        QVERIFY(names[0].startsWith(QStringLiteral("File")));
        QVERIFY(names[1].startsWith(QStringLiteral("Lung")));
        QVERIFY(names[2].startsWith(QStringLiteral("Bone")));
        QVERIFY(names[3].startsWith(QStringLiteral("Soft tissue")));
        QCOMPARE(names[4], QStringLiteral("Full range"));
        box->setCurrentIndex(4);
        emit box->activated(4);
        // Frame 0 holds 0 … 1943: the full range maps 0 to black and 1943 to white.
        QCOMPARE(v->windowCenter(), 971.5);
        QCOMPARE(v->windowWidth(), 1944.0);
        QCOMPARE(qGray(v->shownImage().pixel(0, 0)), 0);
        QCOMPARE(qGray(v->shownImage().pixel(63, 47)), 255);
        QCOMPARE(qGray(v->shownImage().pixel(10, 20)), windowed(810, 971.5, 1944));
        emit box->activated(3);   // soft tissue 50 / 400 (-150 … 250): 810 is far above, 0 in it
        QCOMPARE(qGray(v->shownImage().pixel(10, 20)), 255);
        QCOMPARE(qGray(v->shownImage().pixel(0, 0)), windowed(0, 50, 400));
        QCOMPARE(qGray(v->shownImage().pixel(0, 0)), 96);
    }

    void frames()
    {
        auto v = open(QStringLiteral("jpegls.dcm"));
        QVERIFY(v);
        QCOMPARE(v->frameCount(), 2);
        QVERIFY(v->frameBox()->isVisible());
        QSignalSpy shown(v.get(), &DicomEvidenceViewer::frameShown);
        v->frameBox()->setValue(2);
        QVERIFY(shown.wait(20000));
        QCOMPARE(v->currentFrame(), 1);
        QCOMPARE(v->windowCenter(), 1000.0);   // the window stays
        QCOMPARE(qGray(v->shownImage().pixel(10, 20)), windowed(sampleValue(1, 10, 20), 1000, 2000));
        QCOMPARE(qGray(v->shownImage().pixel(10, 20)), 231);
    }

    void rightDragChangesTheWindow()
    {
        auto v = open(QStringLiteral("identified.dcm"));
        QVERIFY(v);
        QWidget *vp = v->view()->viewport();
        const QPointF start(100, 100);
        QMouseEvent press(QEvent::MouseButtonPress, start, vp->mapToGlobal(start), Qt::RightButton, Qt::RightButton, Qt::NoModifier);
        QApplication::sendEvent(vp, &press);
        const QPointF to(160, 140);   // wider and a higher level
        QMouseEvent move(QEvent::MouseMove, to, vp->mapToGlobal(to), Qt::NoButton, Qt::RightButton, Qt::NoModifier);
        QApplication::sendEvent(vp, &move);
        QMouseEvent release(QEvent::MouseButtonRelease, to, vp->mapToGlobal(to), Qt::RightButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(vp, &release);
        QVERIFY(v->windowWidth() > 2000);
        QVERIFY(v->windowCenter() > 1000);
        QCOMPARE(qGray(v->shownImage().pixel(10, 20)), windowed(810, v->windowCenter(), v->windowWidth()));
        // Zoom and pan are the image viewer's.
        const qreal zoom = v->view()->zoom();
        v->view()->zoomIn();
        QVERIFY(v->view()->zoom() > zoom);
    }

    void colourImage()
    {
        auto v = open(QStringLiteral("jpeg-baseline.dcm"));
        QVERIFY(v);
        QVERIFY2(v->errorText().isEmpty(), qPrintable(v->errorText()));
        QCOMPARE(v->shownImage().size(), QSize(32, 24));
        QVERIFY(qGray(v->shownImage().pixel(16, 12)) > 230);   // the white rectangle
        QVERIFY(std::abs(qGray(v->shownImage().pixel(2, 2)) - 127) < 12);   // grey 50 %, JPEG-lossy
        QVERIFY(!v->presets()->isVisible());
    }

    void tagPanel()
    {
        auto v = open(QStringLiteral("identified.dcm"));
        QVERIFY(v);
        QSortFilterProxyModel *tags = v->tags();
        QVERIFY(tags->rowCount() > 20);
        QTest::keyClicks(v->tagSearch(), QStringLiteral("patientname"));
        QCOMPARE(tags->rowCount(), 1);
        QCOMPARE(tags->index(0, 0).data().toString(), QStringLiteral("PatientName"));
        QCOMPARE(tags->index(0, 1).data().toString(), QStringLiteral("(0010,0010)"));
        QCOMPARE(tags->index(0, 2).data().toString(), QStringLiteral("PN"));
        QCOMPARE(tags->index(0, 3).data().toString(), QStringLiteral("Doe^Jane"));
        v->tagSearch()->clear();
        QTest::keyClicks(v->tagSearch(), QStringLiteral("(0009,"));   // private tags by their group
        QCOMPARE(tags->rowCount(), 2);
        // The header says what identifies.
        QVERIFY(v->identifiedText().startsWith(QStringLiteral("Identifies a patient: StudyDate (0008,0020)")));
        auto clean = open(QStringLiteral("deidentified.dcm"));
        QVERIFY(clean);
        QVERIFY(clean->identifiedText().isEmpty());
    }

    void nestedTagsAreIndented()
    {
        QString error;
        const auto rows = readDicomTags(m_dir.filePath(QStringLiteral("nested.dcm")), &error);
        QVERIFY(error.isEmpty());
        const auto it = std::find_if(rows.begin(), rows.end(), [](const DicomTagRow &r) { return r.tag == QLatin1String("(0008,1120)"); });
        QVERIFY(it != rows.end());
        QCOMPARE(it->value, QStringLiteral("(1 item)"));
        QCOMPARE((it + 1)->keyword, QStringLiteral("> PatientName"));
        QCOMPARE((it + 1)->value, QStringLiteral("Roe^Richard"));
    }

    void cannotBeShown_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("not dicom") << "not-dicom.dcm";
        QTest::newRow("truncated header") << "truncated.dcm";
        QTest::newRow("truncated pixels") << "truncated-pixels.dcm";
    }

    void cannotBeShown()
    {
        QFETCH(QString, file);
        auto v = open(file);
        QVERIFY(v);
        QVERIFY2(v->errorText().startsWith(QStringLiteral("cannot be shown: ")), qPrintable(v->errorText()));
        QVERIFY(v->shownImage().isNull());
    }

    // Corrupted copies (bytes overwritten, cut out, repeated; a fixed seed) decode to an image
    // or to "cannot be shown", never a crash; the check and the tag list return too.
    void corruptedFilesNeverCrash()
    {
        QRandomGenerator rng(7);
        const QStringList sources{QStringLiteral("identified.dcm"), QStringLiteral("jpegls.dcm"), QStringLiteral("rle.dcm"),
                                  QStringLiteral("jpeg-lossless.dcm"), QStringLiteral("deflated.dcm"),
                                  QStringLiteral("jpeg-baseline.dcm")};
        const QString path = m_dir.filePath(QStringLiteral("corrupt.dcm"));
        int shown = 0;
        for (int i = 0; i < 300; ++i) {
            QFile in(m_dir.filePath(sources[i % sources.size()]));
            QVERIFY(in.open(QIODevice::ReadOnly));
            QByteArray d = in.readAll();
            for (int k = 1 + int(rng.bounded(8)); k > 0 && d.size() > 200; --k) {
                const int at = int(rng.bounded(quint32(d.size())));
                switch (rng.bounded(4)) {
                case 0: d[at] = char(rng.bounded(256)); break;
                case 1: d.replace(at, 4, QByteArray("\xff\xff\xff\xff", 4)); break;
                case 2: d.remove(at, 1 + int(rng.bounded(64))); break;
                default: d.insert(at, d.mid(int(rng.bounded(quint32(d.size()))), 1 + int(rng.bounded(200)))); break;
                }
            }
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(d);
            out.close();
            (void)dicom::checkDicomFile(path.toStdString());
            QString error;
            (void)readDicomTags(path, &error);
            const DicomFrame f = decodeDicomFrame(path, 0);
            if (f.ok()) {
                ++shown;
                QVERIFY(!applyWindow(f, 1000, 2000).isNull());
            } else {
                QVERIFY(!f.error.isEmpty());
            }
        }
        QVERIFY(shown > 0);
    }

    void filesThatFailedTheParserAreNotParsedAgain()
    {
        // The check at import ran DCMTK in a child process that crashed: the viewer refuses
        // the file rather than crash the workbench.
        EvidenceSource s = sourceFor(QStringLiteral("identified.dcm"));
        s.dicom->parserFailed = true;
        s.dicom->problem = "the DICOM parser crashed on this file (signal 11)";
        std::unique_ptr<EvidenceViewer> v(EvidenceViewer::create(s));
        auto *viewer = qobject_cast<DicomEvidenceViewer *>(v.get());
        QVERIFY(viewer);
        QTRY_VERIFY(viewer->isLoaded());
        QCOMPARE(viewer->errorText(), QStringLiteral("cannot be shown: the DICOM parser crashed on this file (signal 11)"));
        QVERIFY(viewer->shownImage().isNull());
    }

    void pixelBudget()
    {
        const DicomFrame f = decodeDicomFrame(m_dir.filePath(QStringLiteral("identified.dcm")), 0, 1000);
        QVERIFY(!f.ok());
        QVERIFY2(f.error.contains(QStringLiteral("64 × 48 pixels")), qPrintable(f.error));
        const DicomFrame none = decodeDicomFrame(m_dir.filePath(QStringLiteral("identified.dcm")), 5);
        QVERIFY(none.error.contains(QStringLiteral("no frame 6")));
    }

    void marksInTheEvidenceTreeAndOnTheOverview()
    {
        test::TempStore ts;
        test::ExampleCopy ex;
        nlohmann::json m = ex.manifest();
        const auto add = [&](const char *id, const char *file, const char *sample) {
            QFile in(m_dir.filePath(QString::fromLatin1(sample)));
            QVERIFY(in.open(QIODevice::ReadOnly));
            ex.writeFile(file, in.readAll().toStdString());
            m["evidence"].push_back({{"id", id}, {"path", file}, {"title", id}, {"kind", "sample"},
                                     {"media_type", "application/dicom"}, {"created", "2025-02-01"}});
        };
        add("cxr-001", "evidence/cxr-001.dcm", "identified.dcm");
        add("cxr-002", "evidence/cxr-002.dcm", "deidentified.dcm");
        add("cxr-003", "evidence/cxr-003.dcm", "rle.dcm");
        ex.setManifest(m);
        Problems problems;
        const ImportResult r = importArchive(ts.store(), ex.dir(), problems);
        QVERIFY(r.ok());
        auto revision = loadRevision(ts.store(), r.projectId, std::nullopt, problems);
        QVERIFY(revision);
        ProjectContext context(&ts.store());
        context.setRevision(std::make_shared<const RevisionData>(std::move(*revision)));

        EvidencePanel evidence(&context);
        EvidenceTreeModel *model = evidence.model();
        QVERIFY(model->data(model->indexOf(QStringLiteral("cxr-001")), EvidenceTreeModel::IdentifiedRole).toBool());
        QVERIFY(model->data(model->indexOf(QStringLiteral("cxr-003")), EvidenceTreeModel::IdentifiedRole).toBool());
        QVERIFY(!model->data(model->indexOf(QStringLiteral("cxr-002")), EvidenceTreeModel::IdentifiedRole).toBool());
        QVERIFY(!model->data(model->indexOf(QStringLiteral("ev-datasheet")), EvidenceTreeModel::IdentifiedRole).toBool());
        const QModelIndex leaf = model->indexOf(QStringLiteral("cxr-001"));
        QVERIFY(model->data(leaf, Qt::ToolTipRole).toString().contains(QStringLiteral("Identifies a patient: StudyDate (0008,0020)")));
        QCOMPARE(model->data(leaf.siblingAtColumn(EvidenceTreeModel::MediaTypeColumn)).toString(),
                 QStringLiteral("application/dicom · identifies a patient"));
        QVERIFY(model->data(leaf, EvidenceTreeModel::SearchTextRole).toString().contains(QStringLiteral("identifies a patient")));

        OverviewPanel overview(&context);
        overview.resize(1000, 700);
        overview.show();
        QVERIFY(overview.identified()->isVisible());
        QCOMPARE(overview.identified()->text(), QStringLiteral("DICOM files that identify a patient (2): "
                                                               "evidence/cxr-001.dcm, evidence/cxr-003.dcm"));
        test::saveGrab(&overview, QStringLiteral("dicom-overview"));
    }

    // Real-world files from another project's test suite: pydicom's (Debian's python3-pydicom,
    // scripts/deps). Every file is checked and decoded without a crash; known ones say what
    // they should. Screenshots of each with MLTRL_GRAB_DIR.
    void realWorldFiles()
    {
        const QDir dir(QStringLiteral("/usr/lib/python3/dist-packages/pydicom/data/test_files"));
        if (!dir.exists())
            QSKIP("python3-pydicom is not installed (scripts/deps installs it)");
        const QStringList files = dir.entryList({QStringLiteral("*.dcm")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() > 40);
        int shown = 0;
        for (const QString &f : files) {
            const QString path = dir.filePath(f);
            const dicom::DeidentificationCheck check = dicom::checkDicomFile(path.toStdString());
            const DicomFrame frame = decodeDicomFrame(path, 0);
            QString tagError;
            const auto tags = readDicomTags(path, &tagError);
            if (frame.ok()) {
                ++shown;
                const QImage image = applyWindow(frame, (frame.minValue + frame.maxValue) / 2,
                                                 frame.maxValue - frame.minValue + 1);
                QVERIFY2(!image.isNull(), qPrintable(f));
                const QString grab = qEnvironmentVariable("MLTRL_GRAB_DIR");
                if (!grab.isEmpty())
                    image.save(QDir(grab).filePath(QStringLiteral("pydicom-") + QFileInfo(f).baseName() + QStringLiteral(".png")));
            }
            qInfo("%s: %s; %s; %d tags", qPrintable(f),
                  check.identified().value_or(false) ? qPrintable(QStringLiteral("identified: ") + QString::fromStdString(check.summary()))
                                                     : "not identified",
                  frame.ok() ? qPrintable(QStringLiteral("%1 x %2 %3").arg(frame.columns).arg(frame.rows).arg(frame.transferSyntax))
                             : qPrintable(QStringLiteral("cannot be shown: ") + frame.error),
                  int(tags.size()));
        }
        QVERIFY(shown > 30);
        const auto decoded = [&](const char *f) { return decodeDicomFrame(dir.filePath(QString::fromLatin1(f)), 0); };
        // CT_small: a CT of a named (test) patient.
        const auto ct = dicom::checkDicomFile(dir.filePath(QStringLiteral("CT_small.dcm")).toStdString());
        QVERIFY(ct.identified().value_or(false));
        QVERIFY(std::any_of(ct.attributes.begin(), ct.attributes.end(),
                            [](const dicom::IdentifyingAttribute &a) { return a.keyword == "PatientName"; }));
        QCOMPARE(decoded("CT_small.dcm").columns, 128);
        // MR_small in five encodings decodes to the same values.
        const DicomFrame mr = decoded("MR_small.dcm");
        QVERIFY(mr.ok());
        QCOMPARE(QSize(mr.columns, mr.rows), QSize(64, 64));
        for (const char *other : {"MR_small_RLE.dcm", "MR_small_jpeg_ls_lossless.dcm", "MR_small_bigendian.dcm",
                                  "MR_small_implicit.dcm", "MR_small_expb.dcm"}) {
            const DicomFrame o = decoded(other);
            QVERIFY2(o.ok(), other);
            QVERIFY2(o.values == mr.values, other);
        }
        QVERIFY(decoded("image_dfl.dcm").ok());         // deflated
        QVERIFY(decoded("JPGExtended.dcm").ok());       // JPEG extended, 12-bit
        QVERIFY(decoded("SC_rgb_rle_2frame.dcm").frameCount == 2);
        QVERIFY(!decoded("SC_rgb_rle_2frame.dcm").isMonochrome());
        // No JPEG 2000 decoder in DCMTK's free edition (docs/dicom.md), a truncated file, an
        // object without an image: "cannot be shown", never a crash.
        QVERIFY(decoded("JPEG2000.dcm").error.startsWith(QStringLiteral("no decoder for the transfer syntax JPEG 2000")));
        QVERIFY(!decoded("MR_truncated.dcm").ok());
        QVERIFY(decoded("rtplan.dcm").error.contains(QStringLiteral("no image")));
    }

    void factoryPicksTheDicomViewer()
    {
        EvidenceSource s = sourceFor(QStringLiteral("deidentified.dcm"));
        QCOMPARE(EvidenceViewer::typeFor(QStringLiteral("application/dicom"), QString()), EvidenceViewer::Type::Dicom);
        QCOMPARE(EvidenceViewer::typeFor(QString(), QStringLiteral("dcm")), EvidenceViewer::Type::Dicom);
        // Found by its DICM preamble at import: the stored check makes it DICOM whatever its name.
        s.mediaType = QStringLiteral("application/octet-stream");
        s.archivePath = QStringLiteral("evidence/scan.bin");
        std::unique_ptr<EvidenceViewer> v(EvidenceViewer::create(s));
        QCOMPARE(v->objectName(), QStringLiteral("dicomViewer"));
    }
};

QTEST_MAIN(TestDicomViewer)
#include "tst_dicom_viewer.moc"
