// Meeting mode end to end on the bundled example: F5 enters for the gate selected in the Gates
// panel, every slide is reached with the keyboard alone, keys 1–4 set verdicts (and the
// outcome on the decision slide), N adds a note through the dialog, T and C the switchback
// level and the conditions, Esc leaves — and the review draft in the store and the review
// form hold exactly what was entered; Ctrl+Z takes an edit back. The slides are checked for
// projector type sizes and contrast, the criterion slides for opening the evidence at the
// annotated page and region.
#include "GuiTestUtil.h"
#include "TempStore.h"
#include "core/review/AnnotationStore.h"
#include "core/review/ReviewDraft.h"
#include "ui/annotations/AnnotationEditor.h"
#include "ui/annotations/PdfAnnotationLayer.h"
#include "ui/common/Levels.h"
#include "ui/evidence/EvidenceViewer.h"
#include "ui/evidence/ImageEvidenceViewer.h"
#include "ui/evidence/PdfEvidenceViewer.h"
#include "ui/evidence/ZoomableImageView.h"
#include "ui/meeting/LevelDialog.h"
#include "ui/meeting/MeetingAgenda.h"
#include "ui/meeting/MeetingMode.h"
#include "ui/meeting/MeetingSession.h"
#include "ui/meeting/MeetingSlides.h"
#include "ui/meeting/MeetingView.h"
#include "ui/meeting/NoteDialog.h"
#include "ui/meeting/PresenterView.h"
#include "ui/meeting/ScreenInhibitor.h"
#include "ui/overview/MltrlTrackWidget.h"
#include "ui/panels/GatesPanel.h"
#include "ui/plots/MetricPlot.h"
#include "ui/review/ReviewChecks.h"
#include "ui/review/ReviewForm.h"
#include "ui/session/ProjectContext.h"
#include "ui/shell/PanelSetup.h"
#include "ui/shell/Settings.h"
#include "ui/shell/WorkbenchWindow.h"

#include "ui/evidence/PdfPageView.h"
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSpinBox>
#include <QToolBar>
#include <QUndoStack>
#include <QtTest>
#include <algorithm>

#include <cmath>
#include <map>
#include <memory>

using namespace mltrl;
using namespace mltrl::ui;

class TestMeetingMode : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();
    void agendaFollowsTheGate_data();
    void agendaFollowsTheGate();
    void f5EntersForTheSelectedGateAndEscLeaves();
    void bOrPeriodBlanksTheProjector_data();
    void bOrPeriodBlanksTheProjector();
    void meetingKeepsTheScreenAwake();
    void keyboardWalkStoresVerdictsAndNotes();
    void undoTakesBackAMeetingEdit();
    void aAnnotatesTheCriterionOnScreen();
    void slidesShowTrackPlotEvidenceAndAnnotations();
    void presenterViewFollowsTheMeeting();
    void titleSlideShowsTheTrackLarge();
    void everySlideIsReadableAt720();
    void evidenceOpensAtTheAnnotatedRegion();
    void decisionFieldsByKeyboardReachTheReviewForm();
    void screenshotsAreWritten();

private:
    [[nodiscard]] ReviewDraft storedDraft(const std::string &gate) const;
    [[nodiscard]] MeetingView *enterWithF5();
    /// Answers the next note dialog with `text` (typed into it) and Save.
    void answerNextNoteDialog(const QString &text);

    std::unique_ptr<test::TempStore> m_store;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<WorkbenchWindow> m_window;
    MeetingMode *m_mode = nullptr;
    GatesPanel *m_gates = nullptr;
    std::string m_blockerId;
};

void TestMeetingMode::initTestCase()
{
    test::useTestSettings();
    m_store = std::make_unique<test::TempStore>();
    m_settings = std::make_unique<Settings>();
    m_window = std::make_unique<WorkbenchWindow>(m_store->store(), *m_settings);
    installPanels(*m_window, m_window->context());
    m_window->show();
    m_mode = m_window->findChild<MeetingMode *>(QStringLiteral("meetingMode"));
    m_gates = m_window->findChild<GatesPanel *>();
    QVERIFY(m_mode && m_gates);
    QVERIFY(!m_mode->action()->isEnabled()); // nothing to meet about yet
    QVERIFY(m_window->importArchive(test::examplePath()));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->context().hasRevision(), 240000); // a loaded CI machine
    QVERIFY(m_mode->action()->isEnabled());
    // The action is in the View menu and on the tool bar.
    auto *bar = m_window->findChild<QToolBar *>(QStringLiteral("modeToolBar"));
    QVERIFY(bar && bar->actions().contains(m_mode->action()));

    // An open blocker on page 2 of the evaluation report, and a minor one (not listed).
    const auto revision = m_window->context().revision();
    Problems problems;
    AnnotationStore annotations(m_store->store().db());
    const auto blocker = annotations.add(revision->overview.id, revision->overview.revisionId,
                                         {{"evidence", "ev-eval-report"}, {"page", 2}, {"rect", {72, 560, 300, 90}}},
                                         "blocker", "Site C numbers differ from table 3", "tester", problems);
    QVERIFY(blocker);
    m_blockerId = blocker->id;
    QVERIFY(annotations.add(revision->overview.id, revision->overview.revisionId, {{"project", true}}, "minor",
                            "Typo in the summary", "tester", problems));
    // A region of the confusion-matrix figure (sensitivity's evidence), in image pixels.
    QVERIFY(annotations.add(revision->overview.id, revision->overview.revisionId,
                            {{"evidence", "ev-confusion"}, {"rect", {40, 30, 120, 90}}}, "minor",
                            "False negatives cluster at site C", "tester", problems));
    emit m_window->context().annotationsChanged();
}

