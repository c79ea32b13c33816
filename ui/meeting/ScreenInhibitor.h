#pragma once
/// Keeps the screen awake while a review meeting runs: the desktop's screen-saver inhibit
/// interface (org.freedesktop.ScreenSaver Inhibit/UnInhibit on the session bus, which GNOME,
/// KDE, Xfce and others provide). Where no session bus or no such service is there, nothing
/// happens and the meeting goes on; the call never blocks the UI thread. An interface, so
/// tests (which run without a session bus) put a fake in its place.
#include <QString>

#include <memory>

namespace mltrl::ui {

class ScreenInhibitor {
public:
    virtual ~ScreenInhibitor() = default;
    /// Asks the desktop not to blank or lock the screen, for `reason` (shown by some desktops).
    virtual void inhibit(const QString &reason) = 0;
    /// Lifts the request made by inhibit() (no-op when none is held).
    virtual void release() = 0;
    /// True between inhibit() and release().
    [[nodiscard]] virtual bool isInhibiting() const = 0;

    /// The desktop's inhibitor over D-Bus.
    static std::unique_ptr<ScreenInhibitor> desktop();
};

} // namespace mltrl::ui
