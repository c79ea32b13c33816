#include "ui/packet/PacketModel.h"

#include "core/common/Rfc3339.h"
#include "ui/common/ImageBatch.h"
#include "ui/common/PdfProcess.h"
#include "ui/common/SafeImage.h"

#include "core/metrics/Envelope.h"
#include "core/review/ProjectReviews.h"
#include "core/review/ReviewBuilder.h"
#include "core/store/Store.h"
#include "ui/packet/PacketCollect.h"

#include <QFile>
#include <QFileInfo>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <variant>

namespace mltrl::packet {

using ui::SafeImage;

std::vector<const Gate *> PacketModel::gates() const
{
    std::vector<const Gate *> out;
    for (const Gate &g : revision.manifest.gates)
        if (!gate || g.id == *gate)
            out.push_back(&g);
    return out;
}

const ReviewCheck *PacketModel::checkOf(const std::string &reviewId) const
{
    for (std::size_t i = 0; i < reviews.size(); ++i)
        if (reviews[i].id == reviewId)
            return &checks[i];
    return nullptr;
}

std::string PacketModel::sumsText() const
{
    std::string out;
    for (const ListedFile &f : sums)
        out += f.sha256 + "  " + f.path + "\n";
    return out;
}

namespace {

bool finite(double v)
{
    return std::isfinite(v);
}

/// Every point of (x, ys) with finite coordinates, in the given order.
std::vector<QPointF> everyPoint(const std::vector<double> &x, const std::vector<double> &ys)
{
    std::vector<QPointF> out;
    out.reserve(std::min(x.size(), ys.size()));
    for (std::size_t i = 0; i < x.size() && i < ys.size(); ++i)
        if (finite(x[i]) && finite(ys[i]))
            out.emplace_back(x[i], ys[i]);
    return out;
}

/// The per-column minima (`wantMax` false) or maxima of (x, ys) over [from, to].
std::vector<QPointF> envelopeSide(const std::vector<double> &x, const std::vector<double> &ys, double from, double to,
                                  int columns, bool wantMax, std::vector<QPointF> *other = nullptr)
{
    const Envelope env(x, ys);
    std::vector<QPointF> out;
    for (const Envelope::Column &c : env.columns(from, to, columns)) {
        if (c.count == 0 || !finite(c.yMin) || !finite(c.yMax))
            continue;
        const double centre = (c.xFrom + c.xTo) / 2;
        out.emplace_back(centre, wantMax ? c.yMax : c.yMin);
        if (other)
            other->emplace_back(centre, c.yMax);
    }
    return out;
}

} // namespace

FigureSeries reduceSeries(const SeriesData &data, MetricKind kind, int columns)
{
    FigureSeries s;
    s.name = data.name;
    s.points = data.size();
    const bool hasBand = !data.lower.empty() && !data.upper.empty();
    if (kind == MetricKind::Groups || data.size() <= static_cast<std::size_t>(2 * columns)) {
        s.line = everyPoint(data.x, data.y);
        if (hasBand) {
            s.bandLow = everyPoint(data.x, data.lower);
            s.bandHigh = everyPoint(data.x, data.upper);
        }
        return s;
    }
    double from = INFINITY, to = -INFINITY;
    for (double v : data.x)
        if (finite(v)) {
            from = std::min(from, v);
            to = std::max(to, v);
        }
    if (!(from <= to))
        return s;
    s.envelope = true;
    s.low = envelopeSide(data.x, data.y, from, to, columns, false, &s.high);
    if (hasBand) {
        s.bandLow = envelopeSide(data.x, data.lower, from, to, columns, false);
        s.bandHigh = envelopeSide(data.x, data.upper, from, to, columns, true);
    }
    return s;
}

std::string verifyCommand(const std::string &email, const std::string &reviewId)
{
    // Single quotes keep the e-mail literal for any POSIX shell; a quote inside is closed,
    // escaped and reopened.
    std::string quoted = "'";
    for (char c : email)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    quoted += "'";
    return "ssh-keygen -Y verify -f allowed_signers -I " + quoted + " -n mltrl-gate-review -s reviews/" + reviewId +
           ".json.sig < reviews/" + reviewId + ".json";
}

namespace {

/// The annotated rectangle [x, y, w, h] of an evidence target (PDF points or image pixels,
/// from the top-left corner), when it has one.
std::optional<QRectF> targetRect(const nlohmann::json &target)
{
    const auto r = target.find("rect");
    if (r == target.end() || !r->is_array() || r->size() != 4)
        return std::nullopt;
    QRectF rect((*r)[0].get<double>(), (*r)[1].get<double>(), (*r)[2].get<double>(), (*r)[3].get<double>());
    if (!rect.isValid())
        return std::nullopt;
    return rect;
}

/// Cuts `rect` (in `image` pixels) with a margin out of `image` and draws the rectangle.
QImage cropWithFrame(const QImage &image, QRectF rect, double pixelsPerUnit)
{
    const QRectF px(rect.x() * pixelsPerUnit, rect.y() * pixelsPerUnit, rect.width() * pixelsPerUnit,
                    rect.height() * pixelsPerUnit);
    const double margin = std::max(24.0, 0.25 * std::max(px.width(), px.height()));
    const QRect area = px.adjusted(-margin, -margin, margin, margin).toAlignedRect().intersected(image.rect());
    if (area.isEmpty())
        return {};
    // RGB without alpha (an alpha channel would add a soft-mask image to the PDF), on white
    // paper: PDF pages render onto transparency, and PNGs may have some.
    QImage crop(area.size(), QImage::Format_RGB888);
    crop.fill(Qt::white);
    QPainter p(&crop);
    p.drawImage(QPointF(0, 0), image, QRectF(area));
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(QColor(0xd0, 0x10, 0x10), std::max(2.0, pixelsPerUnit * 1.5)));
    p.setBrush(Qt::NoBrush);
    p.drawRect(px.translated(-area.topLeft()));
    p.end();
    return crop;
}

/// Pixels of a PDF page rendered for a crop at most.
constexpr qint64 kPdfPixelBudget = ui::pdf::kRenderPixelBudget;
/// Image evidence larger than this is not cropped (the viewer reads no more either).
constexpr qint64 kMaxCropImageBytes = 256LL * 1024 * 1024;

/// What an annotation crops: a region of a PDF page or of an image evidence file.
struct CropTarget {
    const Evidence *evidence = nullptr;
    QRectF rect;
    QString path; ///< the stored file
    bool pdf = false;
    int page = 1;
};

std::optional<CropTarget> cropTarget(Store &store, const RevisionData &rev, const Annotation &a)
{
    const auto ev = a.target.find("evidence");
    if (ev == a.target.end() || !ev->is_string())
        return std::nullopt;
    const std::optional<QRectF> rect = targetRect(a.target);
    const Evidence *evidence = rev.manifest.findEvidence(ev->get<std::string>());
    const StoredFile *file = evidence ? rev.fileFor(evidence->path) : nullptr;
    if (!rect || !file)
        return std::nullopt;
    CropTarget t;
    t.evidence = evidence;
    t.rect = *rect;
    t.path = QString::fromStdString(store.blobs().pathFor(file->sha256).string());
    t.pdf = evidence->mediaType == "application/pdf" || evidence->path.ends_with(".pdf");
    t.page = a.target.value("page", 1);
    if (!t.pdf && !evidence->mediaType.starts_with("image/"))
        return std::nullopt;
    return t;
}

/// The crop of a PDF page's region, or why there is none.
std::variant<EvidenceCrop, QString> pdfCrop(const CropTarget &t)
{
    // Parsed and rendered by the PDF's decoder process (docs/security.md): a PDF that
    // crashes pdfium or passes its limits leaves the packet without this crop, saying why.
    ui::PdfProcess doc;
    doc.open(t.path);
    if (!doc.waitForReady())
        return doc.failure();
    if (t.page < 1 || t.page > doc.pageCount())
        return QStringLiteral("the PDF has no page %1").arg(t.page);
    const QSizeF pt = doc.pagePointSize(t.page - 1);
    if (!(pt.width() > 0 && pt.height() > 0))
        return QStringLiteral("the page is empty");
    // 144 dpi (legible, small), less for a page so large that this would pass the pixel
    // budget: a 14400 pt square page must not take gigabytes.
    const double scale = std::min(2.0, std::sqrt(double(kPdfPixelBudget) / (pt.width() * pt.height())));
    ui::pdf::Request request;
    request.op = ui::pdf::Op::Render;
    request.page = t.page - 1;
    request.scaledSize = QSize(std::max(1, int(pt.width() * scale)), std::max(1, int(pt.height() * scale)));
    const std::optional<ui::pdf::Reply> rendered = doc.call(request, 60000);
    if (!rendered)
        return doc.failure();
    if (rendered->image.isNull())
        return rendered->error.isEmpty() ? QStringLiteral("the page did not render") : rendered->error;
    EvidenceCrop crop;
    crop.image = cropWithFrame(rendered->image, t.rect, scale);
    crop.caption = QStringLiteral("%1, page %2, region at (%3, %4) pt, %5 × %6 pt")
                       .arg(QString::fromStdString(t.evidence->id))
                       .arg(t.page)
                       .arg(t.rect.x())
                       .arg(t.rect.y())
                       .arg(t.rect.width())
                       .arg(t.rect.height());
    if (crop.image.isNull())
        return QStringLiteral("the region lies outside the page");
    return crop;
}

/// The crops of every annotated region: PDF pages one by one, images in one decoder process
/// (each file decoded once, as the viewer decodes it: same pixels, so the region's coordinates
/// match; within the pixel budget, an SVG without anything outside the archive).
void collectCrops(Store &store, PacketModel &m, const std::function<bool()> &cancelled)
{
    struct ImageCrop {
        const Annotation *annotation;
        CropTarget target;
        std::size_t item;
    };
    std::vector<ImageCrop> imageCrops;
    std::vector<ui::imagebatch::Item> items;
    std::map<QString, std::size_t> itemOf; // stored file → item
    for (const Annotation &a : m.annotations) {
        if (cancelled())
            return;
        const std::optional<CropTarget> t = cropTarget(store, m.revision, a);
        if (!t)
            continue;
        if (t->pdf) {
            std::variant<EvidenceCrop, QString> crop = pdfCrop(*t);
            if (auto *c = std::get_if<EvidenceCrop>(&crop))
                m.crops.emplace(a.id, std::move(*c));
            else
                m.cropsNotShown.emplace(a.id, std::get<QString>(crop));
            continue;
        }
        auto [it, added] = itemOf.emplace(t->path, items.size());
        if (added) {
            ui::imagebatch::Item item;
            item.path = t->path;
            item.maxBytes = kMaxCropImageBytes;
            item.mediaType = QString::fromStdString(t->evidence->mediaType);
            item.suffix = QFileInfo(QString::fromStdString(t->evidence->path)).suffix();
            items.push_back(item);
        }
        imageCrops.push_back({&a, *t, it->second});
    }
    ui::imagebatch::decode(
        items,
        [&](std::size_t i, SafeImage::Result decoded) {
            for (const ImageCrop &c : imageCrops) {
                if (c.item != i)
                    continue;
                if (decoded.image.isNull()) {
                    m.cropsNotShown.emplace(c.annotation->id, decoded.error);
                    continue;
                }
                EvidenceCrop crop;
                crop.image = cropWithFrame(decoded.image, c.target.rect, 1.0);
                crop.caption = QStringLiteral("%1, region at (%2, %3) px, %4 × %5 px")
                                   .arg(QString::fromStdString(c.target.evidence->id))
                                   .arg(c.target.rect.x())
                                   .arg(c.target.rect.y())
                                   .arg(c.target.rect.width())
                                   .arg(c.target.rect.height());
                if (crop.image.isNull())
                    m.cropsNotShown.emplace(c.annotation->id, QStringLiteral("the region lies outside the image"));
                else
                    m.crops.emplace(c.annotation->id, std::move(crop));
            }
        },
        cancelled);
}

} // namespace

