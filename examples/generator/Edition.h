#pragma once
// Which of the two bundled archives is being written. Both are revisions of the same project:
//   Gate5Package     examples/cxr-triage.mltrl, the level-5 gate review package (revision 1);
//   AfterGate5Review examples/cxr-triage-r2.mltrl, exported two weeks later with what the gate-5
//                    review found fixed (site C recalibrated, report v4, datasheet v3.1, …),
//                    so the workbench's Changes panel has a realistic revision to compare.
// Every producer takes the edition; for Gate5Package the output must stay byte-identical to the
// committed revision 1 (other tests and docs quote its hashes).
#include <ctime>

namespace gen {

enum class Edition { Gate5Package, AfterGate5Review };

inline bool afterReview(Edition e) { return e == Edition::AfterGate5Review; }

/// The manifest's exported_at, which is also every ZIP entry's modification time.
struct ExportTime {
    const char* rfc3339;
    std::time_t unixSeconds;
};
inline ExportTime exportTime(Edition e)
{
    return afterReview(e) ? ExportTime{"2026-12-04T10:00:00Z", 1796378400}
                          : ExportTime{"2026-11-20T10:00:00Z", 1795168800};
}

}  // namespace gen
