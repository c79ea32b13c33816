// The review packet: series reduction (every point or the exact envelope), the verify
// command, paper sizes, page counting (measured == painted), cancellation, and the export
// dialog end to end (render off the UI thread, thumbnails, atomic save).
#include "GuiFixture.h"

#include "ui/packet/PacketModel.h"
#include "ui/packet/PacketWriter.h"
#include "ui/packet/PageFlow.h"
#include "ui/shell/ExportPacketDialog.h"

#include <QBuffer>
#include <QComboBox>
#include <QListWidget>
#include <QPainter>
#include <QPdfDocument>
#include <QPdfWriter>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>

using namespace mltrl;
using namespace mltrl::packet;

class TestPacket : public QObject {
    Q_OBJECT
private slots:
    void reduceKeepsEveryPointOfShortSeries();
    void reduceUsesExactEnvelopeForLongSeries_data();
    void reduceUsesExactEnvelopeForLongSeries();
    void verifyCommandQuotesTheEmail();
    void paperSizes_data();
    void paperSizes();
    void tableRepeatsAcrossPages();
    void packetPagesMatchTheDocument_data();
    void packetPagesMatchTheDocument();
    void cancelledRenderGivesNothing();
    void dialogRendersPreviewsAndSaves();
};

void TestPacket::reduceKeepsEveryPointOfShortSeries()
{
    SeriesData s;
    for (int i = 0; i < 50; ++i) {
        s.x.push_back(i);
        s.y.push_back(i * 0.5);
    }
    s.y[7] = NAN; // a NaN cell cannot be drawn and is skipped, nothing else is
    const FigureSeries f = reduceSeries(s, MetricKind::Series, 100);
    QVERIFY(!f.envelope);
    QCOMPARE(f.points, std::size_t(50));
    QCOMPARE(f.line.size(), std::size_t(49));
    QCOMPARE(f.line.back(), QPointF(49, 24.5));
}

void TestPacket::reduceUsesExactEnvelopeForLongSeries_data()
{
    QTest::addColumn<int>("points");
    QTest::addColumn<int>("columns");
    QTest::newRow("201 points, 100 columns") << 201 << 100;
    QTest::newRow("100 000 points, 480 columns") << 100000 << 480;
}

void TestPacket::reduceUsesExactEnvelopeForLongSeries()
{
    QFETCH(int, points);
    QFETCH(int, columns);
    SeriesData s;
    double lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < points; ++i) {
        s.x.push_back(i);
        const double y = std::sin(i * 0.37) * (1 + i % 13) + (i == points / 3 ? 100 : 0); // one spike
        s.y.push_back(y);
        lo = std::min(lo, y), hi = std::max(hi, y);
    }
    const FigureSeries f = reduceSeries(s, MetricKind::Series, columns);
    QVERIFY(f.envelope);
    QVERIFY(f.line.empty());
    QCOMPARE(f.low.size(), f.high.size());
    QVERIFY(int(f.low.size()) <= columns);
    double envLo = INFINITY, envHi = -INFINITY;
    for (std::size_t i = 0; i < f.low.size(); ++i) {
        QVERIFY(f.low[i].y() <= f.high[i].y());
        envLo = std::min(envLo, f.low[i].y());
        envHi = std::max(envHi, f.high[i].y());
    }
    // Exact: the spike and the lowest point survive (no sampling).
    QCOMPARE(envLo, lo);
    QCOMPARE(envHi, hi);
}

void TestPacket::verifyCommandQuotesTheEmail()
{
    QCOMPARE(verifyCommand("a@example.org", "r1"),
             std::string("ssh-keygen -Y verify -f allowed_signers -I 'a@example.org' -n mltrl-gate-review "
                         "-s reviews/r1.json.sig < reviews/r1.json"));
    // A quote in the address is closed, escaped and reopened, so any POSIX shell reads it literally.
    QVERIFY(verifyCommand("o'neil@example.org", "r2").find(" -I 'o'\\''neil@example.org' -n ") != std::string::npos);
}

void TestPacket::paperSizes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("size");
    QTest::newRow("A4") << QStringLiteral("A4") << int(PaperSize::A4);
    QTest::newRow("a4") << QStringLiteral("a4") << int(PaperSize::A4);
    QTest::newRow("Letter") << QStringLiteral("Letter") << int(PaperSize::Letter);
    QTest::newRow("A3") << QStringLiteral("A3") << -1;
    QTest::newRow("empty") << QString() << -1;
}

void TestPacket::paperSizes()
{
    QFETCH(QString, text);
    QFETCH(int, size);
    const auto got = paperSizeFrom(text.toStdString());
    QCOMPARE(got ? int(*got) : -1, size);
}

