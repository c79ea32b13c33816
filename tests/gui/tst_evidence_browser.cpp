// The evidence browser: the tree model's contract and grouping, the filter, the facts pane and
// its links, and navigation through ProjectContext::showEvidence.
#include "EvidenceFixture.h"
#include "ui/evidence/EvidenceFacts.h"
#include "ui/evidence/EvidencePanel.h"
#include "ui/evidence/EvidenceTreeModel.h"
#include "ui/evidence/EvidenceViewer.h"
#include "ui/evidence/PdfEvidenceViewer.h"
#include "ui/shell/InspectorWidget.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTreeView>
#include <QtTest>

using namespace mltrl;
using namespace mltrl::ui;

class TestEvidenceBrowser : public QObject {
    Q_OBJECT
private slots:
    void modelPassesTester();
    void groupsByLevelThenKind();
    void filterKeepsMatchingItemsAndTheirGroups();
    void selectingShowsViewerAndFacts();
    void linksEmitNavigation_data();
    void linksEmitNavigation();
    void showEvidenceSelectsIt();
    void revisionClearedEmptiesBrowser();
};

void TestEvidenceBrowser::modelPassesTester()
{
    test::EvidenceFixture fx;
    EvidenceTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setManifest(&fx.revision().manifest);
    model.setManifest(nullptr);
    model.setManifest(&fx.revision().manifest);
    QVERIFY(model.rowCount() > 0);
}

void TestEvidenceBrowser::groupsByLevelThenKind()
{
    test::EvidenceFixture fx;
    EvidenceTreeModel model;
    model.setManifest(&fx.revision().manifest);
    // The example has evidence at levels 3 and 5 only.
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(model.index(0, 0).data().toString().startsWith(QStringLiteral("Level 3")));
    QVERIFY(model.index(1, 0).data().toString().startsWith(QStringLiteral("Level 5")));

    // Every leaf sits under the group of its own level and kind; all 13 items are present.
    int leaves = 0;
    for (int l = 0; l < model.rowCount(); ++l) {
        const QModelIndex level = model.index(l, 0);
        for (int k = 0; k < model.rowCount(level); ++k) {
            const QModelIndex kind = model.index(k, 0, level);
            QVERIFY(kind.data(EvidenceTreeModel::EvidenceIdRole).isNull());
            for (int i = 0; i < model.rowCount(kind); ++i) {
                const QString id = model.index(i, 0, kind).data(EvidenceTreeModel::EvidenceIdRole).toString();
                const Evidence *e = fx.revision().manifest.findEvidence(id.toStdString());
                QVERIFY2(e, qPrintable(id));
                QVERIFY(level.data().toString().startsWith(QStringLiteral("Level %1").arg(*e->level)));
                QVERIFY(kind.data().toString().startsWith(QString::fromStdString(e->kind)));
                ++leaves;
            }
        }
    }
    QCOMPARE(leaves, 15); // 13 files and two DICOM samples
    // Level 5 has three figures under the "figure" kind.
    const QModelIndex figure = model.indexOf(QStringLiteral("ev-roc-figure")).parent();
    QCOMPARE(figure.data().toString(), QStringLiteral("figure (3)"));
    QVERIFY(!(model.flags(figure) & Qt::ItemIsSelectable));
}

void TestEvidenceBrowser::filterKeepsMatchingItemsAndTheirGroups()
{
    test::EvidenceFixture fx;
    EvidencePanel panel(fx.context.get());
    panel.setFilter(QStringLiteral("radiograph"));
    const QAbstractItemModel *shown = panel.tree()->model();
    QCOMPARE(shown->rowCount(), 1); // only level 5 holds a match
    const QModelIndex level = shown->index(0, 0);
    QCOMPARE(shown->rowCount(level), 1);
    const QModelIndex kind = shown->index(0, 0, level);
    QCOMPARE(shown->rowCount(kind), 1);
    QCOMPARE(shown->index(0, 0, kind).data(EvidenceTreeModel::EvidenceIdRole).toString(),
             QStringLiteral("ev-example-overlay"));
    panel.setFilter({});
    QCOMPARE(shown->rowCount(), 2);
}

