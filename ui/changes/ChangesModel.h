#pragma once
/// The changes between two revisions as a table (kind, id, what, old, new, level), and the
/// filter the Changes panel puts in front of it (kind, level, only what the user's reviews bound).
#include "core/diff/RevisionDiff.h"

#include "ui/common/NaturalSort.h"
#include <QAbstractTableModel>
#include <QSet>

#include <QSortFilterProxyModel>

#include <optional>

namespace mltrl::ui {

class ChangesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { KindColumn, IdColumn, WhatColumn, OldColumn, NewColumn, LevelColumn, ColumnCount };
    enum Role {
        KindRole = Qt::UserRole + 1, ///< int(ChangeKind)
        LevelRole,                   ///< int, or invalid when the item has no level
        BoundRole,                   ///< bool: one of the user's reviews bound it
        ChangeIndexRole,             ///< int: index into diff().changes
    };

    explicit ChangesModel(QObject *parent = nullptr);

    /// Shows `diff` (empty = nothing). Items bound by the user's reviews come from its
    /// ReviewImpacts marked `mine`.
    void setDiff(RevisionDiff diff);
    [[nodiscard]] const RevisionDiff &diff() const { return m_diff; }
    [[nodiscard]] const Change *changeAt(const QModelIndex &index) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    RevisionDiff m_diff;
    QSet<int> m_bound;
};

class ChangesFilter : public NaturalSortProxy {
    Q_OBJECT
public:
    using NaturalSortProxy::NaturalSortProxy;
    void setKind(std::optional<ChangeKind> kind);
    void setLevel(int level); ///< -1 = any
    void setOnlyBound(bool only);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    std::optional<ChangeKind> m_kind;
    int m_level = -1;
    bool m_onlyBound = false;
};

} // namespace mltrl::ui
