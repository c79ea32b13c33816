// The review packet's audit parts (issue 15): numbers rounded for reading, one-line cells and
// code lines that never break inside a number or a command, the single point of a metric drawn
// visibly, the quoted text line of an annotation, PDF attachments written and read back, and
// the collected model of the example (SHA256SUMS, attachments), and the export dialog using and
// attaching the workbench's trust files.
#include "GuiFixture.h"

#include "core/review/KeyRing.h"
#include "ui/packet/PacketCollect.h"
#include "ui/packet/PacketFigures.h"
#include "ui/packet/PacketModel.h"
#include "ui/packet/PacketSections.h"
#include "ui/packet/PacketWriter.h"
#include "ui/packet/PageFlow.h"
#include "ui/packet/PdfAttachments.h"
#include "ui/shell/ExportPacketDialog.h"

#include <QBuffer>
#include <QComboBox>
#include <QImage>
#include <QPainter>
#include <QPdfDocument>
#include <QPdfSelection>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <fstream>

using namespace mltrl;
using namespace mltrl::packet;

namespace {

/// A one-page PDF laid out by `body`, as bytes.
QByteArray onePage(const std::function<void(PageFlow &, const PacketFonts &)> &body)
{
    const PacketFonts fonts = PacketFonts::make();
    QByteArray bytes;
    QBuffer out(&bytes);
    out.open(QIODevice::WriteOnly);
    QPdfWriter writer(&out);
    writer.setResolution(720);
    QPainter painter(&writer);
    PageFlow flow(&writer, &painter, fonts, {QStringLiteral("h"), QStringLiteral("f")}, 1, [&] { writer.newPage(); });
    body(flow, fonts);
    painter.end();
    return bytes;
}

/// The text of page 1 of `pdf`, as QtPdf extracts it.
QString textOf(const QByteArray &pdf, QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("t.pdf"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(pdf) != pdf.size())
        return {};
    f.close();
    QPdfDocument doc;
    if (doc.load(path) != QPdfDocument::Error::None)
        return {};
    return doc.getAllText(0).text();
}

} // namespace

