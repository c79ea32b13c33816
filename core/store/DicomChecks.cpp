#include "core/store/DicomChecks.h"

#include "core/store/BlobStore.h"

#include <vector>

namespace mltrl {

void insertDicomChecks(sql::Database &db, std::int64_t rev,
                       const std::map<std::string, dicom::DeidentificationCheck> &checks)
{
    auto st = db.prepare("INSERT INTO evidence_dicom(revision_id, evidence_id, identified, json) VALUES (?,?,?,?)");
    for (const auto &[id, check] : checks) {
        const std::optional<bool> identified = check.identified();
        st.bindAll(rev, id);
        st.bind(3, identified ? std::optional<std::int64_t>(*identified ? 1 : 0) : std::nullopt);
        st.bind(4, check.toJson().dump());
        st.run();
        st.reset();
    }
    db.prepare("UPDATE revisions SET dicom_checked = 1 WHERE id = ?").bindAll(rev).run();
}

std::map<std::string, dicom::DeidentificationCheck> loadDicomChecks(sql::Database &db, std::int64_t rev)
{
    std::map<std::string, dicom::DeidentificationCheck> out;
    auto st = db.prepare("SELECT evidence_id, json FROM evidence_dicom WHERE revision_id = ?");
    st.bindAll(rev);
    while (st.step()) {
        const nlohmann::json j = nlohmann::json::parse(st.text(1), nullptr, false);
        if (std::optional<dicom::DeidentificationCheck> c = dicom::DeidentificationCheck::fromJson(j))
            out.emplace(st.text(0), std::move(*c));
    }
    return out;
}

std::size_t backfillDicomChecks(sql::Database &db, const BlobStore &blobs)
{
    std::vector<std::int64_t> revisions;
    auto pending = db.prepare("SELECT id FROM revisions WHERE dicom_checked = 0 ORDER BY id");
    while (pending.step())
        revisions.push_back(pending.int64(0));
    auto evidence = db.prepare("SELECT id, media_type, sha256 FROM evidence WHERE revision_id = ? ORDER BY ord");
    for (const std::int64_t rev : revisions) {
        std::map<std::string, dicom::DeidentificationCheck> checks;
        evidence.bindAll(rev);
        while (evidence.step()) {
            const std::filesystem::path file = blobs.pathFor(evidence.text(2));
            if (dicom::isDicomEvidence(evidence.text(1), file))
                checks.emplace(evidence.text(0), dicom::checkDicomFile(file));
        }
        evidence.reset();
        insertDicomChecks(db, rev, checks);
    }
    return revisions.size();
}

} // namespace mltrl
