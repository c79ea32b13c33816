#pragma once
/// Import problems as a table: severity, where, what — one row per problem.
#include "core/common/Problems.h"

#include <QAbstractTableModel>

#include <string>
#include <vector>

namespace mltrl::ui {

class ProblemsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { SeverityColumn, WhereColumn, WhatColumn, ColumnCount };

    explicit ProblemsModel(QObject *parent = nullptr);

    void setProblems(std::vector<Problem> problems);
    [[nodiscard]] const std::vector<Problem> &problems() const { return m_problems; }

    /// Problems from the strings a revision stored ("where: what"); a prefix with spaces is
    /// not a location, so such strings stay whole in "what".
    [[nodiscard]] static std::vector<Problem> fromStoredWarnings(const std::vector<std::string> &warnings);

    /// Tab-separated lines "severity<TAB>where<TAB>what" for the clipboard.
    [[nodiscard]] QString toText(const QModelIndexList &rows = {}) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<Problem> m_problems;
};

} // namespace mltrl::ui
