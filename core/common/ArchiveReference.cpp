#include "core/common/ArchiveReference.h"

#include <QDir>
#include <QString>
#include <QUrl>

#include <algorithm>

namespace mltrl {

ArchiveReference resolveArchiveReference(std::string_view reference, std::string_view documentPath)
{
    ArchiveReference r;
    const QString ref = QString::fromUtf8(reference.data(), static_cast<qsizetype>(reference.size())).trimmed();
    const auto refuse = [&r](const char *why, bool network = false) {
        r.refused = why;
        r.network = network;
        return r;
    };
    if (ref.isEmpty())
        return refuse("an empty reference");
    if (ref.contains(QLatin1Char('\\')))
        return refuse("a Windows or network path, outside the archive");
    if (ref.startsWith(QLatin1String("//")))
        return refuse("a network path; nothing is loaded from the network", true);
    const QUrl url(ref);
    if (!url.isValid())
        return refuse("not a valid reference");
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("file"))
        return refuse("a file on this computer (file: URL), outside the archive");
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https") || scheme == QLatin1String("ftp"))
        return refuse("a network address; nothing is loaded from the network", true);
    if (scheme.size() == 1)
        return refuse("a Windows path, outside the archive");
    if (!scheme.isEmpty()) {
        r.refused = "an address of another kind (" + scheme.toStdString() + ":), outside the archive";
        return r;
    }
    if (!url.host().isEmpty())
        return refuse("a network path; nothing is loaded from the network", true);
    const QString path = url.path(QUrl::FullyDecoded);
    // Decoded, a path could hold what no archive path may (§1): "%5C", "%00".
    if (path.contains(QLatin1Char('\\')))
        return refuse("a Windows or network path, outside the archive");
    if (std::any_of(path.begin(), path.end(), [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; }))
        return refuse("not a valid reference (control characters)");
    if (path.startsWith(QLatin1Char('/')))
        return refuse("an absolute path on this computer, outside the archive");
    const QString document = QString::fromUtf8(documentPath.data(), static_cast<qsizetype>(documentPath.size()));
    const QString dir = document.contains(QLatin1Char('/')) ? document.section(QLatin1Char('/'), 0, -2) : QString();
    const QString cleaned = QDir::cleanPath(dir.isEmpty() ? path : dir + QLatin1Char('/') + path);
    if (cleaned == QLatin1String("..") || cleaned.startsWith(QLatin1String("../")) ||
        cleaned.startsWith(QLatin1Char('/')))
        return refuse("a path that leaves the archive");
    if (cleaned.isEmpty() || cleaned == QLatin1String("."))
        return refuse("not a file (the archive's folder itself)");
    r.archivePath = cleaned.toStdString();
    return r;
}

} // namespace mltrl
