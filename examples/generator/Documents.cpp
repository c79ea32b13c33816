// Text evidence: datasheet, ethics checklist, data sample, model card, notebook, V&V table,
// risk assessment, de-identification report and the test log.
#include "Content.h"
#include "Project.h"
#include "Rng.h"
#include "Study.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <stdexcept>

namespace gen {
namespace {

using ojson = nlohmann::ordered_json;

/// Replaces the one occurrence of `from`; a missing one is a bug in the generator, not output.
void replaceOnce(std::string& text, std::string_view from, std::string_view to)
{
    const std::size_t at = text.find(from);
    if (at == std::string::npos || text.find(from, at + 1) != std::string::npos)
        throw std::logic_error("replaceOnce: not exactly one \"" + std::string(from) + "\"");
    text.replace(at, from.size(), to);
}

std::string datasheetV30();

std::string datasheet(Edition edition)
{
    std::string text = datasheetV30();
    if (!afterReview(edition)) return text;
    // v3.1: a site C calibration split for the site's own threshold, nothing else.
    replaceOnce(text,
                "Dataset version `cxr-triage-data v3.0`\n(frozen 2025-09-12, DVC tag `data-v3.0`). **All studies",
                "Dataset version `cxr-triage-data v3.1`\n(frozen 2025-11-27, DVC tag `data-v3.1`: v3.0 plus a site C calibration split).\n**All studies");
    replaceOnce(text, "| Test (external) | C | 910 | 27.0 |\n",
                "| Test (external) | C | 910 | 27.0 |\n| Calibration (site C) | C | 300 | 26.3 |\n");
    replaceOnce(text, "is used **only** for external testing.",
                "is used **only** for external testing\n  and, since v3.1, for a separate calibration split of 300 studies (never in the test set).");
    replaceOnce(text, "a site-specific threshold is under study.",
                "site C runs at its own\n  threshold (0.22), chosen on the site C calibration split.");
    return text;
}

std::string datasheetV30()
{
    return R"(# Datasheet: CXR triage dataset v3

*Datasheets for Datasets* (Gebru et al.) format. Dataset version `cxr-triage-data v3.0`
(frozen 2025-09-12, DVC tag `data-v3.0`). **All studies in this demo archive are synthetic.**

## Motivation

- **Purpose.** Train and evaluate a model that flags adult chest radiographs likely to contain
  an urgent finding (pneumothorax, large effusion, consolidation, pulmonary oedema, misplaced
  line or tube) so that they are read first. Decision support only.
- **Created by.** Imaging AI group with the radiology departments of sites A and B;
  funded by the hospital innovation programme.

## Composition

| Split | Sites | Studies | Urgent (%) |
|---|---|---|---|
| Train | A, B | 61 800 | 17.6 |
| Validation | A, B | 7 700 | 17.3 |
| Test (held out) | A, B | 3 770 | 17.3 |
| Test (external) | C | 910 | 27.0 |

- One frontal view (PA or AP) per study; lateral views excluded by the ingest filter.
- Patients aged 18 and over; age bands 18–39 / 40–59 / 60–79 / 80+ are 17 / 31 / 37 / 15 %.
- Sex recorded in DICOM: 49 % female, 51 % male; no other demographic attributes are available.
- Site C (ICU, portable AP, different detector vendor) is used **only** for external testing.

## Collection and labelling

- Retrospective, consecutive studies 2019-01 to 2024-06; acquired on 7 detector models.
- Labels v1 came from a report-text NLP extractor. After the site B audit (July 2025, 11 % of
  "no finding" labels contradicted by re-reads) every site B study and 20 % of site A studies
  were re-labelled by two radiologists with adjudication (labels v3). Cohen's κ = 0.81.
- Test sets are labelled only by radiologist consensus, never by the extractor.

## Preprocessing

- DICOM de-identified at source (PS3.15 Basic profile, see the de-identification report);
  burnt-in annotations masked; images resampled to 512 × 512, 12-bit windowed to 8-bit.

## Uses and limitations

- **Not** for paediatric studies, lateral views, or as a rule-out ("normal") tool.
- Site C results show a shift for portable AP images; a site-specific threshold is under study.

## Distribution and maintenance

- Access under the data sharing agreement DSA-2024-117; not public. Maintainer: R&D owner.
- Erratum log and version history in the data registry; v3 supersedes v2 (site B relabel).
)";
}

std::string ethicsChecklist()
{
    return R"(# MLTRL ethics checklist: cxr-triage

Following the MLTRL `ethics_checklist.md` template. Reviewed at each gate; last review
2026-11-16 for the level-5 gate (clinical reviewer, R&D owner, QA).

## Data

- [x] Data collected under a documented legal basis (service evaluation, DSA-2024-117); ethics board waiver EB-2024-033.
- [x] Patients' data de-identified at source; re-identification risk assessed (see de-identification report).
- [x] Data sources, versions and acquisition devices documented (datasheet v3).
- [x] Known label noise investigated and corrected (site B relabel, July–Sept 2025).
- [x] Representation of sex and age bands documented; gaps stated (no ethnicity data available).

## Model and evaluation

- [x] Performance reported per site and per subgroup with 95 % confidence intervals.
- [x] External validation on a site never used in training (site C).
- [x] Calibration assessed and corrected (temperature scaling).
- [x] Failure modes reviewed with radiologists (portable AP, lines and tubes, post-operative chests).

## Deployment and use

- [x] Intended use stated: prioritisation of the reading worklist only; every study is still read by a radiologist.
- [x] Unacceptable uses stated: autonomous reporting, rule-out of normal studies, paediatric imaging.
- [x] Human in the loop: the flag changes the reading order, never the report.
- [x] Fallback defined: arrival-order worklist when the service is unavailable (requirement R5.1).
- [x] Post-deployment monitoring plan drafted (drift monitor, requirement R6.2; quarterly site audit).

## Accountability

- [x] Owners and reviewers named for each gate; sign-offs recorded with signed reviews.
- [x] Patient and public involvement: two workshops with the hospital's patient panel (2025-11, 2026-09).
)";
}

