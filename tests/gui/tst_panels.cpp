// The Metrics, Gates, Requirements and Cards panels filled from the bundled example:
// contents, navigation both ways, filters, the risk matrix and card diffs.
#include "GuiFixture.h"

#include "ui/panels/CardsPanel.h"
#include "ui/panels/GatesPanel.h"
#include "ui/panels/MetricsPanel.h"
#include "ui/panels/RequirementsPanel.h"
#include "ui/plots/MetricPlot.h"

#include "qcustomplot.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QtTest>

using namespace mltrl;
using namespace mltrl::ui;

namespace {

/// Saves a picture of `w` when MLTRL_SCREENSHOT_DIR is set (to look at the panels).
void screenshot(QWidget &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("MLTRL_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        w.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

bool waitLoaded(MetricPlot *plot)
{
    if (!plot->isLoading())
        return plot->prepared() != nullptr;
    QSignalSpy spy(plot, &MetricPlot::loaded);
    return spy.wait(20000);
}

} // namespace

class TestPanels : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { m_project = std::make_unique<test::LoadedProject>(); }
    void cleanupTestCase() { m_project.reset(); }

    void metricsPanelListsAndPlots()
    {
        MetricsPanel panel(m_project->context.get());
        panel.resize(1280, 720);
        panel.show();
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const Manifest &m = m_project->revision().manifest;
        QCOMPARE(panel.model()->rowCount(), static_cast<int>(m.metrics.size()));
        for (int r = 0; r < panel.model()->rowCount(); ++r) {
            const std::string id = panel.model()->item(r, 0)->text().toStdString();
            QCOMPARE(panel.model()->item(r, 3)->text(), QString::number(m_project->revision().metricPoints.at(id)));
        }
        emit m_project->context->showMetric(QStringLiteral("ece"));
        QCOMPARE(panel.currentMetric(), QStringLiteral("ece"));
        QVERIFY(waitLoaded(panel.plot()));
        const auto stored = loadMetricData(m_project->store(), m_project->revision().overview.revisionId, "ece");
        QCOMPARE(panel.plot()->subSeriesCount(), static_cast<int>(stored->series.size()));
        panel.plot()->replotNow();
        QCOMPARE(panel.plot()->pointsDrawn(0), static_cast<int>(stored->series[0].size()));
        QVERIFY(!panel.selectMetric(QStringLiteral("no-such-metric")));
        screenshot(panel, QStringLiteral("metrics"));
    }

    void gatesPanelShowsCriteria()
    {
        ProjectContext *context = m_project->context.get();
        GatesPanel panel(context);
        panel.resize(1280, 800);
        panel.show();
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(panel.selectGate(QStringLiteral("gate-5")));
        const Gate *gate = m_project->revision().manifest.findGate("gate-5");
        QCOMPARE(panel.model()->rowCount(), static_cast<int>(gate->criteria.size()));
        QVERIFY(panel.signoffLabel()->text().contains(QStringLiteral("clinical reviewer")));
        QVERIFY(panel.signoffLabel()->text().contains(QStringLiteral("R&D reviewer")));
        for (int r = 0; r < panel.model()->rowCount(); ++r) {
            const Criterion &c = gate->criteria[static_cast<std::size_t>(r)];
            const CriterionOverview *o = m_project->revision().criterion("gate-5", c.id);
            const QString suggested = panel.model()->item(r, GatesPanel::Suggested)->text();
            if (!c.isQuantitative()) {
                QCOMPARE(suggested, QStringLiteral("reviewer decides"));
                continue;
            }
            QCOMPARE(panel.model()->item(r, GatesPanel::Threshold)->text(), exactNumber(*c.threshold));
            QVERIFY(o && o->observed);
            QCOMPARE(panel.model()->item(r, GatesPanel::Observed)->text(), exactNumber(*o->observed));
            QCOMPARE(suggested, *o->suggested == "met" ? QStringLiteral("✓ met") : QStringLiteral("✗ not met"));
            QVERIFY(!panel.model()->item(r, GatesPanel::Suggested)->icon().isNull());
        }

        // Navigation in: showCriterion selects and plots it with its threshold and series.
        emit context->showCriterion(QStringLiteral("gate-5"), QStringLiteral("calibration"));
        QCOMPARE(panel.currentCriterion(), QStringLiteral("calibration"));
        QVERIFY(waitLoaded(panel.plot()));
        QCOMPARE(*panel.plot()->thresholdDrawn(), 0.05);
        QVERIFY(panel.evidenceLinks()->text().contains(QStringLiteral("href=\"ev-eval-report\"")));
        screenshot(panel, QStringLiteral("gates"));

        // Navigation out: the evidence cell and the evidence links.
        QSignalSpy evidence(context, &ProjectContext::showEvidence);
        QVERIFY(panel.selectCriterion(QStringLiteral("gate-5"), QStringLiteral("latency")));
        const int row = panel.table()->currentIndex().row();
        const QRect cell = panel.table()->visualRect(panel.model()->index(row, GatesPanel::Evidence));
        QTest::mouseClick(panel.table()->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(evidence.size(), 1);
        QCOMPARE(evidence.at(0).at(0).toString(), QStringLiteral("ev-test-log"));
        emit panel.evidenceLinks()->linkActivated(QStringLiteral("ev-test-log"));
        QCOMPARE(evidence.size(), 2);

        // A qualitative criterion has no plot.
        QVERIFY(panel.selectCriterion(QStringLiteral("gate-5"), QStringLiteral("ethics")));
        QVERIFY(!panel.plot()->prepared());
        QVERIFY(!panel.selectCriterion(QStringLiteral("gate-9"), QStringLiteral("x")));
    }

    // G7: the bundled example's history went through gate-4 (4 → 5) with no signed review in
    // this store, and says so; gate-5, where the project stands, does not.
    void gatesPanelSaysAGateWasPassedWithoutReview()
    {
        GatesPanel panel(m_project->context.get());
        QVERIFY(panel.selectGate(QStringLiteral("gate-4")));
        QVERIFY2(panel.statusLabel()->text().contains(QStringLiteral("passed without a signed review in this store")),
                 qPrintable(panel.statusLabel()->text()));
        QVERIFY(panel.statusLabel()->text().startsWith(QStringLiteral("open")));
        QVERIFY(panel.selectGate(QStringLiteral("gate-5")));
        QVERIFY(!panel.statusLabel()->text().contains(QStringLiteral("passed without")));
        QVERIFY2(panel.statusLabel()->text().contains(QStringLiteral("missing: R&D reviewer: 0 of 1")),
                 qPrintable(panel.statusLabel()->text()));
    }

    void requirementsTableFiltersAndMatrix()
    {
        ProjectContext *context = m_project->context.get();
        RequirementsPanel panel(context);
        panel.resize(1280, 720);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(panel.proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto &reqs = m_project->revision().manifest.requirements;
        QCOMPARE(panel.model()->rowCount(), static_cast<int>(reqs.size()));
        const auto withRisk =
            std::count_if(reqs.begin(), reqs.end(), [](const Requirement &r) { return r.riskScore().has_value(); });
        QVERIFY(withRisk > 0);
        QCOMPARE(panel.matrixPointCount(), static_cast<int>(withRisk));

        // Filters: kind, level, V&V status, risk band.
        const std::string kind = reqs.front().kind;
        panel.kindFilter()->setCurrentIndex(panel.kindFilter()->findData(QString::fromStdString(kind)));
        QCOMPARE(panel.proxy()->rowCount(),
                 static_cast<int>(
                     std::count_if(reqs.begin(), reqs.end(), [&](const Requirement &r) { return r.kind == kind; })));
        panel.kindFilter()->setCurrentIndex(0);
        QCOMPARE(panel.proxy()->rowCount(), static_cast<int>(reqs.size()));
        panel.vvFilter()->setCurrentIndex(panel.vvFilter()->findData(QStringLiteral("failed")));
        QCOMPARE(panel.proxy()->rowCount(),
                 static_cast<int>(std::count_if(reqs.begin(), reqs.end(), [](const Requirement &r) {
                     return r.verification == VvStatus::Failed || r.validation == VvStatus::Failed;
                 })));
        panel.vvFilter()->setCurrentIndex(0);
        panel.riskFilter()->setCurrentIndex(panel.riskFilter()->findData(static_cast<int>(RiskBand::Unacceptable)));
        const auto unacceptable = std::count_if(reqs.begin(), reqs.end(), [](const Requirement &r) {
            return riskCell(r) && riskLevel(*riskCell(r)) == RiskLevel::Unacceptable;
        });
        QVERIFY(unacceptable > 0);
        QCOMPARE(panel.proxy()->rowCount(), static_cast<int>(unacceptable));
        panel.riskFilter()->setCurrentIndex(0);
        const int level = *reqs.front().level;
        panel.levelFilter()->setCurrentIndex(panel.levelFilter()->findData(level));
        QCOMPARE(panel.proxy()->rowCount(),
                 static_cast<int>(
                     std::count_if(reqs.begin(), reqs.end(), [&](const Requirement &r) { return r.level == level; })));
        panel.levelFilter()->setCurrentIndex(0);

        // Sorting by risk puts the largest p × impact first when descending.
        panel.table()->sortByColumn(RequirementsPanel::Risk, Qt::DescendingOrder);
        double top = 0;
        for (const Requirement &r : reqs)
            if (r.riskScore())
                top = std::max(top, *r.riskScore());
        QCOMPARE(panel.proxy()->index(0, RequirementsPanel::Risk).data(Qt::UserRole + 1).toDouble(), top);

        // Clicking a point selects the row; selecting a row highlights the point.
        panel.matrix()->replot(QCustomPlot::rpImmediateRefresh);
        int clicked = 0;
        for (const QString &id : panel.matrixIds()) {
            // Points that share a spot are one click target: take the unique ones.
            const QPoint at = panel.matrixPosition(id);
            if (std::count_if(panel.matrixIds().begin(), panel.matrixIds().end(), [&](const QString &other) {
                    return (panel.matrixPosition(other) - at).manhattanLength() < 12;
                }) > 1)
                continue;
            // Apart in time, so two clicks never make a double click.
            QTest::mouseClick(panel.matrix(), Qt::LeftButton, {}, at, QApplication::doubleClickInterval() + 50);
            QCOMPARE(panel.currentRequirement(), id);
            QCOMPARE(panel.matrixHighlight(), id);
            ++clicked;
        }
        QVERIFY(clicked >= 3);
        const QString last = QString::fromStdString(reqs.back().id);
        emit context->showRequirement(last);
        QCOMPARE(panel.currentRequirement(), last);
        if (reqs.back().riskScore())
            QCOMPARE(panel.matrixHighlight(), last);
        screenshot(panel, QStringLiteral("requirements"));
    }

    void cardsRenderAndDiffLevels()
    {
        ProjectContext *context = m_project->context.get();
        CardsPanel panel(context);
        panel.resize(1280, 800);
        panel.show();
        const auto &cards = m_project->revision().manifest.cards;
        QCOMPARE(panel.cardBox()->count(), static_cast<int>(cards.size()));
        emit context->showCard(cards.front().level, QString::fromStdString(cards.front().component));
        QCOMPARE(panel.cardBox()->currentIndex(), 0);
        const QString html = panel.cardView()->toHtml();
        QVERIFY(html.contains(QStringLiteral("TL;DR")));
        QVERIFY(panel.cardView()->toPlainText().contains(QString::fromStdString(cards.front().tldr).left(20)));
        if (!cards.front().requirements.empty())
            QVERIFY(html.contains(QStringLiteral("requirement:") +
                                  QString::fromStdString(cards.front().requirements.front())));
        screenshot(panel, QStringLiteral("card"));

        // A link in the card navigates.
        QSignalSpy requirement(context, &ProjectContext::showRequirement);
        emit panel.cardView()->anchorClicked(QUrl(QStringLiteral("requirement:R1")));
        QCOMPARE(requirement.size(), 1);
        QCOMPARE(requirement.at(0).at(0).toString(), QStringLiteral("R1"));

        // Two levels side by side: the sections that differ are named and marked.
        panel.compare(0, 0, 1);
        QVERIFY(panel.changedSections().contains(QStringLiteral("TL;DR")));
        QVERIFY(panel.diffView()->toHtml().contains(QStringLiteral("line-through")));
        screenshot(panel, QStringLiteral("card-diff-levels"));
        panel.compare(1, 0, 1);
        QVERIFY(panel.changedSections().isEmpty());
        QVERIFY(!panel.rightRevisionBox()->isEnabled());
    }

    void cardSectionsRenderMarkdown()
    {
        test::ExampleCopy copy;
        nlohmann::json manifest = copy.manifest();
        manifest["cards"][0]["tldr"] = "**Ready** for `level 4`:\n\n- first point\n- second point";
        copy.setManifest(manifest);
        test::LoadedProject project(copy.dir());
        CardsPanel panel(project.context.get());
        panel.resize(1000, 700);
        panel.show();
        panel.cardBox()->setCurrentIndex(0);
        QTextDocument *doc = panel.cardView()->document();
        const QString text = doc->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("Ready for level 4")), qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("**")));
        QVERIFY(!text.contains(QStringLiteral("`")));
        // "Ready" is bold, the two points are a list.
        bool bold = false;
        int listItems = 0;
        for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
            if (b.textList() && b.text().endsWith(QStringLiteral("point")))
                ++listItems;
            for (auto it = b.begin(); !it.atEnd(); ++it)
                if (it.fragment().text().contains(QStringLiteral("Ready")) &&
                    it.fragment().charFormat().fontWeight() >= QFont::Bold)
                    bold = true;
        }
        QVERIFY(bold);
        QCOMPARE(listItems, 2);
        // Requirement links still navigate.
        const auto &card = project.revision().manifest.cards.front();
        if (!card.requirements.empty())
            QVERIFY(doc->toHtml().contains(QStringLiteral("requirement:") +
                                           QString::fromStdString(card.requirements.front())));
        screenshot(panel, QStringLiteral("card-markdown"));
    }

    void cardDiffBetweenRevisions()
    {
        // Two revisions of example-min that differ only in the card's caveats.
        test::ExampleCopy copy;
        test::LoadedProject project(copy.dir());
        nlohmann::json manifest = copy.manifest();
        manifest["cards"][0]["caveats"] = "Not validated on smartphone images or on children.";
        manifest["project"]["exported_at"] = "2026-11-21T10:00:00Z";
        copy.setManifest(manifest);
        project.importAnother(copy.dir());
        QCOMPARE(project.revision().overview.revision, 2);

        CardsPanel panel(project.context.get());
        panel.resize(1280, 700);
        panel.show();
        QVERIFY(panel.rightRevisionBox()->isEnabled());
        QCOMPARE(panel.rightRevisionBox()->count(), 2);
        QSignalSpy ready(&panel, &CardsPanel::compareReady);
        panel.compare(0, 1, 0);
        QVERIFY(ready.wait(10000));
        QCOMPARE(panel.changedSections(), QStringList{QStringLiteral("Caveats")});
        QVERIFY(panel.diffView()->toPlainText().contains(QStringLiteral("children")));
        screenshot(panel, QStringLiteral("card-diff-revisions"));
    }

private:
    std::unique_ptr<test::LoadedProject> m_project;
};

QTEST_MAIN(TestPanels)
#include "tst_panels.moc"
