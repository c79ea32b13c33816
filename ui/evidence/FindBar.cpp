#include "ui/evidence/FindBar.h"

#include "ui/common/PdfProcess.h"
#include "ui/evidence/PdfEvidenceViewer.h"
#include "ui/evidence/PdfPageView.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPersistentModelIndex>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QTextDocument>
#include <QTextEdit>
#include <QToolButton>
#include <QTreeView>

#include <algorithm>
#include <memory>

namespace mltrl::ui {

namespace {

QList<QTextCursor> findInDocument(QTextDocument *doc, const QString &needle)
{
    QList<QTextCursor> found;
    if (needle.isEmpty() || !doc)
        return found;
    QTextCursor c(doc);
    while (found.size() < FindBar::maxMatches()) {
        c = doc->find(needle, c);
        if (c.isNull())
            break;
        found.append(c);
    }
    return found;
}

template <typename Edit>
FindBar::Target documentTarget(Edit *edit)
{
    auto found = std::make_shared<QList<QTextCursor>>();
    QPointer<Edit> guard(edit);
    FindBar::Target t;
    t.search = [found, guard](const QString &needle) {
        *found = guard ? findInDocument(guard->document(), needle) : QList<QTextCursor>{};
        return int(found->size());
    };
    t.show = [found, guard](int i) {
        if (guard && i >= 0 && i < found->size()) {
            guard->setTextCursor(found->at(i));
            guard->ensureCursorVisible();
        }
    };
    return t;
}

/// Visits every item of `model` under `parent` in display order, depth first, until `visit`
/// returns false.
bool visitItems(const QAbstractItemModel *model, const QModelIndex &parent,
                const std::function<bool(const QModelIndex &)> &visit)
{
    const int rows = model->rowCount(parent);
    const int columns = model->columnCount(parent);
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < columns; ++c)
            if (!visit(model->index(r, c, parent)))
                return false;
        const QModelIndex first = model->index(r, 0, parent);
        if (model->hasChildren(first) && !visitItems(model, first, visit))
            return false;
    }
    return true;
}

/// Marks the current PDF match: a mouse-transparent overlay on the page view's viewport,
/// following scrolls and zoom.
class PdfMatchOverlay : public QWidget {
public:
    PdfMatchOverlay(PdfEvidenceViewer *viewer) : QWidget(viewer->view()->viewport()), m_viewer(viewer)
    {
        setObjectName(QStringLiteral("findHighlight"));
        setAttribute(Qt::WA_TransparentForMouseEvents);
        setAttribute(Qt::WA_NoSystemBackground);
        setGeometry(parentWidget()->rect());
        parentWidget()->installEventFilter(this);
        hide();
    }
    void setMatch(int page, const QList<QRectF> &points)
    {
        m_page = page;
        m_points = points;
        setGeometry(parentWidget()->rect());
        setVisible(!points.isEmpty());
        raise();
        update();
    }
    /// The marked rectangles in viewport coordinates.
    [[nodiscard]] QList<QRectF> marked() const
    {
        QList<QRectF> out;
        for (const QRectF &r : m_points)
            out.append(m_viewer->viewportRect(m_page, r).adjusted(-2, -2, 2, 2));
        return out;
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == parentWidget() && event->type() == QEvent::Resize)
            setGeometry(parentWidget()->rect());
        return false;
    }
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        // The match's character boxes filled, one outline around them all.
        QRectF all;
        for (const QRectF &r : marked()) {
            p.fillRect(r, QColor(255, 200, 0, 110));
            all = all.united(r);
        }
        p.setPen(QPen(QColor(230, 120, 0), 2));
        p.drawRect(all);
    }

private:
    PdfEvidenceViewer *m_viewer;
    int m_page = 0;
    QList<QRectF> m_points;
};

} // namespace