void TestMeetingMode::cleanup()
{
    if (m_mode->isActive())
        m_mode->leave();
    m_mode->setPresenterOverride(std::nullopt);
    m_mode->setWindowedSize(std::nullopt);
}

ReviewDraft TestMeetingMode::storedDraft(const std::string &gate) const
{
    return ReviewDraftStore(m_store->store().db()).load(m_window->context().revision()->overview.revisionId, gate);
}

MeetingView *TestMeetingMode::enterWithF5()
{
    m_window->activateWindow();
    QTest::keyClick(m_window.get(), Qt::Key_F5);
    // Offscreen, the workbench window does not always get activation back after a meeting
    // closes, so its shortcut may not fire: the F5 action itself is what is under test then.
    if (!m_mode->isActive())
        m_mode->action()->trigger();
    return m_mode->view();
}

namespace {
/// Calls `answer` with the first visible dialog of type D once one is shown (polling, since
/// the dialog runs its own event loop).
template <typename D>
void whenDialogShows(QObject *context, std::function<void(D *)> answer)
{
    auto *timer = new QTimer(context);
    QObject::connect(timer, &QTimer::timeout, context, [timer, answer] {
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (auto *dialog = qobject_cast<D *>(w); dialog && dialog->isVisible()) {
                timer->stop();
                timer->deleteLater();
                answer(dialog);
                return;
            }
        }
    });
    timer->start(20);
}
} // namespace

void TestMeetingMode::answerNextNoteDialog(const QString &text)
{
    whenDialogShows<NoteDialog>(this, [text](NoteDialog *dialog) {
        dialog->editor()->selectAll();
        // Typed line by line: QTest has no key for '\n', Return starts a new line in the editor.
        const QStringList lines = text.split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (i > 0)
                QTest::keyClick(dialog->editor(), Qt::Key_Return);
            QTest::keyClicks(dialog->editor(), lines[i]);
        }
        dialog->accept();
    });
}

void TestMeetingMode::agendaFollowsTheGate_data()
{
    QTest::addColumn<QString>("selected");
    QTest::addColumn<QString>("gate");
    QTest::addColumn<int>("slides");
    // Without a (valid) selection: the gate the project must pass next (level 5 here).
    QTest::newRow("none") << QString() << QStringLiteral("gate-5") << 13;
    QTest::newRow("unknown") << QStringLiteral("gate-9") << QStringLiteral("gate-5") << 13;
    QTest::newRow("gate-4") << QStringLiteral("gate-4") << QStringLiteral("gate-4") << 7;
}

void TestMeetingMode::agendaFollowsTheGate()
{
    QFETCH(QString, selected);
    QFETCH(QString, gate);
    QFETCH(int, slides);
    const RevisionData &r = *m_window->context().revision();
    QCOMPARE(meetingGate(r, selected), gate);
    const auto agenda = buildAgenda(*r.manifest.findGate(gate.toStdString()));
    QCOMPARE(static_cast<int>(agenda.size()), slides);
    QCOMPARE(agenda.front().kind, AgendaItem::Kind::Title);
    QCOMPARE(agenda[1].kind, AgendaItem::Kind::Criterion);
    QCOMPARE(agenda[1].criterion, 0);
    QCOMPARE(agenda[agenda.size() - 2].kind, AgendaItem::Kind::Annotations);
    QCOMPARE(agenda.back().kind, AgendaItem::Kind::Decision);
}

void TestMeetingMode::f5EntersForTheSelectedGateAndEscLeaves()
{
    QVERIFY(m_gates->selectGate(QStringLiteral("gate-4")));
    MeetingView *view = enterWithF5();
    QVERIFY(view);
    QVERIFY(m_mode->isActive());
    QCOMPARE(m_mode->session()->gateId(), QStringLiteral("gate-4"));
    QVERIFY(view->isWindow() && view->isVisible());
    QCOMPARE(view->currentIndex(), 0);
    // One screen: the small timer, no presenter view.
    QVERIFY(!m_mode->presenter());
    QVERIFY(view->timerLabel()->isVisibleTo(view));
    QVERIFY(view->timerLabel()->text().contains(QStringLiteral("00:")));
    QTest::keyClick(view, Qt::Key_Escape);
    QVERIFY(!m_mode->isActive());
    QVERIFY(m_gates->selectGate(QStringLiteral("gate-5")));
}

void TestMeetingMode::bOrPeriodBlanksTheProjector_data()
{
    QTest::addColumn<int>("blankKey");
    QTest::addColumn<int>("returnKey");
    QTest::newRow("B, then Space") << int(Qt::Key_B) << int(Qt::Key_Space);
    QTest::newRow("., then Esc") << int(Qt::Key_Period) << int(Qt::Key_Escape);
    QTest::newRow("B, then B") << int(Qt::Key_B) << int(Qt::Key_B);
}

