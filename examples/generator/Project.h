#pragma once
// Project facts shared by the manifest and the documents that restate them (V&V table, risk
// assessment): requirements and the evidence catalogue.
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
const std::vector<Requirement>& requirements();

struct EvidenceItem {
    std::string id, path, title, kind;
    int level;
    std::string mediaType, created;
    bool declareSha256;  ///< a few are left for the workbench to hash (the contract allows it)
};
const std::vector<EvidenceItem>& evidenceCatalogue();

}  // namespace gen
