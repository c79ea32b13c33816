// "Changes since the last signed review": shown whenever the packet's revision is not the one
// the last signed review of its gates was made on. From core's revision diff (collected in
// collectPacket): criteria observed / suggested old → new, thresholds, evidence added, changed
// or moved, and every review the changes made stale, with the verifier's reasons.
#include "ui/packet/PacketSections.h"

#include <map>

namespace mltrl::packet {

namespace {

constexpr std::size_t kMaxChangeRows = 600; // a huge revision: the rest is counted, `mltrl diff` lists it

/// What a change did, in words: "moved", "bytes changed", "added", "threshold", …
QString changeWords(const Change &c)
{
    if (c.what == "added" || c.what == "removed")
        return qs(c.what);
    if (c.kind == ChangeKind::Evidence || c.kind == ChangeKind::Metric) {
        if (c.what == "path")
            return QStringLiteral("moved");
        if (c.what == "bytes")
            return QStringLiteral("bytes changed");
    }
    return qs(c.what);
}

/// One side of a change: numbers rounded for reading, file hashes by their first 16 digits
/// (the full ones are in the evidence index and the verification appendix).
TableCell valueCell(const Change &c, const nlohmann::json &v, const PacketFonts &fonts)
{
    if (v.is_number())
        return {readableNumber(v.get<double>()), &fonts.monoSmall, Qt::transparent, 1, true};
    if (c.what == "bytes" && v.is_string() && v.get<std::string>().size() == 64)
        return {qs(v.get<std::string>().substr(0, 16)) + QStringLiteral("…"), &fonts.monoSmall, Qt::transparent, 1,
                true};
    if (c.what == "added" || c.what == "removed")
        return {QString(), &fonts.small};
    return {qs(displayValue(v, 60)), &fonts.small};
}

} // namespace

void changesSection(PageFlow &f, const PacketModel &m, const PacketFonts &fonts)
{
    if (!m.changes || !m.lastReview)
        return;
    const RevisionDiff &d = *m.changes;
    f.pageBreak();
    f.heading(QStringLiteral("Changes since the last signed review"));
    f.paragraph(
        QStringLiteral("The last signed review of this packet's gates, %1 of %2 by %3, was made on revision %4. "
                       "This packet shows revision %5. What changed in between (%6 change%7):")
            .arg(reviewTag(*m.lastReview), qs(m.lastReview->gateId), qs(m.lastReview->reviewerEmail))
            .arg(d.fromRevision)
            .arg(d.toRevision)
            .arg(d.changes.size())
            .arg(d.changes.size() == 1 ? QString() : QStringLiteral("s")),
        fonts.body);
    if (d.changes.empty()) {
        f.paragraph(QStringLiteral("(no change in the manifest or its files)"), fonts.body);
    } else {
        std::vector<TableRow> rows;
        for (std::size_t i = 0; i < d.changes.size() && i < kMaxChangeRows; ++i) {
            const Change &c = d.changes[i];
            rows.push_back({{qs(std::string(toString(c.kind))) + QStringLiteral(" ") + qs(c.id), &fonts.monoSmall},
                            {changeWords(c), &fonts.small},
                            valueCell(c, c.oldValue, fonts),
                            valueCell(c, c.newValue, fonts)});
        }
        f.table(
            {0.30, 0.16, 0.27, 0.27},
            {{QStringLiteral("item")}, {QStringLiteral("change")}, {QStringLiteral("old")}, {QStringLiteral("new")}},
            rows);
        if (d.changes.size() > kMaxChangeRows)
            f.paragraph(
                QStringLiteral("… and %1 more %2: mltrl diff %3 --from %4 --to %5 lists every one.")
                    .arg(d.changes.size() - kMaxChangeRows)
                    .arg(d.changes.size() - kMaxChangeRows == 1 ? QStringLiteral("change") : QStringLiteral("changes"))
                    .arg(qs(d.projectId))
                    .arg(d.fromRevision)
                    .arg(d.toRevision),
                fonts.small);
    }
    f.subheading(QStringLiteral("Reviews made stale"));
    bool any = false;
    for (const ReviewImpact &r : d.reviews) {
        if (r.status != "stale" && r.reasons.empty())
            continue;
        any = true;
        f.paragraph(
            QStringLiteral("Review %1 of %2 by %3 (%4): %5")
                .arg(qs(r.reviewId.substr(0, 8)), qs(r.gate), qs(r.reviewerEmail), qs(r.signedAt), qs(r.status)),
            fonts.bold);
        for (const std::string &why : r.reasons)
            f.paragraph(qs(why), fonts.small, Qt::black, 10);
    }
    if (!any)
        f.paragraph(
            QStringLiteral("(none: no review of revision %1 is made stale by these changes)").arg(d.fromRevision),
            fonts.body);
}

} // namespace mltrl::packet
