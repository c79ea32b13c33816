// The workbench on a 1280×720 screen (issue 18): the window's minimum size fits, the Inspector
// starts collapsed below 1440 px and opens on Ctrl+I, and the columns a reviewer scans for —
// the status, the verdict, staleness — are on screen without scrolling in the Requirements,
// Gates and Review panels; long text comes last and wraps, the Inspector never elides a
// hash in the middle, the Changes diff wraps and the signed-reviews list is resizable.
#include "GuiTestUtil.h"
#include "TempStore.h"
#include "ui/changes/ChangesPanel.h"
#include "ui/panels/GatesPanel.h"
#include "ui/panels/RequirementsPanel.h"
#include "ui/review/ReviewForm.h"
#include "ui/session/ProjectContext.h"
#include "ui/shell/ImportController.h"
#include "ui/shell/InspectorWidget.h"
#include "ui/shell/PanelSetup.h"
#include "ui/shell/Settings.h"
#include "ui/shell/WorkbenchWindow.h"

#include <QDockWidget>
#include <QHeaderView>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

#include <memory>

using namespace mltrl;
using namespace mltrl::ui;

namespace {
/// The scroll area the window puts a panel in.
QScrollArea *scrollOf(QWidget *panel)
{
    return qobject_cast<QScrollArea *>(panel->parentWidget() ? panel->parentWidget()->parentWidget() : nullptr);
}

/// `column` of `view` lies wholly inside the view's viewport (no horizontal scrolling needed)
/// and the panel holding it needs no scrolling either.
void verifyColumnOnScreen(QTableView *view, int column, const QString &what)
{
    QHeaderView *header = view->horizontalHeader();
    // Each check waits for the layout to settle (the panel was just shown) rather than sleeping.
    QVERIFY2(!header->isSectionHidden(column), qPrintable(what));
    QTRY_COMPARE(view->horizontalScrollBar()->value(), 0);
    const auto left = [&] { return header->sectionViewportPosition(column); };
    const auto right = [&] { return left() + header->sectionSize(column); };
    QTRY_VERIFY2(left() >= 0 && right() <= view->viewport()->width(),
                 qPrintable(QStringLiteral("%1: x %2–%3, viewport %4 wide")
                                .arg(what)
                                .arg(left())
                                .arg(right())
                                .arg(view->viewport()->width())));
    QTRY_VERIFY2(header->sectionSize(column) >= header->sectionSizeHint(column) || header->sectionSize(column) >= 40,
                 qPrintable(what + QStringLiteral(" is squeezed")));
}

/// The panel fits the window: its scroll area scrolls neither way.
void verifyPanelFits(QWidget *panel, const QString &what)
{
    QScrollArea *scroll = scrollOf(panel);
    QVERIFY2(scroll, qPrintable(what));
    QTRY_VERIFY2(
        scroll->verticalScrollBar()->maximum() == 0,
        qPrintable(
            QStringLiteral("%1 scrolls vertically by %2 px").arg(what).arg(scroll->verticalScrollBar()->maximum())));
    QTRY_VERIFY2(scroll->horizontalScrollBar()->maximum() == 0,
                 qPrintable(QStringLiteral("%1 scrolls horizontally by %2 px")
                                .arg(what)
                                .arg(scroll->horizontalScrollBar()->maximum())));
}
} // namespace

class TestLayout720 : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void minimumSizeFits();
    void inspectorCollapsedBelow1440();
    void requirementsStatusOnScreen();
    void gatesVerdictAndEvidenceOnScreen();
    void reviewVerdictAndStaleOnScreen();
    void inspectorShowsHashesWhole();
    void changesDiffWraps();
    void firstFrameIsLaidOut();

private:
    template <typename T>
    T *panel()
    {
        T *p = m_window->findChild<T *>();
        if (p) {
            m_window->showPanel(p);
            QTest::qWait(50);
        }
        return p;
    }

    std::unique_ptr<test::TempStore> m_store;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<WorkbenchWindow> m_window;
};