std::string dataSample()
{
    // Synthetic rows shaped like the de-identified label export.
    Rng rng(kSeed + 7);
    static const char* const findings[] = {"pneumothorax", "pleural_effusion", "consolidation",
                                           "pulmonary_oedema", "line_malposition"};
    static const char* const ages[] = {"18-39", "40-59", "60-79", "80+"};
    std::string out = "study_pseudo_id,site,view,sex,age_band,detector,label_source,urgent,finding,model_score,split\n";
    for (int i = 0; i < 40; ++i) {
        const int site = static_cast<int>(rng.below(100)) < 45 ? 0 : (rng.below(100) < 70 ? 1 : 2);
        const bool urgent = rng.uniform() < (site == 2 ? 0.27 : 0.17);
        const double z = (urgent ? 1.9 : 0.0) + rng.normal();
        const double score = 1.0 / (1.0 + std::exp(-(z * 1.3 - 2.3)));
        const bool portable = site == 2 || rng.uniform() < 0.15;
        out += fmt::format("{:016x},{},{},{},{},{},{},{},{},{:.3f},{}\n", rng.below(1ull << 62) + (1ull << 62),
                           "ABC"[site], portable ? "AP" : "PA", rng.uniform() < 0.49 ? "F" : "M",
                           ages[rng.below(4)], site == 2 ? "det-vendor-3" : (rng.uniform() < 0.5 ? "det-vendor-1" : "det-vendor-2"),
                           site == 1 || rng.uniform() < 0.2 ? "radiologist_consensus" : "nlp_extractor_v2",
                           urgent ? 1 : 0, urgent ? findings[rng.below(5)] : "none", score,
                           site == 2 ? "test_external" : (rng.uniform() < 0.8 ? "train" : "test"));
    }
    return out;
}

ojson metric(const std::string& type, double value, const std::string& slice, double lower, double upper)
{
    return ojson{{"type", type},
                 {"value", fmt::format("{:.3f}", value)},
                 {"slice", slice},
                 {"confidence_interval", {{"lower_bound", fmt::format("{:.3f}", lower)},
                                          {"upper_bound", fmt::format("{:.3f}", upper)}}}};
}

