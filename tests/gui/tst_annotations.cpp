// Annotations in the GUI: regions drawn with the mouse on a PDF page and an image, an x-range
// on a metric plot, a text line, each through the real dialog; the list and its filters,
// resolve, undo/redo against the store, durability (a second connection sees each action
// when it returns) and navigation to what an annotation is on. What has no finer place — a
// whole document, a page, a card, the project — is shown in a banner (PDF pages also get an
// edge mark); criteria, requirements and metrics rows carry severity marks; going to a line
// annotation scrolls to the line. Annotations are by the signing identity once there is one.
#include "EvidenceFixture.h"

#include "core/review/AnnotationStore.h"
#include "core/review/KeyRing.h"
#include "core/store/Store.h"
#include "ui/annotations/AnnotateMenu.h"
#include "ui/annotations/AnnotationBanner.h"
#include "ui/annotations/AnnotationCommands.h"
#include "ui/annotations/AnnotationEditor.h"
#include "ui/annotations/AnnotationMarks.h"
#include "ui/annotations/AnnotationNavigation.h"
#include "ui/annotations/AnnotationStyle.h"
#include "ui/annotations/AnnotationsModel.h"
#include "ui/annotations/AnnotationsPanel.h"
#include "ui/annotations/ImageAnnotationLayer.h"
#include "ui/annotations/MetricAnnotationLayer.h"
#include "ui/annotations/PdfAnnotationLayer.h"
#include "ui/annotations/TextAnnotationLayer.h"
#include "ui/evidence/EvidencePanel.h"
#include "ui/evidence/EvidenceViewer.h"
#include "ui/evidence/ImageEvidenceViewer.h"
#include "ui/evidence/PdfEvidenceViewer.h"
#include "ui/evidence/TextEvidenceViewer.h"
#include "ui/evidence/ZoomableImageView.h"
#include "ui/overview/OverviewPanel.h"
#include "ui/panels/CardsPanel.h"
#include "ui/panels/GatesPanel.h"
#include "ui/panels/MetricsPanel.h"
#include "ui/panels/PanelUtil.h"
#include "ui/panels/RequirementsPanel.h"
#include "ui/plots/MetricPlot.h"

#include "qcustomplot.h"

#include "ui/common/PdfProcess.h"
#include "ui/evidence/PdfPageView.h"
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QGraphicsRectItem>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTimer>
#include <QToolTip>
#include <QUndoStack>
#include <QtTest>

#include <filesystem>

using namespace mltrl;
using namespace mltrl::ui;

