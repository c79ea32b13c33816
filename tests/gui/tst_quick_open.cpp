// Ctrl+K "Go to…": the ranking, the model over the bundled example (QAbstractItemModelTester),
// and the popup in a real window: type, Enter, and the right panel shows the right item.
#include "GuiFixture.h"
#include "GuiTestUtil.h"
#include "TempStore.h"
#include "ui/evidence/EvidencePanel.h"
#include "ui/panels/CardsPanel.h"
#include "ui/panels/GatesPanel.h"
#include "ui/panels/MetricsPanel.h"
#include "ui/panels/RequirementsPanel.h"
#include "ui/session/ProjectContext.h"
#include "ui/shell/PanelSetup.h"
#include "ui/shell/QuickOpen.h"
#include "ui/shell/QuickOpenModel.h"
#include "ui/shell/Settings.h"
#include "ui/shell/WorkbenchWindow.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QtTest>

using namespace mltrl;
using namespace mltrl::ui;

class TestQuickOpen : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void score_data();
    void score();
    void modelListsEveryKind();
    void modelFiltersAndRanks_data();
    void modelFiltersAndRanks();
    void enterNavigates_data();
    void enterNavigates();
    void arrowsMoveAndEscapeCloses();

private:
    template <typename T>
    T *panel() const
    {
        return m_window->findChild<T *>();
    }

    std::unique_ptr<test::TempStore> m_store;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<WorkbenchWindow> m_window;
};

void TestQuickOpen::initTestCase()
{
    test::useTestSettings();
    m_store = std::make_unique<test::TempStore>();
    m_settings = std::make_unique<Settings>();
    m_window = std::make_unique<WorkbenchWindow>(m_store->store(), *m_settings);
    installPanels(*m_window, m_window->context());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->importArchive(test::examplePath()));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->context().hasRevision(), 60000);
}

void TestQuickOpen::score_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("better");
    QTest::addColumn<QString>("worse");
    QTest::newRow("prefix beats later substring") << "auroc"
                                                  << "auroc_by_site"
                                                  << "val_auroc";
    QTest::newRow("substring beats subsequence") << "roc"
                                                 << "roc_by_site"
                                                 << "r-o-c";
    QTest::newRow("case-insensitive substring") << "PDF"
                                                << "eval.pdf"
                                                << "p_d_f";
    QTest::newRow("fewer gaps win") << "evr"
                                    << "ev-report"
                                    << "e-v-x-r";
    QTest::newRow("any match beats none") << "zq"
                                          << "z-q"
                                          << "nothing here";
}

void TestQuickOpen::score()
{
    QFETCH(QString, query);
    QFETCH(QString, better);
    QFETCH(QString, worse);
    const int b = quickOpenScore(query, better);
    const int w = quickOpenScore(query, worse);
    QVERIFY2(b >= 0, qPrintable(better));
    QVERIFY2(b > w, qPrintable(QStringLiteral("%1: %2 vs %3: %4").arg(better).arg(b).arg(worse).arg(w)));
    QCOMPARE(quickOpenScore(QStringLiteral("xyz"), QStringLiteral("abc")), -1);
    QCOMPARE(quickOpenScore(QString(), QStringLiteral("abc")), 0);
}

