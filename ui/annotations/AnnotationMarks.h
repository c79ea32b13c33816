#pragma once
/// Severity marks on the rows of a table whose items can be annotated (criteria,
/// requirements): a strip along the left edge of the row's id cell, in the colour of its most
/// severe open annotation (faint once all are resolved), with the annotations on hover.
/// Installed from outside as the id column's delegate, so the panels stay unaware of
/// annotations.
#include "core/review/AnnotationStore.h"

#include <QHash>
#include <QStringList>
#include <QStyledItemDelegate>

#include <functional>

class QAbstractItemView;

namespace mltrl::ui {

class ProjectContext;

class AnnotationMarks : public QStyledItemDelegate {
    Q_OBJECT
public:
    /// The key of the item a row shows ("" for none), and the key of what an annotation is on
    /// ("" when it is on something else); rows and annotations with equal keys are marked.
    using RowKey = std::function<QString(const QModelIndex &)>;
    using TargetKey = std::function<QString(const nlohmann::json &target)>;

    /// Installs marks on column `column` of `view`, kept up to date with the store.
    static AnnotationMarks *install(QAbstractItemView *view, int column, ProjectContext &context, RowKey rowKey,
                                    TargetKey targetKey);

    struct Mark {
        QString severity;  ///< the most severe open one, else the most severe
        bool open = false; ///< any still open
        QStringList lines; ///< "severity (status): text" for the tool tip
    };
    /// The mark of the row at `index`; null when it has no annotations.
    [[nodiscard]] const Mark *markAt(const QModelIndex &index) const;
    /// Width of the strip, in pixels.
    static constexpr int kWidth = 4;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

private:
    AnnotationMarks(QAbstractItemView *view, ProjectContext &context, RowKey rowKey, TargetKey targetKey);
    void reload();

    QAbstractItemView *m_view;
    ProjectContext &m_context;
    RowKey m_rowKey;
    TargetKey m_targetKey;
    QHash<QString, Mark> m_marks;
};

} // namespace mltrl::ui
