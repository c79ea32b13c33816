#include "ui/annotations/TextAnnotationLayer.h"

#include "ui/annotations/AnnotationStyle.h"
#include "ui/evidence/TextEvidenceViewer.h"

#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QMenu>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTimer>
#include <QToolTip>

namespace mltrl::ui {

TextAnnotationLayer::TextAnnotationLayer(TextEvidenceViewer &viewer, ProjectContext &context)
      : EvidenceAnnotationLayer(viewer, context, QStringLiteral("Annotate line")), m_text(viewer)
{
    viewer.editor()->viewport()->installEventFilter(this);
    // The text arrives later for large files; colour the lines once it is there.
    connect(&viewer, &EvidenceViewer::loaded, this, &TextAnnotationLayer::redraw);
}

bool TextAnnotationLayer::drawsInPlace(const Annotation &annotation) const
{
    return annotation.target.contains("line");
}

void TextAnnotationLayer::reveal(const Annotation &annotation)
{
    if (!annotation.target.contains("line") || !annotation.target["line"].is_number_integer())
        return;
    m_revealLine = annotation.target["line"].get<int>();
    if (m_viewer.isLoaded())
        scrollToRevealed(); // else redraw() does it when the text arrives
}

void TextAnnotationLayer::scrollToRevealed()
{
    QPlainTextEdit *editor = m_text.editor();
    const QTextBlock block = editor->document()->findBlockByNumber(m_revealLine - 1);
    m_revealLine = 0;
    if (!block.isValid())
        return;
    // Selecting the line marks it more strongly than its severity colour, until the reviewer
    // clicks elsewhere; the view centres it.
    // Anchored at the end, the cursor at the start: the view keeps the line's beginning in
    // sight rather than scrolling sideways to its end.
    QTextCursor cursor(block);
    cursor.movePosition(QTextCursor::EndOfBlock);
    cursor.movePosition(QTextCursor::StartOfBlock, QTextCursor::KeepAnchor);
    editor->setTextCursor(cursor);
    editor->centerCursor();
    m_keepCentred = true;
}

void TextAnnotationLayer::modeChanged(bool on)
{
    // A line needs no dragging: the mode annotates the cursor's line at once.
    if (on)
        annotateLine(m_text.editor()->textCursor().blockNumber() + 1);
}

void TextAnnotationLayer::annotateLine(int line)
{
    annotateTarget({{"evidence", m_viewer.source().id.toStdString()}, {"line", line}});
}

const Annotation *TextAnnotationLayer::annotationOnLine(int line) const
{
    for (const Annotation &a : m_shown)
        if (a.target.contains("line") && a.target["line"] == line)
            return &a;
    return nullptr;
}

void TextAnnotationLayer::redraw()
{
    QPlainTextEdit *editor = m_text.editor();
    QList<QTextEdit::ExtraSelection> selections;
    for (const Annotation &a : m_shown) {
        if (!a.target.contains("line"))
            continue;
        const QTextBlock block = editor->document()->findBlockByNumber(a.target["line"].get<int>() - 1);
        if (!block.isValid())
            continue;
        QColor fill = severityColor(QString::fromStdString(a.severity));
        fill.setAlpha(a.status == "resolved" ? 25 : 70);
        QTextEdit::ExtraSelection s;
        s.format.setBackground(fill);
        s.format.setProperty(QTextFormat::FullWidthSelection, true);
        s.cursor = QTextCursor(block);
        selections.append(s);
    }
    editor->setExtraSelections(selections);
    if (m_revealLine > 0 && m_viewer.isLoaded())
        scrollToRevealed();
}

bool TextAnnotationLayer::eventFilter(QObject *watched, QEvent *event)
{
    QPlainTextEdit *editor = m_text.editor();
    if (watched == editor->viewport()) {
        if (m_keepCentred) {
            if (event->type() == QEvent::Resize) // after the editor has taken its new size
                QTimer::singleShot(0, editor, [editor] { editor->centerCursor(); });
            else if (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::Wheel)
                m_keepCentred = false;
        }
        if (event->type() == QEvent::ToolTip) {
            const auto *help = static_cast<QHelpEvent *>(event);
            const int line = editor->cursorForPosition(help->pos()).blockNumber() + 1;
            if (const Annotation *a = annotationOnLine(line))
                QToolTip::showText(help->globalPos(),
                                   QStringLiteral("<b>%1</b> (%2)<br>%3")
                                       .arg(QString::fromStdString(a->severity), QString::fromStdString(a->status),
                                            QString::fromStdString(a->text).toHtmlEscaped()),
                                   editor);
            else
                QToolTip::hideText();
            return true;
        }
        if (event->type() == QEvent::ContextMenu) {
            const auto *ce = static_cast<QContextMenuEvent *>(event);
            const int line = editor->cursorForPosition(ce->pos()).blockNumber() + 1;
            QMenu *menu = editor->createStandardContextMenu(ce->pos());
            menu->addSeparator();
            menu->addAction(QStringLiteral("Annotate line %1\u2026").arg(line), this,
                            [this, line] { annotateLine(line); });
            menu->exec(ce->globalPos());
            delete menu;
            return true;
        }
    }
    return EvidenceAnnotationLayer::eventFilter(watched, event);
}

} // namespace mltrl::ui
