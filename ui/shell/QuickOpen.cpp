#include "ui/shell/QuickOpen.h"

#include "ui/session/ProjectContext.h"
#include "ui/shell/QuickOpenModel.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QVBoxLayout>

namespace mltrl::ui {

QuickOpen::QuickOpen(ProjectContext *context, QWidget *parent)
      : QFrame(parent, Qt::Popup), m_context(context), m_model(new QuickOpenModel(this)), m_filter(new QLineEdit(this)),
        m_list(new QListView(this))
{
    setObjectName(QStringLiteral("quickOpen"));
    setFrameShape(QFrame::StyledPanel);
    m_filter->setObjectName(QStringLiteral("quickOpenFilter"));
    m_filter->setPlaceholderText(tr("Go to evidence, metric, requirement, gate, criterion or card…"));
    m_filter->setClearButtonEnabled(true);
    m_list->setObjectName(QStringLiteral("quickOpenList"));
    m_list->setModel(m_model);
    m_list->setUniformItemSizes(true);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // long texts end in "…"
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setFocusPolicy(Qt::NoFocus); // the filter line keeps the keyboard
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_model->setFilter(text);
        selectRow(0);
    });
    connect(m_filter, &QLineEdit::returnPressed, this, &QuickOpen::activateCurrent);
    connect(m_list, &QListView::activated, this, [this](const QModelIndex &index) {
        selectRow(index.row());
        activateCurrent();
    });
    connect(m_list, &QListView::clicked, this, [this](const QModelIndex &index) {
        selectRow(index.row());
        activateCurrent();
    });
    // Rebuilt lazily in popup(): the item list follows whichever revision is on screen.
    m_filter->installEventFilter(this);
}

void QuickOpen::popup(QWidget *anchor)
{
    m_model->setRevision(m_context->revision().get());
    {
        const QSignalBlocker block(m_filter);
        m_filter->clear();
    }
    m_model->setFilter(QString());
    selectRow(0);
    const QRect area = anchor->rect();
    const int width = std::min(720, std::max(360, area.width() * 2 / 3));
    const int height = std::min(420, std::max(200, area.height() / 2));
    const QPoint topLeft = anchor->mapToGlobal(QPoint((area.width() - width) / 2, std::min(80, area.height() / 8)));
    setGeometry(QRect(topLeft, QSize(width, height)));
    show();
    m_filter->setFocus(Qt::PopupFocusReason);
}

void QuickOpen::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount()) {
        m_list->selectionModel()->clear();
        return;
    }
    const QModelIndex index = m_model->index(row);
    m_list->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    m_list->scrollTo(index);
}

bool QuickOpen::activateCurrent()
{
    const QModelIndex current = m_list->selectionModel()->currentIndex();
    if (!current.isValid())
        return false;
    hide();
    m_model->activate(current.row(), *m_context);
    return true;
}

bool QuickOpen::eventFilter(QObject *watched, QEvent *event)
{
    // Up/Down/Page keys typed in the filter line move the selection in the list.
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const int current = m_list->selectionModel()->currentIndex().row();
        const int last = m_model->rowCount() - 1;
        const int page = std::max(1, m_list->viewport()->height() / std::max(1, m_list->sizeHintForRow(0)));
        switch (key->key()) {
        case Qt::Key_Down:
            selectRow(std::min(last, current + 1));
            return true;
        case Qt::Key_Up:
            selectRow(std::max(0, current - 1));
            return true;
        case Qt::Key_PageDown:
            selectRow(std::min(last, current + page));
            return true;
        case Qt::Key_PageUp:
            selectRow(std::max(0, current - page));
            return true;
        case Qt::Key_Escape:
            hide();
            return true;
        default:
            break;
        }
    }
    return QFrame::eventFilter(watched, event);
}

} // namespace mltrl::ui