void TestLayout720::initTestCase()
{
    test::useTestSettings();
    m_store = std::make_unique<test::TempStore>();
    m_settings = std::make_unique<Settings>();
    m_window = std::make_unique<WorkbenchWindow>(m_store->store(), *m_settings);
    installPanels(*m_window, m_window->context());
    m_window->resize(1280, 720);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    // Two revisions (the Changes panel compares them) and a signed review to be listed.
    QVERIFY(m_window->importArchive(test::examplePath()));
    QTRY_VERIFY2_WITH_TIMEOUT(m_window->context().hasRevision(),
                              qPrintable(QStringLiteral("import outcome %1, busy %2, status: %3")
                                             .arg(static_cast<int>(m_window->importController()->lastResult().outcome))
                                             .arg(m_window->importController()->isBusy())
                                             .arg(m_window->statusBar()->currentMessage())),
                              60000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->importController()->isBusy(), 60000);
    QVERIFY(m_window->importArchive(QDir::cleanPath(test::examplePath() + QStringLiteral("/../cxr-triage-r2.mltrl"))));
    QTRY_VERIFY2_WITH_TIMEOUT(m_window->context().hasRevision() &&
                                  m_window->context().revision()->overview.revision == 2,
                              qPrintable(QStringLiteral("import outcome %1, revision %2, status: %3")
                                             .arg(static_cast<int>(m_window->importController()->lastResult().outcome))
                                             .arg(m_window->importController()->lastResult().revision)
                                             .arg(m_window->statusBar()->currentMessage())),
                              60000);
    QCOMPARE(m_window->size(), QSize(1280, 720));
}

void TestLayout720::minimumSizeFits()
{
    // The window can be as small as the screen (it used to need 1280×746).
    const QSize minimum = m_window->minimumSizeHint().expandedTo(m_window->minimumSize());
    QVERIFY2(minimum.width() <= 1280 && minimum.height() <= 720,
             qPrintable(QStringLiteral("minimum %1×%2").arg(minimum.width()).arg(minimum.height())));
    // Every panel, shown in turn, keeps it so (a panel that needs more scrolls inside the window).
    for (const WorkbenchWindow::PanelInfo &p : m_window->panels()) {
        m_window->showPanel(p.widget);
        QTest::qWait(20);
        const QSize m = m_window->minimumSizeHint();
        QVERIFY2(m.width() <= 1280 && m.height() <= 720,
                 qPrintable(QStringLiteral("%1: minimum %2×%3").arg(p.title).arg(m.width()).arg(m.height())));
        QCOMPARE(m_window->size(), QSize(1280, 720));
    }
}

void TestLayout720::inspectorCollapsedBelow1440()
{
    QDockWidget *dock = m_window->inspectorDock();
    QVERIFY(!dock->isVisible());
    m_window->resize(1600, 900);
    QTRY_VERIFY(dock->isVisible());
    m_window->resize(1280, 720);
    QTRY_VERIFY(!dock->isVisible());
    // Collapsible by hand (Ctrl+I); the window then leaves it as the user chose.
    QAction *toggle = dock->toggleViewAction();
    toggle->trigger();
    QTRY_VERIFY(dock->isVisible());
    m_window->resize(1281, 720);
    QTest::qWait(20);
    QVERIFY(dock->isVisible());
    toggle->trigger();
    QTRY_VERIFY(!dock->isVisible());
    m_window->resize(1280, 720);
}