std::string modelCard(Edition edition)
{
    ojson metrics = ojson::array();
    metrics.push_back(metric("AUROC", pooled().auroc, "test, all sites", pooled().aurocLower(), pooled().aurocUpper()));
    const std::vector<Slice>& bySite = sites(edition);
    for (const Slice& s : bySite) metrics.push_back(metric("AUROC", s.auroc, s.name, s.aurocLower(), s.aurocUpper()));
    for (const Slice& s : bySite)
        metrics.push_back(metric(fmt::format("sensitivity@{}", afterReview(edition) && &s == &bySite[2] ? kSiteCThreshold : kThreshold),
                                 s.sensitivity(), s.name,
                                 s.sensitivityLower(), s.sensitivityUpper()));
    for (const Slice& s : subgroups()) metrics.push_back(metric("AUROC", s.auroc, s.name, s.aurocLower(), s.aurocUpper()));
    const double ece = expectedCalibrationError(calibration(true));
    metrics.push_back({{"type", "ECE (10 bins, temperature-scaled)"}, {"value", fmt::format("{:.3f}", ece)}, {"slice", "test, all sites"}});

    const ojson card{
        {"model_details",
         {{"name", "cxr-triage classifier"},
          {"overview", "DenseNet-121 that scores adult frontal chest radiographs for the presence of an urgent finding, used to reorder the radiologist's reading worklist. Decision support only."},
          {"documentation", "Evaluation report v3 (evidence/eval-report-v3.pdf); datasheet v3."},
          {"owners", {{{"name", "A. Rivera"}, {"contact", "a.rivera@example.org"}}}},
          {"version", {{"name", "3.2.0"}, {"date", "2026-11-18"}, {"diff", "Temperature scaling (T = 1.46); batched ingest path."}}},
          {"licenses", {{{"custom_text", "Internal use under DSA-2024-117; not for distribution."}}}},
          {"references", {{{"reference", "https://wiki.example.org/cxr-triage"}}}},
          {"citations", {{{"citation", "Lavin et al., Technology readiness levels for machine learning systems, Nat. Commun. 13, 6039 (2022)."}}}},
          {"path", fmt::format("mlflow://3/{}/artifacts/model", kMlflowRunId)}}},
        {"model_parameters",
         {{"model_architecture", "DenseNet-121, ImageNet initialisation, 512 × 512 single-channel input, sigmoid output; 60 epochs, AdamW, cosine schedule, 3 seeds."},
          {"data", {{{"name", "cxr-triage-data v3.0 (train)"}, {"link", "dvc://data-v3.0/train"}, {"sensitive", {{"sensitive_data", {"age band", "sex"}}}}},
                    {{"name", "cxr-triage-data v3.0 (test, sites A, B, C)"}, {"link", "dvc://data-v3.0/test"}}}},
          {"input_format", "DICOM CR/DX frontal chest radiograph, adult, de-identified."},
          {"output_format", "Calibrated probability of an urgent finding; flag when ≥ 0.27."}}},
        {"quantitative_analysis",
         {{"performance_metrics", metrics},
          {"graphics", {{"description", "See the ROC and confusion-matrix figures in the archive."}}}}},
        {"considerations",
         {{"users", {{{"description", "Radiologists and reporting radiographers reading adult chest radiographs."}}}},
          {"use_cases", {{{"description", "Prioritise likely urgent studies in the reading worklist."}}}},
          {"limitations", {{{"description", afterReview(edition)
                                                ? "Site C (portable AP, ICU) needs its own threshold (0.22) to reach the 0.90 sensitivity target; its specificity is lower."
                                                : "Sensitivity at site C (portable AP, ICU) is below the 0.90 target at the shared threshold."}},
                           {{"description", "Not validated for patients under 18, lateral views, or detectors other than the seven in the datasheet."}}}},
          {"tradeoffs", {{{"description", "A high-sensitivity threshold raises false flags (specificity about 0.70), diluting the priority queue."}}}},
          {"ethical_considerations", {{{"name", "Automation bias: readers may under-read unflagged studies."},
                                       {"mitigation_strategy", "The flag never marks a study as normal; training for readers; audit of unflagged misses."}},
                                      {{"name", "Unequal performance for patients aged 80+."},
                                       {"mitigation_strategy", "Reported with CI; monitored per age band after deployment."}}}}}},
    };
    return card.dump(2) + "\n";
}

