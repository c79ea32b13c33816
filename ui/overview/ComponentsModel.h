#pragma once
/// The components of a revision: id, name, level, code, and whether it holds the system back.
#include "core/manifest/Manifest.h"

#include <QAbstractTableModel>

#include <set>
#include <string>
#include <vector>

namespace mltrl::ui {

class ComponentsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { IdColumn, NameColumn, LevelColumn, CodeColumn, HeldBackColumn, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit ComponentsModel(QObject *parent = nullptr);

    void setComponents(std::vector<Component> components, const std::vector<std::string> &heldBackBy);
    [[nodiscard]] const Component &component(int row) const { return m_components[static_cast<std::size_t>(row)]; }
    [[nodiscard]] bool isHeldBack(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<Component> m_components;
    std::set<std::string> m_heldBack;
};

} // namespace mltrl::ui
