// The Requirements panel's risk chart on a big project: 500 generated requirements make the
// point labels overlap, so the chart is a count heat-map (ISO 14971 style). Its counts are the
// requirements per cell, a click on a cell (or Enter on the keyboard's cell) filters the table
// to exactly those rows behind a "filter: … ×" button that removes it, and only the selected
// requirement carries a label. The bundled example's twelve requirements stay points.
#include "GuiFixture.h"

#include "core/derive/RiskMatrix.h"
#include "ui/panels/PanelUtil.h"
#include "ui/panels/RequirementsPanel.h"
#include "ui/panels/RiskHeatMap.h"

#include "qcustomplot.h"

#include <QComboBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QToolButton>
#include <QtTest>

#include <set>

using namespace mltrl;
using namespace mltrl::ui;

namespace {

constexpr int kRequirements = 500;

void screenshot(QWidget &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("MLTRL_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        w.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

/// Requirement i of the generated project: p(failure) and impact on a 0.05 grid (k / 20, so
/// the band is k / 4 and band edges are hit exactly), skewed towards low risk as real projects
/// are; every 25th has no risk assessment.
struct Generated {
    QString id;
    std::optional<int> p20;      ///< p(failure) × 20
    std::optional<int> impact20; ///< impact × 20
};

Generated generated(int i)
{
    Generated g{QStringLiteral("REQ-%1").arg(i + 1), std::nullopt, std::nullopt};
    if (i % 25 == 24)
        return g;
    const unsigned h = static_cast<unsigned>(i) * 2654435761u;
    g.p20 = static_cast<int>((h >> 8) % 21) * static_cast<int>((h >> 3) % 2 + 1) / 2;
    g.impact20 = static_cast<int>((h >> 16) % 21);
    return g;
}

int band20(int v20)
{
    return std::min(4, v20 / 4);
}

class BigProject {
public:
    BigProject()
    {
        nlohmann::json manifest = m_copy.manifest();
        nlohmann::json reqs = nlohmann::json::array();
        for (int i = 0; i < kRequirements; ++i) {
            const Generated g = generated(i);
            nlohmann::json r = {{"id", g.id.toStdString()},
                                {"text", "Generated requirement " + std::to_string(i + 1) + " shall hold."},
                                {"kind", i % 3 == 0 ? "research" : "product"},
                                {"level", 4 + i % 3},
                                {"verification", i % 7 == 0 ? "failed" : "passed"},
                                {"validation", "pending"}};
            if (g.p20)
                r["risk"] = {{"p_failure", *g.p20 / 20.0}, {"impact", *g.impact20 / 20.0}};
            reqs.push_back(r);
        }
        manifest["requirements"] = reqs;
        for (auto &card : manifest["cards"])
            card["requirements"] = nlohmann::json::array({"REQ-1", "REQ-2"});
        m_copy.setManifest(manifest);
        project = std::make_unique<test::LoadedProject>(m_copy.dir());
    }
    std::unique_ptr<test::LoadedProject> project;

private:
    test::ExampleCopy m_copy;
};

/// Requirements of the generated project in `cell`.
std::set<QString> expectedIn(RiskCell cell)
{
    std::set<QString> ids;
    for (int i = 0; i < kRequirements; ++i) {
        const Generated g = generated(i);
        if (g.p20 && band20(*g.p20) == cell.probability && band20(*g.impact20) == cell.impact)
            ids.insert(g.id);
    }
    return ids;
}

std::set<QString> tableIds(const RequirementsPanel &panel)
{
    std::set<QString> ids;
    for (int r = 0; r < panel.proxy()->rowCount(); ++r)
        ids.insert(panel.proxy()->index(r, RequirementsPanel::Id).data(kIdRole).toString());
    return ids;
}

} // namespace

Q_DECLARE_METATYPE(mltrl::RiskCell)

class TestRiskHeatMap : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_big = std::make_unique<BigProject>();
        QCOMPARE(static_cast<int>(m_big->project->revision().manifest.requirements.size()), kRequirements);
    }
    void cleanupTestCase() { m_big.reset(); }

    void bigProjectShowsCounts();
    void clickFiltersToExactlyTheCell_data();
    void clickFiltersToExactlyTheCell();
    void keyboardMovesAndFilters();
    void labelsOnlyForTheSelection();
    void toggleSwitchesViews();
    void otherFiltersNarrowTheCounts();
    void exampleStaysPoints();

private:
    std::unique_ptr<RequirementsPanel> shownPanel(ProjectContext *context)
    {
        auto panel = std::make_unique<RequirementsPanel>(context);
        panel->resize(1280, 720);
        panel->show();
        if (!QTest::qWaitForWindowExposed(panel.get()))
            return nullptr;
        return panel;
    }

    std::unique_ptr<BigProject> m_big;
};