std::string notebook()
{
    const QByteArray forest = forestPlotPng(560, 400).toBase64();
    auto lines = [](std::initializer_list<const char*> ls) {
        ojson a = ojson::array();
        for (const char* l : ls) a.push_back(l);
        return a;
    };
    std::string table = "group              n     AUROC  95% CI\n";
    for (const Slice& s : subgroups())
        table += fmt::format("{:<16} {:>5}   {:.3f}  [{:.3f}, {:.3f}]\n", s.name, s.n, s.auroc, s.aurocLower(), s.aurocUpper());
    const ojson nb{
        {"cells",
         {{{"cell_type", "markdown"}, {"id", "intro"}, {"metadata", ojson::object()},
           {"source", lines({"# Subgroup analysis, held-out test set\n", "\n",
                             "AUROC by sex and age band with Hanley–McNeil 95 % intervals. Requirement R2.1: no subgroup more than 0.05 below the pooled AUROC."})}},
          {{"cell_type", "code"}, {"execution_count", 1}, {"id", "load"}, {"metadata", ojson::object()},
           {"outputs", ojson::array()},
           {"source", lines({"import pandas as pd\n", "from cxrtriage.eval import auroc_ci\n", "\n",
                             "preds = pd.read_parquet('runs/6f1c2e9a/test_predictions.parquet')\n",
                             "preds.groupby('site').size()"})}},
          {{"cell_type", "code"}, {"execution_count", 2}, {"id", "table"}, {"metadata", ojson::object()},
           {"outputs", {{{"name", "stdout"}, {"output_type", "stream"}, {"text", table}}}},
           {"source", lines({"for name, g in subgroups(preds):\n", "    a, lo, hi = auroc_ci(g.urgent, g.score)\n",
                             "    print(f'{name:<16} {len(g):>5}   {a:.3f}  [{lo:.3f}, {hi:.3f}]')"})}},
          {{"cell_type", "code"}, {"execution_count", 3}, {"id", "forest"}, {"metadata", ojson::object()},
           {"outputs", {{{"data", {{"image/png", forest.toStdString()}, {"text/plain", "<Figure size 560x400 with 1 Axes>"}}},
                         {"metadata", ojson::object()}, {"output_type", "display_data"}}}},
           {"source", lines({"fig = forest_plot(subgroups(preds), floor=0.85)\n", "fig.savefig('forest.png', dpi=100)"})}},
          {{"cell_type", "markdown"}, {"id", "conclusion"}, {"metadata", ojson::object()},
           {"source", lines({"**Result.** Largest gap: age 80+ (0.889) vs pooled (0.921), 0.032 — within the 0.05 margin of R2.1. ",
                             "Interval for 80+ is wide (n = 690); keep monitoring after deployment."})}}}},
        {"metadata",
         {{"kernelspec", {{"display_name", "Python 3"}, {"language", "python"}, {"name", "python3"}}},
          {"language_info", {{"name", "python"}, {"version", "3.11.6"}}}}},
        {"nbformat", 4},
        {"nbformat_minor", 5},
    };
    return nb.dump(1) + "\n";
}

std::string vvTable(Edition edition)
{
    std::string out = "requirement,kind,level,p_failure,impact,risk,verification,validation,evidence\n";
    for (const Requirement& r : requirements(edition)) {
        std::string ev;
        for (const std::string& e : r.evidence) ev += (ev.empty() ? "" : " ") + e;
        out += fmt::format("{},{},{},{:.2f},{:.2f},{:.3f},{},{},{}\n", r.id, r.kind, r.level, r.pFailure,
                           r.impact, r.pFailure * r.impact, r.verification, r.validation, ev);
    }
    return out;
}

std::string riskAssessment(Edition edition)
{
    std::string out = R"(# Risk assessment: cxr-triage (level 5)

Hazard analysis in the style of ISO 14971, kept with the MLTRL requirements. Risk score =
p(failure) × impact, both on 0..1; scores ≥ 0.25 need a mitigation owned by a named person.

## Requirement risks

| Requirement | p(failure) | Impact | Score | Status |
|---|---|---|---|---|
)";
    for (const Requirement& r : requirements(edition)) {
        out += fmt::format("| {} | {:.2f} | {:.2f} | {:.3f} | V: {}, val: {} |\n", r.id, r.pFailure, r.impact,
                           r.pFailure * r.impact, r.verification, r.validation);
    }
    out += R"(
## Hazards

1. **Missed urgent finding not flagged (false negative).** The study keeps its arrival-order
   place and is read later than it would be with perfect triage; it is never removed from the
   worklist. Highest residual risk at site C (portable AP). Mitigation: site-specific threshold
   study (owner: R&D owner, due level 6); reader training that an absent flag means nothing.
2. **Flag fatigue (false positives).** About 30 % of non-urgent studies are flagged at the
   shared threshold. Mitigation: queue shows score bands; monitored in the silent pilot.
3. **Silent failure of the service.** Mitigation: R5.1 fallback banner and arrival-order
   worklist; heartbeat alert to PACS administrators.
4. **Dataset shift (new detector, new site).** Mitigation: R6.2 drift monitor; deployment at a
   new site requires a local validation set of ≥ 500 studies.
