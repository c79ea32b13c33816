#pragma once
/// The full-screen meeting window: a header (gate, slide n of m), the slides, and a footer
/// with the keys and (on a single screen) a small timer. Keyboard only:
/// Space / → / PgDn next, ← / PgUp back, 1–4 the verdict of the criterion on screen (on the
/// decision slide: the outcome), 0 clears it, N a note (on the decision slide: the
/// rationale), T the level a switchback goes to and C the conditions (decision slide; asked
/// for at once when 4 or 2 chooses an outcome that needs them), A annotates what is shown,
/// D jumps to the decision, Ctrl+Z / Ctrl+Shift+Z undo
/// and redo, Esc leaves. Slides are built on their first visit and the next one just after.
#include "ui/meeting/MeetingStyle.h"

#include <QWidget>

#include <functional>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

class QLabel;
class QStackedWidget;
class QTimer;

namespace mltrl::ui {

class MeetingSession;
class MeetingSlide;

class MeetingView : public QWidget {
    Q_OBJECT
public:
    explicit MeetingView(MeetingSession *session, QWidget *parent = nullptr);

    [[nodiscard]] MeetingSession *session() const { return m_session; }
    [[nodiscard]] int currentIndex() const { return m_index; }
    [[nodiscard]] int slideCount() const;
    /// The slide on screen (built on demand).
    [[nodiscard]] MeetingSlide *currentSlide() const;
    /// The slide at `index` if it has been built, else nullptr.
    [[nodiscard]] MeetingSlide *builtSlide(int index) const;
    [[nodiscard]] QLabel *timerLabel() const { return m_timer; }
    [[nodiscard]] const meeting::Style &style() const { return m_style; }

    void goTo(int index);
    void next();
    void previous();
    void jumpToDecision();

    /// Whether the next slide is built right after a switch (default on; the benchmark turns
    /// it off to time cold builds).
    void setPrebuild(bool on) { m_prebuild = on; }

    /// Shows the single-screen timer in the footer (off while a presenter view runs).
    void setTimerVisible(bool visible);
    /// B or "." blanks the projector (a black screen); any key brings the slide back.
    void setBlank(bool blank);
    [[nodiscard]] bool isBlank() const;

    /// How "N" asks for a note: given the title and the current text, returns the new text,
    /// or nullopt when cancelled. The default shows a NoteDialog.
    using NoteAsker = std::function<std::optional<QString>(QWidget *parent, const QString &title, const QString &text)>;
    void setNoteAsker(NoteAsker asker) { m_askNote = std::move(asker); }
    /// How "T" asks for the switchback level: title, lowest and highest level offered, the
    /// current choice; nullopt when cancelled. The default shows a LevelDialog.
    using LevelAsker =
        std::function<std::optional<int>(QWidget *parent, const QString &title, int lowest, int highest, int value)>;
    void setLevelAsker(LevelAsker asker) { m_askLevel = std::move(asker); }
    /// What "A" does with the target of the slide on screen (set by MeetingMode).
    void setAnnotator(std::function<void(const nlohmann::json &target)> annotator)
    {
        m_annotate = std::move(annotator);
    }

signals:
    void slideChanged(int index);
    void leaveRequested();
    /// Once a second while the meeting runs (timer labels).
    void tick();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    MeetingSlide *ensureBuilt(int index);
    void dropSlides();
    void updateChrome();
    void updateTimer();
    void numberKey(int key);
    void noteKey();
    void suggestionKey(bool all);
    void levelKey();
    void conditionsKey();
    void refreshBuilt();

    MeetingSession *m_session;
    meeting::Style m_style;
    QLabel *m_header = nullptr;
    QLabel *m_position = nullptr;
    QLabel *m_keys = nullptr;
    QLabel *m_timer = nullptr;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_blank = nullptr;
    QTimer *m_ticker = nullptr;
    std::map<int, MeetingSlide *> m_slides;
    int m_index = -1;
    bool m_prebuild = true;
    NoteAsker m_askNote;
    LevelAsker m_askLevel;
    std::function<void(const nlohmann::json &)> m_annotate;
};

/// "mm:ss" (or "h:mm:ss") of a duration in milliseconds.
[[nodiscard]] QString clockText(qint64 ms);

} // namespace mltrl::ui
