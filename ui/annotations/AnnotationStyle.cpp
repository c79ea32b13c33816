#include "annotations/AnnotationStyle.h"

namespace mltrl::ui {

const QStringList &annotationSeverities()
{
    static const QStringList all{QStringLiteral("info"), QStringLiteral("minor"), QStringLiteral("major"),
                                 QStringLiteral("blocker")};
    return all;
}

QColor severityColor(const QString &severity)
{
    // Blue → amber → orange → red: rising urgency, distinguishable for common colour blindness
    // by lightness as well as hue.
    if (severity == QLatin1String("blocker"))
        return QColor(0xd3, 0x2f, 0x2f);
    if (severity == QLatin1String("major"))
        return QColor(0xef, 0x6c, 0x00);
    if (severity == QLatin1String("minor"))
        return QColor(0xf9, 0xa8, 0x25);
    return QColor(0x1e, 0x88, 0xe5);
}

} // namespace mltrl::ui
