#pragma once
/// Everything a review packet shows, collected from the store in one go (on the thread that
/// renders it): the revision, its verified reviews, annotations, the metric figures reduced to
/// drawable size, and crops of annotated PDF/image regions. Rendering never touches the store.
#include "core/common/Cancel.h"
#include "core/common/Problems.h"
#include "core/diff/RevisionDiff.h"
#include "core/review/AnnotationStore.h"
#include "core/review/GateStatus.h"
#include "core/review/ReviewStore.h"
#include "core/review/ReviewVerifier.h"
#include "core/store/RevisionData.h"

#include <QImage>
#include <QPointF>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mltrl {
class AllowedSigners;
class ReviewerRoles;
class Store;
} // namespace mltrl

namespace mltrl::packet {

/// What to put in the packet.
struct PacketRequest {
    std::string project;
    std::optional<std::string> gate;         ///< one gate, or the whole project
    std::optional<int> revision;             ///< default: the latest
    const AllowedSigners *signers = nullptr; ///< null: every valid signer is "unknown signer"
    const ReviewerRoles *roles = nullptr;    ///< null: no role is granted (G4)
    /// The bytes of the allowed_signers / reviewer_roles files behind `signers` / `roles`,
    /// attached to the PDF as they are (empty: none used), and where they came from.
    std::string signersText, rolesText;
    std::string signersSource, rolesSource;
};

/// A file of the exported archive with its SHA-256: one line of the packet's SHA256SUMS.
struct ListedFile {
    std::string path; ///< archive path, e.g. "evidence/eval.pdf", "reviews/ID.json"
    std::string sha256;
    std::string kind; ///< manifest | evidence | metric | review | signature
};

/// One line of a metric figure, already reduced: either every point, or — for series longer
/// than two points per column — the exact min/max envelope per column (from core Envelope).
struct FigureSeries {
    std::string name;
    std::size_t points = 0;                 ///< points in the stored series
    bool envelope = false;                  ///< true: `low`/`high` per column, else `line`
    std::vector<QPointF> line;              ///< every point, in file order (curves) or by x
    std::vector<QPointF> low, high;         ///< envelope: (column centre, min) / (…, max)
    std::vector<QPointF> bandLow, bandHigh; ///< confidence band (every point or its envelope)
};

/// A metric that a criterion references, with the criteria drawn on it.
struct MetricFigure {
    Metric metric;
    std::vector<Criterion> criteria; ///< those referencing this metric
    std::vector<std::string> gates;  ///< gate of each criterion
    std::vector<FigureSeries> series;
    std::vector<std::string> groupLabels;
};

/// A crop of an annotated region of a PDF page or image, with the rectangle drawn.
struct EvidenceCrop {
    QImage image;    ///< RGB (no alpha), already cropped
    QString caption; ///< e.g. "eval-report-v3 page 2, region 72,400 200×40 pt"
};

struct PacketModel {
    RevisionData revision;
    std::optional<std::string> gate;
    std::vector<StoredReview> reviews;     ///< of the packet's gate(s), signing order
    std::vector<ReviewCheck> checks;       ///< parallel to `reviews`
    std::vector<ReviewStanding> standings; ///< parallel to `reviews`: superseded, role granted, counted
    /// For a superseded review: the stored review that replaced it (parallel to `reviews`).
    std::vector<std::optional<StoredReview>> supersededBy;
    std::map<std::string, bool> passedWithoutReview; ///< gate id → G7
    std::map<std::string, GateStatus> gateStatus;
    std::vector<Annotation> annotations;       ///< of the revision (open and resolved)
    std::map<std::string, EvidenceCrop> crops; ///< annotation id → crop
    /// Annotated regions whose crop could not be made: annotation id → why (e.g. "the image
    /// decoder crashed on this file"); the packet says so in place of the crop.
    std::map<std::string, QString> cropsNotShown;
    std::vector<MetricFigure> figures;
    std::string generatedAt; ///< RFC 3339 UTC

    std::string manifestBytes; ///< mltrl.json as stored (attached to the PDF)
    /// The SHA256SUMS list: every file of `mltrl export` of this revision — manifest,
    /// evidence, metric files, and the records and signatures of the packet's reviews stored
    /// with this revision — sorted by path.
    std::vector<ListedFile> sums;
    std::string signersText, rolesText; ///< the trust files used (see PacketRequest)
    std::string signersSource, rolesSource;
    /// Changes since the revision of the last signed review of the packet's gates, when the
    /// packet's revision is another one; `lastReview` is that review.
    std::optional<RevisionDiff> changes;
    std::optional<StoredReview> lastReview;
    /// Annotation id → the text line it points at (`line` target on a text evidence file),
    /// cut to kQuotedLineChars characters.
    std::map<std::string, std::string> annotatedLines;

    /// The gates the packet covers (one, or all of the manifest).
    [[nodiscard]] std::vector<const Gate *> gates() const;
    /// The check of the review `id`, or nullptr.
    [[nodiscard]] const ReviewCheck *checkOf(const std::string &reviewId) const;
    /// The SHA256SUMS text, in sha256sum's own format ("HASH  path" a line).
    [[nodiscard]] std::string sumsText() const;
};

/// The longest annotated line quoted in a packet (longer lines end in "…").
inline constexpr std::size_t kQuotedLineChars = 240;

/// Columns a figure is reduced to: series with more than twice as many points become envelopes.
inline constexpr int kFigureColumns = 480;

/// Loads the packet's data. nullopt with problems when the project, revision or gate is absent
/// or the work was cancelled.
[[nodiscard]] std::optional<PacketModel> collectPacket(Store &store, const PacketRequest &request, Problems &problems,
                                                       const CancelToken *cancel = nullptr);

/// Reduces one sub-series for drawing (exposed for tests).
[[nodiscard]] FigureSeries reduceSeries(const SeriesData &data, MetricKind kind, int columns);

/// The "ssh-keygen -Y verify" command an auditor runs in the exported archive's folder.
[[nodiscard]] std::string verifyCommand(const std::string &email, const std::string &reviewId);

} // namespace mltrl::packet
