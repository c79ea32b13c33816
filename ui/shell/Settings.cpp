#include "ui/shell/Settings.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace mltrl::ui {

namespace {
const QLatin1String kVersionKey("meta/version");

QString defaultIniPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(QStringLiteral("workbench.ini"));
}
} // namespace

Settings::Settings() : Settings(defaultIniPath()) {}

Settings::Settings(const QString &iniPath) : m_settings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
{
    migrate();
}

int Settings::storedVersion() const
{
    return m_settings->value(kVersionKey, 0).toInt();
}

void Settings::addRecentFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = recentFiles();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMaxRecentFiles)
        list.removeLast();
    setValue(keys::recentFiles, list);
}

void Settings::migrate()
{
    const int from = storedVersion();
    if (from >= kVersion)
        return; // current, or written by a newer build: leave its keys alone
    // Version 0 is a file without a version (hand-written, or from before settings were
    // versioned): keep only the keys this build declares, and hold the recent-files bound.
    const QStringList known = keys::allNames();
    for (const QString &key : m_settings->allKeys()) {
        if (!known.contains(key))
            m_settings->remove(key);
    }
    QStringList recent = recentFiles();
    if (recent.size() > kMaxRecentFiles)
        setValue(keys::recentFiles, recent.mid(0, kMaxRecentFiles));
    m_settings->setValue(kVersionKey, kVersion);
}

} // namespace mltrl::ui