namespace {

/// Fills the next annotation dialog that opens (it is modal: this runs inside its loop).
void answerDialog(const QString &severity, const QString &text, bool accept = true)
{
    QTimer::singleShot(0, [=] {
        AnnotationDialog *dialog = nullptr;
        const bool opened = QTest::qWaitFor(
            [&] {
                dialog = qobject_cast<AnnotationDialog *>(QApplication::activeModalWidget());
                return dialog != nullptr;
            },
            5000);
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

/// The Evidence panel beside the Annotations list, as the workbench shows them, at `size`.
struct EvidenceBesideList {
    QWidget window;
    EvidencePanel *evidence;
    AnnotationsPanel *list;
    EvidenceBesideList(ProjectContext &ctx, QSize size)
          : evidence(new EvidencePanel(&ctx)), list(new AnnotationsPanel(&ctx))
    {
        auto *layout = new QHBoxLayout(&window);
        layout->addWidget(evidence, 3);
        layout->addWidget(list, 2);
        window.resize(size);
        window.show();
    }
};

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
    void bannerListsWhatIsNotDrawnInPlace_data();
    void bannerListsWhatIsNotDrawnInPlace();
    void pdfPageAnnotationMarksThePageEdge();
    void goingToALineAnnotationScrollsToTheLine();
    void goingToAPdfRegionScrollsItIntoView();
    void panelsMarkAnnotatedItems();
    void authorIsTheSigningIdentity();
};

void TestAnnotations::pdfRegionDrawnListedResolvedUndone()
{
    test::EvidenceFixture fx;
    ProjectContext &ctx = *fx.context.get();
    EvidenceBesideList beside(ctx, QSize(1440, 860));
    QWidget &window = beside.window;
    auto *evidence = beside.evidence;
    auto *list = beside.list;
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
    QVERIFY(!layer->isDrawing()); // one region per activation

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
             qPrintable(QStringLiteral("%1,%2 %3x%4")
                            .arg(highlight.x())
                            .arg(highlight.y())
                            .arg(highlight.width())
                            .arg(highlight.height())));

    // Hovering the highlight shows the annotation's text.
    QHelpEvent hover(QEvent::ToolTip, highlight.center().toPoint(),
                     viewport->mapToGlobal(highlight.center().toPoint()));
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
    QCOMPARE(statusOf(), std::string("open")); // the same id comes back
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
    EvidencePanel panel(fx.context.get());
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.openEvidence(QStringLiteral("ev-roc-figure"));
    auto *image = qobject_cast<ImageEvidenceViewer *>(panel.viewer());
    QVERIFY(image);
    QTRY_VERIFY_WITH_TIMEOUT(image->isLoaded() && !image->view()->imageSize().isEmpty(), 10000);
    auto *layer = image->findChild<ImageAnnotationLayer *>();
    QVERIFY(layer);
    QTest::qWait(200); // the fit follows the final layout
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
    fx.context->undoStack()->undo();
    QVERIFY(layer->highlightItems().empty());
    QVERIFY(storedElsewhere(fx).empty());
}

void TestAnnotations::metricRangeDrawnAsSpan()
{
    test::EvidenceFixture fx;
    MetricPlot plot;
    auto *layer = MetricAnnotationLayer::attach(plot, *fx.context.get());
    plot.resize(900, 500);
    plot.setVisible(true); // MetricPlot::show(prepared) hides QWidget::show()
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
    EvidencePanel panel(fx.context.get());
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
    QVERIFY2(stored.front().target == (nlohmann::json{{"evidence", "ev-test-log"}, {"line", 3}}),
             stored.front().target.dump().c_str());
    QCOMPARE(text->editor()->extraSelections().size(), 1);
    QCOMPARE(text->editor()->extraSelections().front().cursor.blockNumber(), 2);
}

void TestAnnotations::cancelledDialogAddsNothing()
{
    test::EvidenceFixture fx;
    answerDialog(QStringLiteral("info"), QStringLiteral("never mind"), false);
    const QString id = annotate(*fx.context.get(), {{"project", true}});
    QVERIFY(id.isEmpty());
    QVERIFY(storedElsewhere(fx).empty());
    QCOMPARE(fx.context->undoStack()->count(), 0);
}

void TestAnnotations::listFiltersAndEdits()
{
    test::EvidenceFixture fx;
    ProjectContext &ctx = *fx.context.get();
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
                              << QStringLiteral("evidence")
                              << QStringList{QStringLiteral("ev-eval-report"), QStringLiteral("2")};
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
    ProjectContext *ctx = fx.context.get();
    QSignalSpy evidence(ctx, &ProjectContext::showEvidence);
    QSignalSpy metric(ctx, &ProjectContext::showMetric);
    QSignalSpy criterion(ctx, &ProjectContext::showCriterion);
    QSignalSpy requirement(ctx, &ProjectContext::showRequirement);
    QSignalSpy card(ctx, &ProjectContext::showCard);
    QSignalSpy project(ctx, &ProjectContext::showProject);
    QVERIFY(navigateToTarget(*ctx, nlohmann::json::parse(target.toStdString())));
    const std::map<QString, QSignalSpy *> spies{
        {QStringLiteral("evidence"), &evidence},   {QStringLiteral("metric"), &metric},
        {QStringLiteral("criterion"), &criterion}, {QStringLiteral("requirement"), &requirement},
        {QStringLiteral("card"), &card},           {QStringLiteral("project"), &project}};
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
    QSignalSpy notices(fx.context.get(), &ProjectContext::notice);
    QVERIFY(
        addAnnotation(*fx.context.get(), {{"evidence", "no-such-file"}}, {QStringLiteral("info"), QStringLiteral("x")})
            .isEmpty());
    QVERIFY(addAnnotation(*fx.context.get(), {{"metric", "loss"}, {"page", 1}},
                          {QStringLiteral("info"), QStringLiteral("x")})
                .isEmpty());
    QCOMPARE(notices.count(), 2);
    QCOMPARE(fx.context->undoStack()->count(), 0);
    QVERIFY(storedElsewhere(fx).empty());
}

void TestAnnotations::bannerListsWhatIsNotDrawnInPlace_data()
{
    QTest::addColumn<QString>("evidence");
    QTest::addColumn<QString>("where");  // target keys beside "evidence", as JSON
    QTest::addColumn<QString>("viewer"); // the viewer's object name
    QTest::addColumn<QString>("chip");   // the banner's chip starts so; empty: drawn in place, no banner
    QTest::newRow("pdf, whole") << "ev-eval-report"
                                << "{}"
                                << "pdfViewer"
                                << "whole document: ";
    QTest::newRow("pdf, page") << "ev-eval-report"
                               << R"({"page":2})"
                               << "pdfViewer"
                               << "page 2: ";
    QTest::newRow("pdf, region") << "ev-eval-report"
                                 << R"({"page":1,"rect":[10,10,50,20]})"
                                 << "pdfViewer"
                                 << "";
    QTest::newRow("image, whole") << "ev-roc-figure"
                                  << "{}"
                                  << "imageViewer"
                                  << "whole document: ";
    QTest::newRow("image, region") << "ev-roc-figure"
                                   << R"({"rect":[1,2,30,40]})"
                                   << "imageViewer"
                                   << "";
    QTest::newRow("text, whole") << "ev-test-log"
                                 << "{}"
                                 << "textViewer"
                                 << "whole document: ";
    QTest::newRow("text, line") << "ev-test-log"
                                << R"({"line":2})"
                                << "textViewer"
                                << "";
    // Rendered Markdown keeps no source lines: a line note is listed, not drawn.
    QTest::newRow("markdown, line") << "ev-datasheet"
                                    << R"({"line":3})"
                                    << "markdownViewer"
                                    << "line 3: ";
    QTest::newRow("markdown, whole") << "ev-datasheet"
                                     << "{}"
                                     << "markdownViewer"
                                     << "whole document: ";
    QTest::newRow("csv, whole") << "ev-sample"
                                << "{}"
                                << "csvViewer"
                                << "whole document: ";
    QTest::newRow("json, whole") << "ev-model-card"
                                 << "{}"
                                 << "jsonViewer"
                                 << "whole document: ";
    QTest::newRow("notebook, whole") << "ev-notebook"
                                     << "{}"
                                     << "notebookViewer"
                                     << "whole document: ";
}

void TestAnnotations::bannerListsWhatIsNotDrawnInPlace()
{
    QFETCH(QString, evidence);
    QFETCH(QString, where);
    QFETCH(QString, viewer);
    QFETCH(QString, chip);
    test::EvidenceFixture fx;
    ProjectContext &ctx = *fx.context.get();
    nlohmann::json target = nlohmann::json::parse(where.toStdString());
    target["evidence"] = evidence.toStdString();
    const QString id = addAnnotation(ctx, target, {QStringLiteral("major"), QStringLiteral("Needs a second look.")});
    QVERIFY(!id.isEmpty());

    EvidenceBesideList beside(ctx, QSize(1300, 700));
    QWidget &window = beside.window;
    auto *panel = beside.evidence;
    auto *list = beside.list;
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    panel->openEvidence(evidence);
    QVERIFY(panel->viewer());
    QCOMPARE(panel->viewer()->objectName(), viewer);
    QTRY_VERIFY(panel->viewer()->isVisible()); // a widget added to a shown layout shows a moment later
    auto *layer = panel->viewer()->findChild<EvidenceAnnotationLayer *>();
    QVERIFY(layer);
    AnnotationBanner *banner = layer->banner();
    QVERIFY(banner);
    if (chip.isEmpty()) {
        QVERIFY(!banner->isVisible());
        QVERIFY(banner->listed().empty());
        return;
    }
    QVERIFY(banner->isVisible());
    QCOMPARE(banner->chips().size(), 1);
    QToolButton *button = banner->chips().front();
    QCOMPARE(button->text(), chip + QStringLiteral("Needs a second look."));
    QVERIFY(button->toolTip().contains(QStringLiteral("major")));
    // Above the content, and in the severity's colour.
    QVERIFY(banner->mapTo(panel->viewer(), QPoint(0, banner->height())).y() < panel->viewer()->height() / 3);
    const QImage dot = button->icon().pixmap(12, 12).toImage();
    QCOMPARE(dot.pixelColor(6, 6).rgb(), severityColor(QStringLiteral("major")).rgb());

    // Clicking the chip selects the annotation in the list.
    QSignalSpy shown(&ctx, &ProjectContext::showAnnotation);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(shown.count(), 1);
    QCOMPARE(list->selectedId(), id);

    // Resolving it turns the dot into a ring; deleting it hides the banner; undo brings it back.
    ctx.undoStack()->push(new SetAnnotationStatusCommand(ctx, id, QStringLiteral("resolved")));
    QVERIFY(banner->chips().front()->icon().pixmap(12, 12).toImage().pixelColor(6, 6).alpha() < 50);
    ctx.undoStack()->push(new RemoveAnnotationCommand(ctx, id));
    QVERIFY(!banner->isVisible());
    ctx.undoStack()->undo();
    QVERIFY(banner->isVisible());
}

void TestAnnotations::pdfPageAnnotationMarksThePageEdge()
{
    test::EvidenceFixture fx;
    ProjectContext &ctx = *fx.context.get();
    const QString page =
        addAnnotation(ctx, {{"evidence", "ev-eval-report"}, {"page", 1}},
                      {QStringLiteral("blocker"), QStringLiteral("Page 1 contradicts the card's intended use.")});
    addAnnotation(ctx, {{"evidence", "ev-eval-report"}, {"page", 1}},
                  {QStringLiteral("info"), QStringLiteral("Typo in the title.")});
    addAnnotation(ctx, {{"evidence", "ev-eval-report"}},
                  {QStringLiteral("minor"), QStringLiteral("No version on the cover.")});
    addAnnotation(ctx, {{"evidence", "ev-eval-report"}, {"page", 1}, {"rect", {60, 120, 300, 80}}},
                  {QStringLiteral("major"), QStringLiteral("Which threshold?")});
    EvidenceBesideList beside(ctx, QSize(1440, 860));
    QWidget &window = beside.window;
    auto *panel = beside.evidence;
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    panel->openEvidence(QStringLiteral("ev-eval-report"));
    auto *pdf = qobject_cast<PdfEvidenceViewer *>(panel->viewer());
    QVERIFY(pdf);
    auto *layer = pdf->findChild<PdfAnnotationLayer *>();
    QTRY_VERIFY_WITH_TIMEOUT(test::hasInk(pdf->view()->viewport()->grab().toImage()), 10000);
    QTest::qWait(200);
    QTRY_VERIFY(std::abs(pdf->zoomFactor() - pdf->fitWidthZoom()) < 1e-9);

    // One strip for the page, in the colour of its most severe open note, along its left edge.
    std::vector<PdfAnnotationLayer::Highlight> marks;
    for (const auto &h : layer->highlights())
        if (h.pageMark)
            marks.push_back(h);
    QCOMPARE(marks.size(), std::size_t(1));
    QCOMPARE(marks.front().annotation->id, page.toStdString());
    const QRectF pageRect = layer->pageRect(0);
    QCOMPARE(marks.front().rect.left(), pageRect.left());
    QCOMPARE(marks.front().rect.height(), pageRect.height());
    const QImage shot = pdf->view()->viewport()->grab().toImage();
    const QPoint inStrip = QPointF(pageRect.left() + 3, pageRect.top() + 40).toPoint() * shot.devicePixelRatio();
    const QColor painted = shot.pixelColor(inStrip);
    const QColor blocker = severityColor(QStringLiteral("blocker"));
    QVERIFY2(std::abs(painted.red() - blocker.red()) < 40 && std::abs(painted.green() - blocker.green()) < 40,
             qPrintable(painted.name()));
    // The banner lists the page notes and the whole-document note, not the region.
    QCOMPARE(layer->banner()->chips().size(), 3);
    QVERIFY(layer->banner()->isVisible());
    test::saveGrab(&window, QStringLiteral("annotations-pdf-page"));
}

void TestAnnotations::goingToALineAnnotationScrollsToTheLine()
{
    test::EvidenceFixture fx;
    ProjectContext &ctx = *fx.context.get();
    EvidenceBesideList beside(ctx, QSize(1300, 330)); // low, so that the log's last lines are below the fold
    QWidget &window = beside.window;
    auto *panel = beside.evidence;
    auto *list = beside.list;
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Find how long the log is, then note its last line and go elsewhere.
    panel->openEvidence(QStringLiteral("ev-test-log"));
    auto *text = qobject_cast<TextEvidenceViewer *>(panel->viewer());
    QVERIFY(text);
    QTRY_VERIFY_WITH_TIMEOUT(text->isLoaded() && text->isVisible(), 10000);
    const int lines = text->editor()->document()->blockCount();
    QVERIFY2(lines > 12, "the log should not fit the view");
    const int line = lines - 1;
    const QString id = addAnnotation(ctx, {{"evidence", "ev-test-log"}, {"line", line}},
                                     {QStringLiteral("blocker"), QStringLiteral("This failure is not explained.")});
    panel->openEvidence(QStringLiteral("ev-eval-report"));

    QVERIFY(list->select(id));
    list->openRow(list->table()->currentIndex().row());
    text = qobject_cast<TextEvidenceViewer *>(panel->viewer());
    QVERIFY(text);
    QTRY_VERIFY_WITH_TIMEOUT(text->isLoaded() && text->isVisible(), 10000);
    QPlainTextEdit *editor = text->editor();
    QTRY_COMPARE(editor->textCursor().blockNumber(), line - 1);
    QVERIFY(editor->textCursor().hasSelection());
    QCOMPARE(editor->textCursor().selectedText(), editor->document()->findBlockByNumber(line - 1).text());
    // The line is on screen: the view scrolled to it.
    QTRY_VERIFY(editor->viewport()->height() > 3 * editor->cursorRect().height());
    QTRY_VERIFY(editor->viewport()->rect().contains(editor->cursorRect()));
    QVERIFY2(editor->verticalScrollBar()->value() > 0, "the line was below the fold: the view scrolls to it");
    QCOMPARE(editor->horizontalScrollBar()->value(), 0); // and shows where the line starts
    test::saveGrab(&window, QStringLiteral("annotations-text-line"));
}

void TestAnnotations::goingToAPdfRegionScrollsItIntoView()
{
    test::EvidenceFixture fx;
    ProjectContext &ctx = *fx.context.get();
    EvidenceBesideList beside(ctx, QSize(1300, 420)); // low: the foot of the last page is far below the fold
    QWidget &window = beside.window;
    auto *panel = beside.evidence;
    auto *list = beside.list;
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // A region at the foot of the report's last page, noted while the reviewer is elsewhere.
    panel->openEvidence(QStringLiteral("ev-eval-report"));
    auto *pdf = qobject_cast<PdfEvidenceViewer *>(panel->viewer());
    QVERIFY(pdf);
    QTRY_VERIFY_WITH_TIMEOUT(pdf->document()->isReady(), 10000); // opened by its decoder process
    const int lastPage = pdf->document()->pageCount();
    QVERIFY(lastPage >= 1);
    const QSizeF size = pdf->document()->pagePointSize(lastPage - 1);
    const QRectF region(60, size.height() - 140, 240, 60);
    const QString id = addAnnotation(ctx,
                                     {{"evidence", "ev-eval-report"},
                                      {"page", lastPage},
                                      {"rect", {region.x(), region.y(), region.width(), region.height()}}},
                                     {QStringLiteral("major"), QStringLiteral("The footnote changes the threshold.")});
    panel->openEvidence(QStringLiteral("ev-test-log"));

    QVERIFY(list->select(id));
    list->openRow(list->table()->currentIndex().row());
    pdf = qobject_cast<PdfEvidenceViewer *>(panel->viewer());
    QVERIFY(pdf);
    auto *layer = pdf->findChild<PdfAnnotationLayer *>();
    QVERIFY(layer);
    QTRY_VERIFY_WITH_TIMEOUT(pdf->isVisible() && test::hasInk(pdf->view()->viewport()->grab().toImage()), 10000);
    QTest::qWait(200); // laid out at its final size: the region must stay in view through that
    const auto regionNow = [&] {
        for (const auto &h : layer->highlights())
            if (!h.pageMark && h.annotation->id == id.toStdString())
                return h.rect;
        return QRectF();
    };
    // The whole region is on screen, and the view had to scroll for it.
    QTRY_VERIFY_WITH_TIMEOUT(pdf->view()->viewport()->rect().contains(regionNow().toAlignedRect()), 5000);
    QVERIFY2(pdf->view()->verticalScrollBar()->value() > 0, "the region was below the fold: the view scrolls to it");
    QCOMPARE(pdf->currentPage(), lastPage - 1);
    test::saveGrab(&window, QStringLiteral("annotations-pdf-region-revealed"));
}

void TestAnnotations::panelsMarkAnnotatedItems()
{
    test::EvidenceFixture fx;
    ProjectContext &ctx = *fx.context.get();
    const Manifest &m = fx.revision().manifest;
    const Gate &gate = m.gates.back();
    const std::string criterion = gate.criteria.front().id;
    const std::string requirement = m.requirements.front().id;
    const int cardIndex = 1;
    const int level = m.cards[cardIndex].level;
    addAnnotation(ctx, {{"gate", gate.id}, {"criterion", criterion}},
                  {QStringLiteral("blocker"), QStringLiteral("Threshold too lax.")});
    addAnnotation(ctx, {{"requirement", requirement}},
                  {QStringLiteral("minor"), QStringLiteral("Untestable as written.")});
    addAnnotation(ctx, {{"card", level}}, {QStringLiteral("major"), QStringLiteral("Caveats are thin.")});
    addAnnotation(ctx, {{"project", true}}, {QStringLiteral("info"), QStringLiteral("Well organised archive.")});
    addAnnotation(ctx, {{"metric", "loss"}}, {QStringLiteral("minor"), QStringLiteral("Which split?")});

    OverviewPanel overview(&ctx);
    GatesPanel gates(&ctx);
    CardsPanel cards(&ctx);
    RequirementsPanel requirements(&ctx);
    MetricsPanel metrics(&ctx);
    installAnnotationHooks(ctx, &overview, &gates, &cards, &requirements, &metrics);

    // Rows: a strip of the severity's colour at the left of the id cell; unannotated rows none.
    const auto checkRows = [](QTableView *table, const QString &id, const QString &severity) {
        QVERIFY(QTest::qWaitForWindowExposed(table->window()));
        auto *marks = qobject_cast<AnnotationMarks *>(table->itemDelegateForColumn(0));
        QVERIFY(marks);
        int marked = 0;
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            const QModelIndex index = table->model()->index(r, 0);
            const AnnotationMarks::Mark *mark = marks->markAt(index);
            if (index.data(kIdRole).toString() != id) {
                QVERIFY(!mark);
                continue;
            }
            ++marked;
            QVERIFY(mark);
            QCOMPARE(mark->severity, severity);
            table->scrollTo(index);
            const QRect cell = table->visualRect(index);
            const QImage shot = table->viewport()->grab().toImage();
            QCOMPARE(shot.pixelColor(QPoint(cell.left() + 1, cell.center().y()) * shot.devicePixelRatio()).rgb(),
                     severityColor(severity).rgb());
        }
        QCOMPARE(marked, 1);
    };
    QVERIFY(gates.selectGate(QString::fromStdString(gate.id)));
    gates.resize(1000, 700);
    gates.show();
    checkRows(gates.table(), QString::fromStdString(criterion), QStringLiteral("blocker"));
    test::saveGrab(&gates, QStringLiteral("annotations-gates-marks"));
    // Criterion ids repeat across gates: the other gate's row of the same id has no mark.
    QVERIFY(gates.selectGate(QString::fromStdString(m.gates.front().id)));
    auto *gateMarks = qobject_cast<AnnotationMarks *>(gates.table()->itemDelegateForColumn(0));
    for (int r = 0; r < gates.table()->model()->rowCount(); ++r)
        QVERIFY(!gateMarks->markAt(gates.table()->model()->index(r, 0)));
    requirements.resize(1000, 600);
    requirements.show();
    checkRows(requirements.table(), QString::fromStdString(requirement), QStringLiteral("minor"));
    metrics.resize(1000, 600);
    metrics.show();
    checkRows(metrics.table(), QStringLiteral("loss"), QStringLiteral("minor"));

    // The card shown and the project: a banner above the card and above the summary.
    cards.resize(900, 600);
    cards.show();
    auto *cardBanner = cards.findChild<AnnotationBanner *>();
    QVERIFY(cardBanner);
    cards.cardBox()->setCurrentIndex(cardIndex);
    QVERIFY(cardBanner->isVisible());
    QCOMPARE(cardBanner->chips().front()->text(), QStringLiteral("Caveats are thin."));
    QVERIFY(cardBanner->geometry().bottom() <= cards.cardView()->mapTo(cardBanner->parentWidget(), QPoint(0, 0)).y());
    test::saveGrab(&cards, QStringLiteral("annotations-card-banner"));
    cards.cardBox()->setCurrentIndex(cardIndex == 0 ? 1 : 0);
    QVERIFY(!cardBanner->isVisible());

    overview.resize(900, 700);
    overview.show();
    auto *projectBanner = overview.findChild<AnnotationBanner *>();
    QVERIFY(projectBanner);
    QVERIFY(projectBanner->isVisible());
    QCOMPARE(projectBanner->chips().size(), 1);
    QCOMPARE(projectBanner->chips().front()->text(), QStringLiteral("Well organised archive."));
}

void TestAnnotations::authorIsTheSigningIdentity()
{
    test::EvidenceFixture fx;
    ProjectContext &ctx = *fx.context.get();
    const std::filesystem::path ring = KeyRing().dir();
    std::filesystem::remove_all(ring);
    // The login name from the environment, else the passwd entry's (never empty).
    const QString user = QString::fromStdString(mltrl::annotationAuthor(nullptr));
    QVERIFY(!user.isEmpty());
    const auto authorOf = [&](const QString &id) {
        return AnnotationStore(fx.store().db()).find(id.toStdString())->author;
    };

    // No key yet: the login name.
    const QString before = addAnnotation(ctx, {{"project", true}}, {QStringLiteral("info"), QStringLiteral("before")});
    QCOMPARE(QString::fromStdString(authorOf(before)), user);

    // Once a key is chosen for signing, the identity it signs as.
    QTemporaryDir dir;
    const std::filesystem::path key = std::filesystem::path(dir.path().toStdString()) / "id_ed25519";
    QFile keyFile(QString::fromStdString(key.string()));
    QVERIFY(keyFile.open(QIODevice::WriteOnly));
    keyFile.close();
    Problems problems;
    QVERIFY(KeyRing().setCurrent({key, {"Dana Reviewer", "dana@example.org", "R&D reviewer", {}}, true}, problems));
    const QString after = addAnnotation(ctx, {{"project", true}}, {QStringLiteral("info"), QStringLiteral("after")});
    QCOMPARE(authorOf(after), std::string("Dana Reviewer <dana@example.org>"));
    AnnotationsPanel list(&ctx);
    QVERIFY(list.select(after));
    QCOMPARE(list.table()->currentIndex().siblingAtColumn(AnnotationsModel::AuthorColumn).data().toString(),
             QStringLiteral("Dana Reviewer <dana@example.org>"));
    std::filesystem::remove_all(ring);
}

QTEST_MAIN(TestAnnotations)
#include "tst_annotations.moc"
