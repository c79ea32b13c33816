#include "ui/annotations/AnnotationMarks.h"

#include "ui/annotations/AnnotationStyle.h"
#include "ui/session/ProjectContext.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace mltrl::ui {

AnnotationMarks *AnnotationMarks::install(QAbstractItemView *view, int column, ProjectContext &context, RowKey rowKey,
                                          TargetKey targetKey)
{
    auto *marks = new AnnotationMarks(view, context, std::move(rowKey), std::move(targetKey));
    view->setItemDelegateForColumn(column, marks);
    return marks;
}

AnnotationMarks::AnnotationMarks(QAbstractItemView *view, ProjectContext &context, RowKey rowKey, TargetKey targetKey)
      : QStyledItemDelegate(view), m_view(view), m_context(context), m_rowKey(std::move(rowKey)),
        m_targetKey(std::move(targetKey))
{
    setObjectName(QStringLiteral("annotationMarks"));
    connect(&context, &ProjectContext::annotationsChanged, this, &AnnotationMarks::reload);
    connect(&context, &ProjectContext::revisionChanged, this, &AnnotationMarks::reload);
    reload();
}

void AnnotationMarks::reload()
{
    m_marks.clear();
    const auto rank = [](const QString &severity, bool open) {
        return (open ? 10 : 0) + annotationSeverities().indexOf(severity);
    };
    const auto work = m_context.reviewWork();
    for (const Annotation &a : work->annotations) {
        const QString key = m_targetKey(a.target);
        if (key.isEmpty())
            continue;
        const QString severity = QString::fromStdString(a.severity);
        const bool open = a.status == "open";
        Mark &m = m_marks[key];
        if (m.lines.isEmpty() || rank(severity, open) > rank(m.severity, m.open))
            m.severity = severity;
        m.open = m.open || open;
        m.lines << QStringLiteral("<b>%1</b> (%2): %3")
                       .arg(severity, QString::fromStdString(a.status), QString::fromStdString(a.text).toHtmlEscaped());
    }
    m_view->viewport()->update();
}

const AnnotationMarks::Mark *AnnotationMarks::markAt(const QModelIndex &index) const
{
    const QString key = m_rowKey(index);
    const auto it = key.isEmpty() ? m_marks.cend() : m_marks.constFind(key);
    return it == m_marks.cend() ? nullptr : &*it;
}

void AnnotationMarks::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    if (const Mark *m = markAt(index)) {
        QColor colour = severityColor(m->severity);
        colour.setAlpha(m->open ? 255 : 80);
        painter->fillRect(QRect(option.rect.left(), option.rect.top() + 1, kWidth, option.rect.height() - 2), colour);
    }
}

bool AnnotationMarks::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                                const QModelIndex &index)
{
    const Mark *m = event->type() == QEvent::ToolTip ? markAt(index) : nullptr;
    if (!m)
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    // The cell's own tool tip (e.g. "changed since your review") stays, above the notes.
    const QString own = index.data(Qt::ToolTipRole).toString();
    QString tip = m->lines.join(QStringLiteral("<br>"));
    if (!own.isEmpty())
        tip = own.toHtmlEscaped() + QStringLiteral("<hr>") + tip;
    QToolTip::showText(event->globalPos(), tip, view);
    return true;
}

} // namespace mltrl::ui
