// Find (Ctrl+F) in every evidence viewer that shows text: the bar opens on the key, counts
// the matches ("1 of 12"), steps with Enter / Shift+Enter, selects what it found, and Esc
// closes it. A paged text file says that only the loaded part is searched.
#include "EvidenceFixture.h"
#include "ui/evidence/CsvEvidenceViewer.h"
#include "ui/evidence/EvidencePanel.h"
#include "ui/evidence/EvidenceSource.h"
#include "ui/evidence/EvidenceViewer.h"
#include "ui/evidence/FindBar.h"
#include "ui/evidence/PdfEvidenceViewer.h"
#include "ui/evidence/TextEvidenceViewer.h"

#include "ui/evidence/PdfPageView.h"
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

using namespace mltrl;
using namespace mltrl::ui;

namespace {

std::unique_ptr<EvidenceViewer> openViewer(test::EvidenceFixture &fx, const QString &id)
{
    const Evidence *e = fx.revision().manifest.findEvidence(id.toStdString());
    if (!e)
        return nullptr;
    std::unique_ptr<EvidenceViewer> viewer(
        EvidenceViewer::create(EvidenceSource::resolve(fx.revision(), fx.store(), *e)));
    viewer->resize(1000, 700);
    viewer->show();
    viewer->activateWindow();
    if (!QTest::qWaitForWindowActive(viewer.get()) || !QTest::qWaitFor([&] { return viewer->isLoaded(); }, 10000))
        return nullptr;
    return viewer;
}

/// "i of n" → {i, n}; {0, 0} when the label says something else.
std::pair<int, int> position(const QLabel *count)
{
    static const QRegularExpression re(QStringLiteral("^(\\d+) of (\\d+)$"));
    const QRegularExpressionMatch m = re.match(count->text());
    return m.hasMatch() ? std::pair{m.captured(1).toInt(), m.captured(2).toInt()} : std::pair{0, 0};
}

} // namespace

class TestFindBar : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_fx = std::make_unique<test::EvidenceFixture>(); }
    void cleanupTestCase() { m_fx.reset(); }

    void findsInEveryTextViewer_data();
    void findsInEveryTextViewer();
    void selectsTheMatchInText();
    void csvSelectsTheCell();
    void pagedTextSaysWhatIsSearched();
    void noMatchSaysSo();
    void pdfMarksTheMatchOnThePage();
    void ctrlFAnywhereInTheEvidencePanel_data();
    void ctrlFAnywhereInTheEvidencePanel();

private:
    std::unique_ptr<test::EvidenceFixture> m_fx;
};

void TestFindBar::ctrlFAnywhereInTheEvidencePanel_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("focus"); // object name of the widget with the focus
    for (const char *id : {"ev-eval-report", "ev-datasheet", "ev-sample"})
        for (const char *focus : {"evidenceTree", "evidenceFilter", "evidenceSearch"})
            QTest::addRow("%s, focus in %s", id, focus) << QString::fromLatin1(id) << QString::fromLatin1(focus);
}

void TestFindBar::ctrlFAnywhereInTheEvidencePanel()
{
    // The key reaches the viewer's find bar wherever the focus is in the panel, not only
    // inside the viewer (the PDF view itself takes no focus, so a click on a page leaves it in
    // the browser).
    QFETCH(QString, id);
    QFETCH(QString, focus);
    EvidencePanel panel(m_fx->context.get());
    panel.resize(1280, 720);
    panel.show();
    panel.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    panel.openEvidence(id);
    QTRY_VERIFY_WITH_TIMEOUT(panel.viewer() && panel.viewer()->isLoaded() && panel.viewer()->isVisible(), 10000);
    auto *bar = panel.viewer()->findChild<FindBar *>(QStringLiteral("findBar"));
    QVERIFY(bar);
    QVERIFY(!bar->isVisible());
    auto *target = panel.findChild<QWidget *>(focus);
    QVERIFY(target);
    if (focus == QLatin1String("evidenceSearch")) {
        // On the browser's other tab.
        auto *tabs = panel.findChild<QTabWidget *>();
        QVERIFY(tabs);
        tabs->setCurrentIndex(tabs->indexOf(target->parentWidget()));
    }
    target->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), target);
    QVERIFY(!panel.viewer()->isAncestorOf(target));
    QTest::keyClick(target, Qt::Key_F, Qt::ControlModifier);
    QVERIFY(bar->isVisible());
    QCOMPARE(QApplication::focusWidget(), bar->field());
    QTest::keyClicks(bar->field(), QStringLiteral("a"));
    QTRY_VERIFY_WITH_TIMEOUT(bar->matchCount() > 0, 10000);
    QTest::keyClick(bar->field(), Qt::Key_Escape);
    QVERIFY(!bar->isVisible());
    // Inside the viewer the key still opens the bar (the panel's shortcut stands aside).
    panel.viewer()->setFocus();
    QTRY_VERIFY(QApplication::focusWidget() && (QApplication::focusWidget() == panel.viewer() ||
                                                panel.viewer()->isAncestorOf(QApplication::focusWidget())));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F, Qt::ControlModifier);
    QVERIFY(bar->isVisible());
    QTest::keyClick(bar->field(), Qt::Key_Escape);
    // A viewer with nothing to find in (an image) leaves the key alone.
    panel.openEvidence(QStringLiteral("ev-confusion"));
    QTRY_VERIFY_WITH_TIMEOUT(panel.viewer() && panel.viewer()->isLoaded(), 10000);
    QVERIFY(!panel.openFindBar());
}

