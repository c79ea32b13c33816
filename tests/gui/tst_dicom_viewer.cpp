// The DICOM viewer on files made by DCMTK's own tools (tests/dicom/make_samples.sh): known
// pixel values after window/level in every lossless transfer syntax, frames, presets, the
// right-drag window, the tag panel and its search, "cannot be shown" for broken files.
// Set MLTRL_GRAB_DIR to keep screenshots.
#include "EvidenceFixture.h"
#include "TestData.h"
#include "core/dicom/DeidentificationCheck.h"
#include "ui/evidence/DicomEvidenceViewer.h"
#include "ui/evidence/DicomFrame.h"
#include "ui/evidence/DicomProcess.h"
#include "ui/evidence/DicomProtocol.h"
#include "ui/evidence/EvidencePanel.h"
#include "ui/evidence/EvidenceTreeModel.h"
#include "ui/evidence/EvidenceViewer.h"
#include "ui/evidence/ZoomableImageView.h"
#include "ui/overview/OverviewPanel.h"
#include "ui/session/ProjectContext.h"

#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QProcess>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QtTest>

#include <cmath>
#include <limits>

#include <signal.h>

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

    /// A stand-in decoder: `frameCommand` answers --dicom-frame requests, the real decoder
    /// ($MLTRL_DECODER) everything else. Empty when there is no real decoder.
    QString fakeDecoder(const QString &name, const QString &frameCommand) const
    {
        const QString real = qEnvironmentVariable("MLTRL_DECODER");
        if (real.isEmpty())
            return {};
        const QString path = m_dir.filePath(name);
        QFile script(path);
        if (!script.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        script.write(QStringLiteral("#!/bin/sh\nif [ \"$1\" = --dicom-frame ]; then\n  %1\nfi\nexec '%2' \"$@\"\n")
                         .arg(frameCommand, real)
                         .toUtf8());
        script.close();
        script.setPermissions(script.permissions() | QFile::ExeOwner);
        return path;
    }

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
        QTest::newRow("uncompressed") << "identified.dcm"
                                      << "Little Endian Explicit";
        QTest::newRow("jpeg lossless") << "jpeg-lossless.dcm"
                                       << "JPEG Lossless";
        QTest::newRow("jpeg-ls") << "jpegls.dcm"
                                 << "JPEG-LS Lossless";
        QTest::newRow("rle") << "rle.dcm"
                             << "RLE Lossless";
        QTest::newRow("deflated") << "deflated.dcm"
                                  << "Deflated";
        QTest::newRow("jpeg 2000 lossless") << "j2k-lossless.dcm"
                                            << "JPEG 2000 (Lossless only)";
        QTest::newRow("jpeg 2000 fragmented") << "j2k-fragments.dcm"
                                              << "JPEG 2000 (Lossless only)";
        QTest::newRow("high-throughput jpeg 2000") << "htj2k.dcm"
                                                   << "High-Throughput JPEG 2000 (Lossless only)";
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
        emit box->activated(3); // soft tissue 50 / 400 (-150 … 250): 810 is far above, 0 in it
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
        QCOMPARE(v->windowCenter(), 1000.0); // the window stays
        QCOMPARE(qGray(v->shownImage().pixel(10, 20)), windowed(sampleValue(1, 10, 20), 1000, 2000));
        QCOMPARE(qGray(v->shownImage().pixel(10, 20)), 231);
    }

    // Spinning the frame box faster than frames decode: one decoder at a time, and the frame
    // shown at the end is the last one asked for (rtdose: 15 frames), not every frame passed.
    void spinningThroughFramesDecodesTheLastAsked()
    {
        const QString path = m_dir.filePath(QStringLiteral("rtdose.dcm"));
        QVERIFY(QFile::copy(test::dataPath(QStringLiteral("dicom/rtdose.dcm")), path));
        auto v = open(QStringLiteral("rtdose.dcm"));
        QVERIFY(v);
        QCOMPARE(v->frameCount(), 15);
        QSignalSpy shown(v.get(), &DicomEvidenceViewer::frameShown);
        for (int f = 2; f <= 15; ++f)
            v->frameBox()->setValue(f);
        QTRY_COMPARE_WITH_TIMEOUT(v->currentFrame(), 14, 20000);
        QTest::qWait(300); // nothing else arrives
        QCOMPARE(v->currentFrame(), 14);
        QVERIFY2(shown.count() < 14, qPrintable(QString::number(shown.count())));
        QCOMPARE(shown.last().first().toInt(), 14);
        const DicomFrame last = decodeDicomFrame(path, 14);
        QVERIFY(last.ok());
        QCOMPARE(v->shownImage(), applyWindow(last, v->windowCenter(), v->windowWidth()));
    }

    // JPEG 2000 (OpenJPEG, evidence/DicomJpeg2000): the second frame found through the offset
    // table and, without one, by the codestream's start marker; the lossy syntax within a grey
    // level or two; colour with the reversible colour transform exactly as the uncompressed file.
    void jpeg2000_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("tolerance");
        QTest::newRow("lossless, offset table") << "j2k-lossless.dcm" << 0;
        QTest::newRow("lossless, 3 fragments a frame") << "j2k-fragments.dcm" << 0;
        QTest::newRow("lossy (.91)") << "j2k-lossy.dcm" << 2;
        QTest::newRow("high-throughput (.201)") << "htj2k.dcm" << 0;
    }

    void jpeg2000()
    {
        QFETCH(QString, file);
        QFETCH(int, tolerance);
        for (int frame : {0, 1}) {
            const DicomFrame f = decodeDicomFrame(m_dir.filePath(file), frame);
            QVERIFY2(f.ok(), qPrintable(f.error));
            QCOMPARE(f.frameCount, 2);
            QCOMPARE(QSize(f.columns, f.rows), QSize(64, 48));
            const QImage shown = applyWindow(f, 1000, 2000);
            for (const QPoint p : {QPoint(10, 20), QPoint(0, 0), QPoint(63, 47), QPoint(31, 5)}) {
                const int expected = windowed(sampleValue(frame, p.x(), p.y()), 1000, 2000);
                QVERIFY2(std::abs(qGray(shown.pixel(p)) - expected) <= tolerance,
                         qPrintable(QStringLiteral("%1 frame %2 at %3,%4: %5, expected %6")
                                        .arg(file)
                                        .arg(frame)
                                        .arg(p.x())
                                        .arg(p.y())
                                        .arg(qGray(shown.pixel(p)))
                                        .arg(expected)));
            }
            if (tolerance == 0)
                QCOMPARE(f.values[20 * 64 + 10], float(sampleValue(frame, 10, 20)));
        }
        const QString syntax = file == QLatin1String("htj2k.dcm")
                                   ? QStringLiteral("High-Throughput JPEG 2000 (Lossless only)")
                               : tolerance ? QStringLiteral("JPEG 2000 (Lossless or Lossy)")
                                           : QStringLiteral("JPEG 2000 (Lossless only)");
        QCOMPARE(decodeDicomFrame(m_dir.filePath(file), 0).transferSyntax, syntax);
    }

    void jpeg2000Colour()
    {
        const DicomFrame j2k = decodeDicomFrame(m_dir.filePath(QStringLiteral("j2k-rgb.dcm")), 0);
        QVERIFY2(j2k.ok(), qPrintable(j2k.error));
        QVERIFY(!j2k.isMonochrome());
        const DicomFrame plain = decodeDicomFrame(m_dir.filePath(QStringLiteral("rgb.dcm")), 0);
        QVERIFY(plain.ok());
        QCOMPARE(j2k.color.size(), QSize(32, 24));
        QCOMPARE(j2k.color.pixel(16, 12), qRgb(255, 255, 255)); // the white rectangle
        QCOMPARE(j2k.color, plain.color);                       // lossless, RCT undone
        auto v = open(QStringLiteral("j2k-rgb.dcm"));
        QVERIFY(v);
        QVERIFY2(v->errorText().isEmpty(), qPrintable(v->errorText()));
        test::saveGrab(v.get(), QStringLiteral("dicom-j2k-rgb"));
    }

    void rightDragChangesTheWindow()
    {
        auto v = open(QStringLiteral("identified.dcm"));
        QVERIFY(v);
        QWidget *vp = v->view()->viewport();
        const QPointF start(100, 100);
        QMouseEvent press(QEvent::MouseButtonPress, start, vp->mapToGlobal(start), Qt::RightButton, Qt::RightButton,
                          Qt::NoModifier);
        QApplication::sendEvent(vp, &press);
        const QPointF to(160, 140); // wider and a higher level
        QMouseEvent move(QEvent::MouseMove, to, vp->mapToGlobal(to), Qt::NoButton, Qt::RightButton, Qt::NoModifier);
        QApplication::sendEvent(vp, &move);
        QMouseEvent release(QEvent::MouseButtonRelease, to, vp->mapToGlobal(to), Qt::RightButton, Qt::NoButton,
                            Qt::NoModifier);
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
        QVERIFY(qGray(v->shownImage().pixel(16, 12)) > 230);              // the white rectangle
        QVERIFY(std::abs(qGray(v->shownImage().pixel(2, 2)) - 127) < 12); // grey 50 %, JPEG-lossy
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
        QTest::keyClicks(v->tagSearch(), QStringLiteral("(0009,")); // private tags by their group
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
        const auto it = std::find_if(rows.begin(), rows.end(),
                                     [](const DicomTagRow &r) { return r.tag == QLatin1String("(0008,1120)"); });
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
        QTest::newRow("jpeg 2000 codestream cut in half") << "j2k-truncated.dcm";
        QTest::newRow("jpeg 2000 codestream of noise") << "j2k-garbage.dcm";
        QTest::newRow("jpeg 2000 file cut off") << "j2k-cut.dcm";
        QTest::newRow("unknown transfer syntax") << "unknown-syntax.dcm";
    }

    void cannotBeShown()
    {
        QFETCH(QString, file);
        auto v = open(file);
        QVERIFY(v);
        QVERIFY2(v->errorText().startsWith(QStringLiteral("cannot be shown: ")), qPrintable(v->errorText()));
        QVERIFY(v->shownImage().isNull());
        if (file == QLatin1String("j2k-truncated.dcm") || file == QLatin1String("j2k-garbage.dcm")) // the reason
            QVERIFY2(v->errorText().contains(QStringLiteral("JPEG 2000")), qPrintable(v->errorText()));
        if (file == QLatin1String("unknown-syntax.dcm"))
            QCOMPARE(v->errorText(), QStringLiteral("cannot be shown: no decoder for the transfer syntax "
                                                    "1.2.826.0.1.3680043.10.1147.99 (unknown to DCMTK 3.6.7)"));
    }

    // Corrupted copies (bytes overwritten, cut out, repeated; a fixed seed) decode to an image
    // or to "cannot be shown", never a crash; the check and the tag list return too.
    void corruptedFilesNeverCrash()
    {
        QRandomGenerator rng(7);
        const QStringList sources{QStringLiteral("identified.dcm"),    QStringLiteral("jpegls.dcm"),
                                  QStringLiteral("rle.dcm"),           QStringLiteral("jpeg-lossless.dcm"),
                                  QStringLiteral("deflated.dcm"),      QStringLiteral("jpeg-baseline.dcm"),
                                  QStringLiteral("j2k-lossless.dcm"),  QStringLiteral("j2k-rgb.dcm"),
                                  QStringLiteral("j2k-fragments.dcm"), QStringLiteral("htj2k.dcm")};
        const QString path = m_dir.filePath(QStringLiteral("corrupt.dcm"));
        int shown = 0;
        for (int i = 0; i < 450; ++i) {
            QFile in(m_dir.filePath(sources[i % sources.size()]));
            QVERIFY(in.open(QIODevice::ReadOnly));
            QByteArray d = in.readAll();
            for (int k = 1 + int(rng.bounded(8)); k > 0 && d.size() > 200; --k) {
                const int at = int(rng.bounded(quint32(d.size())));
                switch (rng.bounded(4)) {
                case 0:
                    d[at] = char(rng.bounded(256));
                    break;
                case 1:
                    d.replace(at, 4, QByteArray("\xff\xff\xff\xff", 4));
                    break;
                case 2:
                    d.remove(at, 1 + int(rng.bounded(64)));
                    break;
                default:
                    d.insert(at, d.mid(int(rng.bounded(quint32(d.size()))), 1 + int(rng.bounded(200))));
                    break;
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

    // OpenJPEG 2.5.0 (Debian, assertions on) aborts in its HTJ2K block decoder on this file:
    // htj2k.dcm with four bytes of the first codestream overwritten by FF (tests/data/dicom).
    // The decoder runs in a child process, so this is "cannot be shown", not a crash.
    void decoderAbortIsAnError()
    {
        const QString path = test::dataPath(QStringLiteral("dicom/htj2k-corrupt.dcm"));
        const DicomFrame f = decodeDicomFrame(path, 0);
        QVERIFY(!f.ok());
        QVERIFY2(f.error.contains(QStringLiteral("the JPEG 2000 decoder crashed on this frame (signal 6)")),
                 qPrintable(f.error));
        QVERIFY(decodeDicomFrame(path, 1).ok()); // the second frame is intact
    }

    // The decoder process (mltrl-decode --dicom-frame) killed while it decodes: the viewer says
    // so with "Try again", the header is still shown, the window lives on; trying again with a
    // working decoder shows the image.
    void decoderKilledMidRequest()
    {
        const QString real = qEnvironmentVariable("MLTRL_DECODER");
        const QString pidFile = m_dir.filePath(QStringLiteral("decoder.pid"));
        QFile::remove(pidFile);
        const QString fake = fakeDecoder(QStringLiteral("killed-decoder.sh"),
                                         QStringLiteral("echo $$ > '%1'; exec sleep 60").arg(pidFile));
        if (fake.isEmpty())
            QSKIP("no decoder process in this build (MLTRL_DECODER unset)");
        qputenv("MLTRL_DECODER", fake.toLocal8Bit());
        std::unique_ptr<EvidenceViewer> owner(EvidenceViewer::create(sourceFor(QStringLiteral("identified.dcm"))));
        auto *v = qobject_cast<DicomEvidenceViewer *>(owner.get());
        QVERIFY(v);
        v->resize(1000, 700);
        v->show();
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(pidFile).size() > 0, 20000);
        QFile pf(pidFile);
        QVERIFY(pf.open(QIODevice::ReadOnly));
        const qint64 pid = pf.readAll().trimmed().toLongLong();
        QVERIFY(pid > 0);
        QVERIFY(!v->isLoaded()); // still waiting for the frame
        QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
        QTRY_VERIFY_WITH_TIMEOUT(v->isLoaded(), 20000);
        qputenv("MLTRL_DECODER", real.toLocal8Bit());
        QVERIFY2(v->errorText().startsWith(QStringLiteral("This DICOM image could not be shown: the DICOM decoder "
                                                          "crashed on this file")),
                 qPrintable(v->errorText()));
        QVERIFY(v->errorText().endsWith(QStringLiteral("The workbench is not affected.")));
        QVERIFY(v->retryButton()->isVisible());
        QVERIFY(v->shownImage().isNull());
        QVERIFY(!v->presets()->isVisible()); // nothing to window yet
        QVERIFY(v->tags()->rowCount() > 20); // the header came from a decoder that worked
        test::saveGrab(v, QStringLiteral("dicom-decoder-killed"));
        // The window lives on: it answers, and trying again decodes the frame.
        QSignalSpy shown(v, &DicomEvidenceViewer::frameShown);
        QTest::mouseClick(v->retryButton(), Qt::LeftButton);
        QVERIFY(shown.count() == 1 || shown.wait(20000));
        QVERIFY2(v->errorText().isEmpty(), qPrintable(v->errorText()));
        QVERIFY(!v->retryButton()->isVisible());
        QCOMPARE(qGray(v->shownImage().pixel(10, 20)), 103);
        QCOMPARE(v->view()->imageSize(), QSize(64, 48));
        QVERIFY(v->presets()->isVisible());
        QCOMPARE(v->frameCount(), 2);
    }

    // A real crash of DCMTK, in the real decoder: 20 000 nested sequences overflow its
    // recursive parser's stack. Say the check at import had not caught it (a file it parsed
    // differently): the decoder process dies, the viewer says so, the workbench lives on.
    void dcmtkCrashInTheDecoderIsAMessage()
    {
        if (qEnvironmentVariableIsEmpty("MLTRL_DECODER"))
            QSKIP("no decoder process in this build (MLTRL_DECODER unset): the crash would be ours");
        QByteArray bytes;
        const auto element = [&bytes](quint16 g, quint16 e, quint32 length) {
            const char b[8] = {char(g & 0xff),
                               char(g >> 8),
                               char(e & 0xff),
                               char(e >> 8),
                               char(length & 0xff),
                               char((length >> 8) & 0xff),
                               char((length >> 16) & 0xff),
                               char(length >> 24)};
            bytes.append(b, 8);
        };
        for (int i = 0; i < 20000; ++i) {
            element(0x0008, 0x1120, 0xFFFFFFFF);
            element(0xFFFE, 0xE000, 0xFFFFFFFF);
        }
        for (int i = 0; i < 20000; ++i) {
            element(0xFFFE, 0xE00D, 0);
            element(0xFFFE, 0xE0DD, 0);
        }
        QFile out(m_dir.filePath(QStringLiteral("deep.dcm")));
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(bytes);
        out.close();
        EvidenceSource s = sourceFor(QStringLiteral("deep.dcm"));
        QVERIFY(s.dicom && s.dicom->parserFailed); // the check at import does catch it
        s.dicom.reset();                           // … but say it had not
        std::unique_ptr<EvidenceViewer> owner(EvidenceViewer::create(s));
        auto *v = qobject_cast<DicomEvidenceViewer *>(owner.get());
        QVERIFY(v);
        v->show();
        QTRY_VERIFY_WITH_TIMEOUT(v->isLoaded(), 30000);
        // (Under AddressSanitizer the decoder reports the overflow and exits instead of a signal.)
        QVERIFY2(v->errorText().startsWith(QStringLiteral("This DICOM image could not be shown: the DICOM decoder ")),
                 qPrintable(v->errorText()));
        QVERIFY(v->errorText().endsWith(QStringLiteral("The workbench is not affected.")));
        QVERIFY(v->retryButton()->isVisible());
        QCOMPARE(v->tags()->rowCount(), 0);
        QVERIFY(v->findChild<QLabel *>(QStringLiteral("dicomInfo"))
                    ->text()
                    .startsWith(QStringLiteral("The header could not be read: the DICOM decoder ")));
    }

    // A decoder that hangs is stopped after the time-out; one that answers with a frame whose
    // pixels do not match its header is refused, in the viewer too.
    void decoderHangsOrLies()
    {
        const QString path = m_dir.filePath(QStringLiteral("identified.dcm"));
        const QString real = qEnvironmentVariable("MLTRL_DECODER");
        const QString hang = fakeDecoder(QStringLiteral("hanging-decoder.sh"), QStringLiteral("exec sleep 60"));
        if (hang.isEmpty())
            QSKIP("no decoder process in this build (MLTRL_DECODER unset)");
        qputenv("MLTRL_DECODER", hang.toLocal8Bit());
        QElapsedTimer clock;
        clock.start();
        const DicomFrame slow = DicomProcess::frame(path, 0, kDicomPixelBudget, 1000);
        QVERIFY(clock.elapsed() < 5000);
        QVERIFY(slow.processFailed);
        QVERIFY2(slow.error.contains(QStringLiteral("took longer than 1 s and was stopped")), qPrintable(slow.error));

        // The real answer with its last pixel cut off.
        QByteArray answer = dicomwire::encodeFrame(decodeDicomFrame(path, 0));
        answer.chop(4);
        const QString lie = m_dir.filePath(QStringLiteral("lie.bin"));
        QFile out(lie);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(answer);
        out.close();
        const QString liar = fakeDecoder(QStringLiteral("lying-decoder.sh"), QStringLiteral("exec cat '%1'").arg(lie));
        qputenv("MLTRL_DECODER", liar.toLocal8Bit());
        const DicomFrame refused = DicomProcess::frame(path, 0);
        QVERIFY(refused.processFailed);
        QVERIFY2(refused.error.contains(QStringLiteral("answer was refused: the answer does not hold together "
                                                       "(12284 bytes of pixels for 64 × 48, expected 12288)")),
                 qPrintable(refused.error));
        auto v = open(QStringLiteral("identified.dcm"));
        qputenv("MLTRL_DECODER", real.toLocal8Bit());
        QVERIFY(v);
        QVERIFY2(v->errorText().startsWith(QStringLiteral("This DICOM image could not be shown: the DICOM decoder's "
                                                          "answer was refused")),
                 qPrintable(v->errorText()));
        QVERIFY(v->retryButton()->isVisible());
        QVERIFY(v->shownImage().isNull());
    }

    // The workbench's reading of the decoder's answer (DicomProtocol): a frame round-trips; an
    // answer whose pixels do not match its header, beyond the budget, for another frame, with
    // values that are not numbers or windows that are not windows is refused.
    void answerMustMatchItsHeader_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("why");
        QTest::newRow("as decoded") << "none" << QString();
        QTest::newRow("a pixel short") << "chop"
                                       << "12284 bytes of pixels for 64 × 48, expected 12288";
        QTest::newRow("bytes after the pixels") << "append"
                                                << "12292 bytes of pixels";
        QTest::newRow("wider than its pixels") << "columns"
                                               << "12288 bytes of pixels for 65 × 48, expected 12480";
        QTest::newRow("beyond the budget") << "budget"
                                           << "64 × 48 pixels, budget 0.001 megapixels";
        QTest::newRow("another frame") << "frame"
                                       << "frame 1 of 2, asked for 2";
        QTest::newRow("frame beyond the count") << "count"
                                                << "frame 1 of 0";
        QTest::newRow("not a number") << "nan"
                                      << "a pixel value is not a number";
        QTest::newRow("a window of width 0") << "window"
                                             << "a window is not a window";
        QTest::newRow("colour bytes for a grey frame") << "colour"
                                                       << "9216 bytes of pixels for 64 × 48, expected 12288";
        QTest::newRow("noise") << "noise"
                               << "unreadable";
        QTest::newRow("nothing") << "empty"
                                 << "unreadable";
    }

    void answerMustMatchItsHeader()
    {
        QFETCH(QString, change);
        QFETCH(QString, why);
        DicomFrame f = decodeDicomFrame(m_dir.filePath(QStringLiteral("identified.dcm")), 0);
        QVERIFY(f.ok());
        qint64 budget = kDicomPixelBudget;
        int asked = 0;
        if (change == QLatin1String("columns"))
            f.columns = 65;
        else if (change == QLatin1String("budget"))
            budget = 1000;
        else if (change == QLatin1String("frame"))
            asked = 1;
        else if (change == QLatin1String("count"))
            f.frameCount = 0;
        else if (change == QLatin1String("nan"))
            f.values[100] = std::numeric_limits<float>::quiet_NaN();
        else if (change == QLatin1String("window"))
            f.fileWindows.front().width = 0;
        QByteArray bytes = dicomwire::encodeFrame(f);
        if (change == QLatin1String("chop"))
            bytes.chop(4);
        else if (change == QLatin1String("append"))
            bytes.append(4, '\0');
        else if (change == QLatin1String("colour")) {
            // The header of a grey frame, three bytes a pixel after it.
            bytes.chop(qsizetype(f.values.size() * sizeof(float)));
            bytes.append(QByteArray(64 * 48 * 3, '\x7f'));
        } else if (change == QLatin1String("noise")) {
            QRandomGenerator rng(3);
            for (char &c : bytes)
                c = char(rng.bounded(256));
        } else if (change == QLatin1String("empty"))
            bytes.clear();
        QString reason;
        const std::optional<DicomFrame> back = dicomwire::decodeFrame(bytes, asked, budget, &reason);
        if (why.isEmpty()) {
            QVERIFY2(back, qPrintable(reason));
            QVERIFY(back->values == f.values);
            QCOMPARE(back->minValue, 0.0);
            QCOMPARE(back->maxValue, 1943.0);
            QCOMPARE(back->fileWindows.size(), f.fileWindows.size());
            QCOMPARE(back->transferSyntax, f.transferSyntax);
            QCOMPARE(applyWindow(*back, 1000, 2000), applyWindow(f, 1000, 2000));
            return;
        }
        QVERIFY(!back);
        QVERIFY2(reason.contains(why), qPrintable(reason));
    }

    // Colour frames and frames the decoder could not decode cross the process boundary too,
    // and the header's rows do; a tag answer with rows beyond its count is refused.
    void answersRoundTrip()
    {
        const DicomFrame rgb = decodeDicomFrame(m_dir.filePath(QStringLiteral("rgb.dcm")), 0);
        QVERIFY(rgb.ok());
        QString why;
        const auto rgbBack = dicomwire::decodeFrame(dicomwire::encodeFrame(rgb), 0, kDicomPixelBudget, &why);
        QVERIFY2(rgbBack, qPrintable(why));
        QCOMPARE(rgbBack->color, rgb.color);
        const DicomFrame bad = decodeDicomFrame(m_dir.filePath(QStringLiteral("truncated-pixels.dcm")), 0);
        QVERIFY(!bad.ok());
        const auto badBack = dicomwire::decodeFrame(dicomwire::encodeFrame(bad), 0, kDicomPixelBudget, &why);
        QVERIFY(badBack);
        QCOMPARE(badBack->error, bad.error);
        QVERIFY(!badBack->processFailed);

        QString error;
        const auto rows = readDicomTags(m_dir.filePath(QStringLiteral("nested.dcm")), &error);
        QByteArray tags = dicomwire::encodeTags(rows, error);
        QString back;
        const auto rowsBack = dicomwire::decodeTags(tags, &back, &why);
        QVERIFY2(rowsBack, qPrintable(why));
        QCOMPARE(rowsBack->size(), rows.size());
        QCOMPARE(rowsBack->back().value, rows.back().value);
        tags.append(dicomwire::encodeTags(rows, error));
        QVERIFY(!dicomwire::decodeTags(tags, &back, &why));
        // Through the decoder process when there is one, else in this process: the same rows.
        bool failed = true;
        const auto viaDecoder = DicomProcess::tags(m_dir.filePath(QStringLiteral("nested.dcm")), &back, &failed);
        QVERIFY(!failed);
        QCOMPARE(viaDecoder.size(), rows.size());
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
        QCOMPARE(viewer->errorText(),
                 QStringLiteral("cannot be shown: the DICOM parser crashed on this file (signal 11)"));
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
            m["evidence"].push_back({{"id", id},
                                     {"path", file},
                                     {"title", id},
                                     {"kind", "sample"},
                                     {"media_type", "application/dicom"},
                                     {"created", "2025-02-01"}});
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
        QVERIFY(
            !model->data(model->indexOf(QStringLiteral("ev-datasheet")), EvidenceTreeModel::IdentifiedRole).toBool());
        const QModelIndex leaf = model->indexOf(QStringLiteral("cxr-001"));
        QVERIFY(model->data(leaf, Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("Identifies a patient: StudyDate (0008,0020)")));
        QCOMPARE(model->data(leaf.siblingAtColumn(EvidenceTreeModel::MediaTypeColumn)).toString(),
                 QStringLiteral("application/dicom · identifies a patient"));
        QVERIFY(model->data(leaf, EvidenceTreeModel::SearchTextRole)
                    .toString()
                    .contains(QStringLiteral("identifies a patient")));

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
                const QImage image =
                    applyWindow(frame, (frame.minValue + frame.maxValue) / 2, frame.maxValue - frame.minValue + 1);
                QVERIFY2(!image.isNull(), qPrintable(f));
                const QString grab = qEnvironmentVariable("MLTRL_GRAB_DIR");
                if (!grab.isEmpty())
                    image.save(QDir(grab).filePath(QStringLiteral("pydicom-") + QFileInfo(f).baseName() +
                                                   QStringLiteral(".png")));
            }
            qInfo("%s: %s; %s; %d tags", qPrintable(f),
                  check.identified().value_or(false)
                      ? qPrintable(QStringLiteral("identified: ") + QString::fromStdString(check.summary()))
                      : "not identified",
                  frame.ok()
                      ? qPrintable(
                            QStringLiteral("%1 x %2 %3").arg(frame.columns).arg(frame.rows).arg(frame.transferSyntax))
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
        QVERIFY(decoded("image_dfl.dcm").ok());   // deflated
        QVERIFY(decoded("JPGExtended.dcm").ok()); // JPEG extended, 12-bit
        QVERIFY(decoded("SC_rgb_rle_2frame.dcm").frameCount == 2);
        QVERIFY(!decoded("SC_rgb_rle_2frame.dcm").isMonochrome());
        // JPEG 2000 through OpenJPEG: the same values as the uncompressed MR_small.
        QVERIFY(decoded("JPEG2000.dcm").ok());
        QVERIFY2(decoded("MR_small_jp2klossless.dcm").values == mr.values,
                 qPrintable(decoded("MR_small_jp2klossless.dcm").error));
        // A truncated file, an object without an image: "cannot be shown", never a crash.
        QVERIFY(!decoded("MR_truncated.dcm").ok());
        QVERIFY(decoded("rtplan.dcm").error.contains(QStringLiteral("no image")));
    }

    // The real-world files shipped in tests/data/dicom (pydicom's test suite, README.md there):
    // each decodes in its transfer syntax with the size and kind its header says; the MR_small
    // encodings give MR_small's values. Each is rendered (file window, else full range) to
    // MLTRL_GRAB_DIR as dicom-real-<name>.png: docs/dicom.md says what they show.
    void shippedRealWorldFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("syntax");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("monochrome");
        QTest::addColumn<int>("frames");
        QTest::newRow("CT_small") << "CT_small.dcm"
                                  << "Little Endian Explicit" << QSize(128, 128) << true << 1;
        QTest::newRow("MR_small") << "MR_small.dcm"
                                  << "Little Endian Explicit" << QSize(64, 64) << true << 1;
        QTest::newRow("MR_small_RLE") << "MR_small_RLE.dcm"
                                      << "RLE Lossless" << QSize(64, 64) << true << 1;
        QTest::newRow("MR_small_jpeg_ls") << "MR_small_jpeg_ls_lossless.dcm"
                                          << "JPEG-LS Lossless" << QSize(64, 64) << true << 1;
        QTest::newRow("MR_small_jp2k") << "MR_small_jp2klossless.dcm"
                                       << "JPEG 2000 (Lossless only)" << QSize(64, 64) << true << 1;
        QTest::newRow("JPEG2000") << "JPEG2000.dcm"
                                  << "JPEG 2000 (Lossless or Lossy)" << QSize(256, 1024) << true << 1;
        QTest::newRow("693_J2KI") << "693_J2KI.dcm"
                                  << "JPEG 2000 (Lossless or Lossy)" << QSize(512, 512) << true << 1;
        QTest::newRow("GDCMJ2K_TextGBR") << "GDCMJ2K_TextGBR.dcm"
                                         << "JPEG 2000 (Lossless only)" << QSize(400, 400) << false << 1;
        QTest::newRow("image_dfl") << "image_dfl.dcm"
                                   << "Deflated" << QSize(512, 512) << true << 1;
        QTest::newRow("JPGExtended") << "JPGExtended.dcm"
                                     << "JPEG Extended" << QSize(256, 1024) << true << 1;
        QTest::newRow("SC_rgb_jpeg_gdcm") << "SC_rgb_jpeg_gdcm.dcm"
                                          << "JPEG Lossless" << QSize(100, 100) << false << 1;
        QTest::newRow("rtdose") << "rtdose.dcm"
                                << "Little Endian Implicit" << QSize(10, 10) << true << 15;
    }

    void shippedRealWorldFiles()
    {
        QFETCH(QString, file);
        QFETCH(QString, syntax);
        QFETCH(QSize, size);
        QFETCH(bool, monochrome);
        QFETCH(int, frames);
        const QString path = test::dataPath(QStringLiteral("dicom/") + file);
        const DicomFrame f = decodeDicomFrame(path, 0);
        QVERIFY2(f.ok(), qPrintable(f.error));
        QVERIFY2(f.transferSyntax.startsWith(syntax), qPrintable(f.transferSyntax));
        QCOMPARE(QSize(f.columns, f.rows), size);
        QCOMPARE(f.isMonochrome(), monochrome);
        QCOMPARE(f.frameCount, frames);
        if (file.startsWith(QLatin1String("MR_small_"))) {
            const DicomFrame plain = decodeDicomFrame(test::dataPath(QStringLiteral("dicom/MR_small.dcm")), 0);
            QVERIFY(f.values == plain.values);
        }
        const bool fileWindow = monochrome && !f.fileWindows.empty();
        const QImage shown = !monochrome  ? f.color
                             : fileWindow ? applyWindow(f, f.fileWindows.front().center, f.fileWindows.front().width)
                                          : applyWindow(f, (f.minValue + f.maxValue) / 2, f.maxValue - f.minValue + 1);
        QCOMPARE(shown.size(), size);
        // Not one flat colour: the image has content.
        const QRgb first = shown.pixel(0, 0);
        bool varies = false;
        for (int y = 0; y < shown.height() && !varies; ++y)
            for (int x = 0; x < shown.width() && !varies; ++x)
                varies = shown.pixel(x, y) != first;
        QVERIFY(varies);
        const QString grab = qEnvironmentVariable("MLTRL_GRAB_DIR");
        if (!grab.isEmpty())
            QVERIFY(shown.save(QDir(grab).filePath(QStringLiteral("dicom-real-") + QFileInfo(file).baseName() +
                                                   QStringLiteral(".png"))));
        // The header panel reads it too.
        QString tagError;
        QVERIFY(readDicomTags(path, &tagError).size() > 10);
        QVERIFY2(tagError.isEmpty(), qPrintable(tagError));
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
