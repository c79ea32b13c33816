// Annotations in the GUI: regions drawn with the mouse on a PDF page and an image, an x-range
// on a metric plot, a text line, each through the real dialog; the list and its filters,
// resolve, undo/redo against the store, durability (a second connection sees each action
// when it returns) and navigation to what an annotation is on.
#include "EvidenceFixture.h"

#include "annotations/AnnotationCommands.h"
#include "annotations/AnnotationEditor.h"
#include "annotations/AnnotationNavigation.h"
#include "annotations/AnnotationsModel.h"
#include "annotations/AnnotationsPanel.h"
#include "annotations/ImageAnnotationLayer.h"
#include "annotations/MetricAnnotationLayer.h"
#include "annotations/PdfAnnotationLayer.h"
#include "annotations/TextAnnotationLayer.h"
#include "evidence/EvidencePanel.h"
#include "evidence/ImageEvidenceViewer.h"
#include "evidence/PdfEvidenceViewer.h"
#include "evidence/TextEvidenceViewer.h"
#include "evidence/ZoomableImageView.h"
#include "plots/MetricPlot.h"
#include "review/AnnotationStore.h"
#include "store/Store.h"

#include "qcustomplot.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QGraphicsRectItem>
#include <QPdfDocument>
#include <QPdfView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTimer>
#include <QToolTip>
#include <QUndoStack>
#include <QtTest>

using namespace mltrl;
using namespace mltrl::ui;

namespace {

/// Fills the next annotation dialog that opens (it is modal: this runs inside its loop).
void answerDialog(const QString &severity, const QString &text, bool accept = true)
{
    QTimer::singleShot(0, [=] {
        AnnotationDialog *dialog = nullptr;
        const bool opened = QTest::qWaitFor([&] {
            dialog = qobject_cast<AnnotationDialog *>(QApplication::activeModalWidget());
            return dialog != nullptr;
        }, 5000);
        if (!opened || !dialog)
            qFatal("no annotation dialog opened");
        dialog->severityBox()->setCurrentIndex(dialog->severityBox()->findData(severity));
        QTest::keyClicks(dialog->textEdit(), text);
        if (accept)
            QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        else
            dialog->reject();
    });
}

/// What a fresh connection to the same store holds (as a restarted process would see it).
std::vector<Annotation> storedElsewhere(test::EvidenceFixture &fx)
{
    Problems problems;
    auto other = Store::open(fx.store().dir(), problems);
    if (!other)
        qFatal("cannot reopen the store");
    return AnnotationStore(other->db()).forRevision(fx.revision().overview.revisionId);
}

/// Drags with the left button from `from` to `to` on `widget` (press, two moves, release).
void drag(QWidget *widget, QPoint from, QPoint to)
{
    QTest::mousePress(widget, Qt::LeftButton, {}, from);
    QTest::mouseMove(widget, (from + to) / 2);
    QTest::mouseMove(widget, to);
    QTest::mouseRelease(widget, Qt::LeftButton, {}, to);
}

bool waitLoaded(MetricPlot &plot)
{
    if (!plot.isLoading())
        return plot.prepared() != nullptr;
    QSignalSpy spy(&plot, &MetricPlot::loaded);
    return spy.wait(20000);
}

} // namespace

class TestAnnotations : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void pdfRegionDrawnListedResolvedUndone();
    void imageRegionInImagePixels();
    void metricRangeDrawnAsSpan();
    void textLineAnnotated();
    void cancelledDialogAddsNothing();
    void listFiltersAndEdits();
    void navigationFollowsTargets_data();
    void navigationFollowsTargets();
    void refusedTargetIsNotPushed();
};

