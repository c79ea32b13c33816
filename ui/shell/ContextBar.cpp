#include "ui/shell/ContextBar.h"

#include "core/store/Store.h"
#include "ui/common/Levels.h"
#include "ui/session/StoreGuard.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QToolButton>

namespace mltrl::ui {

namespace {
QToolButton *menuButton(QWidget *parent, const QString &name)
{
    auto *b = new QToolButton(parent);
    b->setObjectName(name);
    b->setPopupMode(QToolButton::InstantPopup);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    b->setAutoRaise(true);
    b->setMenu(new QMenu(b));
    QFont f = b->font();
    f.setBold(true);
    b->setFont(f);
    return b;
}

QLabel *separator(QWidget *parent)
{
    auto *l = new QLabel(QStringLiteral("·"), parent);
    l->setEnabled(false);
    return l;
}
} // namespace

ContextBar::ContextBar(Store &store, QWidget *parent) : QWidget(parent), m_store(store)
{
    setObjectName(QStringLiteral("contextBar"));
    m_project = menuButton(this, QStringLiteral("contextProject"));
    m_revision = menuButton(this, QStringLiteral("contextRevision"));
    m_levels = new QLabel(this);
    m_levels->setObjectName(QStringLiteral("contextLevels"));
    m_levels->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The level line gives way on a narrow window (its tooltip says it whole); the revision
    // button is wide enough for "rev 9999" from the first frame on, never clipped.
    m_levels->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_levels->setMinimumWidth(160);
    m_revision->setMinimumWidth(m_revision->fontMetrics().horizontalAdvance(QStringLiteral("rev 9999")) + 24);
    connect(m_project->menu(), &QMenu::aboutToShow, this, &ContextBar::fillProjectMenu);
    connect(m_revision->menu(), &QMenu::aboutToShow, this, &ContextBar::fillRevisionMenu);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->addWidget(m_project);
    layout->addWidget(separator(this));
    layout->addWidget(m_revision);
    layout->addWidget(separator(this));
    layout->addWidget(m_levels, 1);
    showRevision(nullptr);
}

QString ContextBar::levelText(const RevisionOverview &o)
{
    QString text = QStringLiteral("level %1").arg(o.currentLevel);
    if (o.systemLevel) {
        QStringList held;
        for (const std::string &id : o.heldBackBy)
            held << QString::fromStdString(id);
        text +=
            QStringLiteral(" (system %1, held back by: %2)").arg(*o.systemLevel).arg(held.join(QStringLiteral(", ")));
    }
    if (o.targetLevel)
        text += QStringLiteral(" · target %1").arg(*o.targetLevel);
    return text;
}

void ContextBar::showRevision(const std::shared_ptr<const RevisionData> &revision)
{
    if (!revision) {
        m_projectId.clear();
        m_project->setText(QStringLiteral("No project"));
        m_project->setToolTip(QStringLiteral("Open a project"));
        m_revision->setText(QStringLiteral("—"));
        m_revision->setEnabled(false);
        m_levels->setText(QStringLiteral("Open an archive (Ctrl+O) or pick a project from the library (Ctrl+L)."));
        return;
    }
    const RevisionOverview &o = revision->overview;
    m_projectId = QString::fromStdString(o.id);
    m_project->setText(m_projectId);
    m_project->setToolTip(QString::fromStdString(o.name));
    m_revision->setEnabled(true);
    m_revision->setText(QStringLiteral("rev %1").arg(o.revision));
    m_revision->setToolTip(QStringLiteral("Revision %1 of %2, imported %3")
                               .arg(o.revision)
                               .arg(o.revisions)
                               .arg(QString::fromStdString(o.importedAt)));
    m_levels->setText(levelText(o));
    m_levels->setToolTip(
        QStringLiteral("%1\nLevel %2: %3").arg(levelText(o)).arg(o.currentLevel).arg(levelName(o.currentLevel)));
    // New texts lay the bar out now, not a frame later.
    if (layout())
        layout()->activate();
}

QString ContextBar::text() const
{
    return QStringLiteral("%1 · %2 · %3").arg(m_project->text(), m_revision->text(), m_levels->text());
}

void ContextBar::fillProjectMenu()
{
    QMenu *menu = m_project->menu();
    menu->clear();
    const auto projects = guardStoreWith(
        [this, menu](const QString &what, const QString &why) {
            menu->addAction(tr("The store cannot be read: %1").arg(why))->setEnabled(false);
            emit storeFailed(what, why);
        },
        tr("Listing the projects"), [this] { return listProjects(m_store.db()); });
    for (const ProjectSummary &p : projects.value_or(std::vector<ProjectSummary>{})) {
        const QString id = QString::fromStdString(p.id);
        QAction *a = menu->addAction(
            QStringLiteral("%1 — %2 (level %3)").arg(id, QString::fromStdString(p.name)).arg(p.currentLevel));
        a->setCheckable(true);
        a->setChecked(id == m_projectId);
        connect(a, &QAction::triggered, this, [this, id] { emit projectRequested(id, 0); });
    }
    menu->addSeparator();
    connect(menu->addAction(QStringLiteral("Library…")), &QAction::triggered, this, &ContextBar::libraryRequested);
}

void ContextBar::fillRevisionMenu()
{
    QMenu *menu = m_revision->menu();
    menu->clear();
    const QString current = m_revision->text();
    const std::vector<RevisionListEntry> revisions =
        guardStoreWith(
            [this, menu](const QString &what, const QString &why) {
                menu->addAction(tr("The store cannot be read: %1").arg(why))->setEnabled(false);
                emit storeFailed(what, why);
            },
            tr("Listing the revisions"), [this] { return listRevisions(m_store, m_projectId.toStdString()); })
            .value_or(std::vector<RevisionListEntry>{});
    for (auto it = revisions.rbegin(); it != revisions.rend(); ++it) {
        const int number = it->number;
        QAction *a = menu->addAction(QStringLiteral("rev %1 — level %2, imported %3")
                                         .arg(number)
                                         .arg(it->currentLevel)
                                         .arg(QString::fromStdString(it->importedAt)));
        a->setCheckable(true);
        a->setChecked(current == QStringLiteral("rev %1").arg(number));
        connect(a, &QAction::triggered, this, [this, number] { emit projectRequested(m_projectId, number); });
    }
}

} // namespace mltrl::ui