void TestMeetingMode::bOrPeriodBlanksTheProjector()
{
    QFETCH(int, blankKey);
    QFETCH(int, returnKey);
    QVERIFY(m_gates->selectGate(QStringLiteral("gate-4")));
    m_mode->setWindowedSize(QSize(1280, 720));
    MeetingView *view = enterWithF5();
    QVERIFY(view);
    QTest::keyClick(view, Qt::Key_Right);
    const int slide = view->currentIndex();
    QCOMPARE(slide, 1);
    // The key hint says so, whole, on a slide and on the decision slide.
    auto *keys = view->findChild<QLabel *>(QStringLiteral("meetingKeys"));
    QVERIFY(keys);
    auto hintShown = [&] {
        QVERIFY2(keys->text().contains(QStringLiteral("B/. blank")), qPrintable(keys->text()));
        QVERIFY2(keys->fontMetrics().horizontalAdvance(keys->text()) <= keys->contentsRect().width(),
                 qPrintable(QStringLiteral("key hint cut: %1 px of text in %2 px")
                                .arg(keys->fontMetrics().horizontalAdvance(keys->text()))
                                .arg(keys->contentsRect().width())));
    };
    hintShown();
    QTest::keyClick(view, Qt::Key_D);
    hintShown();
    QTest::keyClick(view, Qt::Key_Home);
    QTest::keyClick(view, Qt::Key_Right);
    QCOMPARE(view->currentIndex(), slide);
    QTest::keyClick(view, Qt::Key(blankKey));
    QVERIFY(view->isBlank());
    // What the projector shows: black, over the whole slide.
    auto *blank = view->findChild<QWidget *>(QStringLiteral("blankScreen"));
    QVERIFY(blank && blank->isVisible());
    QCOMPARE(blank->geometry(), view->rect());
    const QImage shot = view->grab().toImage();
    for (const QPoint p :
         {QPoint(5, 5), QPoint(shot.width() / 2, shot.height() / 2), QPoint(shot.width() - 5, shot.height() - 5)})
        QCOMPARE(QColor(shot.pixel(p)), QColor(Qt::black));
    // Any key returns to the same slide and does nothing else (Esc does not leave, Space
    // does not advance).
    QTest::keyClick(view, Qt::Key(returnKey));
    QVERIFY(!view->isBlank());
    QVERIFY(!blank->isVisible());
    QVERIFY(m_mode->isActive());
    QCOMPARE(view->currentIndex(), slide);
    QTest::keyClick(view, Qt::Key_Escape);
    QVERIFY(!m_mode->isActive());
}

namespace {
/// Records what meeting mode asks of the desktop (the tests have no session bus).
class FakeInhibitor final : public ScreenInhibitor {
public:
    explicit FakeInhibitor(QStringList *calls) : m_calls(calls) {}
    void inhibit(const QString &reason) override
    {
        m_calls->append(QStringLiteral("inhibit: ") + reason);
        m_on = true;
    }
    void release() override
    {
        if (m_on)
            m_calls->append(QStringLiteral("release"));
        m_on = false;
    }
    [[nodiscard]] bool isInhibiting() const override { return m_on; }

private:
    QStringList *m_calls;
    bool m_on = false;
};
} // namespace

void TestMeetingMode::meetingKeepsTheScreenAwake()
{
    QStringList calls;
    m_mode->setScreenInhibitor(std::make_unique<FakeInhibitor>(&calls));
    QVERIFY(calls.isEmpty());
    QVERIFY(m_gates->selectGate(QStringLiteral("gate-4")));
    m_mode->setWindowedSize(QSize(1280, 720));
    MeetingView *view = enterWithF5();
    QVERIFY(view);
    QCOMPARE(calls, QStringList{QStringLiteral("inhibit: Review meeting in progress")});
    QVERIFY(m_mode->screenInhibitor()->isInhibiting());
    QTest::keyClick(view, Qt::Key_Escape);
    QVERIFY(!m_mode->isActive());
    QCOMPARE(calls, (QStringList{QStringLiteral("inhibit: Review meeting in progress"), QStringLiteral("release")}));
    QVERIFY(!m_mode->screenInhibitor()->isInhibiting());
    // The real one, with no session bus (as here), does nothing and the meeting goes on.
    m_mode->setScreenInhibitor(ScreenInhibitor::desktop());
    QVERIFY(enterWithF5());
    QVERIFY(m_mode->screenInhibitor()->isInhibiting());
    m_mode->leave();
    QVERIFY(!m_mode->screenInhibitor()->isInhibiting());
}

