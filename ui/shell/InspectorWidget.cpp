#include "shell/InspectorWidget.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace mltrl::ui {

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
    m_facts->setTextElideMode(Qt::ElideMiddle);   // hashes keep their start and end visible
    m_facts->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_facts->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);

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
    m_links->setText(lines.isEmpty() ? QString() : QStringLiteral("<b>Cited by</b><br>") + lines.join(QStringLiteral("<br>")));
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