std::optional<PacketModel> collectPacket(Store &store, const PacketRequest &request, Problems &problems,
                                         const CancelToken *cancel)
{
    auto cancelled = [&] {
        if (cancel && cancel->isCancelled()) {
            problems.error("packet", "cancelled");
            return true;
        }
        return false;
    };
    auto rev = loadRevision(store, request.project, request.revision, problems);
    if (!rev)
        return std::nullopt;
    PacketModel m;
    m.revision = std::move(*rev);
    m.gate = request.gate;
    if (m.gate && !m.revision.manifest.findGate(*m.gate)) {
        problems.error("packet", "project " + request.project + " has no gate \"" + *m.gate + "\"");
        return std::nullopt;
    }
    m.generatedAt = utcNow();

    // Every review of the project is checked against this revision (like `mltrl reviews`);
    // gate status counts them all, the packet lists those of its gates.
    const VerifiedReviews verified = verifyProjectReviews(store, m.revision, request.signers, request.roles);
    const std::vector<StoredReview> &stored = verified.stored;
    const std::vector<ReviewCheck> &all = verified.checks;
    const std::vector<ReviewStanding> &standings = verified.standings;
    for (const Gate *g : m.gates()) {
        m.gateStatus[g->id] = gateStatus(*g, all, standings);
        m.passedWithoutReview[g->id] = passedWithoutReview(m.revision.manifest, *g, m.gateStatus[g->id]);
    }
    for (std::size_t i = 0; i < stored.size(); ++i)
        if (!m.gate || stored[i].gateId == *m.gate) {
            m.reviews.push_back(stored[i]);
            m.checks.push_back(all[i]);
            m.standings.push_back(standings[i]);
            m.supersededBy.push_back(standings[i].supersededBy ? std::optional(stored[*standings[i].supersededBy])
                                                               : std::nullopt);
        }

    m.annotations = AnnotationStore(store.db()).forRevision(m.revision.overview.revisionId);
    collectCrops(store, m, [cancel] { return cancel && cancel->isCancelled(); });
    if (cancelled())
        return std::nullopt;
    collectAuditParts(store, request, m, problems);

    // One figure per metric that a criterion of the packet's gates references.
    std::map<std::string, std::size_t> figureOf;
    for (const Gate *g : m.gates())
        for (const Criterion &c : g->criteria) {
            const Metric *metric = c.isQuantitative() ? m.revision.manifest.findMetric(c.metric) : nullptr;
            if (!metric)
                continue;
            auto [it, added] = figureOf.emplace(metric->id, m.figures.size());
            if (added)
                m.figures.push_back(MetricFigure{*metric, {}, {}, {}, {}});
            m.figures[it->second].criteria.push_back(c);
            m.figures[it->second].gates.push_back(g->id);
        }
    for (MetricFigure &f : m.figures) {
        if (cancelled())
            return std::nullopt;
        const std::optional<MetricData> data = loadMetricData(store, m.revision.overview.revisionId, f.metric.id);
        if (!data)
            continue;
        f.groupLabels = data->groupLabels;
        for (const SeriesData &s : data->series)
            f.series.push_back(reduceSeries(s, data->kind, kFigureColumns));
    }
    return m;
}

} // namespace mltrl::packet