void TestAnnotations::pdfRegionDrawnListedResolvedUndone()
{
    test::EvidenceFixture fx;
    ProjectContext &ctx = *fx.context();
    QWidget window;
    auto *layout = new QHBoxLayout(&window);
    auto *evidence = new EvidencePanel(&ctx);
    auto *list = new AnnotationsPanel(&ctx);
    layout->addWidget(evidence, 3);
    layout->addWidget(list, 2);
    window.resize(1440, 860);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    evidence->openEvidence(QStringLiteral("ev-eval-report"));
    auto *pdf = qobject_cast<PdfEvidenceViewer *>(evidence->viewer());
    QVERIFY(pdf);
    auto *layer = pdf->findChild<PdfAnnotationLayer *>();
    QVERIFY(layer);
    QTRY_VERIFY_WITH_TIMEOUT(test::hasInk(pdf->view()->viewport()->grab().toImage()), 10000);
    // Fit-width follows the final layout; measure the page only once it has settled.
    QTest::qWait(200);
    QTRY_VERIFY(std::abs(pdf->zoomFactor() - pdf->fitWidthZoom()) < 1e-9);

    // The mode comes from the viewer's tool button.
    auto *button = pdf->findChild<QToolButton *>(QStringLiteral("annotateModeButton"));
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(layer->isDrawing());

    const QRectF page = layer->pageRect(0);
    QVERIFY(!page.isEmpty());
    QWidget *viewport = pdf->view()->viewport();
    const QPoint from = (page.topLeft() + QPointF(page.width() * 0.12, page.height() * 0.2)).toPoint();
    const QPoint to = (page.topLeft() + QPointF(page.width() * 0.6, page.height() * 0.3)).toPoint();
    answerDialog(QStringLiteral("major"), QStringLiteral("The headline AUROC lacks its interval."));
    drag(viewport, from, to);
    QVERIFY(!layer->isDrawing());   // one region per activation

    // In the list and in the store, durable at once, with the contract's target shape.
    QCOMPARE(list->model()->rowCount(), 1);
    const auto stored = storedElsewhere(fx);
    QCOMPARE(stored.size(), std::size_t(1));
    const Annotation a = stored.front();
    QCOMPARE(a.severity, std::string("major"));
    QCOMPARE(a.text, std::string("The headline AUROC lacks its interval."));
    QVERIFY2(a.target["evidence"] == "ev-eval-report", a.target.dump().c_str());
    QVERIFY2(a.target["page"] == 1, a.target.dump().c_str());
    const QSizeF points = pdf->document()->pagePointSize(0);
    const auto &r = a.target["rect"];
    QVERIFY(r.is_array() && r.size() == 4);
    const double sx = points.width() / page.width();
    const double sy = points.height() / page.height();
    QVERIFY2(std::abs(r[0].get<double>() - (from.x() - page.x()) * sx) < 1.0, a.target.dump().c_str());
    QVERIFY2(std::abs(r[1].get<double>() - (from.y() - page.y()) * sy) < 1.0, a.target.dump().c_str());
    QVERIFY2(std::abs(r[2].get<double>() - (to.x() - from.x()) * sx) < 1.5, a.target.dump().c_str());
    QVERIFY2(std::abs(r[3].get<double>() - (to.y() - from.y()) * sy) < 1.5, a.target.dump().c_str());

    // Drawn in place where it was dragged.
    QCOMPARE(layer->highlights().size(), std::size_t(1));
    const QRectF highlight = layer->highlights().front().rect;
    QVERIFY2(std::abs(highlight.left() - from.x()) <= 1.5 && std::abs(highlight.bottom() - to.y()) <= 1.5,
             qPrintable(QStringLiteral("%1,%2 %3x%4").arg(highlight.x()).arg(highlight.y()).arg(highlight.width()).arg(highlight.height())));

    // Hovering the highlight shows the annotation's text.
    QHelpEvent hover(QEvent::ToolTip, highlight.center().toPoint(), viewport->mapToGlobal(highlight.center().toPoint()));
    QApplication::sendEvent(viewport, &hover);
    QTRY_VERIFY(QToolTip::text().contains(QStringLiteral("lacks its interval")));
    QToolTip::hideText();

    // A second one (a blocker) so the picture shows two colours.
    QTest::mouseClick(button, Qt::LeftButton);
    answerDialog(QStringLiteral("blocker"), QStringLiteral("Calibration plot axes are unlabeled."));
    drag(viewport, (page.topLeft() + QPointF(page.width() * 0.5, page.height() * 0.45)).toPoint(),
         (page.topLeft() + QPointF(page.width() * 0.88, page.height() * 0.55)).toPoint());
    QCOMPARE(list->model()->rowCount(), 2);
    test::saveGrab(&window, QStringLiteral("annotations-pdf"));

    // Resolve the first from the list.
    const QString id = QString::fromStdString(a.id);
    QVERIFY(list->select(id));
    QTest::mouseClick(list->findChild<QPushButton *>(QStringLiteral("resolveButton")), Qt::LeftButton);
    auto statusOf = [&] {
        for (const Annotation &x : storedElsewhere(fx))
            if (x.id == a.id)
                return x.status;
        return std::string("absent");
    };
    QCOMPARE(statusOf(), std::string("resolved"));

    // Undo walks back through resolve, the second add and the first add; redo forward again.
    QUndoStack *stack = ctx.undoStack();
    QCOMPARE(stack->count(), 3);
    stack->undo();
    QCOMPARE(statusOf(), std::string("open"));
    stack->undo();
    QCOMPARE(storedElsewhere(fx).size(), std::size_t(1));
    stack->undo();
    QCOMPARE(statusOf(), std::string("absent"));
    QCOMPARE(list->model()->rowCount(), 0);
    QVERIFY(layer->highlights().empty());
    stack->redo();
    QCOMPARE(statusOf(), std::string("open"));   // the same id comes back
    QCOMPARE(storedElsewhere(fx).front().created, a.created);
    stack->redo();
    stack->redo();
    QCOMPARE(statusOf(), std::string("resolved"));
    QCOMPARE(list->model()->rowCount(), 2);
    QCOMPARE(layer->highlights().size(), std::size_t(2));
}