5. **Privacy breach through DICOM headers or burnt-in text.** Mitigation: R3.1 de-identification,
   verified on 1 200 studies with zero residual identifiers (see verification report).

Reviewed by QA (P. Novak) on 2026-11-10.
)";
    return out;
}

std::string deidVerification()
{
    return R"(# DICOM de-identification verification (dicom-ingest 2.4.1)

**Scope.** Requirement R3.1: every attribute of the DICOM PS3.15 Basic Application Level
Confidentiality Profile is removed or replaced before pixel data leave the hospital network.

**Method.** 1 200 studies sampled at random across sites A, B and C (400 each) were passed
through `dicom-ingest` 2.4.1 in the hospital DMZ. The output was checked by

1. an automated scan of all 1 200 headers against the 188 profile attributes, private tags
   and free-text fields (dciodvfy plus the project's `deid-audit` script);
2. OCR of the pixel data for burnt-in text (Tesseract 5, then manual review of every hit);
3. manual review of 60 studies by the site information governance lead.

**Results.**

| Check | Studies | Residual identifiers |
|---|---|---|
| Header attributes (profile) | 1 200 | 0 |
| Private tags retained | 1 200 | 0 (all removed) |
| Burnt-in text (OCR hits reviewed) | 1 200 | 0 (37 hits, all masked laterality markers) |
| Manual review | 60 | 0 |

UIDs are replaced by keyed hashes (HMAC-SHA-256, key held by site IG); dates are shifted by a
per-patient offset; age is kept as a band only.

**Samples in this archive** (synthetic images and values):

- `evidence/imaging/sample-cxr-deidentified.dcm`: a study as `dicom-ingest` writes it —
  Patient Identity Removed `YES`, Burned In Annotation `NO`, the profile's attributes empty or
  removed, no private tags.
- `evidence/imaging/flagged-cxr-identified.dcm`: the same kind of study as the PACS exports it,
  *before* `dicom-ingest`, kept identified on purpose (patient name and ID, birth date,
  institution, accession number, a private tag) so that the check run on this archive can be
  seen to flag it. It never leaves the hospital in a real export.

**Conclusion.** R3.1 verified. Signed off by the site IG lead (2026-10-28).
)";
}

std::string testLog()
{
    Rng rng(kSeed + 23);
    std::string out;
    int second = 0;
    auto line = [&](const std::string& text) {
        out += fmt::format("2026-11-17T02:{:02}:{:02}Z {}\n", 14 + second / 60, second % 60, text);
        second += 1 + static_cast<int>(rng.below(4));
    };
    line("== cxr-triage nightly pipeline tests, build 3.2.0+412 (commit 9d41c7e) ==");
    line("[dicom-ingest] test_deid_profile_attributes ............ PASSED (188/188 attributes)");
    line("[dicom-ingest] test_private_tags_removed ................ PASSED");
    line("[dicom-ingest] test_reject_lateral_view ................. PASSED");
    line("[dicom-ingest] test_reject_under_18 ..................... PASSED");
    line("[dicom-ingest] test_rejection_logged .................... PASSED");
    line("[classifier]   test_model_hash_matches_registry ......... PASSED (sha256 4be1…90c2)");
    line("[classifier]   test_golden_set_scores (50 studies) ...... PASSED (max |Δ| = 2.1e-06)");
    line("[classifier]   test_temperature_applied ................. PASSED (T = 1.46)");
    line("[worklist-ui]  test_flag_never_hides_study .............. PASSED");
    line("[worklist-ui]  test_no_normal_label ..................... PASSED");
    line("[system]       test_fallback_on_service_down ............ SKIPPED (R5.1: scheduled for level 7)");
    line("[load]         200 studies, 4 concurrent senders, PACS test bench");
    for (int run = 1; run <= 4; ++run) {
        line(fmt::format("[load]         sender {}: 50 studies, p50 {:.2f} s, p95 {:.2f} s, errors 0", run,
                         0.56 + rng.uniform(0.0, 0.05), 1.16 + rng.uniform(0.0, 0.09)));
    }
    line("[load]         all senders: p50 0.58 s, p95 1.21 s (budget 1.50 s) ........ PASSED");
    line("== 14 tests: 13 passed, 1 skipped, 0 failed ==");
    return out;
}

