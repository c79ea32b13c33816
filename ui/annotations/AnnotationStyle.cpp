#include "ui/annotations/AnnotationStyle.h"

#include <QPainter>
#include <QPixmap>

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

QIcon severityIcon(const QString &severity, bool resolved)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor colour = severityColor(severity);
    if (resolved) {
        painter.setPen(QPen(colour, 1.5));
        painter.setBrush(Qt::NoBrush);
    } else {
        painter.setPen(Qt::NoPen);
        painter.setBrush(colour);
    }
    painter.drawEllipse(QRectF(1.5, 1.5, 9, 9));
    return QIcon(pixmap);
}

} // namespace mltrl::ui