class TestPacketAudit : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void readableNumbers_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("long fraction") << 0.9967873831775 << QStringLiteral("0.99679");
        QTest::newRow("integer") << 701.0 << QStringLiteral("701");
        QTest::newRow("short") << 1.21 << QStringLiteral("1.21");
        QTest::newRow("small") << 0.018234567 << QStringLiteral("0.018235");
        QTest::newRow("large") << 123456.789 << QStringLiteral("123457");
        QTest::newRow("negative") << -2.5 << QStringLiteral("-2.5");
    }

    void readableNumbers()
    {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(readableNumber(value), text);
    }

    void oneLineCellsAndCodeLinesNeverWrap()
    {
        // A long number in a narrow column, and a command wider than the page: each must come
        // out of the PDF on one line.
        const QString number = QStringLiteral("0.9967873831775123");
        const QString command =
            QStringLiteral("ssh-keygen -Y verify -f allowed_signers -I 'someone@example.org' -n "
                           "mltrl-gate-review -s reviews/4a36c934-f9ba-4e0c-9613-db53dc30c1cf.json.sig "
                           "< reviews/4a36c934-f9ba-4e0c-9613-db53dc30c1cf.json");
        const QByteArray pdf = onePage([&](PageFlow &f, const PacketFonts &fonts) {
            f.table({0.08, 0.92}, {{QStringLiteral("n")}, {QStringLiteral("what")}},
                    {{{number, &fonts.mono, Qt::transparent, 1, true}, {QStringLiteral("a value")}}});
            f.codeLine(command, fonts.monoSmall);
        });
        QTemporaryDir dir;
        const QStringList lines = textOf(pdf, dir).split(QRegularExpression(QStringLiteral("[\\r\\n\\x{2028}]+")));
        bool numberWhole = false, commandWhole = false;
        for (const QString &l : lines) {
            numberWhole = numberWhole || l.contains(number);
            commandWhole = commandWhole || l.trimmed() == command;
        }
        QVERIFY2(numberWhole, qPrintable(lines.join(QStringLiteral(" | "))));
        QVERIFY2(commandWhole, qPrintable(lines.join(QStringLiteral(" | "))));
    }

    void singlePointIsDrawn_data()
    {
        QTest::addColumn<int>("points");
        QTest::newRow("one point") << 1;
        QTest::newRow("two points") << 2;
    }

    void singlePointIsDrawn()
    {
        QFETCH(int, points);
        MetricFigure fig;
        fig.metric.id = "val_auroc";
        fig.metric.kind = MetricKind::Series;
        FigureSeries s;
        s.points = std::size_t(points);
        for (int i = 0; i < points; ++i)
            s.line.emplace_back(701 + i, 0.9967873831775);
        fig.series.push_back(s);
        QImage image(600, 240, QImage::Format_RGB32);
        image.fill(Qt::white);
        QPainter p(&image);
        drawMetric(p, QRectF(0, 0, 600, 240), 1.0, PacketFonts::make(), fig);
        p.end();
        int coloured = 0; // saturated pixels: the series colour (axes, grid and text are grey)
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                coloured += QColor(image.pixel(x, y)).hsvSaturation() > 120 ? 1 : 0;
        QVERIFY2(coloured >= 12, qPrintable(QString::number(coloured)));
        QVERIFY(metricCaption(fig).contains(QStringLiteral("(%1 in all), each marked").arg(points)));
    }

    void textLines_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("expected"); // "<none>": nullopt
        QTest::newRow("middle") << QByteArray("one\ntwo\nthree\n") << 2 << QStringLiteral("two");
        QTest::newRow("last without newline") << QByteArray("one\ntwo") << 2 << QStringLiteral("two");
        QTest::newRow("crlf") << QByteArray("one\r\ntwo\r\n") << 1 << QStringLiteral("one");
        QTest::newRow("past the end") << QByteArray("one\n") << 3 << QStringLiteral("<none>");
        QTest::newRow("control chars") << QByteArray("a\tb\x1b") << 1 << QStringLiteral("a b ");
        QTest::newRow("cut") << QByteArray(300, 'x') << 1 << QString(240, QLatin1Char('x')) + QChar(0x2026);
        QTest::newRow("utf-8 kept") << QByteArray("caf\xc3\xa9") << 1 << QStringLiteral("café");
    }

    void textLines()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, line);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("f.txt")).toStdString();
        std::ofstream(path, std::ios::binary).write(content.constData(), content.size());
        const auto got = textLineOf(path, line);
        if (expected == QStringLiteral("<none>"))
            QVERIFY(!got);
        else
            QCOMPARE(got ? QString::fromStdString(*got) : QStringLiteral("<none>"), expected);
    }

    void attachmentsRoundTrip()
    {
        const QByteArray pdf =
            onePage([](PageFlow &f, const PacketFonts &fonts) { f.paragraph(QStringLiteral("x"), fonts.body); });
        std::string error;
        const std::vector<PdfAttachment> files{
            {"mltrl.json", "the manifest", "application/json", "{\"a\":1}"},
            {"r1.json.sig", "a signature", "text/plain", std::string("bin\0ary\n", 8)}};
        const auto attached = PdfAttachments::embed(pdf, files, error);
        QVERIFY2(attached, error.c_str());
        QVERIFY(attached->startsWith("%PDF-"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.pdf"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(*attached);
        f.close();
        const auto read = PdfAttachments::read(path.toStdString(), error);
        QVERIFY2(read, error.c_str());
        QCOMPARE(read->size(), files.size());
        for (const PdfAttachment &want : files) {
            const auto it =
                std::find_if(read->begin(), read->end(), [&](const PdfAttachment &a) { return a.name == want.name; });
            QVERIFY(it != read->end());
            QCOMPARE(it->bytes, want.bytes);
            QCOMPARE(it->description, want.description);
            QCOMPARE(it->mimeType, want.mimeType);
        }
        QVERIFY(!PdfAttachments::embed(QByteArray("not a pdf"), files, error));
        QVERIFY(!PdfAttachments::read(dir.filePath(QStringLiteral("missing.pdf")).toStdString(), error));
    }

    void modelListsTheExportAndAttachesIt()
    {
        test::LoadedProject project;
        Problems problems;
        const auto model = collectPacket(project.store(), PacketRequest{project.projectId, {}, {}, nullptr}, problems);
        QVERIFY(model);
        // SHA256SUMS: the manifest and every evidence and metric file, sorted, sha256sum format.
        QVERIFY(!model->manifestBytes.empty());
        QCOMPARE(model->sums.size(), model->revision.files.size() + 2 * model->reviews.size());
        QVERIFY(std::is_sorted(model->sums.begin(), model->sums.end(),
                               [](const ListedFile &a, const ListedFile &b) { return a.path < b.path; }));
        const std::string sums = model->sumsText();
        for (const Evidence &e : model->revision.manifest.evidence)
            QVERIFY(sums.find(model->revision.fileFor(e.path)->sha256 + "  " + e.path + "\n") != std::string::npos);
        for (const Metric &m : model->revision.manifest.metrics)
            QVERIFY(sums.find("  " + m.path + "\n") != std::string::npos);
        QVERIFY(!model->changes); // the only revision: nothing changed since a review of it
        const std::vector<PdfAttachment> attachments = packetAttachments(*model);
        QCOMPARE(attachments.size(), 2 + 2 * model->reviews.size()); // no trust files given
        QCOMPARE(attachments[0].name, std::string("mltrl.json"));
        QCOMPARE(attachments[0].bytes, model->manifestBytes);
        QCOMPARE(attachments[1].bytes, sums);
        QCOMPARE(allowedSignersLine("a@b.org", "ssh-ed25519 AAAA"),
                 std::string("a@b.org namespaces=\"mltrl-gate-review\" ssh-ed25519 AAAA"));
    }

    void dialogUsesTheWorkbenchTrustAndAttachesIt()
    {
        // The export dialog with no allowed-signers file chosen: the workbench's trust (the keys
        // folder's allowed_signers and reviewer_roles, G4) is used and attached as it is.
        const mltrl::KeyRing keys;
        std::filesystem::create_directories(keys.dir());
        const std::string signers = "# nobody yet\n", roles = "rd@example.org R&D reviewer\n";
        std::ofstream(keys.allowedSignersFile()) << signers;
        std::ofstream(keys.reviewerRolesFile()) << roles;
        test::LoadedProject project;
        ui::ExportPacketDialog dialog(project.context.get());
        dialog.scopeBox()->setCurrentIndex(dialog.scopeBox()->findData(QStringLiteral("gate-5")));
        QSignalSpy done(&dialog, &ui::ExportPacketDialog::rendered);
        dialog.render();
        QVERIFY(done.wait(120000));
        QCOMPARE(done.first().first().toBool(), true);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("packet.pdf"));
        QVERIFY(dialog.saveTo(path));
        std::string error;
        const auto attached = PdfAttachments::read(path.toStdString(), error);
        QVERIFY2(attached, error.c_str());
        std::map<std::string, std::string> byName;
        for (const PdfAttachment &a : *attached)
            byName[a.name] = a.bytes;
        QCOMPARE(byName["allowed_signers"], signers);
        QCOMPARE(byName["reviewer_roles"], roles);
        QVERIFY(byName.contains("mltrl.json") && byName.contains("SHA256SUMS"));
        std::filesystem::remove(keys.allowedSignersFile());
        std::filesystem::remove(keys.reviewerRolesFile());
    }
};

QTEST_MAIN(TestPacketAudit)
#include "tst_packet_audit.moc"
