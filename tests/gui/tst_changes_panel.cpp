// The Changes panel: two revisions of example-min (the first reviewed by the user), the list
// of changes and its filters, the diff of each kind of evidence (lines, PDF pages, images side
// by side), the stale review, and the "changed since your review" marks in the other panels.
#include "GuiFixture.h"

#include "core/crypto/Ed25519Key.h"
#include "core/crypto/Sha256.h"
#include "core/review/ReviewBuilder.h"
#include "core/review/ReviewSigner.h"
#include "core/review/ReviewStore.h"
#include "ui/changes/ChangeTracker.h"
#include "ui/changes/ChangesPanel.h"
#include "ui/changes/PdfTextDiff.h"
#include "ui/evidence/EvidencePanel.h"
#include "ui/evidence/EvidenceTreeModel.h"
#include "ui/panels/CardsPanel.h"
#include "ui/panels/RequirementsPanel.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QPdfWriter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTextBrowser>
#include <QtTest>

using namespace mltrl;
using namespace mltrl::ui;
using json = nlohmann::json;

namespace {

void screenshot(QWidget &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("MLTRL_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        w.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

std::string png(Qt::GlobalColor colour)
{
    QImage img(64, 48, QImage::Format_RGB32);
    img.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    img.save(&buffer, "PNG");
    return bytes.toStdString();
}

/// A two-page PDF whose pages say `first` and `second`.
std::string pdf(const QString &first, const QString &second)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setPageSize(QPageSize(QPageSize::A6));
        QPainter p(&writer);
        p.setPen(QPen(Qt::black, 1));
        QFont f = p.font();
        f.setPointSize(14);
        p.setFont(f);
        p.drawText(QPointF(200, 400), first);
        writer.newPage();
        p.drawText(QPointF(200, 400), second);
    }
    return bytes.toStdString();
}

void setFiles(test::ExampleCopy &copy, json &m, Qt::GlobalColor colour, const QString &page2)
{
    copy.writeFile("evidence/photo.png", png(colour));
    copy.writeFile("evidence/report.pdf", pdf(QStringLiteral("Summary page"), page2));
    json &ev = m["evidence"];
    ev.erase(std::remove_if(ev.begin(), ev.end(),
                            [](const json &e) { return e["id"] == "ev-photo" || e["id"] == "ev-report"; }),
             ev.end());
    ev.push_back({{"id", "ev-photo"},
                  {"path", "evidence/photo.png"},
                  {"title", "Photo"},
                  {"kind", "sample"},
                  {"level", 5},
                  {"media_type", "image/png"}});
    ev.push_back({{"id", "ev-report"},
                  {"path", "evidence/report.pdf"},
                  {"title", "Report"},
                  {"kind", "report"},
                  {"level", 5},
                  {"media_type", "application/pdf"}});
}

/// Signs a gate-5 review of the revision on screen, as the user of this workbench.
bool signReview(test::LoadedProject &project)
{
    std::array<std::uint8_t, 32> seed{};
    seed.fill(3);
    const auto key = Ed25519Key::fromSeed(seed);
    Problems problems;
    ReviewInput in;
    in.gate = "gate-5";
    in.outcome = "advance";
    in.rationale = "Every criterion holds.";
    in.verdicts = {
        {"auroc", "met", std::nullopt}, {"worst-group", "met", std::nullopt}, {"ethics", "met", std::nullopt}};
    in.reviewer = {"Me", "me@example.org", "R&D reviewer", key->publicKey().toOpenSsh()};
    const auto record = ReviewBuilder(project.revision()).build(in, problems);
    const auto signedReview = record ? ReviewSigner::sign(*record, *key, problems) : std::nullopt;
    return signedReview &&
           ReviewStore(project.store().db()).addSigned(project.revision().overview.revisionId, *signedReview, problems);
}

int rowOf(ChangesPanel &panel, const QString &id, const QString &what)
{
    for (int r = 0; r < panel.proxy()->rowCount(); ++r)
        if (panel.proxy()->index(r, ChangesModel::IdColumn).data().toString() == id &&
            panel.proxy()->index(r, ChangesModel::WhatColumn).data().toString() == what)
            return r;
    return -1;
}

/// Selects the change and waits until its detail is on screen.
bool select(ChangesPanel &panel, const QString &id, const QString &what)
{
    const int row = rowOf(panel, id, what);
    if (row < 0)
        return false;
    QSignalSpy ready(&panel, &ChangesPanel::detailReady);
    panel.table()->setCurrentIndex(panel.proxy()->index(row, 0));
    return !ready.isEmpty() || ready.wait(15000);
}

} // namespace