void TestRiskHeatMap::bigProjectShowsCounts()
{
    auto panel = shownPanel(m_big->project->context.get());
    QVERIFY(panel);
    QVERIFY(panel->heatMapShown());
    QVERIFY(panel->heatMap()->isVisible());
    QVERIFY(!panel->matrix()->isVisible());
    int assessed = 0;
    for (int p = 0; p < kRiskBands; ++p)
        for (int i = 0; i < kRiskBands; ++i) {
            const int expected = static_cast<int>(expectedIn({p, i}).size());
            QCOMPARE(panel->heatMap()->counts().at({p, i}), expected);
            assessed += expected;
        }
    QCOMPARE(panel->heatMap()->counts().notAssessed, kRequirements / 25);
    QCOMPARE(assessed + kRequirements / 25, kRequirements);
    // The cells are on screen, apart, and say what they count.
    for (int p = 0; p < kRiskBands; ++p)
        for (int i = 0; i < kRiskBands; ++i) {
            const QRectF r = panel->heatMap()->cellRect({p, i});
            QVERIFY2(r.width() >= 30 && r.height() >= 30,
                     qPrintable(QStringLiteral("cell %1,%2 too small").arg(p).arg(i)));
            QVERIFY(panel->heatMap()->rect().contains(r.toRect()));
            QCOMPARE(*panel->heatMap()->cellAt(r.center()), (RiskCell{p, i}));
        }
    QVERIFY(panel->heatMap()->describe({4, 4}).contains(QStringLiteral("unacceptable")));
    QVERIFY(panel->heatMap()->describe({0, 0}).contains(QStringLiteral("acceptable")));
    screenshot(*panel, QStringLiteral("requirements-heat-map"));
}

void TestRiskHeatMap::clickFiltersToExactlyTheCell_data()
{
    QTest::addColumn<RiskCell>("cell");
    for (int p = 0; p < kRiskBands; ++p)
        for (int i = 0; i < kRiskBands; ++i)
            QTest::addRow("%s × %s", std::string(probabilityBandName(p)).c_str(),
                          std::string(impactBandName(i)).c_str())
                << RiskCell{p, i};
}

void TestRiskHeatMap::clickFiltersToExactlyTheCell()
{
    QFETCH(RiskCell, cell);
    auto panel = shownPanel(m_big->project->context.get());
    QVERIFY(panel);
    const std::set<QString> expected = expectedIn(cell);
    QTest::mouseClick(panel->heatMap(), Qt::LeftButton, {}, panel->heatMap()->cellRect(cell).center().toPoint());
    QCOMPARE(panel->proxy()->rowCount(), static_cast<int>(expected.size()));
    QCOMPARE(tableIds(*panel), expected);
    QCOMPARE(panel->heatMap()->filterCell(), std::optional<RiskCell>(cell));
    // The filter says what it is and removes itself.
    QToolButton *chip = panel->cellFilterButton();
    QVERIFY(chip->isVisible());
    QVERIFY2(chip->text().startsWith(QStringLiteral("filter: ")), qPrintable(chip->text()));
    QVERIFY(chip->text().contains(QString::fromUtf8(probabilityBandName(cell.probability).data())));
    QVERIFY(chip->text().contains(QString::fromUtf8(impactBandName(cell.impact).data())));
    QVERIFY(chip->text().endsWith(QStringLiteral("×")));
    QTest::mouseClick(chip, Qt::LeftButton);
    QCOMPARE(panel->proxy()->rowCount(), kRequirements);
    QVERIFY(!chip->isVisible());
    QVERIFY(!panel->heatMap()->filterCell());
    // A second click on the filtering cell removes the filter too.
    QTest::mouseClick(panel->heatMap(), Qt::LeftButton, {}, panel->heatMap()->cellRect(cell).center().toPoint(), 0);
    QCOMPARE(panel->proxy()->rowCount(), static_cast<int>(expected.size()));
    QTest::mouseClick(panel->heatMap(), Qt::LeftButton, {}, panel->heatMap()->cellRect(cell).center().toPoint(),
                      QApplication::doubleClickInterval() + 50);
    QCOMPARE(panel->proxy()->rowCount(), kRequirements);
}

void TestRiskHeatMap::keyboardMovesAndFilters()
{
    auto panel = shownPanel(m_big->project->context.get());
    QVERIFY(panel);
    RiskHeatMap *map = panel->heatMap();
    map->setFocus();
    QTRY_VERIFY(map->hasFocus());
    map->setCurrentCell({0, 0});
    // Right twice, up four times (one beyond the edge stays on the edge), left once.
    for (Qt::Key key :
         {Qt::Key_Right, Qt::Key_Right, Qt::Key_Up, Qt::Key_Up, Qt::Key_Up, Qt::Key_Up, Qt::Key_Up, Qt::Key_Left})
        QTest::keyClick(map, key);
    QCOMPARE(map->currentCell(), (RiskCell{1, 4}));
    QVERIFY(map->accessibleDescription().contains(QStringLiteral("remote")));
    QVERIFY(map->accessibleDescription().contains(QStringLiteral("catastrophic")));
    QTest::keyClick(map, Qt::Key_Return);
    QCOMPARE(tableIds(*panel), expectedIn({1, 4}));
    QVERIFY(panel->cellFilterButton()->isVisible());
    screenshot(*panel, QStringLiteral("requirements-heat-map-filtered"));
    QTest::keyClick(map, Qt::Key_Escape);
    QCOMPARE(panel->proxy()->rowCount(), kRequirements);
    QVERIFY(!panel->cellFilterButton()->isVisible());
    QTest::keyClick(map, Qt::Key_Down);
    QTest::keyClick(map, Qt::Key_Enter);
    QCOMPARE(tableIds(*panel), expectedIn({1, 3}));
}

