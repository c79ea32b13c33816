#include "ui/annotations/AnnotationsModel.h"

#include "ui/annotations/AnnotationEditor.h"
#include "ui/annotations/AnnotationStyle.h"
#include "ui/session/ProjectContext.h"

#include <QBrush>
#include <QFont>

namespace mltrl::ui {

AnnotationsModel::AnnotationsModel(ProjectContext *context, QObject *parent)
      : QAbstractTableModel(parent), m_context(context)
{
    connect(context, &ProjectContext::revisionChanged, this, &AnnotationsModel::reload);
    connect(context, &ProjectContext::annotationsChanged, this, &AnnotationsModel::reload);
    reload();
}

void AnnotationsModel::reload()
{
    beginResetModel();
    m_rows = m_context->reviewWork()->annotations;
    endResetModel();
}

int AnnotationsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int AnnotationsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int AnnotationsModel::rowOf(const QString &id) const
{
    const std::string key = id.toStdString();
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == key)
            return static_cast<int>(i);
    return -1;
}

QVariant AnnotationsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Annotation &a = m_rows[static_cast<std::size_t>(index.row())];
    const QString severity = QString::fromStdString(a.severity);
    const bool resolved = a.status == "resolved";
    switch (role) {
    case IdRole:
        return QString::fromStdString(a.id);
    case SeverityRole:
        return severity;
    case StatusRole:
        return QString::fromStdString(a.status);
    case TargetRole:
        return QString::fromStdString(a.target.dump());
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn:
            return severity;
        case StatusColumn:
            return QString::fromStdString(a.status);
        case TargetColumn:
            return describeTarget(a.target);
        case TextColumn:
            return QString::fromStdString(a.text).section(QLatin1Char('\n'), 0, 0);
        case AuthorColumn:
            return QString::fromStdString(a.author);
        case CreatedColumn:
            return QString::fromStdString(a.created);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return QString::fromStdString(a.text);
    case Qt::DecorationRole:
        return index.column() == SeverityColumn ? QVariant(severityColor(severity)) : QVariant();
    case Qt::ForegroundRole:
        // Resolved notes stay listed but step back.
        return resolved ? QVariant(QBrush(Qt::gray)) : QVariant();
    case Qt::FontRole:
        if (index.column() == SeverityColumn && a.severity == "blocker" && !resolved) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    default:
        return {};
    }
}

QVariant AnnotationsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SeverityColumn:
        return QStringLiteral("Severity");
    case StatusColumn:
        return QStringLiteral("Status");
    case TargetColumn:
        return QStringLiteral("On");
    case TextColumn:
        return QStringLiteral("Text");
    case AuthorColumn:
        return QStringLiteral("Author");
    case CreatedColumn:
        return QStringLiteral("Created");
    default:
        return {};
    }
}

void AnnotationsFilter::setSeverity(const QString &severity)
{
    m_severity = severity;
    invalidateRowsFilter();
}

void AnnotationsFilter::setStatus(const QString &status)
{
    m_status = status;
    invalidateRowsFilter();
}

bool AnnotationsFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return (m_severity.isEmpty() || index.data(AnnotationsModel::SeverityRole).toString() == m_severity) &&
           (m_status.isEmpty() || index.data(AnnotationsModel::StatusRole).toString() == m_status);
}

bool AnnotationsFilter::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (left.column() == AnnotationsModel::SeverityColumn) {
        // By urgency, not alphabetically.
        return annotationSeverities().indexOf(left.data(AnnotationsModel::SeverityRole).toString()) <
               annotationSeverities().indexOf(right.data(AnnotationsModel::SeverityRole).toString());
    }
    return NaturalSortProxy::lessThan(left, right);
}

} // namespace mltrl::ui
