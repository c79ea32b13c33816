#include "ui/library/LibraryModel.h"

#include "core/store/Store.h"
#include "ui/common/Levels.h"

#include <QColor>

#include <algorithm>

namespace mltrl::ui {

namespace {
QString levelText(std::optional<int> level)
{
    if (!level)
        return QStringLiteral("—");
    return QStringLiteral("%1 · %2").arg(*level).arg(levelShortName(*level));
}

QVariant levelDecoration(std::optional<int> level)
{
    return level ? QVariant(levelColor(*level)) : QVariant();
}

QString levelTip(std::optional<int> level)
{
    if (!level)
        return QStringLiteral("No level");
    return QStringLiteral("Level %1: %2 (%3)").arg(*level).arg(levelName(*level), stageName(stageOf(*level)));
}
} // namespace

LibraryModel::LibraryModel(QObject *parent) : QAbstractTableModel(parent) {}

void LibraryModel::refresh(Store &store)
{
    setProjects(listProjects(store.db()));
}

void LibraryModel::setProjects(std::vector<ProjectSummary> projects)
{
    beginResetModel();
    m_projects = std::move(projects);
    endResetModel();
}

int LibraryModel::rowOf(const QString &projectId) const
{
    const std::string id = projectId.toStdString();
    const auto it = std::find_if(m_projects.begin(), m_projects.end(), [&](const auto &p) { return p.id == id; });
    return it == m_projects.end() ? -1 : static_cast<int>(it - m_projects.begin());
}

int LibraryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_projects.size());
}

int LibraryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LibraryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ProjectSummary &p = m_projects[static_cast<std::size_t>(index.row())];
    if (role == ProjectIdRole)
        return QString::fromStdString(p.id);
    const std::optional<int> current = p.currentLevel;
    if (role == SortRole) {
        switch (index.column()) {
        case CurrentColumn:
            return p.currentLevel;
        case SystemColumn:
            return p.systemLevel.value_or(-1);
        case TargetColumn:
            return p.targetLevel.value_or(-1);
        case LatestColumn:
            return p.latestRevision;
        case RevisionsColumn:
            return p.revisionCount;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case NameColumn:
            return QString::fromStdString(p.name);
        case IdColumn:
            return QString::fromStdString(p.id);
        case DomainColumn:
            return QString::fromStdString(p.domain);
        case CurrentColumn:
            return levelText(current);
        case SystemColumn:
            return levelText(p.systemLevel);
        case TargetColumn:
            return levelText(p.targetLevel);
        case LatestColumn:
            return p.latestRevision;
        case RevisionsColumn:
            return p.revisionCount;
        case ImportedColumn:
            return QString::fromStdString(p.importedAt);
        default:
            return {};
        }
    }
    if (role == Qt::DecorationRole) {
        switch (index.column()) {
        case CurrentColumn:
            return levelDecoration(current);
        case SystemColumn:
            return levelDecoration(p.systemLevel);
        case TargetColumn:
            return levelDecoration(p.targetLevel);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case CurrentColumn:
            return levelTip(current);
        case SystemColumn:
            return levelTip(p.systemLevel);
        case TargetColumn:
            return levelTip(p.targetLevel);
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    return {};
}

QVariant LibraryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return QStringLiteral("Project");
    case IdColumn:
        return QStringLiteral("Id");
    case DomainColumn:
        return QStringLiteral("Domain");
    case CurrentColumn:
        return QStringLiteral("Current level");
    case SystemColumn:
        return QStringLiteral("System level");
    case TargetColumn:
        return QStringLiteral("Target level");
    case LatestColumn:
        return QStringLiteral("Latest rev.");
    case RevisionsColumn:
        return QStringLiteral("Revisions");
    case ImportedColumn:
        return QStringLiteral("Last imported");
    default:
        return {};
    }
}

RevisionsModel::RevisionsModel(QObject *parent) : QAbstractTableModel(parent) {}

void RevisionsModel::setProject(Store &store, const QString &projectId)
{
    setRevisions(projectId, projectId.isEmpty() ? std::vector<RevisionListEntry>{}
                                                : listRevisions(store, projectId.toStdString()));
}

void RevisionsModel::setRevisions(const QString &projectId, std::vector<RevisionListEntry> revisions)
{
    beginResetModel();
    m_projectId = projectId;
    m_revisions = std::move(revisions);
    std::reverse(m_revisions.begin(), m_revisions.end()); // newest first: usually the one wanted
    endResetModel();
}

int RevisionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_revisions.size());
}

int RevisionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RevisionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const RevisionListEntry &r = m_revisions[static_cast<std::size_t>(index.row())];
    if (role == RevisionRole)
        return r.number;
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case RevisionColumn:
            return QStringLiteral("rev %1").arg(r.number);
        case LevelColumn:
            return levelText(r.currentLevel);
        case ImportedColumn:
            return QString::fromStdString(r.importedAt);
        case ManifestColumn:
            return role == Qt::ToolTipRole ? QString::fromStdString(r.manifestSha256)
                                           : QString::fromStdString(r.manifestSha256.substr(0, 12));
        default:
            return {};
        }
    }
    if (role == Qt::DecorationRole && index.column() == LevelColumn)
        return levelDecoration(r.currentLevel);
    return {};
}

QVariant RevisionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RevisionColumn:
        return QStringLiteral("Revision");
    case LevelColumn:
        return QStringLiteral("Level");
    case ImportedColumn:
        return QStringLiteral("Imported");
    case ManifestColumn:
        return QStringLiteral("Manifest SHA-256");
    default:
        return {};
    }
}

} // namespace mltrl::ui
