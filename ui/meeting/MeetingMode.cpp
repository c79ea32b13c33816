#include "ui/meeting/MeetingMode.h"

#include "ui/annotations/AnnotationEditor.h"
#include "ui/evidence/EvidenceViewer.h"
#include "ui/meeting/MeetingSession.h"
#include "ui/meeting/MeetingSlides.h"
#include "ui/meeting/MeetingView.h"
#include "ui/meeting/PresenterView.h"
#include "ui/meeting/ScreenInhibitor.h"
#include "ui/plots/MetricPlot.h"
#include "ui/session/ProjectContext.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QIcon>
#include <QScreen>
#include <QUndoStack>
#include <QWidget>

namespace mltrl::ui {

namespace {
/// Lets queued work land (plots loading off-thread, lazy viewers) for at most `ms`,
/// returning as soon as `done()` holds.
void settleUntil(const std::function<bool()> &done, int ms)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms && !done())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    QCoreApplication::processEvents();
}
} // namespace

MeetingMode::MeetingMode(ProjectContext *context, QWidget *window, std::function<QString()> selectedGate)
      : QObject(window), m_context(context), m_window(window), m_selectedGate(std::move(selectedGate))
{
    setObjectName(QStringLiteral("meetingMode"));
    m_action =
        new QAction(QIcon::fromTheme(QStringLiteral("x-office-presentation")), QStringLiteral("&Meeting Mode"), window);
    m_action->setObjectName(QStringLiteral("meetingModeAction"));
    m_action->setShortcut(QKeySequence(Qt::Key_F5));
    m_action->setToolTip(QStringLiteral("Run the review meeting of the current gate full screen (F5; Esc leaves)"));
    connect(m_action, &QAction::triggered, this, [this] { enter(); });
    connect(context, &ProjectContext::revisionChanged, this, [this] {
        // A meeting is about one revision: another one on screen ends it.
        if (isActive())
            leave();
        updateAction();
    });
    updateAction();
}

MeetingMode::~MeetingMode()
{
    // Top-level windows are not children of the workbench: close them with it.
    delete m_presenter;
    delete m_view;
}

bool MeetingMode::isActive() const
{
    return !m_view.isNull();
}

MeetingView *MeetingMode::view() const
{
    return m_view;
}

PresenterView *MeetingMode::presenter() const
{
    return m_presenter;
}

MeetingSession *MeetingMode::session() const
{
    return m_session;
}

void MeetingMode::updateAction()
{
    const auto revision = m_context->revision();
    m_action->setEnabled(revision && !revision->manifest.gates.empty());
}

QString MeetingMode::currentGate() const
{
    const auto revision = m_context->revision();
    return revision ? meetingGate(*revision, m_selectedGate ? m_selectedGate() : QString()) : QString();
}

void MeetingMode::setScreenInhibitor(std::unique_ptr<ScreenInhibitor> inhibitor)
{
    if (m_inhibitor && m_inhibitor->isInhibiting())
        m_inhibitor->release();
    m_inhibitor = std::move(inhibitor);
    if (isActive() && m_inhibitor)
        m_inhibitor->inhibit(QStringLiteral("Review meeting in progress"));
}

