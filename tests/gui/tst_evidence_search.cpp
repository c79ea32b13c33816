// Full-text search: the FTS5 index in the store's database, built by a worker thread with
// progress, and the panel's search box and hit list.
#include "EvidenceFixture.h"
#include "core/store/Store.h"
#include "ui/evidence/EvidencePanel.h"
#include "ui/evidence/EvidenceText.h"
#include "ui/evidence/SearchIndex.h"
#include "ui/evidence/SearchIndexer.h"

#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QtTest>

using namespace mltrl;
using namespace mltrl::ui;

namespace {

bool hasHit(const std::vector<SearchIndex::Hit> &hits, const QString &kind, const QString &id)
{
    return std::any_of(hits.begin(), hits.end(), [&](const auto &h) { return h.kind == kind && h.itemId == id; });
}

/// Builds the index of the fixture's revision and waits for it.
void buildIndex(test::EvidenceFixture &fx, SearchIndexer &indexer)
{
    QSignalSpy finished(&indexer, &SearchIndexer::finished);
    indexer.start(fx.store().dir(), fx.context->revision());
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.front().at(1).toBool(), true);
}

} // namespace

class TestEvidenceSearch : public QObject {
    Q_OBJECT
private slots:
    void ftsQueryQuotesWords_data();
    void ftsQueryQuotesWords();
    void pdfTextIsExtracted();
    void indexerReportsProgressAndMarksRevision();
    void stagingWritesNothingBeforeCommit();
    void searchFindsEachSource_data();
    void searchFindsEachSource();
    void panelSearchOpensHits();
};

void TestEvidenceSearch::ftsQueryQuotesWords_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("query");
    QTest::newRow("one word") << "auroc"
                              << "\"auroc\"*";
    QTest::newRow("two words") << "site  C"
                               << "\"site\" \"C\"*";
    QTest::newRow("fts syntax is inert") << "a OR b\" NEAR("
                                         << "\"a\" \"OR\" \"b\" \"NEAR\"*";
    QTest::newRow("nothing") << " -- "
                             << "";
}

void TestEvidenceSearch::ftsQueryQuotesWords()
{
    QFETCH(QString, text);
    QFETCH(QString, query);
    QCOMPARE(SearchIndex::toFtsQuery(text), query);
}

void TestEvidenceSearch::pdfTextIsExtracted()
{
    test::EvidenceFixture fx;
    const Evidence *e = fx.revision().manifest.findEvidence("ev-eval-report");
    const QString text = EvidenceText::extract(EvidenceSource::resolve(fx.revision(), fx.store(), *e));
    QVERIFY(text.contains(QStringLiteral("Chest X-ray triage: evaluation report v3")));
    QVERIFY(text.contains(QStringLiteral("relabelling")));
}

void TestEvidenceSearch::indexerReportsProgressAndMarksRevision()
{
    test::EvidenceFixture fx;
    const qint64 revisionId = fx.revision().overview.revisionId;
    {
        SearchIndex index(fx.store().db());
        QVERIFY(!index.isIndexed(revisionId));
    }
    SearchIndexer indexer;
    QSignalSpy progress(&indexer, &SearchIndexer::progress);
    buildIndex(fx, indexer);
    QCOMPARE(progress.count(), 15); // one report per evidence file
    QCOMPARE(progress.last().at(0).toInt(), 15);
    QCOMPARE(progress.last().at(1).toInt(), 15);
    SearchIndex index(fx.store().db());
    QVERIFY(index.isIndexed(revisionId));
    const qint64 rows = fx.store().db().queryInt("SELECT count(*) FROM search_index");
    // 15 evidence files, 4 cards, 12 requirements.
    QCOMPARE(rows, 15 + 4 + 12);

    // A second run finds the revision indexed and does no work.
    QSignalSpy again(&indexer, &SearchIndexer::progress);
    buildIndex(fx, indexer);
    QCOMPARE(again.count(), 0);
    QCOMPARE(fx.store().db().queryInt("SELECT count(*) FROM search_index"), rows);
}

