#pragma once
/// Writes one revision's rows (project fields, components, history, cards, requirements,
/// gates, criteria, evidence, metrics, files) inside the caller's transaction.
#include "core/import/ArchiveCheck.h"
#include "core/metrics/MetricData.h"
#include "core/sqlite/Database.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace mltrl {

/// What the importer learnt about each criterion from the metric data.
struct CriterionObservation {
    std::optional<double> observed;
    std::optional<bool> met;
};

class RevisionWriter {
public:
    RevisionWriter(sql::Database &db, const StagedArchive &staged, const CheckedArchive &checked)
          : m_db(db), m_staged(staged), m_checked(checked)
    {
    }

    /// Inserts the project (if new) and the revision row; returns the revision's row id.
    std::int64_t insertRevision(const std::string &projectId, int number, const std::string &source);
    /// The import's warnings, kept with the revision so the workbench can show them later.
    void setWarnings(std::int64_t revisionId, const std::vector<Problem> &warnings);
    void insertStructure(std::int64_t revisionId);
    /// Packs what it can (docs/store.md) and frees each float64 column once packed: `data` is
    /// spent afterwards.
    void insertMetricSeries(std::int64_t revisionId, const Metric &metric, MetricData &data);
    void insertCriteria(std::int64_t revisionId,
                        const std::map<std::pair<std::string, std::string>, CriterionObservation> &observations);
    void insertFiles(std::int64_t revisionId);
    /// The archive's assets (unlisted images its Markdown shows); marks the revision's assets
    /// as collected.
    void insertAssets(std::int64_t revisionId);

private:
    sql::Database &m_db;
    const StagedArchive &m_staged;
    const CheckedArchive &m_checked;
};

} // namespace mltrl
