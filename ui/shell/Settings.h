#pragma once
/// The workbench's remembered state, typed: every key with its type and default is declared
/// once in `keys` below; QSettings (an INI file in the application's config folder) stores it.
/// A version number and a migration step keep settings written by older builds usable.
#include <QByteArray>
#include <QLatin1String>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <memory>

namespace mltrl::ui {

template <typename T>
struct SettingKey {
    QLatin1String name;
    T defaultValue;
};

namespace keys {
inline const SettingKey<QByteArray> windowGeometry{QLatin1String("window/geometry"), {}};
inline const SettingKey<QByteArray> windowState{QLatin1String("window/state"), {}};
inline const SettingKey<QString> lastProject{QLatin1String("session/lastProject"), {}};
inline const SettingKey<QStringList> recentFiles{QLatin1String("session/recentFiles"), {}};
/// The project being opened ("<id>\n<pid>"): set before loading, cleared once it is on screen.
/// Still set at start by another process, the last run died while opening it: it is not
/// reopened by itself.
inline const SettingKey<QString> openingProject{QLatin1String("session/openingProject"), {}};
/// Every declared key name (migration drops what is not here).
inline QStringList allNames()
{
    return {windowGeometry.name, windowState.name, lastProject.name, recentFiles.name, openingProject.name};
}
} // namespace keys

class Settings {
public:
    /// The current layout of the keys; raise it (and extend migrate()) when a key changes.
    static constexpr int kVersion = 1;
    static constexpr int kMaxRecentFiles = 10;

    /// Settings in `<AppConfigLocation>/workbench.ini` (QStandardPaths test mode moves it).
    Settings();
    /// Settings in an explicit INI file (tests, tools).
    explicit Settings(const QString &iniPath);

    template <typename T>
    [[nodiscard]] T value(const SettingKey<T> &key) const
    {
        const QVariant v = m_settings->value(key.name);
        return v.isValid() && v.canConvert<T>() ? v.value<T>() : key.defaultValue;
    }
    template <typename T>
    void setValue(const SettingKey<T> &key, const T &value)
    {
        m_settings->setValue(key.name, QVariant::fromValue(value));
    }

    /// Most recent first, without duplicates, at most kMaxRecentFiles.
    [[nodiscard]] QStringList recentFiles() const { return value(keys::recentFiles); }
    void addRecentFile(const QString &path);

    [[nodiscard]] int storedVersion() const;
    [[nodiscard]] QString fileName() const { return m_settings->fileName(); }
    void sync() { m_settings->sync(); }

private:
    void migrate();

    std::unique_ptr<QSettings> m_settings;
};

} // namespace mltrl::ui
