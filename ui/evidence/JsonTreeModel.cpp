#include "ui/evidence/JsonTreeModel.h"

namespace mltrl::ui {

namespace {

QString typeName(const nlohmann::ordered_json &v)
{
    return QString::fromUtf8(v.type_name());
}

QString scalarText(const nlohmann::ordered_json &v)
{
    // A value of megabytes would be measured and elided on every paint: cut for display.
    constexpr std::size_t kMaxChars = 10000;
    if (v.is_string()) {
        const std::string &s = v.get_ref<const std::string &>();
        if (s.size() <= kMaxChars)
            return QString::fromStdString(s);
        std::size_t cut = kMaxChars;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xc0) == 0x80)
            --cut;
        return QString::fromUtf8(s.data(), static_cast<qsizetype>(cut)) +
               QStringLiteral(" […%1 more bytes]").arg(s.size() - cut);
    }
    if (v.is_object())
        return QStringLiteral("{%1}").arg(v.size());
    if (v.is_array())
        return QStringLiteral("[%1]").arg(v.size());
    return QString::fromStdString(v.dump());
}

} // namespace

JsonTreeModel::JsonTreeModel(QObject *parent) : QAbstractItemModel(parent)
{
    m_nodes.emplace_back();
}

int JsonTreeModel::add(int parent, const QString &key, const nlohmann::ordered_json &value)
{
    // Recursion is bounded by EvidenceJson::kMaxDepth (checked before parsing).
    if (m_nodes.size() >= kMaxNodes) {
        ++m_leftOut;
        return -1;
    }
    Node n;
    n.parent = parent;
    n.row = static_cast<int>(m_nodes[static_cast<std::size_t>(parent)].children.size());
    n.key = key;
    n.value = scalarText(value);
    n.type = typeName(value);
    m_nodes.push_back(std::move(n));
    const int id = static_cast<int>(m_nodes.size() - 1);
    m_nodes[static_cast<std::size_t>(parent)].children.push_back(id);
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it)
            add(id, QString::fromStdString(it.key()), it.value());
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i)
            add(id, QStringLiteral("[%1]").arg(i), value[i]);
    }
    return id;
}

void JsonTreeModel::setDocument(const nlohmann::ordered_json &document)
{
    beginResetModel();
    m_nodes.clear();
    m_nodes.emplace_back();
    m_leftOut = 0;
    if (document.is_object()) {
        for (auto it = document.begin(); it != document.end(); ++it)
            add(0, QString::fromStdString(it.key()), it.value());
    } else if (document.is_array()) {
        for (std::size_t i = 0; i < document.size(); ++i)
            add(0, QStringLiteral("[%1]").arg(i), document[i]);
    } else if (!document.is_discarded() && !document.is_null()) {
        add(0, QStringLiteral("(value)"), document);
    }
    if (m_leftOut > 0) {
        Node note;
        note.parent = 0;
        note.row = static_cast<int>(m_nodes[0].children.size());
        note.key = QStringLiteral("(not shown)");
        note.value = QStringLiteral("%1 more values: the tree shows the first %2").arg(m_leftOut).arg(kMaxNodes);
        m_nodes.push_back(std::move(note));
        m_nodes[0].children.push_back(static_cast<int>(m_nodes.size() - 1));
    }
    endResetModel();
}

QModelIndex JsonTreeModel::findTopLevel(const QString &key) const
{
    for (int id : m_nodes.front().children)
        if (m_nodes[static_cast<std::size_t>(id)].key == key)
            return createIndex(m_nodes[static_cast<std::size_t>(id)].row, 0, static_cast<quintptr>(id));
    return {};
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0 || (parent.isValid() && parent.column() != 0))
        return {};
    const std::size_t p = parent.isValid() ? static_cast<std::size_t>(parent.internalId()) : 0;
    const std::vector<int> &children = m_nodes[p].children;
    if (row >= static_cast<int>(children.size()))
        return {};
    return createIndex(row, column, static_cast<quintptr>(children[static_cast<std::size_t>(row)]));
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const int p = m_nodes[static_cast<std::size_t>(child.internalId())].parent;
    if (p <= 0)
        return {};
    return createIndex(m_nodes[static_cast<std::size_t>(p)].row, 0, static_cast<quintptr>(p));
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    const std::size_t p = parent.isValid() ? static_cast<std::size_t>(parent.internalId()) : 0;
    return static_cast<int>(m_nodes[p].children.size());
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    const Node &n = m_nodes[static_cast<std::size_t>(index.internalId())];
    switch (index.column()) {
    case KeyColumn:
        return n.key;
    case ValueColumn:
        return n.value;
    case TypeColumn:
        return n.type;
    default:
        return {};
    }
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return QStringLiteral("Key");
    case ValueColumn:
        return QStringLiteral("Value");
    case TypeColumn:
        return QStringLiteral("Type");
    default:
        return {};
    }
}

} // namespace mltrl::ui
