#include "ui/shell/InspectorWidget.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFontMetricsF>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTextLayout>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace mltrl::ui {

namespace {
/// The value column: dates, sizes, hashes and names shown whole, wrapped at word boundaries
/// or, for a hash, anywhere — never elided in the middle ("2026-1…55:26Z").
class WrappingDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    static QTextOption option()
    {
        QTextOption o;
        o.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        return o;
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &opt, const QModelIndex &index) const override
    {
        QStyleOptionViewItem o = opt;
        initStyleOption(&o, index);
        const QString text = o.text;
        o.text.clear();
        o.widget->style()->drawControl(QStyle::CE_ItemViewItem, &o, painter, o.widget);
        painter->save();
        painter->setFont(o.font);
        painter->setPen(o.palette.color(o.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
        painter->drawText(QRectF(o.rect.adjusted(4, 2, -4, -2)), text, option());
        painter->restore();
    }
    QSize sizeHint(const QStyleOptionViewItem &opt, const QModelIndex &index) const override
    {
        QStyleOptionViewItem o = opt;
        initStyleOption(&o, index);
        const auto *view = qobject_cast<const QTreeView *>(o.widget);
        const int w = view ? std::max(40, view->columnWidth(index.column()) - 8) : std::max(40, o.rect.width() - 8);
        QTextLayout layout(o.text, o.font);
        layout.setTextOption(option());
        layout.beginLayout();
        qreal height = 0;
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
            line.setLineWidth(w);
            height += line.height();
        }
        layout.endLayout();
        return {w + 8, static_cast<int>(std::ceil(std::max(height, QFontMetricsF(o.font).height()))) + 4};
    }
};

/// Lays the facts out again when their width changes (the wrapped rows change height).
class RelayoutOnResize : public QObject {
public:
    explicit RelayoutOnResize(QTreeWidget *tree) : QObject(tree)
    {
        m_timer.setSingleShot(true);
        m_timer.setInterval(0);
        connect(&m_timer, &QTimer::timeout, tree, [tree] { tree->doItemsLayout(); });
        tree->viewport()->installEventFilter(this);
    }
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Resize)
            m_timer.start();
        return QObject::eventFilter(watched, event);
    }

private:
    QTimer m_timer;
};
} // namespace

InspectorWidget::InspectorWidget(QWidget *parent)
      : QWidget(parent), m_title(new QLabel(this)), m_facts(new QTreeWidget(this)), m_links(new QLabel(this))
{
    setObjectName(QStringLiteral("inspector"));
    m_title->setObjectName(QStringLiteral("inspectorTitle"));
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    QFont f = m_title->font();
    f.setBold(true);
    m_title->setFont(f);
    m_facts->setObjectName(QStringLiteral("inspectorFacts"));
    m_facts->setColumnCount(2);
    m_facts->setHeaderHidden(true);
    m_facts->setRootIsDecorated(false);
    m_facts->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_facts->setWordWrap(true);
    m_facts->setUniformRowHeights(false);
    m_facts->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_facts->header()->setStretchLastSection(true);
    m_facts->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_facts->setItemDelegateForColumn(1, new WrappingDelegate(m_facts));
    new RelayoutOnResize(m_facts);

    auto *copy = new QAction(QStringLiteral("Copy"), m_facts);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, [this] {
        QStringList lines;
        for (QTreeWidgetItem *item : m_facts->selectedItems())
            lines << item->text(0) + QLatin1Char('\t') + item->text(1);
        QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
    });
    m_facts->addAction(copy);
    m_facts->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_links->setObjectName(QStringLiteral("inspectorLinks"));
    m_links->setTextFormat(Qt::RichText);
    m_links->setWordWrap(true);
    m_links->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(m_links, &QLabel::linkActivated, this, &InspectorWidget::linkActivated);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_facts, 1);
    layout->addWidget(m_links);
    showFacts({}, {});
}

void InspectorWidget::showFacts(const QString &title, const QList<QPair<QString, QString>> &facts)
{
    m_title->setText(title.isEmpty() ? QStringLiteral("Nothing selected") : title);
    m_facts->clear();
    for (const auto &[label, value] : facts) {
        auto *item = new QTreeWidgetItem(m_facts, {label, value});
        item->setToolTip(1, value);
    }
    showLinks({});
}

void InspectorWidget::showLinks(const QList<QPair<QString, QString>> &links)
{
    m_hrefs.clear();
    QStringList lines;
    for (const auto &[text, href] : links) {
        m_hrefs << href;
        lines << QStringLiteral("<a href=\"%1\">%2</a>").arg(href.toHtmlEscaped(), text.toHtmlEscaped());
    }
    m_links->setText(lines.isEmpty() ? QString()
                                     : QStringLiteral("<b>Cited by</b><br>") + lines.join(QStringLiteral("<br>")));
    m_links->setVisible(!lines.isEmpty());
}

QString InspectorWidget::title() const
{
    return m_title->text();
}

QString InspectorWidget::fact(const QString &label) const
{
    for (int i = 0; i < m_facts->topLevelItemCount(); ++i) {
        if (m_facts->topLevelItem(i)->text(0) == label)
            return m_facts->topLevelItem(i)->text(1);
    }
    return {};
}

int InspectorWidget::factCount() const
{
    return m_facts->topLevelItemCount();
}

} // namespace mltrl::ui