void TestMeetingMode::keyboardWalkStoresVerdictsAndNotes()
{
    QVERIFY(m_gates->selectGate(QStringLiteral("gate-5")));
    QVERIFY(storedDraft("gate-5").isEmpty());
    MeetingView *view = enterWithF5();
    QVERIFY(view);
    QCOMPARE(m_mode->session()->gateId(), QStringLiteral("gate-5"));
    const Gate &gate = m_mode->session()->gate();
    const auto &agenda = m_mode->session()->agenda();

    // Walk every slide with Space / →, giving criterion i the verdict of key (i % 4) + 1.
    std::map<std::string, std::string> expected;
    const char *verdicts[] = {"met", "not_met", "waived", "not_applicable"};
    for (int i = 0; i < static_cast<int>(agenda.size()); ++i) {
        QCOMPARE(view->currentIndex(), i);
        MeetingSlide *slide = view->currentSlide();
        QVERIFY(slide);
        QVERIFY(slide->isVisible());
        QCOMPARE(slide->item(), agenda[static_cast<std::size_t>(i)]);
        if (agenda[static_cast<std::size_t>(i)].kind == AgendaItem::Kind::Criterion) {
            const int c = agenda[static_cast<std::size_t>(i)].criterion;
            QTest::keyClick(view, Qt::Key(Qt::Key_1 + c % 4));
            expected[gate.criteria[static_cast<std::size_t>(c)].id] = verdicts[c % 4];
            auto *cs = qobject_cast<CriterionSlide *>(slide);
            QVERIFY(cs);
            QVERIFY2(cs->findChild<QLabel *>(QStringLiteral("meetingVerdict"))
                         ->text()
                         .contains(meeting::verdictCue(QString::fromLatin1(verdicts[c % 4])).word),
                     "the slide shows the verdict just entered");
        }
        QTest::keyClick(view, i % 2 ? Qt::Key_Space : Qt::Key_Right);
    }
    QCOMPARE(view->currentIndex(), static_cast<int>(agenda.size()) - 1); // stays on the last

    // Back to the third criterion with ←, add a note with N (the dialog typed into).
    while (view->currentIndex() > 3)
        QTest::keyClick(view, Qt::Key_Left);
    const std::string noted = gate.criteria[2].id;
    answerNextNoteDialog(QStringLiteral("Site C below target; retest after recalibration"));
    QTest::keyClick(view, Qt::Key_N);
    // A cancelled note changes nothing.
    whenDialogShows<NoteDialog>(this, [](NoteDialog *dialog) { dialog->reject(); });
    QTest::keyClick(view, Qt::Key_N);

    // D jumps to the decision; 3 = hold; N there is the rationale.
    QTest::keyClick(view, Qt::Key_D);
    QCOMPARE(view->currentIndex(), m_mode->session()->decisionIndex());
    QTest::keyClick(view, Qt::Key_3);
    answerNextNoteDialog(QStringLiteral("Hold until site C is retested"));
    QTest::keyClick(view, Qt::Key_N);
    auto *decision = qobject_cast<DecisionSlide *>(view->currentSlide());
    QVERIFY(decision);
    QVERIFY(decision->outcomeText().contains(QStringLiteral("hold")));
    QVERIFY(decision->verdictsText().contains(QStringLiteral("not applicable")));
    QTest::keyClick(view, Qt::Key_Escape);
    QVERIFY(!m_mode->isActive());

    // The store holds exactly what was entered, as the review draft of gate-5.
    const ReviewDraft draft = storedDraft("gate-5");
    QCOMPARE(draft.verdicts.size(), expected.size());
    for (const DraftVerdict &row : draft.verdicts) {
        QVERIFY(row.verdict);
        QCOMPARE(*row.verdict, expected.at(row.criterion));
        QCOMPARE(row.note, row.criterion == noted ? std::string("Site C below target; retest after recalibration")
                                                  : std::string());
    }
    QCOMPARE(draft.outcome, std::optional<std::string>("hold"));
    QCOMPARE(draft.rationale, std::string("Hold until site C is retested"));
    QVERIFY(storedDraft("gate-4").isEmpty());
}

void TestMeetingMode::undoTakesBackAMeetingEdit()
{
    MeetingView *view = enterWithF5();
    QVERIFY(view);
    QCOMPARE(m_mode->session()->gateId(), QStringLiteral("gate-5"));
    const std::string first = m_mode->session()->gate().criteria[0].id;
    const auto verdictOfFirst = [&]() -> std::optional<std::string> {
        const ReviewDraft draft = storedDraft("gate-5");
        const DraftVerdict *row = draft.verdictFor(first);
        return row ? row->verdict : std::nullopt;
    };
    const auto before = verdictOfFirst();
    QCOMPARE(before, std::optional<std::string>("met")); // from the walk above
    QTest::keyClick(view, Qt::Key_Right);
    QTest::keyClick(view, Qt::Key_4);
    QCOMPARE(verdictOfFirst(), std::optional<std::string>("not_applicable"));
    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(verdictOfFirst(), before);
    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(verdictOfFirst(), std::optional<std::string>("not_applicable"));
    // 0 clears the verdict.
    QTest::keyClick(view, Qt::Key_0);
    QCOMPARE(verdictOfFirst(), std::nullopt);
}

