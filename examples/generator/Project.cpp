#include "Project.h"

namespace gen {

const std::vector<Requirement>& requirements(Edition edition)
{
    static const std::vector<Requirement> package{
        {"R1.1.classifier", "The classifier shall reach AUROC ≥ 0.90 for urgent findings on the internal validation split.",
         "research", 2, 0.15, 0.90, "passed", "passed", {"ev-eval-report", "ev-notebook"}},
        {"R1.2.classifier", "AUROC shall be ≥ 0.85 at every site of the held-out test set, including the external site C.",
         "research", 4, 0.35, 0.85, "passed", "pending", {"ev-eval-report", "ev-roc-figure"}},
        {"R1.3.classifier", "Sensitivity for urgent findings shall be ≥ 0.90 at the deployed threshold at every site.",
         "product", 5, 0.55, 0.95, "failed", "pending", {"ev-eval-report", "ev-confusion"}},
        {"R1.4.classifier", "After temperature scaling the expected calibration error (10 bins) shall be ≤ 0.05.",
         "product", 5, 0.25, 0.60, "passed", "pending", {"ev-eval-report"}},
        {"R2.1.classifier", "AUROC shall be reported with 95 % CI by sex and age band; no subgroup shall fall more than 0.05 below the pooled AUROC.",
         "research", 3, 0.40, 0.70, "passed", "pending", {"ev-notebook", "ev-datasheet"}},
        {"R3.1.dicom-ingest", "The ingest pipeline shall remove every attribute of the DICOM PS3.15 Basic Application Level Confidentiality Profile before pixel data leave the hospital network.",
         "product", 5, 0.10, 1.00, "passed", "passed", {"ev-deid", "ev-test-log"}},
        {"R3.2.dicom-ingest", "The ingest pipeline shall reject lateral views and studies of patients under 18 years, and log each rejection.",
         "product", 5, 0.30, 0.50, "passed", "passed", {"ev-test-log"}},
        {"R4.1.system", "The time from DICOM receipt to worklist flag shall have p95 ≤ 1.5 s at 4 concurrent senders.",
         "product", 5, 0.30, 0.40, "passed", "pending", {"ev-test-log"}},
        {"R4.2.worklist-ui", "The worklist shall show the flag as a priority marker only: it shall never hide, remove or label a study as normal.",
         "product", 6, 0.10, 0.80, "passed", "pending", {"ev-risk"}},
        {"R5.1.system", "When the model service is unavailable the worklist shall revert to arrival order within 30 s and show a banner.",
         "product", 7, 0.20, 0.70, "pending", "pending", {"ev-risk"}},
        {"R6.1.classifier", "Retraining from the versioned dataset with the recorded seeds shall reproduce the validation AUROC within ± 0.005.",
         "research", 3, 0.20, 0.30, "passed", "not_applicable", {"ev-model-card"}},
        {"R6.2.system", "A drift monitor shall alert when the weekly score distribution shifts (PSI > 0.2) at any site.",
         "product", 8, 0.60, 0.30, "pending", "pending", {}},
    };
    static const std::vector<Requirement> afterReview = [] {
        std::vector<Requirement> r = package;
        Requirement& sensitivity = r[2];  // R1.3: met with site C's own threshold
        sensitivity.verification = "passed";
        sensitivity.evidence.push_back("ev-site-c-errors");
        return r;
    }();
    return gen::afterReview(edition) ? afterReview : package;
}

const std::vector<EvidenceItem>& evidenceCatalogue(Edition edition)
{
    static const std::vector<EvidenceItem> package{
        {"ev-eval-report", "evidence/eval-report-v3.pdf", "Evaluation report v3 (level-5 review package)", "report", 5, "application/pdf", "2026-11-18", true},
        {"ev-roc-figure", "evidence/figures/roc-by-site.png", "ROC curves by site", "figure", 5, "image/png", "2026-11-18", true},
        {"ev-confusion", "evidence/figures/confusion-matrix.png", "Confusion matrix at the operating point", "figure", 5, "image/png", "2026-11-18", true},
        {"ev-example-overlay", "evidence/figures/synthetic-radiograph-overlay.png", "Example flag overlay (synthetic image)", "figure", 5, "image/png", "2026-11-12", false},
        {"ev-datasheet", "evidence/datasheet-cxr-v3.md", "Datasheet: CXR triage dataset v3", "datasheet", 3, "text/markdown", "2025-09-12", true},
        {"ev-ethics", "evidence/ethics-checklist.md", "MLTRL ethics checklist", "ethics-checklist", 5, "text/markdown", "2026-11-16", true},
        {"ev-sample", "evidence/data-sample.csv", "De-identified label sample (40 studies, synthetic)", "dataset-sample", 3, "text/csv", "2025-09-12", false},
        {"ev-model-card", "evidence/model_card.json", "Model card (Model Card Toolkit schema)", "model-card", 5, "application/json", "2026-11-18", true},
        {"ev-notebook", "evidence/notebooks/subgroup-analysis.ipynb", "Subgroup analysis notebook", "notebook", 5, "application/x-ipynb+json", "2026-11-14", true},
        {"ev-vv-table", "evidence/requirements-vv.csv", "Requirements and V&V status", "vv-table", 5, "text/csv", "2026-11-18", true},
        {"ev-risk", "evidence/risk-assessment.md", "Risk assessment (ISO 14971 style)", "risk-assessment", 5, "text/markdown", "2026-11-10", true},
        {"ev-test-log", "evidence/test-results/pipeline-tests-2026-11-17.log", "Integration and load test log", "test-results", 5, "text/plain", "2026-11-17", true},
        {"ev-deid", "evidence/deid-verification.md", "DICOM de-identification verification", "report", 5, "text/markdown", "2026-10-28", true},
        {"ev-cxr-sample", "evidence/imaging/sample-cxr-deidentified.dcm", "Sample study after dicom-ingest (de-identified)", "dicom-sample", 5, "application/dicom", "2026-10-28", true},
        {"ev-cxr-flagged", "evidence/imaging/flagged-cxr-identified.dcm", "Flagged study, not de-identified (on purpose)", "dicom-sample", 5, "application/dicom", "2026-10-28", false},
    };
    static const std::vector<EvidenceItem> afterReview = [] {
        std::vector<EvidenceItem> e = package;
        e[0] = {"ev-eval-report", "evidence/eval-report-v4.pdf", "Evaluation report v4 (after the gate-5 review)", "report", 5,
                "application/pdf", "2026-12-02", true};
        e[12].path = "evidence/dicom-ingest/deid-verification.md";
        e.push_back({"ev-site-c-errors", "evidence/site-c-error-analysis.md", "Site C error analysis and threshold recalibration",
                     "report", 5, "text/markdown", "2026-12-01", true});
        return e;
    }();
    return gen::afterReview(edition) ? afterReview : package;
}

}  // namespace gen