void TestLayout720::requirementsStatusOnScreen()
{
    auto *requirements = panel<RequirementsPanel>();
    QVERIFY(requirements);
    verifyPanelFits(requirements, QStringLiteral("Requirements"));
    QTableView *table = requirements->table();
    for (const auto &[column, name] :
         {std::pair{RequirementsPanel::Risk, "risk"}, std::pair{RequirementsPanel::Verification, "verification"},
          std::pair{RequirementsPanel::Validation, "validation"}, std::pair{RequirementsPanel::Id, "id"}})
        verifyColumnOnScreen(table, column, QString::fromLatin1(name));
    // The text comes last, wraps, and its column starts on screen.
    QHeaderView *header = table->horizontalHeader();
    QCOMPARE(header->visualIndex(RequirementsPanel::Text), header->count() - 1);
    QVERIFY(table->wordWrap());
    QVERIFY2(header->sectionViewportPosition(RequirementsPanel::Text) < table->viewport()->width() - 100,
             qPrintable(QStringLiteral("text column at %1 of %2 px")
                            .arg(header->sectionViewportPosition(RequirementsPanel::Text))
                            .arg(table->viewport()->width())));
}

void TestLayout720::gatesVerdictAndEvidenceOnScreen()
{
    auto *gates = panel<GatesPanel>();
    QVERIFY(gates);
    verifyPanelFits(gates, QStringLiteral("Gates"));
    QTableView *table = gates->findChild<QTableView *>();
    QVERIFY(table);
    for (const auto &[column, name] :
         {std::pair{GatesPanel::Suggested, "suggested verdict"}, std::pair{GatesPanel::Observed, "observed"},
          std::pair{GatesPanel::Threshold, "threshold"}, std::pair{GatesPanel::Evidence, "evidence"}})
        verifyColumnOnScreen(table, column, QString::fromLatin1(name));
    QCOMPARE(table->horizontalHeader()->visualIndex(GatesPanel::Text), table->horizontalHeader()->count() - 1);
}

void TestLayout720::reviewVerdictAndStaleOnScreen()
{
    auto *review = panel<ReviewForm>();
    QVERIFY(review);
    verifyPanelFits(review, QStringLiteral("Review"));
    auto tables = review->findChildren<QTableWidget *>();
    QTableWidget *criteria = nullptr;
    QTableWidget *signedReviews = nullptr;
    for (QTableWidget *t : tables) {
        if (t->columnCount() == ReviewForm::ColumnCount && t->horizontalHeaderItem(ReviewForm::Verdict) &&
            t->horizontalHeaderItem(ReviewForm::Verdict)->text() == QStringLiteral("Verdict"))
            criteria = t;
        else if (t->columnCount() == ReviewForm::RColumnCount)
            signedReviews = t;
    }
    QVERIFY(criteria && signedReviews);
    verifyColumnOnScreen(criteria, ReviewForm::Verdict, QStringLiteral("verdict"));
    verifyColumnOnScreen(criteria, ReviewForm::Check, QStringLiteral("check"));
    for (const auto &[column, name] :
         {std::pair{ReviewForm::RStale, "stale"}, std::pair{ReviewForm::RSignature, "signature"},
          std::pair{ReviewForm::RSigner, "signer"}, std::pair{ReviewForm::ROutcome, "outcome"}})
        verifyColumnOnScreen(signedReviews, column, QString::fromLatin1(name));
    // The signed-reviews list is resizable: it sits in a splitter the user can drag.
    QWidget *w = signedReviews;
    QSplitter *splitter = nullptr;
    while (w && !(splitter = qobject_cast<QSplitter *>(w->parentWidget())))
        w = w->parentWidget();
    QVERIFY(splitter && splitter->orientation() == Qt::Vertical);
    QVERIFY(!splitter->handle(1)->isHidden());
    // …and shows at least a few rows by default.
    QVERIFY2(signedReviews->viewport()->height() >= 3 * signedReviews->verticalHeader()->defaultSectionSize(),
             qPrintable(QStringLiteral("%1 px").arg(signedReviews->viewport()->height())));
}