void TestAnnotations::imageRegionInImagePixels()
{
    test::EvidenceFixture fx;
    EvidencePanel panel(fx.context());
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.openEvidence(QStringLiteral("ev-roc-figure"));
    auto *image = qobject_cast<ImageEvidenceViewer *>(panel.viewer());
    QVERIFY(image);
    QTRY_VERIFY_WITH_TIMEOUT(image->isLoaded() && !image->view()->imageSize().isEmpty(), 10000);
    auto *layer = image->findChild<ImageAnnotationLayer *>();
    QVERIFY(layer);
    QTest::qWait(200);   // the fit follows the final layout
    layer->modeAction()->trigger();
    QVERIFY(layer->isDrawing());

    ZoomableImageView *view = image->view();
    const QSize size = view->imageSize();
    const QPoint from = view->mapFromScene(QPointF(size.width() * 0.25, size.height() * 0.3));
    const QPoint to = view->mapFromScene(QPointF(size.width() * 0.7, size.height() * 0.6));
    answerDialog(QStringLiteral("minor"), QStringLiteral("Site C curve is cut off."));
    drag(view->viewport(), from, to);

    const auto stored = storedElsewhere(fx);
    QCOMPARE(stored.size(), std::size_t(1));
    const auto &t = stored.front().target;
    QVERIFY2(t["evidence"] == "ev-roc-figure", t.dump().c_str());
    QVERIFY(!t.contains("page"));
    const QPointF a = view->mapToScene(from);
    const QPointF b = view->mapToScene(to);
    QVERIFY2(std::abs(t["rect"][0].get<double>() - a.x()) <= 1 && std::abs(t["rect"][1].get<double>() - a.y()) <= 1,
             t.dump().c_str());
    QVERIFY2(std::abs(t["rect"][2].get<double>() - (b.x() - a.x())) <= 2, t.dump().c_str());
    QVERIFY2(std::abs(t["rect"][3].get<double>() - (b.y() - a.y())) <= 2, t.dump().c_str());
    // Drawn as a highlight item in image coordinates, with the text on hover.
    QCOMPARE(layer->highlightItems().size(), std::size_t(1));
    QVERIFY(layer->highlightItems().front()->toolTip().contains(QStringLiteral("Site C curve is cut off.")));
    QCOMPARE(layer->highlightItems().front()->rect().x(), t["rect"][0].get<double>());
    test::saveGrab(&panel, QStringLiteral("annotations-image"));

    // Undo removes the highlight and the row.
    fx.context()->undoStack()->undo();
    QVERIFY(layer->highlightItems().empty());
    QVERIFY(storedElsewhere(fx).empty());
}