void TestEvidenceBrowser::selectingShowsViewerAndFacts()
{
    test::EvidenceFixture fx;
    EvidencePanel panel(fx.context.get());
    panel.resize(1280, 720);
    panel.show();
    const QAbstractItemModel *shown = panel.tree()->model();
    QModelIndex pdf;
    for (int l = 0; l < shown->rowCount(); ++l)
        for (int k = 0; k < shown->rowCount(shown->index(l, 0)); ++k) {
            const QModelIndex kind = shown->index(k, 0, shown->index(l, 0));
            for (int i = 0; i < shown->rowCount(kind); ++i)
                if (shown->index(i, 0, kind).data(EvidenceTreeModel::EvidenceIdRole) ==
                    QStringLiteral("ev-eval-report"))
                    pdf = shown->index(i, 0, kind);
        }
    QVERIFY(pdf.isValid());
    // The Inspector is where the facts go: wired as the window wires it.
    InspectorWidget inspector;
    QObject::connect(fx.context.get(), &ProjectContext::inspect, &inspector, &InspectorWidget::showFacts);
    QObject::connect(fx.context.get(), &ProjectContext::inspectLinks, &inspector, &InspectorWidget::showLinks);
    QSignalSpy shownSpy(&panel, &EvidencePanel::evidenceShown);
    panel.tree()->setCurrentIndex(pdf);
    QCOMPARE(shownSpy.count(), 1);
    QCOMPARE(panel.currentEvidenceId(), QStringLiteral("ev-eval-report"));
    QVERIFY(panel.viewer());
    QCOMPARE(panel.viewer()->objectName(), QStringLiteral("pdfViewer"));
    const QString sha = QStringLiteral("0f80f0140e80424d283dbcce73fec016a447444d50ec7dcb4501c6e264ca0c0a");
    QCOMPARE(panel.facts().fact(QStringLiteral("SHA-256")), sha);
    QCOMPARE(inspector.title(), QStringLiteral("Evidence ev-eval-report"));
    QCOMPARE(inspector.fact(QStringLiteral("SHA-256")), sha);
    QCOMPARE(inspector.fact(QStringLiteral("Media type")), QStringLiteral("application/pdf"));
    // Cited by: gate-5 criteria auroc, worst-site, calibration; requirements R1.1–R1.4; the level-5 card.
    const QStringList links = panel.facts().hrefs();
    QCOMPARE(inspector.links(), links);
    // The panel itself no longer shows a second copy of the facts.
    QVERIFY(!panel.findChild<QWidget *>(QStringLiteral("evidenceFacts")));
    QVERIFY(links.contains(QStringLiteral("criterion:gate-5/auroc")));
    QVERIFY(links.contains(QStringLiteral("criterion:gate-5/calibration")));
    QVERIFY(links.contains(QStringLiteral("requirement:R1.4.classifier")));
    QVERIFY(links.contains(QStringLiteral("card:5/")));
    QCOMPARE(links.size(), 3 + 4 + 1);
    test::saveGrab(&panel, QStringLiteral("panel-pdf"));
}

void TestEvidenceBrowser::linksEmitNavigation_data()
{
    QTest::addColumn<QString>("evidence");
    QTest::addColumn<QString>("link");
    QTest::addColumn<QString>("signal");
    QTest::addColumn<QStringList>("args");
    QTest::newRow("criterion") << "ev-ethics"
                               << "criterion:gate-5/ethics"
                               << "criterion" << QStringList{QStringLiteral("gate-5"), QStringLiteral("ethics")};
    QTest::newRow("requirement") << "ev-model-card"
                                 << "requirement:R6.1.classifier"
                                 << "requirement" << QStringList{QStringLiteral("R6.1.classifier")};
    QTest::newRow("component card") << "ev-deid"
                                    << "card:6/dicom-ingest"
                                    << "card" << QStringList{QStringLiteral("6"), QStringLiteral("dicom-ingest")};
}