/// The analysis behind the site C threshold (written after the gate-5 review). Counts follow
/// from the study model: the misses at the shared threshold, and what the site threshold buys.
std::string siteCErrorAnalysis()
{
    const Slice& before = sites(Edition::Gate5Package)[2];
    const Slice& after = sites(Edition::AfterGate5Review)[2];
    const int positives = before.positives;
    const int negatives = before.n - before.positives;
    const int missedBefore = positives - static_cast<int>(std::lround(before.sensitivity() * positives));
    const int missedAfter = positives - static_cast<int>(std::lround(after.sensitivity() * positives));
    const int flaggedBefore = static_cast<int>(std::lround(before.fprAtOp * negatives));
    const int flaggedAfter = static_cast<int>(std::lround(after.fprAtOp * negatives));
    // How the misses at 0.27 split by finding (from the radiologists' re-read; synthetic).
    const int pneumothorax = missedBefore * 11 / 28, lines = missedBefore * 8 / 28, consolidation = missedBefore * 5 / 28;
    const int effusion = missedBefore - pneumothorax - lines - consolidation;
    std::string out = fmt::format(R"(# Site C error analysis and threshold recalibration

Written after the gate-5 review of 2026-11-24, which found criterion `gate-5/sensitivity`
not met: sensitivity at the external site C was {:.3f} against the 0.90 target, at the
shared threshold {}. **All studies and numbers are synthetic.**

## The misses at the shared threshold

Two radiologists re-read the {} urgent site C studies the model did not flag:

| Finding | Missed | Comment |
|---|---|---|
| Pneumothorax (supine, small) | {} | anterior air on supine portable films; no visible pleural line |
| Line or tube malposition | {} | tip position obscured by overlapping monitoring leads |
| Consolidation (retrocardiac) | {} | low-contrast AP films, heart shadow enlarged by projection |
| Pleural effusion (layering) | {} | layering fluid on supine films, no meniscus |

Every missed study scored between 0.15 and 0.27: the model ranks them above most non-urgent
studies (site C AUROC {:.3f}), but portable AP films score lower overall. The gap is one of
**threshold, not ranking**, as the level-5 card's debrief suspected.

## Recalibration

- Calibration split: 300 site C studies (79 urgent) from 2024-07 to 2024-10, disjoint from the
  test set by patient and date (dataset v3.1).
- Rule: the highest threshold whose sensitivity on the split is at least 0.92, leaving margin
  for the test set. Result: **{}** for site C; sites A and B keep {}.
- Held-out site C test set at {}: sensitivity **{:.3f}** (95 % CI {:.3f} – {:.3f}), {} urgent
  studies missed instead of {}; specificity {:.3f} instead of {:.3f} ({} of {} non-urgent studies
  flagged instead of {}).

## Consequences

- Requirement R1.3 verified; the sensitivity criterion of gate 5 now meets its unchanged threshold.
- More false flags at site C: the worklist shows score bands, and the silent pilot measures
  whether readers notice the longer priority queue.
- A threshold per site is now part of deployment: a new site needs a calibration split of
  at least 300 studies before go-live (risk assessment, hazard 4).
)",
        before.sensitivity(), kThreshold, missedBefore, pneumothorax, lines, consolidation, effusion, before.auroc,
        kSiteCThreshold, kThreshold, kSiteCThreshold, after.sensitivity(), after.sensitivityLower(),
        after.sensitivityUpper(), missedAfter, missedBefore, 1.0 - after.fprAtOp, 1.0 - before.fprAtOp,
        flaggedAfter, negatives, flaggedBefore);
    return out;
}

}  // namespace

void addDocuments(Content& content, Edition edition)
{
    content.add("evidence/datasheet-cxr-v3.md", datasheet(edition));
    content.add("evidence/ethics-checklist.md", ethicsChecklist());
    content.add("evidence/data-sample.csv", dataSample());
    content.add("evidence/model_card.json", modelCard(edition));
    content.add("evidence/notebooks/subgroup-analysis.ipynb", notebook());
    content.add("evidence/requirements-vv.csv", vvTable(edition));
    content.add("evidence/risk-assessment.md", riskAssessment(edition));
    content.add("evidence/test-results/pipeline-tests-2026-11-17.log", testLog());
    if (!afterReview(edition)) {
        content.add("evidence/deid-verification.md", deidVerification());
        return;
    }
    // Moved next to the ingest component's other documents; the bytes are the same.
    content.add("evidence/dicom-ingest/deid-verification.md", deidVerification());
    content.add("evidence/site-c-error-analysis.md", siteCErrorAnalysis());
}

}  // namespace gen
