#pragma once
/// The evidence of a revision as a tree: level → kind → evidence item. Group rows carry the
/// number of items below them; leaf rows carry the evidence id in EvidenceIdRole.
#include <QAbstractItemModel>
#include <QHash>
#include <QIcon>
#include <QSet>

#include <optional>
#include <vector>

namespace mltrl {
struct Manifest;
}

namespace mltrl::ui {

class EvidenceTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Role { EvidenceIdRole = Qt::UserRole + 1, SearchTextRole, IdentifiedRole };
    enum Column { TitleColumn, IdColumn, MediaTypeColumn, ColumnCount };

    explicit EvidenceTreeModel(QObject *parent = nullptr);

    /// Rebuilds the tree from the manifest's evidence list (empty manifest = empty tree).
    void setManifest(const Manifest *manifest);
    /// Evidence ids that changed since the user's last signed review: their titles carry
    /// `mark` and `toolTip` (empty set = no marks).
    void setChanged(const QSet<QString> &ids, const QIcon &mark, const QString &toolTip);
    [[nodiscard]] bool isMarkedChanged(const QString &evidenceId) const { return m_changed.contains(evidenceId); }
    /// DICOM evidence that identifies a patient (evidence id → what identifies it): shown in
    /// red with the reason in the tooltip and the media type column, found by searching
    /// "identifies a patient"; IdentifiedRole is true for them.
    void setIdentified(const QHash<QString, QString> &identified);
    /// The index of the leaf with this evidence id, or an invalid index.
    [[nodiscard]] QModelIndex indexOf(const QString &evidenceId) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Node {
        int parent = -1; ///< index into m_nodes; -1 for top-level groups
        int row = 0;
        QString title;
        QString evidenceId; ///< leaves only
        QString mediaType;  ///< leaves only
        QString searchText; ///< leaves: title, id, kind, file path for the filter box
        std::vector<int> children;
        int leafCount = 0;
    };
    [[nodiscard]] const Node *node(const QModelIndex &index) const;
    int addNode(int parent, Node node);

    std::vector<Node> m_nodes;
    std::vector<int> m_topLevel;
    QSet<QString> m_changed;
    QHash<QString, QString> m_identified;
    QIcon m_mark;
    QString m_changedTip;
};

} // namespace mltrl::ui
