#include "ui/evidence/SystemViewerLauncher.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace mltrl::ui {

namespace {

struct Viewable {
    const char *mediaType;
    const char *extension;
};
/// The media types handed to the system, with the extension their copy gets.
constexpr Viewable kViewable[] = {
    {"application/pdf", "pdf"}, {"image/png", "png"},      {"image/jpeg", "jpg"}, {"image/gif", "gif"},
    {"image/bmp", "bmp"},       {"image/webp", "webp"},    {"text/plain", "txt"}, {"text/csv", "csv"},
    {"text/markdown", "md"},    {"text/x-markdown", "md"},
};

/// Parts of media type names that mark programs, scripts, installers and launchers.
constexpr const char *kExecutableMarks[] = {
    "desktop",     "executable",    "sharedlib",    "msdownload", "msdos-program", "portable-executable",
    "shellscript", "x-sh",          "x-csh",        "python",     "perl",          "ruby",
    "php",         "javascript",    "java-archive", "jar",        "x-msi",         "apple-diskimage",
    "x-deb",       "x-rpm",         "appimage",     "x-bat",      "x-ms-shortcut", "x-shockwave",
    "flatpak",     "x-mach-binary", "x-elf",
};

/// Extensions standing for the viewable types when no media type is declared.
struct SuffixType {
    const char *suffix;
    const char *mediaType;
};
constexpr SuffixType kSuffixTypes[] = {
    {"pdf", "application/pdf"}, {"png", "image/png"}, {"jpg", "image/jpeg"},   {"jpeg", "image/jpeg"},
    {"gif", "image/gif"},       {"bmp", "image/bmp"}, {"webp", "image/webp"},  {"txt", "text/plain"},
    {"log", "text/plain"},      {"csv", "text/csv"},  {"md", "text/markdown"},
};

std::unique_ptr<QTemporaryDir> &folder()
{
    static std::unique_ptr<QTemporaryDir> dir;
    return dir;
}

} // namespace

std::optional<QString> SystemViewerLauncher::extensionFor(const QString &mediaType, const QString &suffix,
                                                          QString *refusal)
{
    QString mt = mediaType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    if (mt.isEmpty()) {
        for (const SuffixType &s : kSuffixTypes)
            if (suffix.compare(QLatin1String(s.suffix), Qt::CaseInsensitive) == 0)
                mt = QLatin1String(s.mediaType);
        if (mt.isEmpty()) {
            if (refusal)
                *refusal = QStringLiteral("This evidence declares no media type, so the workbench does not hand it to "
                                          "another application.");
            return std::nullopt;
        }
    }
    for (const Viewable &v : kViewable)
        if (mt == QLatin1String(v.mediaType))
            return QString::fromLatin1(v.extension);
    for (const char *mark : kExecutableMarks)
        if (mt.contains(QLatin1String(mark))) {
            if (refusal)
                *refusal = QStringLiteral("Refused: %1 is a program, script or desktop entry type. Evidence is never "
                                          "run or launched by the workbench.")
                               .arg(mt);
            return std::nullopt;
        }
    if (refusal)
        *refusal = QStringLiteral("The workbench opens only PDF, images, text and CSV with the system viewer; %1 has "
                                  "no known safe viewer.")
                       .arg(mt);
    return std::nullopt;
}

QString SystemViewerLauncher::copyName(const QString &id, const QString &extension)
{
    QString base;
    for (const QChar c : id.left(64))
        base += (c.isLetterOrNumber() && c.unicode() < 128) || c == QLatin1Char('-') || c == QLatin1Char('_') ||
                        c == QLatin1Char('.')
                    ? c
                    : QLatin1Char('_');
    while (base.startsWith(QLatin1Char('.')))
        base.remove(0, 1);
    if (base.isEmpty())
        base = QStringLiteral("evidence");
    return base + QLatin1Char('.') + extension;
}

QString SystemViewerLauncher::privateFolder()
{
    std::unique_ptr<QTemporaryDir> &dir = folder();
    if (dir && dir->isValid())
        return dir->path();
    QString parent = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (parent.isEmpty() || !QFileInfo(parent).isDir())
        parent = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (parent.isEmpty() || !QDir().mkpath(parent))
        return {};
    // QTemporaryDir: a fresh unpredictable name, created 0700 (nobody else can plant files).
    dir = std::make_unique<QTemporaryDir>(QDir(parent).filePath(QStringLiteral("mltrl-viewer-XXXXXX")));
    if (!dir->isValid()) {
        dir.reset();
        return {};
    }
    QFile::setPermissions(dir->path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    // Removed at quit (and, failing that, by QTemporaryDir's destructor at exit).
    if (QCoreApplication *app = QCoreApplication::instance())
        QObject::connect(app, &QCoreApplication::aboutToQuit, app, [] { folder().reset(); });
    return dir->path();
}

QString SystemViewerLauncher::prepareCopy(const EvidenceSource &source, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return QString();
    };
    if (source.blobPath.isEmpty() || source.sha256.isEmpty())
        return fail(QStringLiteral("The store holds no file for evidence %1.").arg(source.id));
    QString refusal;
    const std::optional<QString> extension = extensionFor(source.mediaType, source.suffix(), &refusal);
    if (!extension)
        return fail(refusal);
    const QString root = privateFolder();
    if (root.isEmpty())
        return fail(QStringLiteral("Cannot create a private folder for the copy."));
    // One folder per hash: two evidence files with the same name never overwrite each other.
    const QString dir = QDir(root).filePath(source.sha256.left(16));
    const QString target = QDir(dir).filePath(copyName(source.id, *extension));
    if (QFileInfo(target).isFile() && !QFileInfo(target).isSymLink() && QFileInfo(target).size() == source.size)
        return target;
    if (!QDir().mkpath(dir))
        return fail(QStringLiteral("Cannot create %1.").arg(dir));
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QFile::remove(target);
    if (!QFile::copy(source.blobPath, target))
        return fail(QStringLiteral("Cannot copy the evidence to %1.").arg(target));
    QFile::setPermissions(target, QFileDevice::ReadOwner);
    return target;
}

bool SystemViewerLauncher::open(const EvidenceSource &source, QString *error)
{
    const QString path = prepareCopy(source, error);
    if (path.isEmpty())
        return false;
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path))) {
        if (error)
            *error = QStringLiteral("No application opens %1.").arg(QFileInfo(path).fileName());
        return false;
    }
    return true;
}

} // namespace mltrl::ui
