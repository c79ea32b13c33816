#include "ui/changes/ChangesModel.h"

#include "core/common/QtText.h"
#include "ui/common/StatusColours.h"

#include <QBrush>
#include <QColor>

namespace mltrl::ui {

ChangesModel::ChangesModel(QObject *parent) : QAbstractTableModel(parent) {}

void ChangesModel::setDiff(RevisionDiff diff)
{
    beginResetModel();
    m_diff = std::move(diff);
    m_bound.clear();
    for (const ReviewImpact &r : m_diff.reviews)
        if (r.mine)
            for (const std::size_t i : r.changes)
                m_bound.insert(static_cast<int>(i));
    endResetModel();
}

const Change *ChangesModel::changeAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= rowCount())
        return nullptr;
    return &m_diff.changes[static_cast<std::size_t>(index.row())];
}

int ChangesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_diff.changes.size());
}

int ChangesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChangesModel::data(const QModelIndex &index, int role) const
{
    const Change *c = changeAt(index);
    if (!c)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KindColumn:
            return qs(toString(c->kind));
        case IdColumn:
            return QString::fromStdString(c->id);
        case WhatColumn:
            return QString::fromStdString(c->what);
        case OldColumn:
            return QString::fromStdString(displayValue(c->oldValue, c->what == "bytes" ? 12 : 50));
        case NewColumn:
            return QString::fromStdString(displayValue(c->newValue, c->what == "bytes" ? 12 : 50));
        case LevelColumn:
            return c->level ? QVariant(*c->level) : QVariant();
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == OldColumn || index.column() == NewColumn) {
            const nlohmann::json &v = index.column() == OldColumn ? c->oldValue : c->newValue;
            return QString::fromStdString(v.is_string() ? v.get<std::string>() : v.dump(1));
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == WhatColumn && (c->what == "added" || c->what == "removed"))
            return QBrush(c->what == "added" ? status::passText() : status::failText());
        return {};
    case KindRole:
        return static_cast<int>(c->kind);
    case LevelRole:
        return c->level ? QVariant(*c->level) : QVariant();
    case BoundRole:
        return m_bound.contains(index.row());
    case ChangeIndexRole:
        return index.row();
    default:
        return {};
    }
}

QVariant ChangesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KindColumn:
        return tr("Kind");
    case IdColumn:
        return tr("Item");
    case WhatColumn:
        return tr("What");
    case OldColumn:
        return tr("Old");
    case NewColumn:
        return tr("New");
    case LevelColumn:
        return tr("Level");
    default:
        return {};
    }
}

void ChangesFilter::setKind(std::optional<ChangeKind> kind)
{
    m_kind = kind;
    invalidateFilter();
}

void ChangesFilter::setLevel(int level)
{
    m_level = level;
    invalidateFilter();
}

void ChangesFilter::setOnlyBound(bool only)
{
    m_onlyBound = only;
    invalidateFilter();
}

bool ChangesFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_kind && i.data(ChangesModel::KindRole).toInt() != static_cast<int>(*m_kind))
        return false;
    if (m_level >= 0) {
        const QVariant level = i.data(ChangesModel::LevelRole);
        if (!level.isValid() || level.toInt() != m_level)
            return false;
    }
    return !m_onlyBound || i.data(ChangesModel::BoundRole).toBool();
}

} // namespace mltrl::ui