void TestAnnotations::metricRangeDrawnAsSpan()
{
    test::EvidenceFixture fx;
    MetricPlot plot;
    auto *layer = MetricAnnotationLayer::attach(plot, *fx.context());
    plot.resize(900, 500);
    plot.setVisible(true);   // MetricPlot::show(prepared) hides QWidget::show()
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    const Metric *metric = fx.revision().manifest.findMetric("loss");
    QVERIFY(metric);
    plot.load(&fx.store(), fx.revision().overview.revisionId, *metric);
    QVERIFY(waitLoaded(plot));
    plot.replotNow();

    auto *button = plot.findChild<QToolButton *>(QStringLiteral("annotateRangeButton"));
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(layer->isSelecting());
    QCustomPlot *qcp = plot.plot();
    const QRect area = qcp->axisRect()->rect();
    const QPoint from(area.left() + area.width() / 4, area.center().y());
    const QPoint to(area.left() + area.width() / 2, area.center().y());
    const double x0 = qcp->xAxis->pixelToCoord(from.x());
    const double x1 = qcp->xAxis->pixelToCoord(to.x());
    answerDialog(QStringLiteral("info"), QStringLiteral("Loss plateaus here."));
    drag(qcp, from, to);

    const auto stored = storedElsewhere(fx);
    QCOMPARE(stored.size(), std::size_t(1));
    const auto &t = stored.front().target;
    QVERIFY2(t["metric"] == "loss", t.dump().c_str());
    const double width = qcp->xAxis->range().size();
    QVERIFY2(std::abs(t["x_range"][0].get<double>() - x0) <= width / 500, t.dump().c_str());
    QVERIFY2(std::abs(t["x_range"][1].get<double>() - x1) <= width / 500, t.dump().c_str());
    QCOMPARE(layer->shown().size(), std::size_t(1));
    QCOMPARE(layer->spanItems().size(), 1);
    QCOMPARE(layer->spanItems().front()->topLeft->coords().x(), t["x_range"][0].get<double>());

    // Showing the metric again (which clears the plot's items) brings the span back.
    plot.show(plot.prepared());
    plot.replotNow();
    QCOMPARE(layer->spanItems().size(), 1);
    test::saveGrab(&plot, QStringLiteral("annotations-metric"));
}

void TestAnnotations::textLineAnnotated()
{
    test::EvidenceFixture fx;
    EvidencePanel panel(fx.context());
    panel.resize(1000, 700);
    panel.show();
    panel.openEvidence(QStringLiteral("ev-test-log"));
    auto *text = qobject_cast<TextEvidenceViewer *>(panel.viewer());
    QVERIFY(text);
    QTRY_VERIFY_WITH_TIMEOUT(text->isLoaded(), 10000);
    auto *layer = text->findChild<TextAnnotationLayer *>();
    QVERIFY(layer);
    QVERIFY(text->editor()->extraSelections().isEmpty());
    answerDialog(QStringLiteral("major"), QStringLiteral("This test was skipped."));
    layer->annotateLine(3);
    const auto stored = storedElsewhere(fx);
    QCOMPARE(stored.size(), std::size_t(1));
    QVERIFY2(stored.front().target == (nlohmann::json{{"evidence", "ev-test-log"}, {"line", 3}}), stored.front().target.dump().c_str());
    QCOMPARE(text->editor()->extraSelections().size(), 1);
    QCOMPARE(text->editor()->extraSelections().front().cursor.blockNumber(), 2);
}

