#include "ui/shell/BundledExample.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace mltrl::ui {

namespace {
const QString kFirst = QStringLiteral("cxr-triage.mltrl");
const QString kSecond = QStringLiteral("cxr-triage-r2.mltrl");

#if defined(MLTRL_SOURCE_DIR) && defined(MLTRL_BINARY_DIR)
/// True when `path` is `dir` or below it.
bool isUnder(const QString &path, const QString &dir)
{
    const QString p = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    const QString d = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
    return p == d || p.startsWith(d + QLatin1Char('/'));
}
#endif
} // namespace

QStringList bundledExampleDirs()
{
    QStringList dirs;
    if (const QString env = qEnvironmentVariable("MLTRL_EXAMPLES_DIR"); !env.isEmpty())
        dirs << env;
    const QString app = QCoreApplication::applicationDirPath();
    // <prefix>/bin/mltrl-workbench → <prefix>/share/mltrl-workbench/examples
    dirs << QDir(app).filePath(QStringLiteral("../share/mltrl-workbench/examples"));
    for (const QString &data : QStandardPaths::standardLocations(QStandardPaths::GenericDataLocation))
        dirs << QDir(data).filePath(QStringLiteral("mltrl-workbench/examples"));
#if defined(MLTRL_SOURCE_DIR) && defined(MLTRL_BINARY_DIR)
    // A program run from its build folder (scripts/run, the tests) uses the source tree's copy;
    // an installed one never looks there.
    if (isUnder(app, QStringLiteral(MLTRL_BINARY_DIR)))
        dirs << QDir(QStringLiteral(MLTRL_SOURCE_DIR)).filePath(QStringLiteral("examples"));
#endif
    for (QString &d : dirs)
        d = QDir::cleanPath(d);
    dirs.removeDuplicates();
    return dirs;
}

QStringList bundledExampleArchives()
{
    for (const QString &dir : bundledExampleDirs()) {
        const QDir d(dir);
        if (!QFileInfo(d.filePath(kFirst)).isFile())
            continue;
        QStringList archives{d.filePath(kFirst)};
        if (QFileInfo(d.filePath(kSecond)).isFile())
            archives << d.filePath(kSecond);
        return archives;
    }
    return {};
}

} // namespace mltrl::ui