void TestPacket::tableRepeatsAcrossPages()
{
    // A long table in the measuring pass spans pages; the painting pass makes the same breaks.
    const PacketFonts fonts = PacketFonts::make();
    std::vector<TableRow> rows;
    for (int i = 0; i < 300; ++i)
        rows.push_back(
            {{QStringLiteral("row %1").arg(i)}, {QStringLiteral("some text that may wrap onto a second line")}});
    auto layout = [&](QPainter *painter, QPdfWriter &writer, int total) {
        PageFlow flow(&writer, painter, fonts, {QStringLiteral("h"), QStringLiteral("f")}, total,
                      [&] { writer.newPage(); });
        flow.table({0.3, 0.7}, {{QStringLiteral("a")}, {QStringLiteral("b")}}, rows);
        return flow.page();
    };
    QBuffer scratch;
    scratch.open(QIODevice::WriteOnly);
    QPdfWriter measure(&scratch);
    measure.setResolution(720);
    const int pages = layout(nullptr, measure, 0);
    QVERIFY2(pages > 3, qPrintable(QString::number(pages)));
    QByteArray bytes;
    QBuffer out(&bytes);
    out.open(QIODevice::WriteOnly);
    QPdfWriter writer(&out);
    writer.setResolution(720);
    QPainter painter(&writer);
    QCOMPARE(layout(&painter, writer, pages), pages);
    painter.end();
    QVERIFY(bytes.startsWith("%PDF-"));
}

void TestPacket::packetPagesMatchTheDocument_data()
{
    QTest::addColumn<QString>("gate");
    QTest::addColumn<int>("paper");
    QTest::addColumn<double>("widthPt");
    QTest::newRow("gate-5 A4") << QStringLiteral("gate-5") << int(PaperSize::A4) << 595.0;
    QTest::newRow("project Letter") << QString() << int(PaperSize::Letter) << 612.0;
}

void TestPacket::packetPagesMatchTheDocument()
{
    QFETCH(QString, gate);
    QFETCH(int, paper);
    QFETCH(double, widthPt);
    test::LoadedProject project;
    Problems problems;
    PacketRequest request{project.projectId, gate.isEmpty() ? std::nullopt : std::optional(gate.toStdString()),
                          std::nullopt, nullptr};
    const auto model = collectPacket(project.store(), request, problems);
    QVERIFY(model);
    QVERIFY(!model->figures.empty());
    int lastProgress = 0;
    const auto rendered =
        renderPacket(*model, RenderOptions{PaperSize(paper), true}, problems, nullptr, [&](int page, int pages) {
            QVERIFY(page <= pages);
            lastProgress = page;
        });
    QVERIFY(rendered);
    QCOMPARE(lastProgress, rendered->pages);
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("p.pdf")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(rendered->pdf);
    f.close();
    QPdfDocument doc;
    QCOMPARE(doc.load(f.fileName()), QPdfDocument::Error::None);
    QCOMPARE(doc.pageCount(), rendered->pages);
    QCOMPARE(std::round(doc.pagePointSize(0).width()), widthPt);
}

void TestPacket::cancelledRenderGivesNothing()
{
    test::LoadedProject project;
    Problems problems;
    const auto model = collectPacket(project.store(), PacketRequest{project.projectId, {}, {}, nullptr}, problems);
    QVERIFY(model);
    CancelToken token;
    token.cancel();
    QVERIFY(!renderPacket(*model, RenderOptions{}, problems, &token));
    QVERIFY(problems.hasErrors());
    Problems again;
    QVERIFY(!collectPacket(project.store(), PacketRequest{project.projectId, {}, {}, nullptr}, again, &token));
}

void TestPacket::dialogRendersPreviewsAndSaves()
{
    test::LoadedProject project;
    ui::ExportPacketDialog dialog(project.context.get());
    QCOMPARE(dialog.scopeBox()->count(), 1 + int(project.revision().manifest.gates.size()));
    dialog.scopeBox()->setCurrentIndex(dialog.scopeBox()->findData(QStringLiteral("gate-5")));
    dialog.resize(900, 700);
    dialog.show();
    QSignalSpy done(&dialog, &ui::ExportPacketDialog::rendered);
    dialog.render();
    QVERIFY(dialog.isRendering()); // the UI thread is free while it renders
    QVERIFY(done.wait(120000));
    QCOMPARE(done.first().first().toBool(), true);
    QVERIFY(dialog.pdf().startsWith("%PDF-"));
    QVERIFY(dialog.pageCount() > 5);
    QCOMPARE(dialog.previewList()->count(), std::min(dialog.pageCount(), 120));
    if (qEnvironmentVariableIsSet("MLTRL_SCREENSHOTS"))
        dialog.grab().save(qEnvironmentVariable("MLTRL_SCREENSHOTS") + QStringLiteral("/export-packet.png"));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("packet.pdf"));
    QVERIFY(dialog.saveTo(path));
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), dialog.pdf());
    QVERIFY(!dialog.saveTo(dir.filePath(QStringLiteral("no/such/dir/p.pdf"))));
}

QTEST_MAIN(TestPacket)
#include "tst_packet.moc"
