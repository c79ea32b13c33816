#pragma once
// Project facts shared by the manifest and the documents that restate them (V&V table, risk
// assessment): requirements and the evidence catalogue.
#include "Edition.h"

#include <string>
#include <vector>

namespace gen {

struct Requirement {
    std::string id, text, kind;
    int level;
    double pFailure, impact;
    std::string verification, validation;
    std::vector<std::string> evidence;
};
/// After the gate-5 review R1.3 (site C sensitivity) is verified and cites the error analysis.
const std::vector<Requirement>& requirements(Edition edition);

struct EvidenceItem {
    std::string id, path, title, kind;
    int level;
    std::string mediaType, created;
    bool declareSha256;  ///< a few are left for the workbench to hash (the contract allows it)
};
/// After the gate-5 review: report v4 (new path and bytes), the de-identification report moved
/// into evidence/dicom-ingest/ (same bytes), and a new site C error analysis.
const std::vector<EvidenceItem>& evidenceCatalogue(Edition edition);

}  // namespace gen