class TestChangesPanel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Revision 1 (with an image and a PDF), reviewed by the user; revision 2 changes the
        // datasheet, the image, page 2 of the PDF, a requirement and the card.
        json m = m_copy.manifest();
        setFiles(m_copy, m, Qt::red, QStringLiteral("Results: AUROC 0.91"));
        m_copy.setManifest(m);
        m_project = std::make_unique<test::LoadedProject>(m_copy.dir());
        QVERIFY(signReview(*m_project));

        const std::string datasheet = "# Datasheet: dermoscopy images v2.2\n\nNow 14 000 images from 4 clinics.\n";
        m_copy.writeFile("evidence/datasheet.md", datasheet);
        m["evidence"][0]["sha256"] = sha256Hex(datasheet);
        setFiles(m_copy, m, Qt::blue, QStringLiteral("Results: AUROC 0.93"));
        m["requirements"][0]["text"] = "The classifier shall reach AUROC ≥ 0.92 on the validation set.";
        m["cards"][0]["caveats"] = "Not validated on smartphone images.\nNot for children.";
        m_copy.setManifest(m);
        m_project->importAnother(m_copy.dir());
        QCOMPARE(m_project->revision().overview.revision, 2);
    }

    void listsTheChangesSinceTheUsersReview()
    {
        ChangesPanel panel(m_project->context.get());
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(panel.proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.resize(1400, 800);
        panel.show();
        QSignalSpy ready(&panel, &ChangesPanel::diffReady);
        QVERIFY(ready.wait(15000));
        // The default pair: the revision of the user's review against the one on screen.
        QCOMPARE(panel.fromPicker()->currentData().toInt(), 1);
        QCOMPARE(panel.toPicker()->currentData().toInt(), 2);
        QVERIFY(panel.summary()->text().contains(QStringLiteral("Revision 1 → 2")));
        // The count reads as English ("1 change", "5 changes"), never "change(s)".
        {
            const QRegularExpressionMatch m =
                QRegularExpression(QStringLiteral("(\\d+) (changes?)\\b")).match(panel.summary()->text());
            QVERIFY2(m.hasMatch(), qPrintable(panel.summary()->text()));
            QCOMPARE(m.captured(2),
                     m.captured(1) == QLatin1String("1") ? QStringLiteral("change") : QStringLiteral("changes"));
            QVERIFY(!panel.summary()->text().contains(QStringLiteral("(s)")));
        }
        for (const auto &[id, what] : std::vector<std::pair<const char *, const char *>>{{"ev-datasheet", "bytes"},
                                                                                         {"ev-photo", "bytes"},
                                                                                         {"ev-report", "bytes"},
                                                                                         {"R1", "text"},
                                                                                         {"5", "caveats"}})
            QVERIFY2(rowOf(panel, QString::fromUtf8(id), QString::fromUtf8(what)) >= 0, id);
        const int all = panel.proxy()->rowCount();
        QCOMPARE(all, panel.model()->rowCount());

        // Filters: kind, level, only what my reviews bound.
        panel.kindFilter()->setCurrentIndex(panel.kindFilter()->findText(QStringLiteral("evidence")));
        QCOMPARE(panel.proxy()->rowCount(), 3);
        panel.kindFilter()->setCurrentIndex(0);
        panel.levelFilter()->setCurrentIndex(panel.levelFilter()->findData(4));
        QCOMPARE(panel.proxy()->rowCount(), 1); // R1 (level 4)
        QCOMPARE(panel.proxy()->index(0, ChangesModel::IdColumn).data().toString(), QStringLiteral("R1"));
        panel.levelFilter()->setCurrentIndex(0);
        panel.onlyBound()->setChecked(true);
        for (int r = 0; r < panel.proxy()->rowCount(); ++r)
            QCOMPARE(panel.proxy()->index(r, ChangesModel::KindColumn).data().toString(), QStringLiteral("evidence"));
        QCOMPARE(panel.proxy()->rowCount(), 3); // the user's review bound the three files
        panel.onlyBound()->setChecked(false);
        QCOMPARE(panel.proxy()->rowCount(), all);

        // The user's review of revision 1 is stale and says which bound items changed.
        const QString reviews = panel.reviewsLabel()->text();
        QVERIFY(reviews.contains(QStringLiteral("(yours)")));
        QVERIFY(reviews.contains(QStringLiteral("stale")));
        QVERIFY(reviews.contains(QStringLiteral("evidence ev-datasheet (bytes)")));

        // The showcase (the screenshot tour's pick): the first changed text file, with its diff.
        {
            QSignalSpy detail(&panel, &ChangesPanel::detailReady);
            QVERIFY(panel.selectShowcaseChange());
            QVERIFY(!detail.isEmpty() || detail.wait(15000));
            const QModelIndex current = panel.table()->currentIndex();
            QCOMPARE(current.siblingAtColumn(ChangesModel::IdColumn).data().toString(), QStringLiteral("ev-datasheet"));
            QVERIFY(panel.detailText()->toPlainText().contains(QStringLiteral("+# Datasheet: dermoscopy images v2.2")));
            panel.table()->setCurrentIndex({}); // so that selecting it again below shows it anew
        }

        // Text evidence: a line diff.
        QVERIFY(select(panel, QStringLiteral("ev-datasheet"), QStringLiteral("bytes")));
        QVERIFY(!panel.showsImages());
        const QString text = panel.detailText()->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("-# Datasheet: dermoscopy images v2.1")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("+# Datasheet: dermoscopy images v2.2")));
        screenshot(panel, QStringLiteral("changes-panel"));

        // A PDF: which pages' text changed.
        QVERIFY(select(panel, QStringLiteral("ev-report"), QStringLiteral("bytes")));
        QVERIFY2(panel.detailText()->toPlainText().contains(QStringLiteral("page 2: text changed")),
                 qPrintable(panel.detailText()->toPlainText()));
        QVERIFY(!panel.detailText()->toPlainText().contains(QStringLiteral("page 1")));
        // … with that page's own line diff.
        QVERIFY2(panel.detailText()->toPlainText().contains(QStringLiteral("+Results: AUROC 0.93")),
                 qPrintable(panel.detailText()->toPlainText()));
        QVERIFY(panel.detailText()->toPlainText().contains(QStringLiteral("-Results: AUROC 0.91")));

        // An image: both side by side.
        QVERIFY(select(panel, QStringLiteral("ev-photo"), QStringLiteral("bytes")));
        QVERIFY(panel.showsImages());
        QCOMPARE(panel.oldImage()->pixmap().toImage().pixelColor(10, 10), QColor(Qt::red));
        QCOMPARE(panel.newImage()->pixmap().toImage().pixelColor(10, 10), QColor(Qt::blue));
        screenshot(panel, QStringLiteral("changes-panel-images"));

        // A card section: its text diff.
        QVERIFY(select(panel, QStringLiteral("5"), QStringLiteral("caveats")));
        QVERIFY(panel.detailText()->toPlainText().contains(QStringLiteral("+Not for children.")));

        // Other revisions from the pickers: 2 → 2 has nothing.
        panel.fromPicker()->setCurrentIndex(panel.fromPicker()->findData(2));
        QVERIFY(ready.wait(15000));
        QCOMPARE(panel.model()->rowCount(), 0);
        QVERIFY2(panel.summary()->text().contains(QStringLiteral("Revision 2 compared with itself")),
                 qPrintable(panel.summary()->text()));
        QVERIFY(!panel.selectShowcaseChange());
    }

    void imageDiffSurvivesACrashingDecoder()
    {
        // Both sides are decoded in the decoder process: one that crashes (a stand-in for an
        // image plugin bug, killing itself) leaves the placeholder text, and the panel lives on.
        QTemporaryDir dir;
        const QString crash = dir.filePath(QStringLiteral("decoder-crash.sh"));
        {
            QFile f(crash);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("#!/bin/sh\nkill -SEGV $$\n");
        }
        QFile::setPermissions(crash, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        const QByteArray decoder = qgetenv("MLTRL_DECODER");
        qputenv("MLTRL_DECODER", crash.toLocal8Bit());
        ChangesPanel panel(m_project->context.get());
        panel.resize(1000, 600);
        panel.show();
        QSignalSpy ready(&panel, &ChangesPanel::diffReady);
        QVERIFY(ready.wait(15000));
        QVERIFY(select(panel, QStringLiteral("ev-photo"), QStringLiteral("bytes")));
        QVERIFY(panel.showsImages());
        for (QLabel *side : {panel.oldImage(), panel.newImage()}) {
            QCOMPARE(side->text(), QStringLiteral("[image not shown: the image decoder crashed on this file]"));
            QVERIFY(side->pixmap().isNull());
        }
        // The panel still answers: another change shows its diff.
        QVERIFY(select(panel, QStringLiteral("5"), QStringLiteral("caveats")));
        QVERIFY(panel.detailText()->toPlainText().contains(QStringLiteral("+Not for children.")));
        if (decoder.isEmpty())
            qunsetenv("MLTRL_DECODER");
        else
            qputenv("MLTRL_DECODER", decoder);
    }

    void saysPlainlyWhenThereIsOnlyOneRevision()
    {
        test::LoadedProject single; // the bundled example alone in a fresh store
        ChangesPanel panel(single.context.get());
        QSignalSpy ready(&panel, &ChangesPanel::diffReady);
        QVERIFY(ready.wait(15000));
        QCOMPARE(panel.model()->rowCount(), 0);
        const QString summary = panel.summary()->text();
        QVERIFY2(summary.contains(QStringLiteral("cxr-triage has only one revision")), qPrintable(summary));
        QVERIFY(summary.contains(QStringLiteral("nothing to compare yet")));
        QVERIFY2(!summary.contains(QStringLiteral("0 change")), qPrintable(summary));
        QVERIFY(!panel.selectShowcaseChange());
        panel.resize(1000, 500);
        screenshot(panel, QStringLiteral("changes-panel-one-revision"));
    }

    void marksWhatChangedInTheOtherPanels()
    {
        ChangeTracker *tracker = ChangeTracker::of(m_project->context.get());
        QCOMPARE(ChangeTracker::of(m_project->context.get()), tracker); // one per window
        RequirementsPanel requirements(m_project->context.get());
        EvidencePanel evidence(m_project->context.get());
        CardsPanel cards(m_project->context.get());
        if (tracker->busy() || tracker->reviewedRevision() == 0) {
            QSignalSpy updated(tracker, &ChangeTracker::updated);
            QVERIFY(updated.wait(15000));
        }
        QCOMPARE(tracker->reviewedRevision(), 1);
        QVERIFY(tracker->changed(ChangeKind::Requirement, QStringLiteral("R1")));
        QVERIFY(!tracker->changed(ChangeKind::Requirement, QStringLiteral("R2")));
        QVERIFY(tracker->changed(ChangeKind::Card, QStringLiteral("5")));
        const QStandardItemModel *m = requirements.model();
        QVERIFY(!m->item(0, RequirementsPanel::Id)->icon().isNull()); // R1
        QVERIFY(m->item(1, RequirementsPanel::Id)->icon().isNull());  // R2
        QVERIFY(m->item(0, RequirementsPanel::Id)->toolTip().contains(QStringLiteral("revision 1")));
        auto *tree = evidence.findChild<EvidenceTreeModel *>();
        QVERIFY(tree);
        QVERIFY(tree->isMarkedChanged(QStringLiteral("ev-datasheet")));
        QVERIFY(!tree->isMarkedChanged(QStringLiteral("ev-ethics")));
        QVERIFY(!tree->indexOf(QStringLiteral("ev-datasheet")).data(Qt::DecorationRole).isNull());
        QVERIFY(tree->indexOf(QStringLiteral("ev-ethics")).data(Qt::DecorationRole).isNull());
        QVERIFY(!cards.cardBox()->itemIcon(0).isNull()); // the level 5 card
    }

    void pdfPagesCompare()
    {
        QTemporaryDir dir;
        const auto write = [&](const QString &name, const std::string &bytes) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes.data(), static_cast<qint64>(bytes.size()));
        };
        write(QStringLiteral("a.pdf"), pdf(QStringLiteral("one"), QStringLiteral("two")));
        write(QStringLiteral("b.pdf"), pdf(QStringLiteral("uno"), QStringLiteral("two")));
        write(QStringLiteral("x.pdf"), "not a pdf");
        QCOMPARE(*comparePdfPages(dir.filePath(QStringLiteral("a.pdf")), dir.filePath(QStringLiteral("b.pdf"))),
                 QStringList{QStringLiteral("page 1: text changed")});
        QVERIFY(
            comparePdfPages(dir.filePath(QStringLiteral("a.pdf")), dir.filePath(QStringLiteral("a.pdf")))->isEmpty());
        const auto pages =
            comparePdfPageTexts(dir.filePath(QStringLiteral("a.pdf")), dir.filePath(QStringLiteral("b.pdf")));
        QVERIFY(pages && pages->size() == 1);
        QCOMPARE(pages->front().page, 1);
        QCOMPARE(pages->front().oldText.trimmed(), QStringLiteral("one"));
        QCOMPARE(pages->front().newText.trimmed(), QStringLiteral("uno"));
        QString error;
        QVERIFY(!comparePdfPages(dir.filePath(QStringLiteral("a.pdf")), dir.filePath(QStringLiteral("x.pdf")), &error));
        QVERIFY(error.contains(QStringLiteral("x.pdf")));
    }

private:
    test::ExampleCopy m_copy;
    std::unique_ptr<test::LoadedProject> m_project;
};

QTEST_MAIN(TestChangesPanel)
#include "tst_changes_panel.moc"