void TestQuickOpen::modelListsEveryKind()
{
    const auto revision = m_window->context().revision();
    QuickOpenModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRevision(revision.get());
    const Manifest &m = revision->manifest;
    std::size_t criteria = 0;
    for (const Gate &g : m.gates)
        criteria += g.criteria.size();
    const std::size_t expected =
        m.evidence.size() + m.metrics.size() + m.requirements.size() + m.gates.size() + criteria + m.cards.size();
    QCOMPARE(static_cast<std::size_t>(model.rowCount()), expected);
    QSet<int> kinds;
    for (int r = 0; r < model.rowCount(); ++r)
        kinds.insert(model.index(r).data(QuickOpenModel::KindRole).toInt());
    QCOMPARE(kinds.size(), 6);
    model.setFilter(QStringLiteral("pdf-that-is-not-there"));
    QCOMPARE(model.rowCount(), 0);
    model.setRevision(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestQuickOpen::modelFiltersAndRanks_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("firstId");
    QTest::newRow("evidence id") << "ev-eval" << int(QuickOpenModel::Kind::Evidence) << "ev-eval-report";
    QTest::newRow("fuzzy evidence") << "evtstlog" << int(QuickOpenModel::Kind::Evidence) << "ev-test-log";
    QTest::newRow("metric") << "val_au" << int(QuickOpenModel::Kind::Metric) << "val_auroc";
    QTest::newRow("requirement") << "R3.2" << int(QuickOpenModel::Kind::Requirement) << "R3.2.dicom-ingest";
    QTest::newRow("criterion") << "gate-5 / latency" << int(QuickOpenModel::Kind::Criterion) << "latency";
    QTest::newRow("gate") << "gate-4" << int(QuickOpenModel::Kind::Gate) << "gate-4";
}

void TestQuickOpen::modelFiltersAndRanks()
{
    QFETCH(QString, query);
    QFETCH(int, kind);
    QFETCH(QString, firstId);
    QuickOpenModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRevision(m_window->context().revision().get());
    model.setFilter(query);
    QVERIFY(model.rowCount() > 0);
    QCOMPARE(model.index(0).data(QuickOpenModel::KindRole).toInt(), kind);
    QCOMPARE(model.index(0).data(QuickOpenModel::IdRole).toString(), firstId);
}

void TestQuickOpen::enterNavigates_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("panelClass");
    QTest::addColumn<QString>("selected");
    QTest::newRow("evidence") << "ev-notebook"
                              << "mltrl::ui::EvidencePanel"
                              << "ev-notebook";
    QTest::newRow("metric") << "inference_latency"
                            << "mltrl::ui::MetricsPanel"
                            << "inference_latency";
    QTest::newRow("requirement") << "R4.2"
                                 << "mltrl::ui::RequirementsPanel"
                                 << "R4.2.worklist-ui";
    QTest::newRow("criterion") << "gate-4 / deid"
                               << "mltrl::ui::GatesPanel"
                               << "gate-4/deid";
    QTest::newRow("card") << "Card L6"
                          << "mltrl::ui::CardsPanel"
                          << "Level 6 — dicom-ingest";
}

void TestQuickOpen::enterNavigates()
{
    QFETCH(QString, query);
    QFETCH(QString, panelClass);
    QFETCH(QString, selected);
    m_window->showLibrary();
    m_window->activateWindow();
    QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
    QuickOpen *popup = m_window->quickOpen();
    QVERIFY(popup);
    QTRY_VERIFY(popup->isVisible());
    QVERIFY(popup->filterLine()->text().isEmpty());
    QTest::keyClicks(popup->filterLine(), query);
    QVERIFY(popup->model()->rowCount() > 0);
    QTest::keyClick(popup->filterLine(), Qt::Key_Return);
    QVERIFY(!popup->isVisible());
    QCOMPARE(QString::fromLatin1(m_window->currentPanel()->metaObject()->className()), panelClass);

    const auto current = [this]() -> QString {
        QWidget *shown = m_window->currentPanel();
        if (auto *e = qobject_cast<EvidencePanel *>(shown))
            return e->currentEvidenceId();
        if (auto *mp = qobject_cast<MetricsPanel *>(shown))
            return mp->currentMetric();
        if (auto *rp = qobject_cast<RequirementsPanel *>(shown))
            return rp->currentRequirement();
        if (auto *gp = qobject_cast<GatesPanel *>(shown))
            return gp->currentGate() + QLatin1Char('/') + gp->currentCriterion();
        if (auto *cp = qobject_cast<CardsPanel *>(shown))
            return cp->cardBox()->currentText();
        return {};
    };
    QTRY_COMPARE(current(), selected);
}

void TestQuickOpen::arrowsMoveAndEscapeCloses()
{
    m_window->showQuickOpen();
    QuickOpen *popup = m_window->quickOpen();
    QTRY_VERIFY(popup->isVisible());
    QTest::keyClicks(popup->filterLine(), QStringLiteral("ev-"));
    const int rows = popup->model()->rowCount();
    QVERIFY(rows >= 2);
    QCOMPARE(popup->list()->currentIndex().row(), 0);
    QTest::keyClick(popup->filterLine(), Qt::Key_Down);
    QCOMPARE(popup->list()->currentIndex().row(), 1);
    QTest::keyClick(popup->filterLine(), Qt::Key_Up);
    QTest::keyClick(popup->filterLine(), Qt::Key_Up);
    QCOMPARE(popup->list()->currentIndex().row(), 0);
    // To look at: the popup over the window (MLTRL_GRAB_DIR=DIR).
    const QString dir = qEnvironmentVariable("MLTRL_GRAB_DIR");
    if (!dir.isEmpty()) {
        QPixmap shot = m_window->grab();
        QPainter painter(&shot);
        painter.drawPixmap(m_window->mapFromGlobal(popup->geometry().topLeft()), popup->grab());
        painter.end();
        shot.save(QDir(dir).filePath(QStringLiteral("quick-open.png")));
    }
    QTest::keyClick(popup->filterLine(), Qt::Key_Escape);
    QVERIFY(!popup->isVisible());
}

QTEST_MAIN(TestQuickOpen)
#include "tst_quick_open.moc"
