// Natural order (1, 2, 10) wherever ids or titles are sorted: the shared comparator, the
// evidence tree the reviewer browses, and a proxy-sorted table as the requirements and
// metrics panels use it.
#include "core/manifest/Manifest.h"
#include "ui/common/NaturalSort.h"
#include "ui/evidence/EvidenceTreeModel.h"

#include <QStandardItemModel>
#include <QTableView>
#include <QTreeView>
#include <QtTest>

using namespace mltrl;
using namespace mltrl::ui;

class TestNaturalSort : public QObject {
    Q_OBJECT
private slots:
    void compare_data();
    void compare();
    void evidenceTreeCountsLikePeople();
    void proxySortsIdsNaturally();
};

void TestNaturalSort::compare_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("order"); // -1: a first, 0: equal, 1: b first
    QTest::newRow("2 before 10") << "Evidence 2"
                                 << "Evidence 10" << -1;
    QTest::newRow("10 before 100") << "Evidence 10"
                                   << "Evidence 100" << -1;
    QTest::newRow("ids") << "REQ-9"
                         << "REQ-10" << -1;
    QTest::newRow("inner numbers") << "L4-c2-x"
                                   << "L4-c10-a" << -1;
    QTest::newRow("case-insensitive first") << "apple 2"
                                            << "Banana 1" << -1;
    QTest::newRow("case as tie-break") << "Req-1"
                                       << "req-1" << -1;
    QTest::newRow("leading zeros after") << "7"
                                         << "07" << -1;
    QTest::newRow("prefix first") << "G1"
                                  << "G1 / c1" << -1;
    QTest::newRow("equal") << "metric-3"
                           << "metric-3" << 0;
    QTest::newRow("big numbers") << "run 18446744073709551616"
                                 << "run 18446744073709551617" << -1;
    QTest::newRow("empty first") << ""
                                 << "a" << -1;
}

void TestNaturalSort::compare()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, order);
    const auto sign = [](int v) { return v < 0 ? -1 : v > 0 ? 1 : 0; };
    QCOMPARE(sign(naturalCompare(a, b)), order);
    QCOMPARE(sign(naturalCompare(b, a)), -order);
}

void TestNaturalSort::evidenceTreeCountsLikePeople()
{
    Manifest manifest;
    for (int n : {1000, 2, 100, 10, 1, 20}) {
        Evidence e;
        e.id = "ev-" + std::to_string(n);
        e.title = "Evidence " + std::to_string(n);
        e.kind = "report";
        e.level = 4;
        e.path = "evidence/" + std::to_string(n) + ".md";
        manifest.evidence.push_back(e);
    }
    EvidenceTreeModel model;
    model.setManifest(&manifest);
    QTreeView view;
    view.setModel(&model);
    view.expandAll();
    view.resize(500, 400);
    view.show();
    const QModelIndex kind = model.index(0, 0, model.index(0, 0));
    QStringList shown;
    for (int r = 0; r < model.rowCount(kind); ++r)
        shown << model.index(r, 0, kind).data().toString();
    QCOMPARE(shown, (QStringList{QStringLiteral("Evidence 1"), QStringLiteral("Evidence 2"),
                                 QStringLiteral("Evidence 10"), QStringLiteral("Evidence 20"),
                                 QStringLiteral("Evidence 100"), QStringLiteral("Evidence 1000")}));
    // What the user sees top to bottom.
    QVERIFY(view.visualRect(model.index(1, 0, kind)).top() < view.visualRect(model.index(2, 0, kind)).top());
}

void TestNaturalSort::proxySortsIdsNaturally()
{
    QStandardItemModel source;
    for (const char *id : {"REQ-10", "REQ-2", "REQ-1", "REQ-11", "REQ-100"})
        source.appendRow(new QStandardItem(QString::fromLatin1(id)));
    NaturalSortProxy proxy;
    proxy.setSourceModel(&source);
    QTableView view;
    view.setModel(&proxy);
    view.setSortingEnabled(true);
    view.sortByColumn(0, Qt::AscendingOrder);
    QStringList shown;
    for (int r = 0; r < proxy.rowCount(); ++r)
        shown << proxy.index(r, 0).data().toString();
    QCOMPARE(shown, (QStringList{QStringLiteral("REQ-1"), QStringLiteral("REQ-2"), QStringLiteral("REQ-10"),
                                 QStringLiteral("REQ-11"), QStringLiteral("REQ-100")}));
    view.sortByColumn(0, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("REQ-100"));
}

QTEST_MAIN(TestNaturalSort)
#include "tst_natural_sort.moc"