bool MeetingMode::enter(const QString &gateId)
{
    if (isActive())
        return true;
    const auto revision = m_context->revision();
    const QString gate =
        revision ? meetingGate(*revision, gateId.isEmpty() && m_selectedGate ? m_selectedGate() : gateId) : QString();
    if (gate.isEmpty()) {
        emit m_context->notice(QStringLiteral("Meeting mode needs a project with at least one gate."));
        return false;
    }
    m_session = new MeetingSession(m_context, gate, this);
    m_view = new MeetingView(m_session);
    m_view->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_view, &MeetingView::leaveRequested, this, &MeetingMode::leave);
    // "A": the one annotation entry point of the workbench (dialog, then an undoable add).
    m_view->setAnnotator([this](const nlohmann::json &target) {
        if (m_view)
            annotate(*m_context, target, m_view);
    });
    connect(m_view, &QObject::destroyed, this, [this] {
        // Closed by the window manager rather than Esc: end the meeting all the same.
        if (m_session)
            leave();
    });

    const QList<QScreen *> screens = QGuiApplication::screens();
    QScreen *home = m_window->screen();
    const bool presenter = m_presenterOverride.value_or(screens.size() > 1);
    QScreen *projector = home;
    for (QScreen *s : screens)
        if (s != home) {
            projector = s;
            break;
        }
    if (presenter) {
        m_presenter = new PresenterView(m_session, m_view);
        m_presenter->setAttribute(Qt::WA_DeleteOnClose);
        m_presenter->setScreen(home);
        m_presenter->setGeometry(home->availableGeometry());
        m_presenter->show();
    }
    m_view->setTimerVisible(!presenter);
    if (m_windowed) {
        m_view->resize(*m_windowed);
        m_view->show();
    } else {
        m_view->setScreen(projector);
        m_view->setGeometry(projector->geometry());
        m_view->showFullScreen();
    }
    m_view->activateWindow();
    m_view->setFocus();
    // A meeting is long stretches of talk with no input: keep the projector from blanking.
    if (!m_inhibitor)
        m_inhibitor = ScreenInhibitor::desktop();
    m_inhibitor->inhibit(QStringLiteral("Review meeting in progress"));
    emit entered();
    return true;
}

void MeetingMode::leave()
{
    if (!m_session)
        return;
    MeetingSession *session = m_session;
    m_session = nullptr;
    if (m_presenter)
        m_presenter->close();
    if (m_view) {
        m_view->disconnect(this);
        m_view->close();
    }
    m_presenter = nullptr;
    m_view = nullptr;
    if (m_inhibitor)
        m_inhibitor->release();
    session->deleteLater();
    m_window->activateWindow();
    emit left();
}

bool MeetingMode::shootSlides(const QString &directory, QSize size)
{
    const auto presenter = m_presenterOverride;
    const auto windowed = m_windowed;
    m_presenterOverride = false;
    m_windowed = size;
    const bool wasActive = isActive();
    if (!wasActive && !enter())
        return false;
    QDir().mkpath(directory);
    const auto shoot = [&](int index, const QString &name) {
        m_view->goTo(index);
        MeetingSlide *slide = m_view->currentSlide();
        settleUntil(
            [slide] {
                auto *c = qobject_cast<CriterionSlide *>(slide);
                return !c || ((!c->plot() || !c->plot()->isLoading()) &&
                              (!c->evidenceViewer() || c->evidenceViewer()->isLoaded()));
            },
            5000);
        settleUntil([] { return false; }, 300); // viewers paint their first page
        return m_view->grab().save(QDir(directory).filePath(name));
    };

    // The criterion shown: the first with both a metric plot and linked evidence.
    const Gate &gate = m_session->gate();
    int criterion = 1;
    for (std::size_t i = 0; i < gate.criteria.size(); ++i)
        if (gate.criteria[i].isQuantitative() && !gate.criteria[i].evidence.empty()) {
            criterion = static_cast<int>(i) + 1;
            break;
        }
    bool ok = shoot(0, QStringLiteral("meeting-title.png"));
    ok = shoot(criterion, QStringLiteral("meeting-criterion.png")) && ok;

    // A decision slide with something on it: the suggestions accepted, an advance with a
    // condition and a rationale — one macro, so none of it merges with earlier typing, and
    // all of it undone afterwards.
    QUndoStack *undo = m_context->undoStack();
    const int mark = undo->index();
    undo->beginMacro(QStringLiteral("Meeting screenshots"));
    m_session->acceptAllSuggestions();
    m_session->setOutcome(QStringLiteral("advance_with_conditions"));
    m_session->setConditions({"Retest the failing criteria at the next gate"});
    m_session->setRationale(QStringLiteral("The metrics hold; the qualitative criteria are reviewed before signing."));
    undo->endMacro();
    ok = shoot(m_session->decisionIndex(), QStringLiteral("meeting-decision.png")) && ok;
    undo->setIndex(mark);

    if (!wasActive)
        leave();
    m_presenterOverride = presenter;
    m_windowed = windowed;
    return ok;
}

} // namespace mltrl::ui
