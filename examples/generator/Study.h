#pragma once
// The synthetic evaluation the whole example tells the story of. Every number that appears in
// more than one file (metric CSVs, figures, report, model card, cards) comes from here, so the
// archive is internally consistent: the report's tables, the plotted ROC curves and the gate's
// metric files agree.
#include "Edition.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gen {

/// One evaluated slice of the held-out test set under a binormal ROC model.
struct Slice {
    std::string name;
    double auroc;      ///< area under the ROC curve
    int n;             ///< studies in the slice
    int positives;     ///< studies with an urgent finding
    double fprAtOp;    ///< false positive rate at the deployed score threshold

    /// Binormal separation d' that yields this AUROC.
    double dPrime() const;
    /// True positive rate at false positive rate `fpr` on this slice's binormal ROC.
    double tprAt(double fpr) const;
    /// Sensitivity at the operating point.
    double sensitivity() const { return tprAt(fprAtOp); }
    /// Hanley–McNeil 95 % confidence interval of the AUROC.
    double aurocLower() const;
    double aurocUpper() const;
    /// Wilson 95 % interval of the sensitivity.
    double sensitivityLower() const;
    double sensitivityUpper() const;
};

/// Held-out test set by site (site C is external: never seen in training). After the gate-5
/// review site C has its own operating threshold (kSiteCThreshold), recalibrated so that its
/// sensitivity is kSiteCSensitivity; the ranking (AUROC) and the other sites are unchanged.
const std::vector<Slice>& sites(Edition edition);
/// All sites pooled.
const Slice& pooled();
/// Demographic slices (sex, then age bands).
const std::vector<Slice>& subgroups();

/// Confusion matrix of the pooled test set at the operating point.
struct Confusion {
    int tp, fn, fp, tn;
};
Confusion pooledConfusion(Edition edition);

/// Reliability diagram bin: mean predicted probability, observed frequency, studies in bin.
struct CalibrationBin {
    double predicted;
    double observed;
    int n;
};
std::vector<CalibrationBin> calibration(bool temperatureScaled);
/// Expected calibration error of a reliability diagram.
double expectedCalibrationError(const std::vector<CalibrationBin>& bins);

/// Deployed score threshold and training constants quoted in the documents.
inline constexpr double kThreshold = 0.27;
/// Site C's own threshold and the sensitivity it was chosen for (after the gate-5 review).
inline constexpr double kSiteCThreshold = 0.22;
inline constexpr double kSiteCSensitivity = 0.905;
inline constexpr int kEpochs = 60;
inline constexpr double kTemperature = 1.46;
inline constexpr std::uint64_t kSeed = 20261120;
/// MLflow experiment 3, the final training run (quoted in the model card).
inline constexpr const char* kMlflowRunId = "6f1c2e9a47b04d1e8a53c0d2b7e91f45";
inline constexpr const char* kMlflowRunPath =
    "mlruns/3/6f1c2e9a47b04d1e8a53c0d2b7e91f45/metrics/train_loss";

}  // namespace gen
