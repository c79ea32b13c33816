// org.freedesktop.ScreenSaver over the session bus. Built as its own small library
// (ui/CMakeLists.txt) so that only this file sees QtDBus.
#include "ui/meeting/ScreenInhibitor.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QObject>
#include <QPointer>

namespace mltrl::ui {

namespace {

const QString kService = QStringLiteral("org.freedesktop.ScreenSaver");
const QString kPath = QStringLiteral("/org/freedesktop/ScreenSaver");
const QString kInterface = QStringLiteral("org.freedesktop.ScreenSaver");

class DBusScreenInhibitor final : public ScreenInhibitor {
public:
    ~DBusScreenInhibitor() override { release(); }

    void inhibit(const QString &reason) override
    {
        if (m_inhibiting)
            return;
        m_inhibiting = true;
        QDBusConnection bus = QDBusConnection::sessionBus();
        if (!bus.isConnected())
            return; // no session bus (a bare X server, a test): nothing to ask
        QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kInterface, QStringLiteral("Inhibit"));
        call << QCoreApplication::applicationName() << reason;
        auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), &m_context);
        const int generation = ++m_generation;
        QObject::connect(watcher, &QDBusPendingCallWatcher::finished, &m_context, [this, watcher, generation] {
            watcher->deleteLater();
            const QDBusPendingReply<uint> reply = *watcher;
            if (reply.isError())
                return; // no screen-saver service on this desktop
            if (generation != m_generation || !m_inhibiting) {
                // Released before the answer came: lift it at once.
                uninhibit(reply.value());
                return;
            }
            m_cookie = reply.value();
            m_haveCookie = true;
        });
    }

    void release() override
    {
        if (!m_inhibiting)
            return;
        m_inhibiting = false;
        if (m_haveCookie)
            uninhibit(m_cookie);
        m_haveCookie = false;
    }

    [[nodiscard]] bool isInhibiting() const override { return m_inhibiting; }

private:
    static void uninhibit(uint cookie)
    {
        QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kInterface, QStringLiteral("UnInhibit"));
        call << cookie;
        QDBusConnection::sessionBus().asyncCall(call);
    }

    QObject m_context; ///< owns the pending calls; their callbacks die with it
    uint m_cookie = 0;
    bool m_haveCookie = false;
    bool m_inhibiting = false;
    int m_generation = 0;
};

} // namespace

std::unique_ptr<ScreenInhibitor> ScreenInhibitor::desktop()
{
    return std::make_unique<DBusScreenInhibitor>();
}

} // namespace mltrl::ui
