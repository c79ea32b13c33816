#include "ui/common/SafeToolTips.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QRegularExpression>
#include <QTextDocument>
#include <QToolTip>
#include <QWidget>

namespace mltrl::ui {

bool SafeToolTips::canLoadResources(const QString &text)
{
    if (!Qt::mightBeRichText(text))
        return false;
    // Everything Qt's HTML importer fetches: images, backgrounds (attribute or CSS), style
    // sheets. Matched loosely: a false alarm only shows the markup as text.
    static const QRegularExpression loads(
        QStringLiteral("<\\s*img|<\\s*link|<\\s*style|background|url\\s*\\(|src\\s*="),
        QRegularExpression::CaseInsensitiveOption);
    return loads.match(text).hasMatch();
}

void SafeToolTips::install()
{
    auto *app = qobject_cast<QApplication *>(QCoreApplication::instance());
    if (!app || app->findChild<SafeToolTips *>(QString(), Qt::FindDirectChildrenOnly))
        return;
    app->installEventFilter(new SafeToolTips(app));
}

bool SafeToolTips::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::ToolTip || !watched->isWidgetType())
        return false;
    auto *widget = static_cast<QWidget *>(watched);
    auto *help = static_cast<QHelpEvent *>(event);
    QString text;
    if (auto *view = qobject_cast<QAbstractItemView *>(widget->parentWidget()); view && view->viewport() == widget) {
        text = view->indexAt(help->pos()).data(Qt::ToolTipRole).toString();
    } else {
        text = widget->toolTip();
    }
    if (!canLoadResources(text))
        return false;
    QToolTip::showText(help->globalPos(), Qt::convertFromPlainText(text, Qt::WhiteSpaceNormal), widget);
    return true;
}

} // namespace mltrl::ui
