#include "panels/PanelUtil.h"

#include "plots/MetricPlot.h"

#include <QPainter>
#include <QPixmap>

#include <limits>

namespace mltrl::ui {

QStandardItem *textItem(const QString &text)
{
    auto *item = new QStandardItem(text);
    item->setData(text, kSortRole);
    item->setEditable(false);
    return item;
}

QStandardItem *textItem(const std::string &text)
{
    return textItem(QString::fromStdString(text));
}

QStandardItem *numberItem(std::optional<double> value)
{
    auto *item = textItem(value ? exactNumber(*value) : QStringLiteral("—"));
    // Absent values sort before every number.
    item->setData(value ? *value : -std::numeric_limits<double>::infinity(), kSortRole);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QStandardItem *intItem(std::optional<int> value)
{
    auto *item = textItem(value ? QString::number(*value) : QStringLiteral("—"));
    item->setData(value ? *value : -1, kSortRole);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QIcon verdictIcon(const QColor &colour, QChar symbol)
{
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(colour);
    p.setPen(Qt::NoPen);
    p.drawEllipse(2, 2, 28, 28);
    p.setPen(Qt::white);
    QFont font = p.font();
    font.setPixelSize(22);
    font.setBold(true);
    p.setFont(font);
    p.drawText(QRect(0, 0, 32, 32), Qt::AlignCenter, QString(symbol));
    return QIcon(pixmap);
}

} // namespace mltrl::ui
