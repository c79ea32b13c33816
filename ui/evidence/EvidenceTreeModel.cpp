#include "ui/evidence/EvidenceTreeModel.h"

#include "ui/common/NaturalSort.h"

#include "core/manifest/Manifest.h"

#include <QColor>
#include <QFont>

#include <algorithm>
#include <map>

namespace mltrl::ui {

namespace {

/// Levels ascending, "no level" last (std::nullopt sorts first in optional's order).
struct LevelOrder {
    bool operator()(const std::optional<int> &a, const std::optional<int> &b) const
    {
        if (a.has_value() != b.has_value())
            return a.has_value();
        return a.value_or(0) < b.value_or(0);
    }
};

QString levelTitle(const std::optional<int> &level)
{
    return level ? QStringLiteral("Level %1").arg(*level) : QStringLiteral("No level");
}

} // namespace

EvidenceTreeModel::EvidenceTreeModel(QObject *parent) : QAbstractItemModel(parent) {}

int EvidenceTreeModel::addNode(int parent, Node node)
{
    node.parent = parent;
    std::vector<int> &siblings = parent < 0 ? m_topLevel : m_nodes[static_cast<std::size_t>(parent)].children;
    node.row = static_cast<int>(siblings.size());
    m_nodes.push_back(std::move(node));
    const int id = static_cast<int>(m_nodes.size() - 1);
    // m_nodes may have reallocated: look the sibling list up again.
    (parent < 0 ? m_topLevel : m_nodes[static_cast<std::size_t>(parent)].children).push_back(id);
    return id;
}

void EvidenceTreeModel::setManifest(const Manifest *manifest)
{
    beginResetModel();
    m_nodes.clear();
    m_topLevel.clear();
    if (manifest) {
        std::map<std::optional<int>, std::map<QString, std::vector<const Evidence *>>, LevelOrder> groups;
        for (const Evidence &e : manifest->evidence) {
            const QString kind = e.kind.empty() ? QStringLiteral("(no kind)") : QString::fromStdString(e.kind);
            groups[e.level][kind].push_back(&e);
        }
        for (auto &[level, kinds] : groups) {
            Node levelNode;
            levelNode.title = levelTitle(level);
            const int levelId = addNode(-1, std::move(levelNode));
            for (auto &[kind, items] : kinds) {
                std::stable_sort(items.begin(), items.end(), [](const Evidence *a, const Evidence *b) {
                    return naturalLess(QString::fromStdString(a->title.empty() ? a->id : a->title),
                                       QString::fromStdString(b->title.empty() ? b->id : b->title));
                });
                Node kindNode;
                kindNode.title = kind;
                const int kindId = addNode(levelId, std::move(kindNode));
                for (const Evidence *e : items) {
                    Node leaf;
                    leaf.evidenceId = QString::fromStdString(e->id);
                    leaf.title = e->title.empty() ? leaf.evidenceId : QString::fromStdString(e->title);
                    leaf.mediaType = QString::fromStdString(e->mediaType);
                    leaf.searchText =
                        QStringList{leaf.title, leaf.evidenceId, kind, QString::fromStdString(e->path), leaf.mediaType}
                            .join(QLatin1Char(' '));
                    leaf.leafCount = 1;
                    addNode(kindId, std::move(leaf));
                }
                m_nodes[static_cast<std::size_t>(kindId)].leafCount = static_cast<int>(items.size());
                m_nodes[static_cast<std::size_t>(levelId)].leafCount += static_cast<int>(items.size());
            }
        }
    }
    endResetModel();
}

const EvidenceTreeModel::Node *EvidenceTreeModel::node(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    return &m_nodes[static_cast<std::size_t>(index.internalId())];
}

QModelIndex EvidenceTreeModel::indexOf(const QString &evidenceId) const
{
    for (std::size_t i = 0; i < m_nodes.size(); ++i)
        if (!m_nodes[i].evidenceId.isEmpty() && m_nodes[i].evidenceId == evidenceId)
            return createIndex(m_nodes[i].row, 0, static_cast<quintptr>(i));
    return {};
}

QModelIndex EvidenceTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0 || (parent.isValid() && parent.column() != 0))
        return {};
    const std::vector<int> &children = parent.isValid() ? node(parent)->children : m_topLevel;
    if (row >= static_cast<int>(children.size()))
        return {};
    return createIndex(row, column, static_cast<quintptr>(children[static_cast<std::size_t>(row)]));
}

QModelIndex EvidenceTreeModel::parent(const QModelIndex &child) const
{
    const Node *n = node(child);
    if (!n || n->parent < 0)
        return {};
    const Node &p = m_nodes[static_cast<std::size_t>(n->parent)];
    return createIndex(p.row, 0, static_cast<quintptr>(n->parent));
}

int EvidenceTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_topLevel.size());
    if (parent.column() != 0)
        return 0;
    return static_cast<int>(node(parent)->children.size());
}

int EvidenceTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

void EvidenceTreeModel::setChanged(const QSet<QString> &ids, const QIcon &mark, const QString &toolTip)
{
    m_changed = ids;
    m_mark = mark;
    m_changedTip = toolTip;
    // Leaves of one parent are siblings: one dataChanged per parent covers them.
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        const Node &n = m_nodes[i];
        if (!n.children.empty() && !m_nodes[static_cast<std::size_t>(n.children.front())].evidenceId.isEmpty()) {
            const QModelIndex parent = createIndex(n.row, 0, static_cast<quintptr>(i));
            emit dataChanged(index(0, TitleColumn, parent),
                             index(static_cast<int>(n.children.size()) - 1, TitleColumn, parent),
                             {Qt::DecorationRole, Qt::ToolTipRole});
        }
    }
}

void EvidenceTreeModel::setIdentified(const QHash<QString, QString> &identified)
{
    m_identified = identified;
    for (Node &n : m_nodes)
        if (!n.evidenceId.isEmpty() && m_identified.contains(n.evidenceId) &&
            !n.searchText.endsWith(QLatin1String(" identifies a patient")))
            n.searchText += QStringLiteral(" identifies a patient");
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        const Node &n = m_nodes[i];
        if (!n.children.empty() && !m_nodes[static_cast<std::size_t>(n.children.front())].evidenceId.isEmpty()) {
            const QModelIndex parent = createIndex(n.row, 0, static_cast<quintptr>(i));
            emit dataChanged(index(0, TitleColumn, parent),
                             index(static_cast<int>(n.children.size()) - 1, ColumnCount - 1, parent));
        }
    }
}

QVariant EvidenceTreeModel::data(const QModelIndex &index, int role) const
{
    const Node *n = node(index);
    if (!n)
        return {};
    const bool leaf = !n->evidenceId.isEmpty();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TitleColumn:
            return leaf ? n->title : QStringLiteral("%1 (%2)").arg(n->title).arg(n->leafCount);
        case IdColumn:
            return leaf ? QVariant(n->evidenceId) : QVariant();
        case MediaTypeColumn:
            if (leaf && m_identified.contains(n->evidenceId))
                return QStringLiteral("%1 · identifies a patient").arg(n->mediaType);
            return leaf ? QVariant(n->mediaType) : QVariant();
        default:
            return {};
        }
    case Qt::ToolTipRole: {
        if (!leaf)
            return {};
        QString tip = m_changed.contains(n->evidenceId)
                          ? QStringLiteral("%1\n%2\n%3").arg(n->title, n->evidenceId, m_changedTip)
                          : QStringLiteral("%1\n%2").arg(n->title, n->evidenceId);
        if (const auto it = m_identified.constFind(n->evidenceId); it != m_identified.constEnd())
            tip += QStringLiteral("\nIdentifies a patient: ") + *it;
        return tip;
    }
    case Qt::ForegroundRole:
        return leaf && m_identified.contains(n->evidenceId) ? QVariant(QColor(0xb0, 0x00, 0x20)) : QVariant();
    case IdentifiedRole:
        return leaf && m_identified.contains(n->evidenceId);
    case Qt::DecorationRole:
        return leaf && index.column() == TitleColumn && m_changed.contains(n->evidenceId) ? QVariant(m_mark)
                                                                                          : QVariant();
    case Qt::FontRole:
        if (!leaf) {
            QFont f;
            f.setBold(n->parent < 0);
            return f;
        }
        return {};
    case EvidenceIdRole:
        return leaf ? QVariant(n->evidenceId) : QVariant();
    case SearchTextRole:
        return leaf ? QVariant(n->searchText) : QVariant();
    default:
        return {};
    }
}

QVariant EvidenceTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn:
        return QStringLiteral("Evidence");
    case IdColumn:
        return QStringLiteral("Id");
    case MediaTypeColumn:
        return QStringLiteral("Media type");
    default:
        return {};
    }
}

Qt::ItemFlags EvidenceTreeModel::flags(const QModelIndex &index) const
{
    const Node *n = node(index);
    if (!n)
        return Qt::NoItemFlags;
    // Groups are not selectable: selecting always means "show this evidence".
    return n->evidenceId.isEmpty() ? Qt::ItemIsEnabled : (Qt::ItemIsEnabled | Qt::ItemIsSelectable);
}

} // namespace mltrl::ui