void TestFindBar::findsInEveryTextViewer_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("word");
    QTest::addColumn<int>("expected"); // exact count, or 0: at least two
    QTest::newRow("pdf") << "ev-eval-report"
                         << "AUROC" << 0;
    QTest::newRow("markdown") << "ev-datasheet"
                              << "site" << 0;
    QTest::newRow("csv") << "ev-sample"
                         << "radiologist_consensus" << 0;
    QTest::newRow("json card") << "ev-model-card"
                               << "auroc" << 0;
    QTest::newRow("notebook") << "ev-notebook"
                              << "auroc" << 0;
    QTest::newRow("log") << "ev-test-log"
                         << "PASSED" << 12;
}

void TestFindBar::findsInEveryTextViewer()
{
    QFETCH(QString, id);
    QFETCH(QString, word);
    QFETCH(int, expected);
    auto viewer = openViewer(*m_fx, id);
    QVERIFY(viewer);
    auto *bar = viewer->findChild<FindBar *>(QStringLiteral("findBar"));
    QVERIFY(bar);
    QVERIFY(!bar->isVisible());

    // Ctrl+F from wherever the focus is inside the viewer.
    QWidget *focus = QApplication::focusWidget();
    if (!focus || (focus != viewer.get() && !viewer->isAncestorOf(focus)))
        viewer->setFocus();
    QWidget *inside = QApplication::focusWidget();
    QVERIFY(inside);
    QTest::keyClick(inside, Qt::Key_F, Qt::ControlModifier);
    QVERIFY(bar->isVisible());
    QCOMPARE(QApplication::focusWidget(), bar->field());

    QTest::keyClicks(bar->field(), word);
    // The PDF's results arrive page by page.
    QTRY_VERIFY_WITH_TIMEOUT(position(bar->countLabel()).first == 1 && position(bar->countLabel()).second >= 2, 10000);
    QTest::qWait(id == QLatin1String("ev-eval-report") ? 500 : 0);
    const int total = position(bar->countLabel()).second;
    if (expected > 0)
        QCOMPARE(total, expected);
    QCOMPARE(bar->matchCount(), total);
    test::saveGrab(viewer.get(), QStringLiteral("find-") + viewer->objectName());

    QTest::keyClick(bar->field(), Qt::Key_Return);
    QCOMPARE(bar->countLabel()->text(), QStringLiteral("2 of %1").arg(total));
    QTest::keyClick(bar->field(), Qt::Key_Return, Qt::ShiftModifier);
    QCOMPARE(bar->countLabel()->text(), QStringLiteral("1 of %1").arg(total));
    QTest::keyClick(bar->field(), Qt::Key_Return, Qt::ShiftModifier); // wraps to the last
    QCOMPARE(bar->countLabel()->text(), QStringLiteral("%1 of %1").arg(total));

    QTest::keyClick(bar->field(), Qt::Key_Escape);
    QVERIFY(!bar->isVisible());
}

void TestFindBar::selectsTheMatchInText()
{
    auto viewer = openViewer(*m_fx, QStringLiteral("ev-test-log"));
    QVERIFY(viewer);
    auto *text = qobject_cast<TextEvidenceViewer *>(viewer.get());
    QVERIFY(text);
    text->findBar()->open();
    QTest::keyClicks(text->findBar()->field(), QStringLiteral("passed"));
    QCOMPARE(text->editor()->textCursor().selectedText().toLower(), QStringLiteral("passed"));
    const int first = text->editor()->textCursor().selectionStart();
    QTest::keyClick(text->findBar()->field(), Qt::Key_F3);
    QCOMPARE(text->findBar()->currentMatch(), 1);
    QVERIFY(text->editor()->textCursor().selectionStart() > first);
    QVERIFY(text->findBar()->scopeLabel()->isHidden()); // the whole file is on screen
}