void TestMeetingMode::aAnnotatesTheCriterionOnScreen()
{
    MeetingView *view = enterWithF5();
    QVERIFY(view);
    QTest::keyClick(view, Qt::Key_Right);
    QTest::keyClick(view, Qt::Key_Right); // worst-site
    whenDialogShows<AnnotationDialog>(this, [](AnnotationDialog *dialog) {
        dialog->severityBox()->setCurrentIndex(dialog->severityBox()->findData(QStringLiteral("major")));
        QTest::keyClicks(dialog->textEdit(), QStringLiteral("Which sites are in the minimum?"));
        dialog->accept();
    });
    QTest::keyClick(view, Qt::Key_A);
    const auto revision = m_window->context().revision();
    std::vector<Annotation> onCriterion;
    for (const Annotation &a : AnnotationStore(m_store->store().db()).forRevision(revision->overview.revisionId))
        if (a.target == nlohmann::json{{"criterion", "worst-site"}, {"gate", "gate-5"}})
            onCriterion.push_back(a);
    QCOMPARE(onCriterion.size(), std::size_t(1));
    QCOMPARE(onCriterion[0].text, std::string("Which sites are in the minimum?"));
    QCOMPARE(onCriterion[0].severity, std::string("major"));
    // The meeting sees it at once: the slide counts it, the annotations slide lists it.
    QTRY_VERIFY(view->currentSlide()
                    ->findChild<QLabel *>(QStringLiteral("meetingNote"))
                    ->text()
                    .contains(QStringLiteral("1 open annotation")));
    view->goTo(m_mode->session()->decisionIndex() - 1);
    QVERIFY(qobject_cast<AnnotationsSlide *>(view->currentSlide())->listText().contains(QStringLiteral("Which sites")));
    // And Ctrl+Z in the meeting takes it back.
    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(
        !qobject_cast<AnnotationsSlide *>(view->currentSlide())->listText().contains(QStringLiteral("Which sites")));
}

void TestMeetingMode::slidesShowTrackPlotEvidenceAndAnnotations()
{
    MeetingView *view = enterWithF5();
    QVERIFY(view);
    auto *title = qobject_cast<TitleSlide *>(view->currentSlide());
    QVERIFY(title);
    QCOMPARE(title->track()->currentLevel(), 5);
    QVERIFY(title->track()->heldBackBy().contains(QStringLiteral("classifier")));
    QVERIFY(title->summaryText().contains(QStringLiteral("BLOCKER")));
    // The count of criteria reads as English ("1 criterion", "10 criteria").
    QVERIFY2(title->summaryText().startsWith(QStringLiteral("10 criteria, ")), qPrintable(title->summaryText()));

    // auroc: the plot with its threshold, the evaluation report opened at the annotated page.
    QTest::keyClick(view, Qt::Key_Space);
    auto *auroc = qobject_cast<CriterionSlide *>(view->currentSlide());
    QVERIFY(auroc);
    QCOMPARE(auroc->criterion().id, std::string("auroc"));
    QVERIFY(auroc->plot());
    QTRY_VERIFY_WITH_TIMEOUT(!auroc->plot()->isLoading(), 20000);
    QCOMPARE(auroc->plot()->thresholdDrawn(), std::optional<double>(0.9));
    QCOMPARE(auroc->evidenceId(), QStringLiteral("ev-eval-report"));
    QCOMPARE(auroc->evidencePage(), 2);
    QVERIFY(qobject_cast<PdfEvidenceViewer *>(auroc->evidenceViewer()));
    QVERIFY(auroc->factsText().contains(QStringLiteral("0.9")));
    // Nothing inside a slide takes the keyboard from the meeting.
    for (QWidget *w : auroc->findChildren<QWidget *>())
        QCOMPARE(w->focusPolicy(), Qt::NoFocus);

    // The annotations slide lists the blocker, not the minor one.
    view->goTo(m_mode->session()->decisionIndex() - 1);
    auto *annotations = qobject_cast<AnnotationsSlide *>(view->currentSlide());
    QVERIFY(annotations);
    QVERIFY(annotations->listText().contains(QStringLiteral("Site C numbers differ")));
    QVERIFY(!annotations->listText().contains(QStringLiteral("Typo")));
}

void TestMeetingMode::presenterViewFollowsTheMeeting()
{
    m_mode->setPresenterOverride(true);
    MeetingView *view = enterWithF5();
    QVERIFY(view);
    PresenterView *presenter = m_mode->presenter();
    QVERIFY(presenter);
    QVERIFY(!view->timerLabel()->isVisibleTo(view));
    QVERIFY(presenter->nowText().contains(QStringLiteral("Title")));
    QVERIFY(presenter->nextText().contains(QStringLiteral("auroc")));
    QTest::keyClick(view, Qt::Key_Right);
    QTest::keyClick(view, Qt::Key_Right);
    QTest::keyClick(view, Qt::Key_Right); // the third criterion, noted above
    QVERIFY(presenter->notesText().contains(QStringLiteral("retest after recalibration")));
    QVERIFY(presenter->timesText().contains(QStringLiteral("auroc")));
    // Keys pressed on the presenter's screen drive the meeting too.
    QTest::keyClick(presenter, Qt::Key_D);
    QCOMPARE(view->currentIndex(), m_mode->session()->decisionIndex());
    QVERIFY(presenter->nowText().contains(QStringLiteral("Decision")));
    // The decision as the room shapes it: outcome, level, conditions, what is still missing.
    QVERIFY(presenter->notesText().contains(QStringLiteral("Before signing")));
    const ReviewDraft before = m_mode->session()->draft();
    QVERIFY(m_mode->session()->setOutcome(QStringLiteral("advance_with_conditions")));
    QVERIFY(m_mode->session()->setConditions({"Recalibrate on site C data", "Re-run the subgroup audit"}));
    QVERIFY(m_mode->session()->setRationale(QStringLiteral("Strong overall; site C needs work.")));
    QTRY_VERIFY(presenter->notesText().contains(QStringLiteral("Recalibrate on site C data")));
    QVERIFY(presenter->notesText().contains(QStringLiteral("Re-run the subgroup audit")));
    QVERIFY(presenter->notesText().contains(QStringLiteral("Strong overall; site C needs work.")));
    QVERIFY(m_mode->session()->setOutcome(QStringLiteral("switchback")));
    QVERIFY(m_mode->session()->setToLevel(3));
    QTRY_VERIFY(presenter->notesText().contains(QStringLiteral("3 — %1").arg(levelName(3).toHtmlEscaped())));
    QVERIFY(!presenter->notesText().contains(QStringLiteral("Recalibrate on site C data"))); // not a switchback's
    if (const QString dir = qEnvironmentVariable("MLTRL_GRAB_DIR"); !dir.isEmpty())
        presenter->grab().save(QDir(dir).filePath(QStringLiteral("meeting-presenter-decision.png")));
    // The later tests continue from the decision as it was.
    QVERIFY(m_mode->session()->setToLevel(before.toLevel));
    QVERIFY(m_mode->session()->setConditions(before.conditions));
    QVERIFY(m_mode->session()->setRationale(QString::fromStdString(before.rationale)));
    QVERIFY(m_mode->session()->setOutcome(QString::fromStdString(before.outcome.value_or(std::string()))));
}