FindBar::FindBar(QWidget *host)
      : QWidget(host), m_field(new QLineEdit(this)), m_count(new QLabel(this)), m_scope(new QLabel(this)),
        m_prev(new QToolButton(this)), m_next(new QToolButton(this)), m_host(host)
{
    setObjectName(QStringLiteral("findBar"));
    m_field->setObjectName(QStringLiteral("findField"));
    m_field->setPlaceholderText(QStringLiteral("Find"));
    m_field->setClearButtonEnabled(true);
    m_field->installEventFilter(this);
    m_count->setObjectName(QStringLiteral("findCount"));
    m_scope->setObjectName(QStringLiteral("findScope"));
    m_scope->setTextFormat(Qt::PlainText);
    m_scope->setWordWrap(true);
    m_prev->setObjectName(QStringLiteral("findPrevious"));
    m_prev->setText(QStringLiteral("▲"));
    m_prev->setToolTip(QStringLiteral("Previous match (Shift+Enter, Shift+F3)"));
    m_next->setObjectName(QStringLiteral("findNext"));
    m_next->setText(QStringLiteral("▼"));
    m_next->setToolTip(QStringLiteral("Next match (Enter, F3)"));
    auto *closeButton = new QToolButton(this);
    closeButton->setObjectName(QStringLiteral("findClose"));
    closeButton->setText(QStringLiteral("✕"));
    closeButton->setToolTip(QStringLiteral("Close (Esc)"));
    closeButton->setAutoRaise(true);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(m_field, 2);
    layout->addWidget(m_prev);
    layout->addWidget(m_next);
    layout->addWidget(m_count);
    layout->addWidget(m_scope, 3);
    layout->addWidget(closeButton);

    connect(m_field, &QLineEdit::textChanged, this, &FindBar::runSearch);
    connect(m_prev, &QToolButton::clicked, this, &FindBar::previous);
    connect(m_next, &QToolButton::clicked, this, &FindBar::next);
    connect(closeButton, &QToolButton::clicked, this, &FindBar::close);

    auto shortcut = [host](const QKeySequence &keys) {
        auto *s = new QShortcut(keys, host);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        return s;
    };
    connect(shortcut(QKeySequence::Find), &QShortcut::activated, this, &FindBar::open);
    connect(shortcut(QKeySequence::FindNext), &QShortcut::activated, this, [this] { isVisible() ? next() : open(); });
    connect(shortcut(QKeySequence::FindPrevious), &QShortcut::activated, this,
            [this] { isVisible() ? previous() : open(); });
    updateCount();
    hide();
}

void FindBar::setTarget(Target target)
{
    m_target = std::move(target);
    if (isVisible())
        runSearch();
}

void FindBar::open()
{
    show();
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
    runSearch();
}

void FindBar::close()
{
    hide();
    if (m_target.search)
        m_target.search(QString()); // no match marked while the bar is closed
    m_matches = 0;
    m_current = -1;
    if (m_host)
        m_host->setFocus(Qt::OtherFocusReason);
}

void FindBar::refresh()
{
    if (isHidden() || !m_target.search)
        return;
    const int current = m_current;
    m_matches = m_target.search(m_field->text());
    m_current = current < m_matches ? current : -1;
    updateCount();
}

void FindBar::next()
{
    if (m_matches > 0)
        go((m_current + 1) % m_matches);
}

void FindBar::previous()
{
    if (m_matches > 0)
        go((m_current - 1 + m_matches) % m_matches);
}

void FindBar::setMatchCount(int count)
{
    const bool first = m_matches == 0 && count > 0;
    m_matches = count;
    if (m_current >= count)
        m_current = -1;
    if (first && m_current < 0)
        go(0);
    updateCount();
}

void FindBar::runSearch()
{
    m_current = -1;
    m_matches = 0;
    const QString needle = m_field->text();
    if (m_target.search)
        m_matches = m_target.search(needle); // an empty text clears what the last search marked
    if (m_matches > 0)
        go(0);
    updateCount();
}

void FindBar::go(int index)
{
    m_current = index;
    if (m_target.show)
        m_target.show(index);
    updateCount();
}

void FindBar::updateCount()
{
    const QString needle = m_field->text();
    const QString total =
        m_matches >= maxMatches() ? QStringLiteral("%1+").arg(maxMatches()) : QString::number(m_matches);
    if (needle.isEmpty())
        m_count->clear();
    else if (m_matches == 0)
        m_count->setText(QStringLiteral("No matches"));
    else if (m_current < 0)
        m_count->setText(m_matches == 1 ? QStringLiteral("1 match") : QStringLiteral("%1 matches").arg(total));
    else
        m_count->setText(QStringLiteral("%1 of %2").arg(m_current + 1).arg(total));
    m_prev->setEnabled(m_matches > 0);
    m_next->setEnabled(m_matches > 0);
    const QString scope = m_target.scope ? m_target.scope() : QString();
    m_scope->setText(scope);
    m_scope->setVisible(!scope.isEmpty());
}