void TestFindBar::csvSelectsTheCell()
{
    auto viewer = openViewer(*m_fx, QStringLiteral("ev-sample"));
    QVERIFY(viewer);
    auto *csv = qobject_cast<CsvEvidenceViewer *>(viewer.get());
    QVERIFY(csv);
    csv->findBar()->open();
    QTest::keyClicks(csv->findBar()->field(), QStringLiteral("pleural_effusion"));
    QVERIFY(csv->findBar()->matchCount() >= 1);
    const QModelIndex current = csv->table()->currentIndex();
    QVERIFY(current.isValid());
    QVERIFY(current.data().toString().contains(QStringLiteral("pleural_effusion")));
    QVERIFY(csv->table()->visualRect(current).intersects(csv->table()->viewport()->rect()));
}

void TestFindBar::pagedTextSaysWhatIsSearched()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.log"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    const QByteArray line = "2026-11-17T10:00:00 INFO request ok\n";
    for (qint64 written = 0; written < 2 * TextEvidenceViewer::pageBytes() + 1000; written += line.size())
        f.write(line);
    f.write("needle at the very end\n");
    f.close();
    EvidenceSource s;
    s.archivePath = QStringLiteral("evidence/big.log");
    s.mediaType = QStringLiteral("text/plain");
    s.size = QFileInfo(path).size();
    s.blobPath = path;
    std::unique_ptr<EvidenceViewer> viewer(EvidenceViewer::create(s));
    viewer->resize(1000, 700);
    viewer->show();
    QTRY_VERIFY_WITH_TIMEOUT(viewer->isLoaded(), 10000);
    auto *text = qobject_cast<TextEvidenceViewer *>(viewer.get());
    text->findBar()->open();
    QTest::keyClicks(text->findBar()->field(), QStringLiteral("needle"));
    QCOMPARE(text->findBar()->countLabel()->text(), QStringLiteral("No matches"));
    QVERIFY(text->findBar()->scopeLabel()->isVisible());
    QVERIFY2(
        text->findBar()->scopeLabel()->text().startsWith(QStringLiteral("Searching the 1.0 MiB loaded of 2.0 MiB")),
        qPrintable(text->findBar()->scopeLabel()->text()));
    // Loading the rest with the bar open searches it too: the needle at the end is found.
    text->loadMore();
    QTRY_VERIFY_WITH_TIMEOUT(text->shownBytes() > TextEvidenceViewer::pageBytes(), 10000);
    text->loadMore();
    QTRY_COMPARE_WITH_TIMEOUT(text->shownBytes(), s.size, 10000);
    QCOMPARE(text->findBar()->countLabel()->text(), QStringLiteral("1 match"));
    QVERIFY(text->findBar()->scopeLabel()->isHidden());
    QTest::keyClick(text->findBar()->field(), Qt::Key_Return);
    QCOMPARE(text->findBar()->countLabel()->text(), QStringLiteral("1 of 1"));
    QCOMPARE(text->editor()->textCursor().selectedText(), QStringLiteral("needle"));
}

void TestFindBar::noMatchSaysSo()
{
    auto viewer = openViewer(*m_fx, QStringLiteral("ev-datasheet"));
    QVERIFY(viewer);
    auto *bar = viewer->findChild<FindBar *>();
    bar->open();
    QTest::keyClicks(bar->field(), QStringLiteral("zqxjzqxj"));
    QCOMPARE(bar->countLabel()->text(), QStringLiteral("No matches"));
    QVERIFY(!bar->findChild<QWidget *>(QStringLiteral("findNext"))->isEnabled());
}

void TestFindBar::pdfMarksTheMatchOnThePage()
{
    auto viewer = openViewer(*m_fx, QStringLiteral("ev-eval-report"));
    QVERIFY(viewer);
    auto *pdf = qobject_cast<PdfEvidenceViewer *>(viewer.get());
    QVERIFY(pdf);
    pdf->findBar()->open();
    QTest::keyClicks(pdf->findBar()->field(), QStringLiteral("Intended use"));
    QTRY_COMPARE_WITH_TIMEOUT(pdf->findBar()->currentMatch(), 0, 10000);
    QWidget *mark = nullptr;
    QTRY_VERIFY((mark = pdf->view()->viewport()->findChild<QWidget *>(QStringLiteral("findHighlight"))) &&
                mark->isVisible());
    // The highlight is painted where the words are: amber pixels inside the viewport.
    const QImage shot = pdf->view()->viewport()->grab().toImage();
    int amber = 0;
    for (int y = 0; y < shot.height(); y += 2)
        for (int x = 0; x < shot.width(); x += 2) {
            const QColor c = shot.pixelColor(x, y);
            if (c.red() > 200 && c.green() > 100 && c.green() < 230 && c.blue() < 120)
                ++amber;
        }
    QVERIFY2(amber > 20, qPrintable(QString::number(amber)));
    test::saveGrab(viewer.get(), QStringLiteral("find-pdf-mark"));
    // Closing the bar's search (no text) removes the mark.
    pdf->findBar()->field()->clear();
    QVERIFY(!mark->isVisible());
}

QTEST_MAIN(TestFindBar)
#include "tst_find_bar.moc"
