#pragma once
/// The items Ctrl+K can jump to — evidence, metrics, requirements, gates, criteria and cards of
/// the revision on screen — filtered and ranked by a typed query.
#include <QAbstractListModel>
#include <QString>
#include <QVector>

namespace mltrl {
struct RevisionData;
}

namespace mltrl::ui {

class ProjectContext;

/// How well `query` matches `text`: -1 when it does not; otherwise higher is better. A
/// case-insensitive substring scores above a subsequence ("fuzzy": the query's characters in
/// order with gaps), an earlier substring above a later one, fewer gaps above more.
[[nodiscard]] int quickOpenScore(const QString &query, const QString &text);

class QuickOpenModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum class Kind { Evidence, Metric, Requirement, Gate, Criterion, Card };
    enum Role { KindRole = Qt::UserRole + 1, IdRole, DetailRole };

    struct Item {
        Kind kind = Kind::Evidence;
        QString id;     ///< evidence/metric/requirement/gate id; for a criterion the criterion id
        QString parent; ///< the gate of a criterion, the component of a card
        int level = 0;  ///< the level of a card
        QString label;  ///< what the list shows first
        QString detail; ///< the second, dimmer part (title, text)
    };

    explicit QuickOpenModel(QObject *parent = nullptr);

    /// Rebuilds the list of all items of `revision` (null = none) and re-applies the filter.
    void setRevision(const RevisionData *revision);
    /// Keeps the items matching `query` (all for an empty query), best match first.
    void setFilter(const QString &query);
    [[nodiscard]] QString filter() const { return m_query; }

    [[nodiscard]] const Item &item(int row) const { return m_all[static_cast<std::size_t>(m_shown[row])]; }
    /// Asks `context` to show the item of `row` (the shell switches panels, the panel selects it).
    void activate(int row, ProjectContext &context) const;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;

    [[nodiscard]] static QString kindName(Kind kind);

private:
    std::vector<Item> m_all;
    QVector<int> m_shown; ///< indexes into m_all, in rank order
    QString m_query;
};

} // namespace mltrl::ui