void TestEvidenceBrowser::linksEmitNavigation()
{
    QFETCH(QString, evidence);
    QFETCH(QString, link);
    QFETCH(QString, signal);
    QFETCH(QStringList, args);
    test::EvidenceFixture fx;
    EvidencePanel panel(fx.context.get());
    InspectorWidget inspector;
    QObject::connect(fx.context.get(), &ProjectContext::inspectLinks, &inspector, &InspectorWidget::showLinks);
    QObject::connect(&inspector, &InspectorWidget::linkActivated, fx.context.get(), &ProjectContext::navigate);
    panel.openEvidence(evidence);
    QVERIFY2(panel.facts().hrefs().contains(link), qPrintable(panel.facts().hrefs().join(QLatin1Char(' '))));
    QSignalSpy criterion(fx.context.get(), &ProjectContext::showCriterion);
    QSignalSpy requirement(fx.context.get(), &ProjectContext::showRequirement);
    QSignalSpy card(fx.context.get(), &ProjectContext::showCard);
    QVERIFY(inspector.links().contains(link));
    emit inspector.linkActivated(link); // what a click on the link in the Inspector does
    QSignalSpy &spy = signal == QLatin1String("criterion")     ? criterion
                      : signal == QLatin1String("requirement") ? requirement
                                                               : card;
    QCOMPARE(criterion.count() + requirement.count() + card.count(), 1);
    QCOMPARE(spy.count(), 1);
    QStringList got;
    for (const QVariant &v : spy.front())
        got << v.toString();
    QCOMPARE(got, args);
}

void TestEvidenceBrowser::showEvidenceSelectsIt()
{
    test::EvidenceFixture fx;
    EvidencePanel panel(fx.context.get());
    panel.resize(1280, 720);
    panel.show();
    panel.setFilter(QStringLiteral("notebook")); // hides the PDF: showEvidence must still reach it
    emit fx.context->showEvidence(QStringLiteral("ev-eval-report"), 2);
    QCOMPARE(panel.currentEvidenceId(), QStringLiteral("ev-eval-report"));
    QCOMPARE(panel.tree()->currentIndex().data(EvidenceTreeModel::EvidenceIdRole).toString(),
             QStringLiteral("ev-eval-report"));
    auto *pdf = qobject_cast<PdfEvidenceViewer *>(panel.viewer());
    QVERIFY(pdf);
    QTRY_COMPARE(pdf->currentPage(), 2);

    emit fx.context->showEvidence(QStringLiteral("ev-sample"));
    QCOMPARE(panel.currentEvidenceId(), QStringLiteral("ev-sample"));
    QCOMPARE(panel.viewer()->objectName(), QStringLiteral("csvViewer"));

    QSignalSpy notice(fx.context.get(), &ProjectContext::notice);
    emit fx.context->showEvidence(QStringLiteral("no-such-evidence"));
    QCOMPARE(notice.count(), 1);
    QCOMPARE(panel.currentEvidenceId(), QStringLiteral("ev-sample"));
}

void TestEvidenceBrowser::revisionClearedEmptiesBrowser()
{
    test::EvidenceFixture fx;
    EvidencePanel panel(fx.context.get());
    panel.openEvidence(QStringLiteral("ev-datasheet"));
    QVERIFY(panel.viewer());
    fx.context->setRevision(nullptr);
    QCOMPARE(panel.model()->rowCount(), 0);
    QVERIFY(!panel.viewer());
    QVERIFY(panel.currentEvidenceId().isEmpty());
}

QTEST_MAIN(TestEvidenceBrowser)
#include "tst_evidence_browser.moc"