void TestLayout720::inspectorShowsHashesWhole()
{
    m_window->inspectorDock()->show();
    m_window->showPanel(m_window->panels().value(1).widget); // the overview: the revision's facts
    InspectorWidget *inspector = m_window->inspector();
    QTRY_COMPARE(inspector->fact(QStringLiteral("Manifest SHA-256")).size(), 64);
    auto *facts = inspector->findChild<QTreeWidget *>(QStringLiteral("inspectorFacts"));
    QVERIFY(facts);
    const QString hash = inspector->fact(QStringLiteral("Manifest SHA-256"));
    QCOMPARE(hash.size(), 64);
    QTreeWidgetItem *item = facts->findItems(QStringLiteral("Manifest SHA-256"), Qt::MatchExactly, 0).value(0);
    QVERIFY(item);
    // The row is tall enough for the whole hash at the column's width: wrapped, not elided.
    const QRect row = facts->visualItemRect(item);
    const int width = facts->columnWidth(1);
    const int needed = QFontMetrics(facts->font()).horizontalAdvance(hash);
    const int lines = (needed + width - 1) / std::max(1, width - 8);
    QVERIFY2(row.height() >= lines * QFontMetrics(facts->font()).height(),
             qPrintable(QStringLiteral("row %1 px for %2 lines").arg(row.height()).arg(lines)));
    QCOMPARE(facts->textElideMode(), Qt::ElideRight); // nothing set to elide in the middle
    m_window->inspectorDock()->hide();
}

void TestLayout720::changesDiffWraps()
{
    auto *changes = panel<ChangesPanel>();
    QVERIFY(changes);
    QVERIFY(QMetaObject::invokeMethod(changes, "prepareForScreenshot"));
    auto *detail = changes->findChild<QTextBrowser *>();
    QVERIFY(detail);
    QTRY_VERIFY_WITH_TIMEOUT(detail->toHtml().contains(QStringLiteral("pre-wrap")), 30000);
    QVERIFY(detail->lineWrapMode() != QTextEdit::NoWrap);
    // The diff pane gets a readable share of the width and no horizontal scrolling.
    QVERIFY2(detail->width() >= 400, qPrintable(QString::number(detail->width())));
    QTRY_COMPARE(detail->horizontalScrollBar()->maximum(), 0);
}

void TestLayout720::firstFrameIsLaidOut()
{
    // A new window opening the project: the first grab of the overview after the revision
    // arrives already has the summary at its full height, the owners and links below it, and
    // the revision button wide enough for its label (no frame waits for the layout to settle).
    WorkbenchWindow window(m_store->store(), *m_settings);
    installPanels(window, window.context());
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openStartTarget(QStringLiteral("cxr-triage"));
    QTRY_VERIFY_WITH_TIMEOUT(window.context().hasRevision(), 60000);
    auto *overview = window.findChild<QWidget *>(QStringLiteral("overviewPanel"));
    QCOMPARE(window.currentPanel(), overview);
    const QImage first = window.grab().toImage();
    QVERIFY(!first.isNull());
    auto *summary = overview->findChild<QTextBrowser *>(QStringLiteral("overviewSummary"));
    auto *people = overview->findChild<QWidget *>(QStringLiteral("overviewPeople"));
    auto *links = overview->findChild<QWidget *>(QStringLiteral("overviewLinks"));
    QVERIFY(summary && people && links);
    QVERIFY(summary->heightForWidth(summary->width()) <= summary->height() + 1);
    QVERIFY2(summary->geometry().bottom() < people->geometry().top(),
             qPrintable(QStringLiteral("summary ends at %1, owners start at %2")
                            .arg(summary->geometry().bottom())
                            .arg(people->geometry().top())));
    QVERIFY(people->geometry().bottom() < links->geometry().top());
    auto *revision = window.findChild<QToolButton *>(QStringLiteral("contextRevision"));
    QVERIFY(revision);
    QCOMPARE(revision->text(), QStringLiteral("rev 2"));
    QVERIFY2(
        revision->width() >= revision->sizeHint().width(),
        qPrintable(QStringLiteral("%1 px for a %2 px label").arg(revision->width()).arg(revision->sizeHint().width())));
}

QTEST_MAIN(TestLayout720)
#include "tst_layout_720.moc"
