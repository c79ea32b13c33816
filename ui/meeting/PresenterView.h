#pragma once
/// The presenter's window on the laptop screen while the slides run on the projector: the
/// slide on screen and the next one, the notes (criterion text, the draft's note, open
/// annotations on it) and the time spent — in total, on this slide, and per criterion.
#include <QWidget>

class QLabel;

namespace mltrl::ui {

class MeetingSession;
class MeetingView;

class PresenterView : public QWidget {
    Q_OBJECT
public:
    PresenterView(MeetingSession *session, MeetingView *view, QWidget *parent = nullptr);

    [[nodiscard]] QString nowText() const;
    [[nodiscard]] QString nextText() const;
    [[nodiscard]] QString notesText() const;
    [[nodiscard]] QString timesText() const;

    void refresh();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    MeetingSession *m_session;
    MeetingView *m_view;
    QLabel *m_now = nullptr;
    QLabel *m_next = nullptr;
    QLabel *m_notes = nullptr;
    QLabel *m_clock = nullptr;
    QLabel *m_times = nullptr;
};

} // namespace mltrl::ui
