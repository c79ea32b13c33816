#include "evidence/SystemViewerLauncher.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QUrl>

namespace mltrl::ui {

namespace {
constexpr QFileDevice::Permissions kReadOnly =
    QFileDevice::ReadOwner | QFileDevice::ReadUser | QFileDevice::ReadGroup | QFileDevice::ReadOther;

/// A file name that is safe as one path segment.
QString safeName(const QString &name)
{
    QString s = name;
    s.replace(QLatin1Char('/'), QLatin1Char('_'));
    if (s.isEmpty() || s == QLatin1String(".") || s == QLatin1String(".."))
        s = QStringLiteral("evidence");
    return s;
}
} // namespace

QString SystemViewerLauncher::prepareCopy(const EvidenceSource &source, QString *error)
{
    if (source.blobPath.isEmpty() || source.sha256.isEmpty()) {
        if (error)
            *error = QStringLiteral("The store holds no file for evidence %1.").arg(source.id);
        return {};
    }
    // One folder per hash: two evidence files with the same name never overwrite each other.
    const QString dir = QDir(QDir::tempPath())
                            .filePath(QStringLiteral("mltrl-workbench-%1/%2")
                                          .arg(QCoreApplication::applicationPid())
                                          .arg(source.sha256.left(16)));
    const QString target = QDir(dir).filePath(safeName(source.fileName()));
    if (QFile::exists(target) && QFile(target).size() == source.size)
        return target;
    if (!QDir().mkpath(dir)) {
        if (error)
            *error = QStringLiteral("Cannot create %1.").arg(dir);
        return {};
    }
    QFile::remove(target);
    if (!QFile::copy(source.blobPath, target)) {
        if (error)
            *error = QStringLiteral("Cannot copy the evidence to %1.").arg(target);
        return {};
    }
    QFile::setPermissions(target, kReadOnly);
    return target;
}

bool SystemViewerLauncher::open(const EvidenceSource &source, QString *error)
{
    const QString path = prepareCopy(source, error);
    if (path.isEmpty())
        return false;
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path))) {
        if (error)
            *error = QStringLiteral("No application opens %1.").arg(source.fileName());
        return false;
    }
    return true;
}

} // namespace mltrl::ui
