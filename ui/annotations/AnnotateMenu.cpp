#include "ui/annotations/AnnotateMenu.h"

#include "ui/annotations/AnnotationBanner.h"
#include "ui/annotations/AnnotationEditor.h"
#include "ui/annotations/AnnotationMarks.h"
#include "ui/annotations/MetricAnnotationLayer.h"
#include "ui/overview/OverviewPanel.h"
#include "ui/panels/CardsPanel.h"
#include "ui/panels/GatesPanel.h"
#include "ui/panels/MetricsPanel.h"
#include "ui/panels/PanelUtil.h"
#include "ui/panels/RequirementsPanel.h"
#include "ui/session/ProjectContext.h"

#include <QAbstractScrollArea>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QMenu>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTextBrowser>
#include <QTextEdit>

#include <memory>

namespace mltrl::ui {

namespace {

/// Intercepts context-menu events of one widget and adds the annotate entry.
class AnnotateMenuFilter : public QObject {
public:
    AnnotateMenuFilter(QWidget *widget, ProjectContext &context, std::function<nlohmann::json()> target)
          : QObject(widget), m_widget(widget), m_context(context), m_target(std::move(target))
    {
    }

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() != QEvent::ContextMenu)
            return false;
        const auto *ce = static_cast<QContextMenuEvent *>(event);
        const nlohmann::json target = m_target();
        if (target.is_null())
            return false;
        std::unique_ptr<QMenu> menu;
        if (auto *text = qobject_cast<QTextEdit *>(m_widget))
            menu.reset(text->createStandardContextMenu(ce->pos()));
        else if (auto *plain = qobject_cast<QPlainTextEdit *>(m_widget))
            menu.reset(plain->createStandardContextMenu(ce->pos()));
        else
            menu = std::make_unique<QMenu>();
        if (!menu->isEmpty())
            menu->addSeparator();
        QAction *annotateAction = menu->addAction(QStringLiteral("Annotate %1\u2026").arg(describeTarget(target)));
        annotateAction->setObjectName(QStringLiteral("annotateAction"));
        QObject::connect(annotateAction, &QAction::triggered, m_widget,
                         [this, target] { annotate(m_context, target, m_widget); });
        menu->exec(ce->globalPos());
        return true;
    }

private:
    QWidget *m_widget;
    ProjectContext &m_context;
    std::function<nlohmann::json()> m_target;
};

nlohmann::json orNull(const QString &id, nlohmann::json target)
{
    return id.isEmpty() ? nlohmann::json() : std::move(target);
}

} // namespace

void attachAnnotateMenu(QWidget *widget, ProjectContext &context, std::function<nlohmann::json()> target)
{
    auto *filter = new AnnotateMenuFilter(widget, context, std::move(target));
    // Scroll areas get their context-menu events on the viewport first.
    if (auto *area = qobject_cast<QAbstractScrollArea *>(widget))
        area->viewport()->installEventFilter(filter);
    else
        widget->installEventFilter(filter);
}

void installAnnotationHooks(ProjectContext &context, OverviewPanel *overview, GatesPanel *gates, CardsPanel *cards,
                            RequirementsPanel *requirements, MetricsPanel *metrics)
{
    const auto project = [&context]() -> nlohmann::json {
        return context.hasRevision() ? nlohmann::json{{"project", true}} : nlohmann::json();
    };
    attachAnnotateMenu(overview, context, project);
    attachAnnotateMenu(overview->summary(), context, project);

    attachAnnotateMenu(gates->table(), context, [gates] {
        return orNull(gates->currentCriterion(), {{"gate", gates->currentGate().toStdString()},
                                                  {"criterion", gates->currentCriterion().toStdString()}});
    });
    attachAnnotateMenu(requirements->table(), context, [requirements] {
        return orNull(requirements->currentRequirement(),
                      {{"requirement", requirements->currentRequirement().toStdString()}});
    });
    attachAnnotateMenu(cards->cardView(), context, [&context, cards]() -> nlohmann::json {
        // The card box lists the revision's cards in manifest order.
        const auto revision = context.revision();
        const int index = cards->cardBox()->currentIndex();
        if (!revision || index < 0 || index >= static_cast<int>(revision->manifest.cards.size()))
            return nullptr;
        return {{"card", revision->manifest.cards[static_cast<std::size_t>(index)].level}};
    });
    attachAnnotateMenu(metrics->table(), context, [metrics] {
        return orNull(metrics->currentMetric(), {{"metric", metrics->currentMetric().toStdString()}});
    });
    MetricAnnotationLayer::attach(*metrics->plot(), context);
    MetricAnnotationLayer::attach(*gates->plot(), context);
    installAnnotationMarks(context, overview, gates, cards, requirements);
    // Whole-metric notes have no span on the plot: the metrics table marks them (all of the
    // metric's notes, spans included, so the row says there is something to look at).
    AnnotationMarks::install(
        metrics->table(), 0, context,
        [](const QModelIndex &index) { return index.siblingAtColumn(0).data(kIdRole).toString(); },
        [](const nlohmann::json &t) {
            const auto it = t.find("metric");
            return it != t.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
        });
}

void installAnnotationMarks(ProjectContext &context, OverviewPanel *overview, GatesPanel *gates, CardsPanel *cards,
                            RequirementsPanel *requirements)
{
    const auto str = [](const nlohmann::json &t, const char *key) {
        const auto it = t.find(key);
        return it != t.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
    };
    const auto rowId = [](const QModelIndex &index) { return index.siblingAtColumn(0).data(kIdRole).toString(); };

    // Criteria are keyed "gate/criterion": criterion ids are unique only within a gate.
    AnnotationMarks::install(
        gates->table(), GatesPanel::Id, context,
        [gates, rowId](const QModelIndex &index) {
            const QString id = rowId(index);
            return id.isEmpty() ? QString() : gates->currentGate() + QLatin1Char('/') + id;
        },
        [str](const nlohmann::json &t) {
            return t.contains("criterion") ? str(t, "gate") + QLatin1Char('/') + str(t, "criterion") : QString();
        });
    AnnotationMarks::install(requirements->table(), RequirementsPanel::Id, context, rowId,
                             [str](const nlohmann::json &t) { return str(t, "requirement"); });

    // A card and the project have no rows: a banner above the card, and above the summary.
    auto *cardBanner =
        AnnotationBanner::insertAbove(cards->cardView(), context, [&context, cards](const Annotation &a) {
            const auto revision = context.revision();
            const int index = cards->cardBox()->currentIndex();
            if (!revision || index < 0 || index >= static_cast<int>(revision->manifest.cards.size()) ||
                !a.target.contains("card"))
                return false;
            return a.target["card"] == revision->manifest.cards[static_cast<std::size_t>(index)].level;
        });
    if (cardBanner)
        QObject::connect(cards->cardBox(), &QComboBox::currentIndexChanged, cardBanner, &AnnotationBanner::refresh);
    AnnotationBanner::insertAbove(overview->summary(), context,
                                  [](const Annotation &a) { return a.target.contains("project"); });
}

} // namespace mltrl::ui
