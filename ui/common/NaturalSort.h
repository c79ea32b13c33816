#pragma once
/// Natural order for ids and titles, as people count: "Evidence 2" before "Evidence 10",
/// "REQ-9" before "REQ-10". Runs of digits compare by their value (then by length, so "07"
/// follows "7"); the rest compares case-insensitively, then case-sensitively as a tie-break,
/// so the order is total and stable across locales. One comparator for every list the
/// workbench sorts (evidence tree, requirements, metrics, quick open, annotations, changes).
#include <QSortFilterProxyModel>
#include <QString>

namespace mltrl::ui {

/// < 0, 0 or > 0 as `a` sorts before, with or after `b`.
int naturalCompare(const QString &a, const QString &b);
inline bool naturalLess(const QString &a, const QString &b)
{
    return naturalCompare(a, b) < 0;
}

/// A sort/filter proxy whose text columns sort in natural order (numbers and other values
/// in the sort role compare as QSortFilterProxyModel does).
class NaturalSortProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
};

} // namespace mltrl::ui