void TestMeetingMode::titleSlideShowsTheTrackLarge()
{
    m_mode->setWindowedSize(QSize(1280, 720));
    MeetingView *view = enterWithF5();
    QVERIFY(view);
    QTRY_COMPARE(view->size(), QSize(1280, 720));
    auto *title = qobject_cast<TitleSlide *>(view->currentSlide());
    QVERIFY(title);
    MltrlTrackWidget *track = title->track();
    // Across most of the slide, drawn at projector size, its labels in the meeting's type.
    QVERIFY2(track->width() >= title->width() * 0.85, qPrintable(QString::number(track->width())));
    QVERIFY(track->scale() >= 1.5);
    QVERIFY(track->font().pixelSize() >= 22);
    QCOMPARE(track->currentLevel(), 5);
    QCOMPARE(track->targetLevel(), std::optional<int>(8));
    QCOMPARE(track->components().size(), 3);
    // Standing and the holding-back component in large type under it, all of it on screen.
    const QString standing = title->standingText();
    QVERIFY(standing.contains(QStringLiteral("level <b>5</b>")));
    QVERIFY(standing.contains(QStringLiteral("target <b>8</b>")));
    QVERIFY(standing.contains(QStringLiteral("held back by <b>◆ classifier</b>")));
    auto *standingLabel = title->findChild<QLabel *>(QStringLiteral("meetingStanding"));
    QVERIFY(standingLabel->font().pixelSize() >= 34);
    for (QWidget *w : {static_cast<QWidget *>(track), static_cast<QWidget *>(standingLabel),
                       static_cast<QWidget *>(title->findChild<QLabel *>(QStringLiteral("meetingTitleSummary")))}) {
        const QRect inSlide(w->mapTo(title, QPoint(0, 0)), w->size());
        QVERIFY2(title->rect().contains(inSlide), qPrintable(w->objectName()));
    }
}

namespace {
/// WCAG 2 contrast ratio of two colours.
double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}
} // namespace

void TestMeetingMode::everySlideIsReadableAt720()
{
    m_mode->setWindowedSize(QSize(1280, 720));
    MeetingView *view = enterWithF5();
    QVERIFY(view);
    QTRY_COMPARE(view->size(), QSize(1280, 720));
    // Black on white, and every cue colour at least 4.5:1 on the white slide (WCAG AA).
    const QPalette palette = meeting::Style::palette();
    QVERIFY(contrast(palette.color(QPalette::WindowText), palette.color(QPalette::Window)) >= 20);
    for (const QString &v : {QStringLiteral("met"), QStringLiteral("not_met"), QStringLiteral("waived"),
                             QStringLiteral("not_applicable"), QString()})
        QVERIFY2(contrast(meeting::verdictCue(v).colour, Qt::white) >= 4.5, qPrintable(v));
    for (const QString &o : {QStringLiteral("advance"), QStringLiteral("advance_with_conditions"),
                             QStringLiteral("hold"), QStringLiteral("switchback"), QString()})
        QVERIFY2(contrast(meeting::outcomeCue(o).colour, Qt::white) >= 4.5, qPrintable(o));
    for (const QString &s :
         {QStringLiteral("blocker"), QStringLiteral("major"), QStringLiteral("minor"), QStringLiteral("info")})
        QVERIFY2(contrast(meeting::severityCue(s).colour, Qt::white) >= 4.5, qPrintable(s));

    // Every slide: the meeting's own text at 20 px or more (at 720 lines), nothing of it
    // beyond the slide's edges. (The evidence viewer's and plot's own chrome keep their size.)
    for (int i = 0; i < view->slideCount(); ++i) {
        view->goTo(i);
        MeetingSlide *slide = view->currentSlide();
        QVERIFY(slide);
        QCOMPARE(slide->size().width(), 1280);
        for (QLabel *label : slide->findChildren<QLabel *>()) {
            if (!label->isVisible() || label->text().isEmpty())
                continue;
            bool chrome = false;
            for (QWidget *p = label->parentWidget(); p && p != slide; p = p->parentWidget())
                chrome = chrome || qobject_cast<EvidenceViewer *>(p) || qobject_cast<MetricPlot *>(p);
            if (chrome)
                continue;
            const QString what =
                QStringLiteral("slide %1, %2: %3").arg(i).arg(label->objectName(), label->text().left(60));
            QVERIFY2(label->font().pixelSize() >= 20, qPrintable(what));
            const QRect inSlide(label->mapTo(slide, QPoint(0, 0)), label->size());
            QVERIFY2(slide->rect().contains(inSlide), qPrintable(what));
            // Word-wrapped text fits the label's height (nothing cut off at the bottom).
            QVERIFY2(label->heightForWidth(label->width()) <= label->height() + 2 || !label->wordWrap(),
                     qPrintable(what));
        }
    }
}