bool FindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_field && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape) {
            close();
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            (key->modifiers() & Qt::ShiftModifier) ? previous() : next();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

FindBar::Target FindBar::textTarget(QPlainTextEdit *edit)
{
    return documentTarget(edit);
}

FindBar::Target FindBar::textTarget(QTextEdit *edit)
{
    return documentTarget(edit);
}

FindBar::Target FindBar::itemTarget(QAbstractItemView *view)
{
    auto found = std::make_shared<QList<QPersistentModelIndex>>();
    QPointer<QAbstractItemView> guard(view);
    Target t;
    t.search = [found, guard](const QString &needle) {
        found->clear();
        if (!guard || !guard->model() || needle.isEmpty())
            return 0;
        visitItems(guard->model(), {}, [&](const QModelIndex &index) {
            if (index.data(Qt::DisplayRole).toString().contains(needle, Qt::CaseInsensitive))
                found->append(index);
            return found->size() < maxMatches();
        });
        return int(found->size());
    };
    t.show = [found, guard](int i) {
        if (!guard || i < 0 || i >= found->size() || !found->at(i).isValid())
            return;
        const QModelIndex index = found->at(i);
        if (auto *tree = qobject_cast<QTreeView *>(guard.data()))
            for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
                tree->expand(p);
        guard->setCurrentIndex(index);
        guard->scrollTo(index, QAbstractItemView::PositionAtCenter);
    };
    if (view->model()) // rows fetched while scrolling: the count and the scope follow
        QObject::connect(view->model(), &QAbstractItemModel::rowsInserted, view, [view] {
            if (auto *bar = view->parentWidget() ? view->parentWidget()->findChild<FindBar *>() : nullptr)
                QMetaObject::invokeMethod(bar, &FindBar::refresh, Qt::QueuedConnection);
        });
    t.scope = [guard]() -> QString {
        if (!guard || !guard->model() || !guard->model()->canFetchMore({}))
            return {};
        return QStringLiteral("Searching the %1 rows loaded so far; scroll down to load more.")
            .arg(guard->model()->rowCount());
    };
    return t;
}

FindBar::Target FindBar::pageTarget(QScrollArea *scroll)
{
    struct Match {
        QPointer<QWidget> widget;
        QTextCursor cursor; ///< in a text view
        int start = 0;      ///< in a label
        int length = 0;
    };
    auto found = std::make_shared<QList<Match>>();
    QPointer<QScrollArea> guard(scroll);
    Target t;
    t.search = [found, guard](const QString &needle) {
        found->clear();
        if (!guard || !guard->widget() || needle.isEmpty())
            return 0;
        // findChildren lists depth first in creation order: the page's order.
        for (QWidget *w : guard->widget()->findChildren<QWidget *>()) {
            if (found->size() >= maxMatches())
                break;
            if (auto *edit = qobject_cast<QTextEdit *>(w)) {
                for (const QTextCursor &c : findInDocument(edit->document(), needle))
                    found->append({edit, c, 0, 0});
            } else if (auto *label = qobject_cast<QLabel *>(w);
                       label && (label->textInteractionFlags() & Qt::TextSelectableByMouse)) {
                const QString text = label->text();
                for (qsizetype at = text.indexOf(needle, 0, Qt::CaseInsensitive);
                     at >= 0 && found->size() < maxMatches();
                     at = text.indexOf(needle, at + needle.size(), Qt::CaseInsensitive))
                    found->append({label, {}, int(at), int(needle.size())});
            }
        }
        return int(found->size());
    };
    t.show = [found, guard](int i) {
        if (!guard || i < 0 || i >= found->size() || !found->at(i).widget)
            return;
        const Match &m = found->at(i);
        QRect where(QPoint(0, 0), m.widget->size());
        if (auto *edit = qobject_cast<QTextEdit *>(m.widget.data())) {
            edit->setTextCursor(m.cursor);
            where = edit->cursorRect(m.cursor).translated(edit->viewport()->pos());
        } else if (auto *label = qobject_cast<QLabel *>(m.widget.data())) {
            label->setSelection(m.start, m.length);
            const int line = label->fontMetrics().lineSpacing();
            const int before = int(label->text().left(m.start).count(QLatin1Char('\n')));
            where = QRect(0, label->contentsRect().top() + before * line, label->width(), line);
        }
        const QPoint centre = m.widget->mapTo(guard->widget(), where.center());
        guard->ensureVisible(centre.x(), centre.y(), 40, guard->viewport()->height() / 3);
    };
    return t;
}

FindBar::Target FindBar::pdfTarget(PdfEvidenceViewer *viewer)
{
    QPointer<PdfEvidenceViewer> guard(viewer);
    QPointer<PdfMatchOverlay> overlay(new PdfMatchOverlay(viewer));
    auto hits = std::make_shared<QList<pdf::Hit>>();
    auto serial = std::make_shared<quint64>(0);
    Target t;
    t.search = [guard, overlay, hits, serial](const QString &needle) {
        if (overlay)
            overlay->setMatch(0, {});
        hits->clear();
        const quint64 mine = ++*serial; // an answer to an earlier search is dropped
        if (!guard || needle.isEmpty() || !guard->document()->isReady())
            return 0;
        pdf::Request request;
        request.op = pdf::Op::Search;
        request.needle = needle;
        request.maxHits = maxMatches();
        guard->document()->send(
            request,
            [guard, hits, serial, mine](const pdf::Reply &reply) {
                if (!guard || mine != *serial)
                    return;
                *hits = reply.hits;
                guard->findBar()->setMatchCount(int(std::min<qsizetype>(hits->size(), maxMatches())));
            },
            120000);
        return 0;
    };
    t.show = [guard, hits, overlay](int i) {
        if (!guard || i < 0 || i >= hits->size())
            return;
        const pdf::Hit &hit = hits->at(i);
        if (overlay)
            overlay->setMatch(hit.page, hit.rects);
        // A little above the match, so the line before it is in view too.
        guard->showRegion(hit.page, hit.rects.isEmpty() ? QRectF() : hit.rects.first().adjusted(0, -40, 0, 0));
    };
    return t;
}

} // namespace mltrl::ui
