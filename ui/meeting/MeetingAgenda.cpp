#include "ui/meeting/MeetingAgenda.h"

#include "core/store/RevisionData.h"

namespace mltrl::ui {

std::vector<AgendaItem> buildAgenda(const Gate &gate)
{
    std::vector<AgendaItem> items{{AgendaItem::Kind::Title, -1}};
    for (std::size_t i = 0; i < gate.criteria.size(); ++i)
        items.push_back({AgendaItem::Kind::Criterion, static_cast<int>(i)});
    items.push_back({AgendaItem::Kind::Annotations, -1});
    items.push_back({AgendaItem::Kind::Decision, -1});
    return items;
}

QString agendaTitle(const Gate &gate, const AgendaItem &item)
{
    switch (item.kind) {
    case AgendaItem::Kind::Title:
        return QStringLiteral("Title");
    case AgendaItem::Kind::Criterion: {
        const Criterion &c = gate.criteria.at(static_cast<std::size_t>(item.criterion));
        return QStringLiteral("%1 — %2").arg(QString::fromStdString(c.id), QString::fromStdString(c.text));
    }
    case AgendaItem::Kind::Annotations:
        return QStringLiteral("Open blockers and majors");
    case AgendaItem::Kind::Decision:
        return QStringLiteral("Decision");
    }
    return {};
}

QString meetingGate(const RevisionData &revision, const QString &selected)
{
    const auto &gates = revision.manifest.gates;
    if (gates.empty())
        return {};
    if (!selected.isEmpty() && revision.manifest.findGate(selected.toStdString()))
        return selected;
    const Gate *next = nullptr;
    const Gate *highest = &gates.front();
    const int current = revision.overview.currentLevel;
    for (const Gate &g : gates) {
        if (g.level >= current && (!next || g.level < next->level))
            next = &g;
        if (g.level > highest->level)
            highest = &g;
    }
    return QString::fromStdString((next ? next : highest)->id);
}

} // namespace mltrl::ui
