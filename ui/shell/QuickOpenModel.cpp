#include "ui/shell/QuickOpenModel.h"

#include "ui/common/NaturalSort.h"

#include "core/common/QtText.h"
#include "core/store/RevisionData.h"
#include "ui/session/ProjectContext.h"

#include <algorithm>

namespace mltrl::ui {

int quickOpenScore(const QString &query, const QString &text)
{
    if (query.isEmpty())
        return 0;
    const qsizetype at = text.indexOf(query, 0, Qt::CaseInsensitive);
    if (at >= 0)
        return 100000 - static_cast<int>(std::min<qsizetype>(at, 1000)) * 10 -
               static_cast<int>(std::min<qsizetype>(text.size(), 9));
    // Subsequence: every query character in order; each gap between matched characters costs.
    int gaps = 0;
    qsizetype pos = 0;
    qsizetype last = -1;
    for (const QChar c : query) {
        if (c.isSpace())
            continue;
        const qsizetype found = text.indexOf(c, pos, Qt::CaseInsensitive);
        if (found < 0)
            return -1;
        if (last >= 0 && found != last + 1)
            ++gaps;
        last = found;
        pos = found + 1;
    }
    return std::max(1, 50000 - gaps * 100 - static_cast<int>(std::min<qsizetype>(text.size(), 99)));
}

QuickOpenModel::QuickOpenModel(QObject *parent) : QAbstractListModel(parent) {}

QString QuickOpenModel::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Evidence:
        return tr("Evidence");
    case Kind::Metric:
        return tr("Metric");
    case Kind::Requirement:
        return tr("Requirement");
    case Kind::Gate:
        return tr("Gate");
    case Kind::Criterion:
        return tr("Criterion");
    case Kind::Card:
        return tr("Card");
    }
    return {};
}

void QuickOpenModel::setRevision(const RevisionData *revision)
{
    beginResetModel();
    m_all.clear();
    m_shown.clear();
    if (revision) {
        const Manifest &m = revision->manifest;
        for (const Evidence &e : m.evidence)
            m_all.push_back({Kind::Evidence, qs(e.id), {}, 0, qs(e.id), qs(e.title.empty() ? e.path : e.title)});
        for (const Metric &x : m.metrics)
            m_all.push_back({Kind::Metric, qs(x.id), {}, 0, qs(x.id), qs(x.title)});
        for (const Requirement &r : m.requirements)
            m_all.push_back({Kind::Requirement, qs(r.id), {}, 0, qs(r.id), qs(r.text)});
        // Ids in natural order (REQ-2 before REQ-10); gates and cards keep the manifest's
        // level order.
        std::stable_sort(m_all.begin(), m_all.end(), [](const Item &a, const Item &b) {
            return a.kind != b.kind ? a.kind < b.kind : naturalLess(a.label, b.label);
        });
        for (const Gate &g : m.gates) {
            m_all.push_back({Kind::Gate, qs(g.id), {}, g.level, qs(g.id), qs(g.title)});
            for (const Criterion &c : g.criteria)
                m_all.push_back({Kind::Criterion, qs(c.id), qs(g.id), g.level,
                                 QStringLiteral("%1 / %2").arg(qs(g.id), qs(c.id)), qs(c.text)});
        }
        for (const Card &c : m.cards) {
            const QString component = c.component.empty() ? tr("system") : qs(c.component);
            m_all.push_back({Kind::Card,
                             {},
                             qs(c.component),
                             c.level,
                             tr("Card L%1 — %2").arg(c.level).arg(component),
                             qs(c.tldr)});
        }
    }
    endResetModel();
    setFilter(m_query);
}

void QuickOpenModel::setFilter(const QString &query)
{
    beginResetModel();
    m_query = query.trimmed();
    m_shown.clear();
    std::vector<std::pair<int, int>> ranked; // (score, index)
    for (std::size_t i = 0; i < m_all.size(); ++i) {
        const Item &it = m_all[i];
        // The label is what people type first (ids); the detail and kind still find it.
        int score = quickOpenScore(m_query, it.label);
        if (score < 0) {
            const int other = quickOpenScore(m_query, it.detail + QLatin1Char(' ') + kindName(it.kind));
            score = other < 0 ? -1 : other / 2;
        }
        if (score >= 0)
            ranked.emplace_back(score, static_cast<int>(i));
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    for (const auto &r : ranked)
        m_shown.append(r.second);
    endResetModel();
}

void QuickOpenModel::activate(int row, ProjectContext &context) const
{
    if (row < 0 || row >= m_shown.size())
        return;
    const Item &it = item(row);
    switch (it.kind) {
    case Kind::Evidence:
        emit context.showEvidence(it.id);
        break;
    case Kind::Metric:
        emit context.showMetric(it.id);
        break;
    case Kind::Requirement:
        emit context.showRequirement(it.id);
        break;
    case Kind::Gate:
        emit context.showCriterion(it.id, QString());
        break;
    case Kind::Criterion:
        emit context.showCriterion(it.parent, it.id);
        break;
    case Kind::Card:
        emit context.showCard(it.level, it.parent);
        break;
    }
}

int QuickOpenModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_shown.size());
}

QVariant QuickOpenModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item &it = item(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return it.detail.isEmpty() ? QStringLiteral("%1  ·  %2").arg(kindName(it.kind), it.label)
                                   : QStringLiteral("%1  ·  %2 — %3").arg(kindName(it.kind), it.label, it.detail);
    case Qt::ToolTipRole:
        return it.detail;
    case KindRole:
        return static_cast<int>(it.kind);
    case IdRole:
        return it.id;
    case DetailRole:
        return it.detail;
    default:
        return {};
    }
}

} // namespace mltrl::ui
