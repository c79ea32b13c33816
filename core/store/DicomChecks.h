#pragma once
/// The stored de-identification checks of DICOM evidence (schema version 5): written at
/// import, read by the workbench, the packet and `mltrl show --json` without re-parsing.
#include "core/dicom/DeidentificationCheck.h"
#include "core/sqlite/Database.h"

#include <cstdint>
#include <map>
#include <string>

namespace mltrl {

class BlobStore;

/// Stores `checks` (by evidence id) for revision row `revisionId` and marks it checked.
void insertDicomChecks(sql::Database &db, std::int64_t revisionId,
                       const std::map<std::string, dicom::DeidentificationCheck> &checks);

/// The checks of a revision, by evidence id (only DICOM evidence has one).
[[nodiscard]] std::map<std::string, dicom::DeidentificationCheck> loadDicomChecks(sql::Database &db,
                                                                                  std::int64_t revisionId);

/// Checks the DICOM evidence of every revision imported before the check existed (those not
/// marked checked), reading the stored blobs. Runs inside the caller's transaction; returns
/// how many revisions it checked.
std::size_t backfillDicomChecks(sql::Database &db, const BlobStore &blobs);

} // namespace mltrl
