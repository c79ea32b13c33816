#include "ui/panels/PanelUtil.h"

#include "core/store/RevisionData.h"
#include "ui/plots/MetricPlot.h"

#include <QComboBox>
#include <QEvent>
#include <QHeaderView>
#include <QPainter>
#include <QPixmap>
#include <QTableView>
#include <QTimer>

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

namespace {
/// Starts `timer` whenever the watched widget is resized.
class ResizeWatcher : public QObject {
public:
    ResizeWatcher(QObject *parent, QTimer *timer) : QObject(parent), m_timer(timer) {}
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Resize)
            m_timer->start();
        return QObject::eventFilter(watched, event);
    }

private:
    QTimer *m_timer;
};
} // namespace

void orderColumns(QTableView *view, const QList<int> &visualOrder)
{
    QHeaderView *header = view->horizontalHeader();
    for (int i = 0; i < visualOrder.size(); ++i) {
        const int from = header->visualIndex(visualOrder[i]);
        if (from >= 0 && from != i)
            header->moveSection(from, i);
    }
    header->setStretchLastSection(true);
    view->setWordWrap(true);
    view->setTextElideMode(Qt::ElideRight);
    if (view->property("mltrlRowsFollowWidth").toBool())
        return;
    view->setProperty("mltrlRowsFollowWidth", true);
    // The stretched column's width changes with the view's (no signal for that) and when the
    // user drags a column edge: refit the rows once the widths have settled.
    auto *refit = new QTimer(view);
    refit->setSingleShot(true);
    refit->setInterval(0);
    QObject::connect(refit, &QTimer::timeout, view, [view] { view->resizeRowsToContents(); });
    QObject::connect(header, &QHeaderView::sectionResized, refit, qOverload<>(&QTimer::start));
    view->viewport()->installEventFilter(new ResizeWatcher(view->viewport(), refit));
}

void fillGateBox(QComboBox *box, const RevisionData *revision)
{
    const QSignalBlocker block(box);
    box->clear();
    if (revision) {
        for (const Gate &g : revision->manifest.gates)
            box->addItem(QObject::tr("%1 — level %2: %3")
                             .arg(QString::fromStdString(g.id))
                             .arg(g.level)
                             .arg(QString::fromStdString(g.title)),
                         QString::fromStdString(g.id));
    }
    box->setCurrentIndex(box->count() - 1);
}

} // namespace mltrl::ui