void TestRiskHeatMap::labelsOnlyForTheSelection()
{
    auto panel = shownPanel(m_big->project->context.get());
    QVERIFY(panel);
    // At most the current row's requirement is marked (the table makes its first row current
    // when it takes the focus).
    QVERIFY(panel->heatMap()->marks().size() <= 1);
    QVERIFY(panel->matrixLabels().size() <= 1);
    const QString id = generated(41).id;
    QVERIFY(panel->selectRequirement(id));
    QCOMPARE(panel->heatMap()->marks().size(), std::size_t{1});
    QCOMPARE(panel->heatMap()->marks().front().id, id);
    QCOMPARE(panel->heatMap()->marks().front().pFailure, *generated(41).p20 / 20.0);
    // The point view of the same project writes only the selection's id too.
    panel->setChartMode(RequirementsPanel::ChartMode::Points);
    QCOMPARE(panel->matrixLabels(), QStringList{id});
    QCOMPARE(panel->matrixPointCount(), kRequirements - kRequirements / 25);
    // A requirement without a risk has no mark.
    QVERIFY(panel->selectRequirement(generated(24).id));
    QVERIFY(panel->heatMap()->marks().empty());
    QVERIFY(panel->matrixLabels().isEmpty());
    panel->setChartMode(RequirementsPanel::ChartMode::Auto);
    QVERIFY(panel->selectRequirement(id));
    screenshot(*panel, QStringLiteral("requirements-heat-map-selection"));
}

void TestRiskHeatMap::toggleSwitchesViews()
{
    auto panel = shownPanel(m_big->project->context.get());
    QVERIFY(panel);
    QComboBox *mode = panel->chartModeBox();
    QCOMPARE(mode->currentData().toInt(), static_cast<int>(RequirementsPanel::ChartMode::Auto));
    mode->setCurrentIndex(mode->findData(static_cast<int>(RequirementsPanel::ChartMode::Points)));
    QVERIFY(!panel->heatMapShown());
    QVERIFY(panel->matrix()->isVisible());
    mode->setCurrentIndex(mode->findData(static_cast<int>(RequirementsPanel::ChartMode::HeatMap)));
    QVERIFY(panel->heatMapShown());
    QVERIFY(panel->heatMap()->isVisible());
    mode->setCurrentIndex(mode->findData(static_cast<int>(RequirementsPanel::ChartMode::Auto)));
    QVERIFY(panel->heatMapShown());
}

void TestRiskHeatMap::otherFiltersNarrowTheCounts()
{
    // With the kind filter on "research", a cell counts (and its click leaves) only research rows.
    auto panel = shownPanel(m_big->project->context.get());
    QVERIFY(panel);
    panel->kindFilter()->setCurrentIndex(panel->kindFilter()->findData(QStringLiteral("research")));
    const RiskCell cell{0, 2};
    std::set<QString> expected;
    for (int i = 0; i < kRequirements; i += 3)
        if (expectedIn(cell).count(generated(i).id))
            expected.insert(generated(i).id);
    QVERIFY(!expected.empty());
    QCOMPARE(panel->heatMap()->counts().at(cell), static_cast<int>(expected.size()));
    QTest::mouseClick(panel->heatMap(), Qt::LeftButton, {}, panel->heatMap()->cellRect(cell).center().toPoint());
    QCOMPARE(tableIds(*panel), expected);
    panel->kindFilter()->setCurrentIndex(0);
    QCOMPARE(tableIds(*panel), expectedIn(cell));
}

void TestRiskHeatMap::exampleStaysPoints()
{
    // Twelve requirements whose ids fit apart at 1280 × 720: points, every one labelled.
    test::LoadedProject example;
    auto panel = shownPanel(example.context.get());
    QVERIFY(panel);
    QVERIFY(!panel->heatMapShown());
    QCOMPARE(panel->matrixLabels().size(), panel->matrixPointCount());
    // Squeezed, the same ids would overlap: the heat-map takes over, and back when there is room.
    panel->resize(700, 330);
    QTRY_VERIFY(panel->heatMapShown());
    panel->resize(1280, 720);
    QTRY_VERIFY(!panel->heatMapShown());
    QCOMPARE(panel->matrixLabels().size(), panel->matrixPointCount());
    panel->matrix()->replot(QCustomPlot::rpImmediateRefresh);
    screenshot(*panel, QStringLiteral("requirements-example-points"));
}

QTEST_MAIN(TestRiskHeatMap)
#include "tst_risk_heat_map.moc"