void TestMeetingMode::evidenceOpensAtTheAnnotatedRegion()
{
    m_mode->setWindowedSize(QSize(1280, 720));
    MeetingView *view = enterWithF5();
    QVERIFY(view);
    QTRY_COMPARE(view->size(), QSize(1280, 720));

    // auroc: the evaluation report at page 2, the blocker's rectangle highlighted in view.
    QTest::keyClick(view, Qt::Key_Right);
    auto *auroc = qobject_cast<CriterionSlide *>(view->currentSlide());
    QVERIFY(auroc);
    QCOMPARE(auroc->evidencePage(), 2);
    QCOMPARE(auroc->evidenceRegion(), QRectF(72, 560, 300, 90));
    QCOMPARE(auroc->evidenceAnnotation(), QString::fromStdString(m_blockerId));
    auto *pdf = qobject_cast<PdfEvidenceViewer *>(auroc->evidenceViewer());
    QVERIFY(pdf);
    auto *layer = pdf->findChild<PdfAnnotationLayer *>();
    QVERIFY(layer);
    const QRect viewport = pdf->view()->viewport()->rect();
    const auto blockerInView = [&] {
        for (const auto &h : layer->highlights())
            if (h.annotation && h.annotation->id == m_blockerId)
                return viewport.contains(h.rect.toAlignedRect());
        return false;
    };
    QTRY_VERIFY2(blockerInView(), "the annotated rectangle is on screen");
    QCOMPARE(pdf->currentPage(), 1); // 0-based: page 2
    QVERIFY(pdf->view()->verticalScrollBar()->value() > 0);
    auto *caption = auroc->findChild<QLabel *>(QStringLiteral("meetingEvidenceCaption"));
    QVERIFY(caption->text().contains(QStringLiteral("page 2 (annotated region)")));

    // sensitivity: the confusion matrix zoomed to the annotated region.
    while (view->currentSlide()->item().kind != AgendaItem::Kind::Criterion ||
           qobject_cast<CriterionSlide *>(view->currentSlide())->criterion().id != "sensitivity")
        QTest::keyClick(view, Qt::Key_Right);
    auto *sensitivity = qobject_cast<CriterionSlide *>(view->currentSlide());
    QCOMPARE(sensitivity->evidenceId(), QStringLiteral("ev-confusion"));
    QCOMPARE(sensitivity->evidenceRegion(), QRectF(40, 30, 120, 90));
    auto *image = qobject_cast<ImageEvidenceViewer *>(sensitivity->evidenceViewer());
    QVERIFY(image);
    QTRY_VERIFY_WITH_TIMEOUT(image->isLoaded() && !image->view()->imageSize().isEmpty(), 20000);
    ZoomableImageView *iv = image->view();
    QCOMPARE(iv->region(), std::optional<QRectF>(QRectF(40, 30, 120, 90)));
    const QRect regionOnScreen = iv->mapFromScene(QRectF(40, 30, 120, 90)).boundingRect();
    QVERIFY2(iv->viewport()->rect().contains(regionOnScreen), "the region is on screen");
    // Zoomed in on it: it takes a good part of the view, more than the whole-image fit gives.
    QVERIFY(regionOnScreen.width() >= iv->viewport()->width() / 3 ||
            regionOnScreen.height() >= iv->viewport()->height() / 3);
}

