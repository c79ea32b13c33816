#include "ui/common/PanelIcons.h"

#include <QFile>

// The resource is compiled into the static widgets library; nothing else references it, so
// it is registered here explicitly (Q_INIT_RESOURCE must be used outside a namespace).
static void initPanelIconResources()
{
    Q_INIT_RESOURCE(icons);
}

namespace mltrl::ui {

namespace {

QString resourcePath(const QString &title)
{
    static const bool registered = [] {
        initPanelIconResources();
        return true;
    }();
    Q_UNUSED(registered);
    return QStringLiteral(":/icons/%1.svg").arg(title.toLower());
}

} // namespace

QStringList shippedPanelIconKeys()
{
    return {QStringLiteral("overview"), QStringLiteral("gates"),        QStringLiteral("evidence"),
            QStringLiteral("metrics"),  QStringLiteral("requirements"), QStringLiteral("cards"),
            QStringLiteral("changes"),  QStringLiteral("review"),       QStringLiteral("annotations"),
            QStringLiteral("library")};
}

QIcon shippedPanelIcon(const QString &title)
{
    const QString path = resourcePath(title);
    return QFile::exists(path) ? QIcon(path) : QIcon();
}

QIcon panelIcon(const QString &title, const QString &themeName)
{
    const QIcon shipped = shippedPanelIcon(title);
    if (!themeName.isEmpty() && QIcon::hasThemeIcon(themeName))
        return QIcon::fromTheme(themeName);
    return shipped;
}

} // namespace mltrl::ui
