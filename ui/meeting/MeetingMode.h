#pragma once
/// Meeting mode: F5 (View menu, tool bar) runs the review of the current gate full screen;
/// Esc leaves. With a second screen the slides go to the other screen (the projector) and a
/// presenter view stays on the workbench's screen; with one screen the slides show a small
/// timer instead. Everything entered is the gate's review draft (see MeetingSession).
#include <QObject>
#include <QPointer>
#include <QSize>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QAction;
class QWidget;

namespace mltrl::ui {

class MeetingSession;
class MeetingView;
class PresenterView;
class ScreenInhibitor;
class ProjectContext;

class MeetingMode : public QObject {
    Q_OBJECT
public:
    /// `window` is the workbench window (parent of the action); `selectedGate` returns the gate
    /// selected in the Gates panel (empty when none).
    MeetingMode(ProjectContext *context, QWidget *window, std::function<QString()> selectedGate);
    ~MeetingMode() override;

    [[nodiscard]] QAction *action() const { return m_action; }
    [[nodiscard]] bool isActive() const;
    [[nodiscard]] MeetingView *view() const;
    [[nodiscard]] PresenterView *presenter() const;
    [[nodiscard]] MeetingSession *session() const;
    /// The gate F5 would open now (see meetingGate()).
    [[nodiscard]] QString currentGate() const;

    /// Starts the meeting for the current gate (or `gateId`); false when no project/gate.
    bool enter(const QString &gateId = {});
    void leave();

    /// Forces the presenter view on or off (tests, screenshots); default: only with > 1 screen.
    void setPresenterOverride(std::optional<bool> on) { m_presenterOverride = on; }
    /// Full screen (default) or a normal window of `size` (tests, screenshots, benchmarks).
    void setWindowedSize(std::optional<QSize> size) { m_windowed = size; }
    /// Keeps the screen awake from enter() to leave(); the desktop's (D-Bus) by default,
    /// a fake in tests.
    void setScreenInhibitor(std::unique_ptr<ScreenInhibitor> inhibitor);
    [[nodiscard]] ScreenInhibitor *screenInhibitor() const { return m_inhibitor.get(); }

    /// Renders the title, a criterion (one with a plot and evidence) and the decision slide
    /// to DIR/meeting-title.png, meeting-criterion.png and meeting-decision.png at `size`.
    /// The suggested verdicts are entered for the decision shot and undone afterwards.
    bool shootSlides(const QString &directory, QSize size = {1280, 720});

signals:
    void entered();
    void left();

private:
    void updateAction();

    ProjectContext *m_context;
    QWidget *m_window;
    std::function<QString()> m_selectedGate;
    QAction *m_action = nullptr;
    QPointer<MeetingSession> m_session;
    QPointer<MeetingView> m_view;
    QPointer<PresenterView> m_presenter;
    std::optional<bool> m_presenterOverride;
    std::optional<QSize> m_windowed;
    std::unique_ptr<ScreenInhibitor> m_inhibitor;
};

} // namespace mltrl::ui