/// Items staged one by one reach the index only on commit (replacing the revision's entries);
/// a staging dropped without commit leaves the index as it was.
void TestEvidenceSearch::stagingWritesNothingBeforeCommit()
{
    test::EvidenceFixture fx;
    const qint64 revisionId = fx.revision().overview.revisionId;
    SearchIndex index(fx.store().db());
    index.index(revisionId,
                {{QStringLiteral("card"), QStringLiteral("5/"), QStringLiteral("Old"), QStringLiteral("zebra")}});
    const auto count = [&] { return fx.store().db().queryInt("SELECT count(*) FROM search_index"); };
    {
        SearchIndex::Staging staging(index);
        staging.add(
            {QStringLiteral("evidence"), QStringLiteral("ev-a"), QStringLiteral("A"), QStringLiteral("quokka")});
        QCOMPARE(staging.size(), std::size_t(1));
        QCOMPARE(count(), 1);
        QVERIFY(index.search(revisionId, QStringLiteral("quokka")).empty());
    } // dropped: nothing written
    QCOMPARE(count(), 1);
    QCOMPARE(index.search(revisionId, QStringLiteral("zebra")).size(), std::size_t(1));

    SearchIndex::Staging staging(index);
    int n = 0;
    QVERIFY(SearchIndexer::forEachItem(fx.revision(), fx.store(), nullptr, {}, [&](SearchIndex::Item &&item) {
        staging.add(item);
        ++n;
    }));
    QCOMPARE(n, 15 + 4 + 12); // the same items collect() gives
    QCOMPARE(static_cast<std::size_t>(n), SearchIndexer::collect(fx.revision(), fx.store(), nullptr, {}).size());
    QCOMPARE(count(), 1);
    staging.commit(revisionId);
    QCOMPARE(count(), 15 + 4 + 12);
    QVERIFY(index.isIndexed(revisionId));
    QVERIFY(index.search(revisionId, QStringLiteral("zebra")).empty()); // replaced
    QVERIFY(hasHit(index.search(revisionId, QStringLiteral("relabelling")), QStringLiteral("evidence"),
                   QStringLiteral("ev-eval-report")));
}

void TestEvidenceSearch::searchFindsEachSource_data()
{
    QTest::addColumn<QString>("words");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("id");
    QTest::newRow("pdf text only") << "relabelling"
                                   << "evidence"
                                   << "ev-eval-report";
    QTest::newRow("notebook") << "Hanley"
                              << "evidence"
                              << "ev-notebook";
    QTest::newRow("markdown") << "frozen"
                              << "evidence"
                              << "ev-datasheet";
    QTest::newRow("json value") << "teaching hospital"
                                << "evidence"
                                << "ev-model-card";
    QTest::newRow("csv cell") << "det-vendor-2"
                              << "evidence"
                              << "ev-sample";
    QTest::newRow("title") << "confusion matrix"
                           << "evidence"
                           << "ev-confusion";
    QTest::newRow("prefix") << "relabel"
                            << "evidence"
                            << "ev-eval-report";
}

void TestEvidenceSearch::searchFindsEachSource()
{
    QFETCH(QString, words);
    QFETCH(QString, kind);
    QFETCH(QString, id);
    test::EvidenceFixture fx;
    SearchIndexer indexer;
    buildIndex(fx, indexer);
    SearchIndex index(fx.store().db());
    const auto hits = index.search(fx.revision().overview.revisionId, words);
    QVERIFY2(hasHit(hits, kind, id), qPrintable(words));
    if (words == QLatin1String("relabelling")) {
        QCOMPARE(hits.size(), std::size_t(1)); // the word occurs only in the PDF's text
        QVERIFY(hits.front().snippet.contains(SearchIndex::kMatchStart + QStringLiteral("relabelling") +
                                              SearchIndex::kMatchEnd));
    }
}

void TestEvidenceSearch::panelSearchOpensHits()
{
    test::EvidenceFixture fx;
    const Requirement &req = fx.revision().manifest.requirements.front();
    EvidencePanel panel(fx.context.get());
    panel.resize(1280, 720);
    panel.show();
    QTRY_VERIFY_WITH_TIMEOUT(panel.isSearchReady(), 30000);
    panel.search(QStringLiteral("relabelling"));
    QCOMPARE(panel.hitList()->count(), 1);
    auto *label = qobject_cast<QLabel *>(panel.hitList()->itemWidget(panel.hitList()->item(0)));
    QVERIFY(label);
    QVERIFY(label->text().contains(QStringLiteral("<b>relabelling</b>")));
    test::saveGrab(&panel, QStringLiteral("panel-search"));
    panel.hitList()->setCurrentRow(0);
    QCOMPARE(panel.currentEvidenceId(), QStringLiteral("ev-eval-report"));

    QSignalSpy requirement(fx.context.get(), &ProjectContext::showRequirement);
    panel.search(QString::fromStdString(req.id));
    int row = -1;
    for (int i = 0; i < panel.hitList()->count(); ++i)
        if (panel.hitList()->item(i)->toolTip() == QString::fromStdString(req.id))
            row = i;
    QVERIFY(row >= 0); // the title "Requirement <id>" is indexed
    panel.openHit(row);
    QCOMPARE(requirement.count(), 1);
    QCOMPARE(requirement.front().at(0).toString(), QString::fromStdString(req.id));

    QSignalSpy card(fx.context.get(), &ProjectContext::showCard);
    const Card &c = fx.revision().manifest.cards.front();
    panel.search(QString::fromStdString(c.tldr));
    row = -1;
    for (int i = 0; i < panel.hitList()->count(); ++i)
        if (panel.hitList()->item(i)->toolTip() ==
            QStringLiteral("%1/%2").arg(c.level).arg(QString::fromStdString(c.component)))
            row = i;
    QVERIFY(row >= 0);
    panel.openHit(row);
    QCOMPARE(card.count(), 1);
    QCOMPARE(card.front().at(0).toInt(), c.level);
}

QTEST_MAIN(TestEvidenceSearch)
#include "tst_evidence_search.moc"