void TestAnnotations::cancelledDialogAddsNothing()
{
    test::EvidenceFixture fx;
    answerDialog(QStringLiteral("info"), QStringLiteral("never mind"), false);
    const QString id = annotate(*fx.context(), {{"project", true}});
    QVERIFY(id.isEmpty());
    QVERIFY(storedElsewhere(fx).empty());
    QCOMPARE(fx.context()->undoStack()->count(), 0);
}

void TestAnnotations::listFiltersAndEdits()
{
    test::EvidenceFixture fx;
    ProjectContext &ctx = *fx.context();
    AnnotationsPanel panel(&ctx);
    QAbstractItemModelTester modelTester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester filterTester(panel.filter(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString gateId = QString::fromStdString(fx.revision().manifest.gates.front().id);
    const QString criterionId = QString::fromStdString(fx.revision().manifest.gates.front().criteria.front().id);
    const QString a = addAnnotation(ctx, {{"project", true}}, {QStringLiteral("info"), QStringLiteral("Looks tidy.")});
    const QString b = addAnnotation(ctx, {{"gate", gateId.toStdString()}, {"criterion", criterionId.toStdString()}},
                                    {QStringLiteral("blocker"), QStringLiteral("Threshold is too lax.")});
    const QString c = addAnnotation(ctx, {{"card", fx.revision().manifest.cards.front().level}},
                                    {QStringLiteral("minor"), QStringLiteral("Card misses limitations.")});
    QVERIFY(!a.isEmpty() && !b.isEmpty() && !c.isEmpty());
    QCOMPARE(panel.model()->rowCount(), 3);

    panel.severityFilter()->setCurrentIndex(panel.severityFilter()->findData(QStringLiteral("blocker")));
    QCOMPARE(panel.filter()->rowCount(), 1);
    QCOMPARE(panel.filter()->index(0, 0).data(AnnotationsModel::IdRole).toString(), b);
    QCOMPARE(panel.filter()->index(0, AnnotationsModel::TargetColumn).data().toString(),
             QStringLiteral("criterion %1 (%2)").arg(criterionId, gateId));
    panel.severityFilter()->setCurrentIndex(0);

    ctx.undoStack()->push(new SetAnnotationStatusCommand(ctx, a, QStringLiteral("resolved")));
    panel.statusFilter()->setCurrentIndex(panel.statusFilter()->findData(QStringLiteral("open")));
    QCOMPARE(panel.filter()->rowCount(), 2);
    panel.statusFilter()->setCurrentIndex(panel.statusFilter()->findData(QStringLiteral("resolved")));
    QCOMPARE(panel.filter()->rowCount(), 1);
    // Selecting a hidden annotation clears the filters that hide it.
    QVERIFY(panel.select(c));
    QCOMPARE(panel.selectedId(), c);
    QCOMPARE(panel.filter()->rowCount(), 3);

    // Edit through the dialog, then undo it.
    answerDialog(QStringLiteral("major"), QStringLiteral(" Also the intended use."));
    panel.editSelected();
    auto find = [&](const QString &id) { return *AnnotationStore(fx.store().db()).find(id.toStdString()); };
    QCOMPARE(find(c).severity, std::string("major"));
    QCOMPARE(find(c).text, std::string("Card misses limitations. Also the intended use."));
    ctx.undoStack()->undo();
    QCOMPARE(find(c).severity, std::string("minor"));
    QCOMPARE(find(c).text, std::string("Card misses limitations."));

    // Delete, undo brings it back whole.
    QVERIFY(panel.select(b));
    panel.deleteSelected();
    QCOMPARE(panel.model()->rowCount(), 2);
    QVERIFY(!AnnotationStore(fx.store().db()).find(b.toStdString()));
    ctx.undoStack()->undo();
    QCOMPARE(panel.model()->rowCount(), 3);
    QCOMPARE(find(b).text, std::string("Threshold is too lax."));
    QCOMPARE(find(b).severity, std::string("blocker"));
    test::saveGrab(&panel, QStringLiteral("annotations-list"));
}

void TestAnnotations::navigationFollowsTargets_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("signal");
    QTest::addColumn<QStringList>("args");
    QTest::newRow("pdf page") << QStringLiteral(R"({"evidence":"ev-eval-report","page":3,"rect":[1,2,3,4]})")
                              << QStringLiteral("evidence") << QStringList{QStringLiteral("ev-eval-report"), QStringLiteral("2")};
    QTest::newRow("metric") << QStringLiteral(R"({"metric":"loss","x_range":[1,2]})") << QStringLiteral("metric")
                            << QStringList{QStringLiteral("loss")};
    QTest::newRow("criterion") << QStringLiteral(R"({"gate":"g","criterion":"c"})") << QStringLiteral("criterion")
                               << QStringList{QStringLiteral("g"), QStringLiteral("c")};
    QTest::newRow("requirement") << QStringLiteral(R"({"requirement":"R-1"})") << QStringLiteral("requirement")
                                 << QStringList{QStringLiteral("R-1")};
    QTest::newRow("card") << QStringLiteral(R"({"card":4})") << QStringLiteral("card")
                          << QStringList{QStringLiteral("4"), QString()};
    QTest::newRow("project") << QStringLiteral(R"({"project":true})") << QStringLiteral("project") << QStringList{};
}

void TestAnnotations::navigationFollowsTargets()
{
    QFETCH(QString, target);
    QFETCH(QString, signal);
    QFETCH(QStringList, args);
    test::EvidenceFixture fx;
    ProjectContext *ctx = fx.context();
    QSignalSpy evidence(ctx, &ProjectContext::showEvidence);
    QSignalSpy metric(ctx, &ProjectContext::showMetric);
    QSignalSpy criterion(ctx, &ProjectContext::showCriterion);
    QSignalSpy requirement(ctx, &ProjectContext::showRequirement);
    QSignalSpy card(ctx, &ProjectContext::showCard);
    QSignalSpy project(ctx, &ProjectContext::showProject);
    QVERIFY(navigateToTarget(*ctx, nlohmann::json::parse(target.toStdString())));
    const std::map<QString, QSignalSpy *> spies{{QStringLiteral("evidence"), &evidence}, {QStringLiteral("metric"), &metric},
                                                {QStringLiteral("criterion"), &criterion}, {QStringLiteral("requirement"), &requirement},
                                                {QStringLiteral("card"), &card}, {QStringLiteral("project"), &project}};
    for (const auto &[name, spy] : spies)
        QCOMPARE(spy->count(), name == signal ? 1 : 0);
    QStringList got;
    for (const QVariant &v : spies.at(signal)->front())
        got << v.toString();
    QCOMPARE(got, args);
}

void TestAnnotations::refusedTargetIsNotPushed()
{
    test::EvidenceFixture fx;
    QSignalSpy notices(fx.context(), &ProjectContext::notice);
    QVERIFY(addAnnotation(*fx.context(), {{"evidence", "no-such-file"}}, {QStringLiteral("info"), QStringLiteral("x")}).isEmpty());
    QVERIFY(addAnnotation(*fx.context(), {{"metric", "loss"}, {"page", 1}}, {QStringLiteral("info"), QStringLiteral("x")}).isEmpty());
    QCOMPARE(notices.count(), 2);
    QCOMPARE(fx.context()->undoStack()->count(), 0);
    QVERIFY(storedElsewhere(fx).empty());
}

QTEST_MAIN(TestAnnotations)
#include "tst_annotations.moc"
