// mltrl.json: the project, its history, cards, requirements, gates, evidence and metrics.
// Key order is fixed (ordered_json) and evidence hashes are computed from the bytes written.
#include "Content.h"
#include "Project.h"
#include "Study.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace gen {
namespace {

using ojson = nlohmann::ordered_json;

ojson project()
{
    return {
        {"id", "cxr-triage"},
        {"name", "Chest X-ray triage"},
        {"summary",
         "A CNN flags adult chest radiographs that are likely to show an **urgent finding** (pneumothorax, large "
         "effusion, consolidation, oedema, misplaced line or tube) so that radiologists read them first. "
         "**Decision support only**: every study is still read by a radiologist.\n\n"
         "At level 5 the classifier meets its AUROC, calibration and latency targets; sensitivity at the external "
         "site C (portable AP films) is just below target. All data in this archive are synthetic."},
        {"domain", "medical-diagnostics"},
        {"current_level", 5},
        {"target_level", 8},
        {"exported_at", exportTime(Edition::Gate5Package).rfc3339},
        {"owners",
         {{{"name", "A. Rivera"}, {"email", "a.rivera@example.org"}, {"role", "R&D owner"}},
          {{"name", "S. Lindqvist"}, {"email", "s.lindqvist@example.org"}, {"role", "product owner"}}}},
        {"reviewers",
         {{{"name", "K. Mensah"}, {"email", "k.mensah@example.org"}, {"role", "R&D reviewer"}},
          {{"name", "Dr J. Okafor"}, {"email", "j.okafor@example.org"}, {"role", "clinical reviewer"}},
          {{"name", "P. Novak"}, {"email", "p.novak@example.org"}, {"role", "QA"}}}},
        {"links",
         {{{"title", "Project wiki"}, {"url", "https://wiki.example.org/cxr-triage"}},
          {{"title", "Requirements and V&V"}, {"url", "https://wiki.example.org/cxr-triage/requirements"}},
          {{"title", "Code repository"}, {"url", "https://git.example.org/imaging-ai/cxr-triage"}},
          {{"title", "MLflow experiment 3"}, {"url", "https://mlflow.example.org/#/experiments/3"}}}},
    };
}

ojson components()
{
    return ojson::array({
        {{"id", "classifier"}, {"name", "Urgent-finding classifier (DenseNet-121)"}, {"level", 5}, {"code", "R07.2"}},
        {{"id", "dicom-ingest"}, {"name", "DICOM ingest and de-identification"}, {"level", 6}, {"code", "P03.1"}},
        {{"id", "worklist-ui"}, {"name", "Worklist prioritisation plug-in"}, {"level", 6}, {"code", "P05.1"}},
    });
}

ojson history()
{
    return ojson::array({
        {{"at", "2025-01-13"}, {"to", 2}, {"kind", "start"}},
        {{"at", "2025-03-24"}, {"from", 2}, {"to", 3}, {"kind", "advance"}},
        {{"at", "2025-06-09"}, {"from", 3}, {"to", 4}, {"kind", "advance"}},
        {{"at", "2025-07-21"}, {"from", 4}, {"to", 3}, {"kind", "switchback"}, {"switchback", "discovery"},
         {"reason", "Site B label noise: 11 % of 'no finding' labels from the report NLP extractor were contradicted by "
                    "radiologist re-reads. Relabel site B, rebuild dataset v3, re-run the integration tests."}},
        {{"at", "2025-09-15"}, {"from", 3}, {"to", 4}, {"kind", "advance"}},
        {{"at", "2025-12-08"}, {"from", 4}, {"to", 5}, {"kind", "advance"}, {"gate", "gate-4"}},
        {{"at", "2026-04-20"}, {"from", 5}, {"to", 4}, {"kind", "switchback"}, {"switchback", "review"}, {"gate", "gate-5"},
         {"reason", "Level 5 review: no calibration analysis, and p95 latency on the PACS test bench 2.3 s against a "
                    "1.5 s budget. Back to proof of concept for temperature scaling and a batched ingest path."}},
        {{"at", "2026-08-31"}, {"from", 4}, {"to", 5}, {"kind", "advance"}, {"gate", "gate-4"}},
    });
}

ojson debrief(std::initializer_list<std::pair<const char*, const char*>> qa)
{
    ojson a = ojson::array();
    for (const auto& [question, answer] : qa) a.push_back({{"question", question}, {"answer", answer}});
    return a;
}

ojson cards()
{
    ojson c = ojson::array();
    c.push_back({
        {"level", 3}, {"component", nullptr}, {"updated", "2025-09-15"},
        {"tldr", "Prototype pipeline from DICOM to score with designed interfaces; the classifier is retrained on relabelled dataset v3 after the site B label audit."},
        {"model_info", "A DenseNet-121 convolutional network looks at the whole radiograph and outputs one score: how likely the image shows an urgent finding. It was first trained on public data (proof of principle) and is now trained on 61 800 local studies."},
        {"intended_use", "Research prototype only; no clinical use. Target use: reorder the reading worklist, never replace a read."},
        {"testing_status", "Unit tests for preprocessing and the ingest parser (84 % line coverage); integration test from a DICOM folder to scores on 500 studies; training reproducible within ±0.004 AUROC across three seeds."},
        {"data_considerations", "Dataset v3.0: site B relabelled by two radiologists after 11 % label noise was found in 'no finding' studies. Test sets are labelled by radiologist consensus only. No ethnicity data."},
        {"caveats", "Portable AP films are 12 % of training data; lines and tubes are a frequent false-positive source. Tech debt: preprocessing duplicated between training and inference."},
        {"debrief", debrief({
            {"What was accomplished, and by whom?", "Label audit and relabel of 6 200 site B studies (clinical team, 2 radiologists); dataset v3 and a DVC-tracked pipeline (R&D)."},
            {"What was dropped, and why?", "The report-text NLP labels for test sets: their noise made test metrics unreliable."},
            {"What was learned?", "Label quality, not architecture, limited performance: AUROC on clean labels rose from 0.89 to 0.92."},
            {"What tech debt was gained or paid?", "Gained: duplicated preprocessing. Paid: ad-hoc CSV splits replaced by versioned splits."}})},
        {"requirements", {"R1.1.classifier", "R2.1.classifier", "R6.1.classifier"}},
        {"evidence", {"ev-datasheet", "ev-sample"}},
    });
    c.push_back({
        {"level", 4}, {"component", nullptr}, {"updated", "2026-08-31"},
        {"tldr", "Proof of concept in the real setting: silent run on the PACS test bench at sites A and B, now with temperature scaling and a batched ingest path added after the first level 5 review."},
        {"model_info", "Same network as level 3 with a calibration step (one temperature parameter) so the score can be read as a probability. Inference runs on one GPU per site."},
        {"intended_use", "Silent (shadow) evaluation only: scores are stored, never shown to readers."},
        {"testing_status", "Held-out test per site with CIs; nightly load test (p95 1.2 s since the batched path); de-identification verified on 1 200 studies."},
        {"data_considerations", "External site C added as a test-only set (portable AP, ICU, different detector vendor). Prevalence of urgent findings differs by site (16–27 %)."},
        {"caveats", "Site C sensitivity at the shared threshold is below target. Calibration was fitted on sites A and B only."},
        {"debrief", debrief({
            {"What was accomplished, and by whom?", "Temperature scaling and reliability analysis (R&D); batched DICOM ingest cutting p95 latency from 2.3 s to 1.2 s (platform team)."},
            {"What was dropped, and why?", "Per-finding sub-scores: radiologists preferred one flag with a short reason list."},
            {"What was learned?", "Portable AP films are the main weakness; the review switchback was right to demand calibration first."},
            {"What tech debt was gained or paid?", "Paid: preprocessing shared between training and inference (one tested module)."}})},
        {"requirements", {"R1.1.classifier", "R1.2.classifier", "R1.4.classifier", "R4.1.system"}},
        {"evidence", {"ev-test-log", "ev-deid", "ev-roc-figure"}},
    });
    c.push_back({
        {"level", 5}, {"component", nullptr}, {"updated", "2026-11-18"},
        {"tldr", "ML capability demonstrated: pooled test AUROC 0.921, calibrated (ECE 0.018 after temperature scaling), latency within budget. Asking to hand over to product (level 6) with site C sensitivity as the open item."},
        {"model_info", "DenseNet-121 with temperature scaling (T = 1.46); a study is flagged when the calibrated probability is ≥ 0.27. Model 3.2.0, MLflow run 6f1c2e9a."},
        {"intended_use", "Prioritise adult frontal chest radiographs in the radiologist's worklist. Unacceptable: autonomous reporting, labelling studies as normal, paediatric or lateral images."},
        {"testing_status", "Gate-5 criteria evaluated on the metrics in this archive; product requirements R1.3, R1.4, R3.x and R4.x verified except R1.3 (site C sensitivity 0.89). Product validation starts at level 6."},
        {"data_considerations", "Dataset v3.0, three sites, seven detector models. Patients 80+ have the lowest AUROC (0.889, n = 690). De-identified at source; DSA-2024-117."},
        {"caveats", "Shared threshold under-serves site C; ethnicity not recorded; automation bias to be addressed by reader training and audits."},
        {"debrief", debrief({
            {"What was accomplished, and by whom?", "Full evaluation package, model card and risk assessment (R&D owner, QA); clinical failure-mode review with 3 radiologists (clinical reviewer)."},
            {"What was dropped, and why?", "Multi-label output for six findings: not needed for triage and doubled the labelling cost."},
            {"What was learned?", "The site C gap is threshold-related more than ranking-related (AUROC 0.871): a site threshold may close most of it."},
            {"What tech debt was gained or paid?", "Gained: the fallback path (R5.1) and drift monitor (R6.2) are deferred to levels 7–8."}})},
        {"requirements", {"R1.1.classifier", "R1.2.classifier", "R1.3.classifier", "R1.4.classifier", "R2.1.classifier",
                          "R3.1.dicom-ingest", "R3.2.dicom-ingest", "R4.1.system"}},
        {"evidence", {"ev-eval-report", "ev-model-card", "ev-ethics", "ev-risk", "ev-vv-table", "ev-notebook"}},
    });
    c.push_back({
        {"level", 6}, {"component", "dicom-ingest"}, {"updated", "2026-10-28"},
        {"tldr", "Product-calibre DICOM receiver with de-identification, view and age filters; hardened for the two pilot sites."},
        {"model_info", "No learned model: a rules-based DICOM pipeline (DIMSE C-STORE receiver, PS3.15 Basic profile de-identification, keyed-hash UIDs)."},
        {"intended_use", "Receive studies from PACS, de-identify, filter and forward frontal adult chest radiographs to the classifier."},
        {"testing_status", "94 % line coverage; fuzzed DICOM parser (72 h, no crashes); de-identification verified on 1 200 studies; nightly load test."},
        {"data_considerations", "Handles identifiable data inside the hospital network only; nothing identifiable is persisted."},
        {"caveats", "Vendor-specific private tags are dropped wholesale; burnt-in text masking depends on OCR."},
        {"debrief", debrief({
            {"What was accomplished, and by whom?", "Hardening, fuzzing and the batched path (platform team); IG sign-off (site IG lead)."},
            {"What tech debt was gained or paid?", "Paid: replaced the prototype's file-watcher with a proper C-STORE receiver."}})},
        {"requirements", {"R3.1.dicom-ingest", "R3.2.dicom-ingest"}},
        {"evidence", {"ev-deid", "ev-test-log"}},
    });
    return c;
}

ojson requirementsJson(Edition edition)
{
    ojson a = ojson::array();
    for (const Requirement& r : requirements(edition)) {
        ojson j{{"id", r.id}, {"text", r.text}, {"kind", r.kind}, {"level", r.level},
                {"risk", {{"p_failure", r.pFailure}, {"impact", r.impact}}},
                {"verification", r.verification}, {"validation", r.validation}};
        if (!r.evidence.empty()) j["evidence"] = r.evidence;
        a.push_back(j);
    }
    return a;
}

ojson quantitative(const char* id, const char* text, const char* metric, const char* aggregate, const char* op,
                   double threshold, std::initializer_list<const char*> evidence, const char* series = nullptr)
{
    ojson j{{"id", id}, {"text", text}, {"metric", metric}, {"aggregate", aggregate}, {"op", op}, {"threshold", threshold}};
    if (series) j["series"] = series;
    if (evidence.size() > 0) j["evidence"] = ojson(evidence);
    return j;
}

ojson qualitative(const char* id, const char* text, std::initializer_list<const char*> evidence)
{
    return {{"id", id}, {"text", text}, {"evidence", ojson(evidence)}};
}

ojson gates()
{
    return ojson::array({
        {{"id", "gate-4"}, {"level", 4}, {"title", "Level 4 review: proof of concept → ML capability"},
         {"signoffs", {{{"role", "R&D reviewer"}, {"min", 1}}}},
         {"criteria",
          {quantitative("auroc", "Validation AUROC at the final epoch ≥ 0.88", "val_auroc", "last", ">=", 0.88, {}),
           quantitative("worst-site", "AUROC ≥ 0.80 at every test site", "auroc_by_site", "min", ">=", 0.80, {"ev-roc-figure"}),
           qualitative("datasheet", "Datasheet for dataset v3 reviewed", {"ev-datasheet"}),
           qualitative("deid", "DICOM de-identification verified before data leave the site", {"ev-deid"})}}},
        {{"id", "gate-5"}, {"level", 5}, {"title", "Level 5 review: ML capability → application development"},
         {"signoffs", {{{"role", "R&D reviewer"}, {"min", 1}}, {{"role", "clinical reviewer"}, {"min", 1}}}},
         {"criteria",
          {quantitative("auroc", "Validation AUROC at the final epoch ≥ 0.90", "val_auroc", "last", ">=", 0.90, {"ev-eval-report"}),
           quantitative("worst-site", "Worst-site AUROC on the held-out test set ≥ 0.85", "auroc_by_site", "min", ">=", 0.85,
                        {"ev-eval-report", "ev-roc-figure"}),
           quantitative("sensitivity", "Sensitivity at the operating point ≥ 0.90 at every site", "sensitivity_by_site", "min",
                        ">=", 0.90, {"ev-confusion"}),
           quantitative("subgroups", "AUROC ≥ 0.85 in every sex and age subgroup", "auroc_by_subgroup", "min", ">=", 0.85,
                        {"ev-notebook"}),
           quantitative("calibration", "ECE after temperature scaling ≤ 0.05", "ece", "last", "<=", 0.05, {"ev-eval-report"},
                        "temperature-scaled"),
           quantitative("latency", "p95 time from DICOM receipt to flag ≤ 1.5 s (latest load test)", "inference_latency", "last",
                        "<=", 1.5, {"ev-test-log"}, "p95"),
           qualitative("ethics", "MLTRL ethics checklist complete", {"ev-ethics"}),
           qualitative("datasheet", "Datasheet reviewed by the clinical reviewer", {"ev-datasheet", "ev-sample"}),
           qualitative("deid", "DICOM de-identification verified", {"ev-deid", "ev-test-log", "ev-cxr-sample", "ev-cxr-flagged"}),
           qualitative("risk", "Risk assessment and model card reviewed", {"ev-risk", "ev-model-card", "ev-vv-table"})}}},
    });
}

ojson evidenceJson(const Content& content, Edition edition)
{
    ojson a = ojson::array();
    for (const EvidenceItem& e : evidenceCatalogue(edition)) {
        ojson j{{"id", e.id}, {"path", e.path}, {"title", e.title}, {"kind", e.kind}, {"level", e.level},
                {"media_type", e.mediaType}};
        if (e.declareSha256) j["sha256"] = sha256Hex(content.bytes(e.path));
        j["created"] = e.created;
        a.push_back(j);
    }
    return a;
}

ojson metrics()
{
    auto series = [](const char* id, const char* title, const char* path, int level, const char* better, const char* unit) {
        return ojson{{"id", id}, {"title", title}, {"path", path}, {"kind", "series"}, {"format", "csv"},
                     {"level", level}, {"better", better}, {"unit", unit}};
    };
    auto curve = [](const char* id, const char* title, const char* path, const char* x, const char* y) {
        return ojson{{"id", id}, {"title", title}, {"path", path}, {"kind", "curve"}, {"level", 5},
                     {"x_label", x}, {"y_label", y}};
    };
    auto groups = [](const char* id, const char* title, const char* path) {
        return ojson{{"id", id}, {"title", title}, {"path", path}, {"kind", "groups"}, {"level", 5}};
    };
    return ojson::array({
        series("loss", "Loss (mean of 3 seeds, band = min..max)", "metrics/loss.csv", 5, "lower", ""),
        series("val_auroc", "Validation AUROC per epoch (95 % bootstrap CI)", "metrics/val_auroc.csv", 5, "higher", ""),
        series("ece", "Expected calibration error per epoch", "metrics/ece.csv", 5, "lower", ""),
        series("inference_latency", "Load-test latency, DICOM receipt to flag", "metrics/inference_latency.csv", 5, "lower", "s"),
        curve("roc_by_site", "ROC, held-out test set by site", "metrics/roc_by_site.csv", "False positive rate", "True positive rate"),
        curve("calibration", "Reliability diagram, pooled test set", "metrics/calibration.csv", "Mean predicted probability",
              "Observed frequency"),
        groups("auroc_by_site", "AUROC by site (95 % CI)", "metrics/auroc_by_site.csv"),
        groups("auroc_by_subgroup", "AUROC by sex and age band (95 % CI)", "metrics/auroc_by_subgroup.csv"),
        groups("sensitivity_by_site", "Sensitivity at threshold 0.27 by site (95 % CI; n = positives)",
               "metrics/sensitivity_by_site.csv"),
        {{"id", "train_loss_mlflow"}, {"title", "Training batch loss (MLflow run 6f1c2e9a, resumed at epoch 40)"},
         {"path", kMlflowRunPath}, {"kind", "series"}, {"format", "mlflow"}, {"level", 5}, {"better", "lower"}},
    });
}

/// What the team changed in the manifest after the gate-5 review, besides the requirements and
/// evidence (Project.cpp): the export time and summary, the level-5 card's testing status and
/// caveats, the sensitivity criterion's evidence (its text and threshold stay: the goal did not
/// move) and the sensitivity metric's title. Edits in place, so the key order stays.
void applyGate5ReviewFixes(ojson& m)
{
    m["project"]["exported_at"] = exportTime(Edition::AfterGate5Review).rfc3339;
    m["project"]["summary"] =
        "A CNN flags adult chest radiographs that are likely to show an **urgent finding** (pneumothorax, large "
        "effusion, consolidation, oedema, misplaced line or tube) so that radiologists read them first. "
        "**Decision support only**: every study is still read by a radiologist.\n\n"
        "At level 5 the classifier meets its AUROC, calibration and latency targets. After the gate-5 review the "
        "external site C (portable AP films) has its own operating threshold, which brings its sensitivity to "
        "target. All data in this archive are synthetic.";
    for (ojson& card : m["cards"]) {
        if (card["level"] != 5 || !card["component"].is_null()) continue;
        card["updated"] = "2026-12-02";
        card["testing_status"] =
            "Gate-5 criteria evaluated on the metrics in this archive; product requirements R1.3, R1.4, R3.x and R4.x "
            "verified (R1.3 since site C has its own threshold). Product validation starts at level 6.";
        const Slice& before = sites(Edition::Gate5Package)[2];
        const Slice& after = sites(Edition::AfterGate5Review)[2];
        card["caveats"] = fmt::format(
            "Site C runs at its own threshold ({}): sensitivity {:.3f}, but its specificity falls from {:.2f} to {:.2f}. "
            "The site threshold was chosen on 300 site C studies outside the test set; every new site needs its own. "
            "Ethnicity not recorded; automation bias to be addressed by reader training and audits.",
            kSiteCThreshold, after.sensitivity(), 1.0 - before.fprAtOp, 1.0 - after.fprAtOp);
    }
    for (ojson& gate : m["gates"]) {
        if (gate["id"] != "gate-5") continue;
        for (ojson& criterion : gate["criteria"]) {
            if (criterion["id"] == "sensitivity") criterion["evidence"].push_back("ev-site-c-errors");
        }
    }
    for (ojson& metric : m["metrics"]) {
        if (metric["id"] == "sensitivity_by_site") {
            metric["title"] = fmt::format("Sensitivity at the operating point by site (threshold {}, site C {}; 95 % CI; "
                                          "n = positives)", kThreshold, kSiteCThreshold);
        }
    }
}

}  // namespace

void addManifest(Content& content, Edition edition)
{
    ojson manifest{
        {"mltrl_archive", 1},
        {"project", project()},
        {"components", components()},
        {"history", history()},
        {"cards", cards()},
        {"requirements", requirementsJson(edition)},
        {"gates", gates()},
        {"evidence", evidenceJson(content, edition)},
        {"metrics", metrics()},
    };
    if (afterReview(edition)) applyGate5ReviewFixes(manifest);
    content.add("mltrl.json", manifest.dump(2) + "\n");
}

}  // namespace gen
