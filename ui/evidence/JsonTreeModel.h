#pragma once
/// A JSON document as a tree: key (or [index]), value (scalars as written), type. Key order
/// is the document's own.
#include <QAbstractItemModel>

#include <nlohmann/json.hpp>

#include <vector>

namespace mltrl::ui {

class JsonTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    explicit JsonTreeModel(QObject *parent = nullptr);

    /// Rows kept at most: a file of a million small values opens at once; the rest are cut
    /// with a last top-level row saying so.
    static constexpr std::size_t kMaxNodes = 200000;

    void setDocument(const nlohmann::ordered_json &document);
    /// Values left out because of kMaxNodes.
    [[nodiscard]] std::size_t leftOut() const { return m_leftOut; }
    /// The top-level row with this key, or an invalid index.
    [[nodiscard]] QModelIndex findTopLevel(const QString &key) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node {
        int parent = -1;
        int row = 0;
        QString key;
        QString value;
        QString type;
        std::vector<int> children;
    };
    int add(int parent, const QString &key, const nlohmann::ordered_json &value);

    std::vector<Node> m_nodes; // m_nodes[0] is the invisible root
    std::size_t m_leftOut = 0;
};

} // namespace mltrl::ui
