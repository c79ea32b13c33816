#include "ui/overview/ComponentsModel.h"

#include "ui/common/Levels.h"

#include <QFont>

namespace mltrl::ui {

ComponentsModel::ComponentsModel(QObject *parent) : QAbstractTableModel(parent) {}

void ComponentsModel::setComponents(std::vector<Component> components, const std::vector<std::string> &heldBackBy)
{
    beginResetModel();
    m_components = std::move(components);
    m_heldBack = {heldBackBy.begin(), heldBackBy.end()};
    endResetModel();
}

bool ComponentsModel::isHeldBack(int row) const
{
    return m_heldBack.count(component(row).id) > 0;
}

int ComponentsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_components.size());
}

int ComponentsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ComponentsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Component &c = component(index.row());
    const bool heldBack = isHeldBack(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn:
            return QString::fromStdString(c.id);
        case NameColumn:
            return QString::fromStdString(c.name);
        case LevelColumn:
            return QStringLiteral("%1 · %2").arg(c.level).arg(levelShortName(c.level));
        case CodeColumn:
            return QString::fromStdString(c.code);
        case HeldBackColumn:
            return heldBack ? QStringLiteral("◆ holds the system back") : QString();
        default:
            return {};
        }
    case SortRole:
        switch (index.column()) {
        case LevelColumn:
            return c.level;
        case HeldBackColumn:
            return heldBack ? 1 : 0;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DecorationRole:
        return index.column() == LevelColumn ? QVariant(levelColor(c.level)) : QVariant();
    case Qt::ToolTipRole:
        if (index.column() == LevelColumn)
            return QStringLiteral("Level %1: %2 (%3)")
                .arg(c.level)
                .arg(levelName(c.level), stageName(stageOf(c.level)));
        if (index.column() == HeldBackColumn && heldBack)
            return QStringLiteral("The system level is the lowest component level; this component is at it.");
        return {};
    case Qt::FontRole:
        if (heldBack) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    default:
        return {};
    }
}

QVariant ComponentsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return QStringLiteral("Id");
    case NameColumn:
        return QStringLiteral("Name");
    case LevelColumn:
        return QStringLiteral("Level");
    case CodeColumn:
        return QStringLiteral("Code");
    case HeldBackColumn:
        return QStringLiteral("System level");
    default:
        return {};
    }
}

} // namespace mltrl::ui