void TestMeetingMode::decisionFieldsByKeyboardReachTheReviewForm()
{
    MeetingView *view = enterWithF5();
    QVERIFY(view);
    QCOMPARE(m_mode->session()->gateId(), QStringLiteral("gate-5"));
    QTest::keyClick(view, Qt::Key_D);
    auto *decision = qobject_cast<DecisionSlide *>(view->currentSlide());
    QVERIFY(decision);

    // 4 = switchback: the level is asked for at once (typed into the dialog).
    whenDialogShows<LevelDialog>(this, [](LevelDialog *dialog) {
        QCOMPARE(dialog->spinBox()->maximum(), 4); // below the gate's level 5
        dialog->spinBox()->selectAll();
        QTest::keyClicks(dialog->spinBox(), QStringLiteral("3"));
        dialog->accept();
    });
    QTest::keyClick(view, Qt::Key_4);
    QCOMPARE(storedDraft("gate-5").outcome, std::optional<std::string>("switchback"));
    QCOMPARE(storedDraft("gate-5").toLevel, std::optional<int>(3));
    QVERIFY(decision->detailsText().contains(QStringLiteral("To level <b>3</b>")));
    QVERIFY(!decision->missingText().contains(QStringLiteral("level to switch back")));
    // T changes it.
    whenDialogShows<LevelDialog>(this, [](LevelDialog *dialog) {
        QCOMPARE(dialog->level(), 3);
        QTest::keyClick(dialog->spinBox(), Qt::Key_Down);
        dialog->accept();
    });
    QTest::keyClick(view, Qt::Key_T);
    QCOMPARE(storedDraft("gate-5").toLevel, std::optional<int>(2));

    // 2 = advance with conditions: the conditions are asked for at once, one per line.
    answerNextNoteDialog(QStringLiteral("Retest site C after recalibration\nUpdate the model card"));
    QTest::keyClick(view, Qt::Key_2);
    const std::vector<std::string> conditions{"Retest site C after recalibration", "Update the model card"};
    QCOMPARE(storedDraft("gate-5").outcome, std::optional<std::string>("advance_with_conditions"));
    QCOMPARE(storedDraft("gate-5").conditions, conditions);
    QVERIFY(decision->detailsText().contains(QStringLiteral("• Update the model card")));
    // S on the decision slide: every remaining suggestion accepted, one explicit action (G1).
    QVERIFY(decision->verdictsText().contains(QStringLiteral("not accepted")));
    QTest::keyClick(view, Qt::Key_S);
    {
        const ReviewDraft accepted = storedDraft("gate-5");
        const bool any = std::any_of(accepted.verdicts.begin(), accepted.verdicts.end(),
                                     [](const DraftVerdict &v) { return v.fromSuggestion; });
        QVERIFY(any);
        QVERIFY(decision->verdictsText().contains(QStringLiteral("(suggestion accepted)")));
    }

    // N: the rationale.
    answerNextNoteDialog(QStringLiteral("Advance once site C is retested"));
    QTest::keyClick(view, Qt::Key_N);

    // What is missing is what the review form says is missing.
    auto *form = m_window->findChild<ReviewForm *>();
    QVERIFY(form);
    QVERIFY(form->selectGate(QStringLiteral("gate-5")));
    const QStringList formProblems = form->problems();
    QCOMPARE(m_mode->session()->signingProblems(), formProblems);
    QVERIFY(!formProblems.isEmpty()); // the blocker is not acknowledged, ethics … have no verdict
    const QString missing = decision->missingText();
    QVERIFY(missing.contains(QStringLiteral("Before signing")));
    QVERIFY(missing.contains(QStringLiteral("Acknowledge the 1 open blocker")));
    QVERIFY(!missing.contains(QStringLiteral("no outcome is chosen")));
    QVERIFY(!missing.contains(QStringLiteral("condition")));
    for (const QString &p : formProblems) {
        const QString id = criterionOfProblem(p);
        if (!id.isEmpty())
            QVERIFY2(
                decision->verdictsText().contains(QStringLiteral("<b>%1</b> <span style=\"color:#A04000\">⚠").arg(id)),
                qPrintable(p));
        else
            QVERIFY2(missing.contains(p.toHtmlEscaped()), qPrintable(p));
    }

    // Ctrl+Z takes the rationale back, Ctrl+Shift+Z brings it again.
    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(storedDraft("gate-5").rationale, std::string("Hold until site C is retested"));
    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(storedDraft("gate-5").rationale, std::string("Advance once site C is retested"));
    QTest::keyClick(view, Qt::Key_Escape);
    QVERIFY(!m_mode->isActive());

    // The review form shows exactly this: the reviewer signs without retyping.
    QCOMPARE(form->outcomeBox()->currentData().toString(), QStringLiteral("advance_with_conditions"));
    QCOMPARE(form->conditionsEdit()->toPlainText(),
             QStringLiteral("Retest site C after recalibration\nUpdate the model card"));
    QCOMPARE(form->toLevelBox()->value(), 2);
    QCOMPARE(form->rationaleEdit()->toPlainText(), QStringLiteral("Advance once site C is retested"));
    const ReviewDraft draft = storedDraft("gate-5");
    for (const DraftVerdict &row : draft.verdicts) {
        const int r = form->rowOf(QString::fromStdString(row.criterion));
        QVERIFY(r >= 0);
        QCOMPARE(form->verdictBox(r)->currentData().toString(), QString::fromStdString(row.verdict.value_or("")));
        QCOMPARE(form->noteEdit(r)->text(), QString::fromStdString(row.note));
    }
}

void TestMeetingMode::screenshotsAreWritten()
{
    QTemporaryDir dir;
    const int undoIndex = m_window->context().undoStack()->index();
    const ReviewDraft before = storedDraft("gate-5");
    QVERIFY(m_mode->shootSlides(dir.path()));
    for (const char *name : {"meeting-title.png", "meeting-criterion.png", "meeting-decision.png"}) {
        const QImage image(QDir(dir.path()).filePath(QString::fromLatin1(name)));
        QCOMPARE(image.size(), QSize(1280, 720));
    }
    QVERIFY(!m_mode->isActive());
    // What the shots entered is undone.
    QCOMPARE(m_window->context().undoStack()->index(), undoIndex);
    QCOMPARE(storedDraft("gate-5").verdicts, before.verdicts);
}

QTEST_MAIN(TestMeetingMode)
#include "tst_meeting_mode.moc"
