// Shared words of the packet (reviews named by id, outcome and time; numbers for reading; the
// gate status line) and the "Review history" section: superseded reviews, out of the cover
// and summary, each marked with the review that replaced it (G3).
#include "ui/packet/PacketSections.h"

#include <cmath>

namespace mltrl::packet {

QString readableNumber(double value)
{
    if (!std::isfinite(value))
        return qs(shortestDouble(value));
    if (value == std::trunc(value) && std::abs(value) < 1e15)
        return QString::number(value, 'f', 0);
    if (std::abs(value) >= 1e5)
        return QString::number(value, 'f', 0);
    return QString::number(value, 'g', 5);
}

QString reviewTag(const StoredReview &r)
{
    return QStringLiteral("review %1 (%2, %3)").arg(qs(r.id.substr(0, 8)), qs(r.outcome), qs(r.signedAt));
}

QString supersededWords(const StoredReview &by)
{
    return QStringLiteral("superseded by %1, %2, %3").arg(qs(by.id), qs(by.reviewerEmail), qs(by.signedAt));
}

QString gateStatusLine(const PacketModel &m, const std::string &gateId)
{
    const auto status = m.gateStatus.find(gateId);
    if (status == m.gateStatus.end())
        return {};
    QString s = qs(describe(status->second));
    s += QStringLiteral(" (%1 review%2 counted)")
             .arg(status->second.counted)
             .arg(status->second.counted == 1 ? QString() : QStringLiteral("s"));
    if (const auto g7 = m.passedWithoutReview.find(gateId); g7 != m.passedWithoutReview.end() && g7->second)
        s += QStringLiteral(" — passed without a signed review in this store");
    return s;
}

std::vector<std::size_t> reviewsInEffect(const PacketModel &m)
{
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < m.reviews.size(); ++i)
        if (i >= m.standings.size() || !m.standings[i].supersededBy)
            out.push_back(i);
    return out;
}

void reviewHistorySection(PageFlow &f, const PacketModel &m, const PacketFonts &fonts)
{
    f.heading(QStringLiteral("Review history"));
    f.paragraph(QStringLiteral("Reviews taken back by their own signer (amendment 1.1, G3: only a later review signed "
                               "with the same key supersedes). They no longer count and are not on the cover or in "
                               "the summary; they are kept here, and in the signatures and attachments, because "
                               "their signatures still hold."),
                fonts.small);
    bool any = false;
    for (std::size_t i = 0; i < m.reviews.size(); ++i) {
        if (i >= m.supersededBy.size() || !m.supersededBy[i])
            continue;
        any = true;
        const StoredReview &r = m.reviews[i];
        const ReviewCheck &c = m.checks[i];
        f.paragraph(QStringLiteral("%1 — %2 by %3 <%4>")
                        .arg(reviewTag(r), qs(r.gateId), c.record ? qs(c.record->reviewer.name) : QString(),
                             qs(r.reviewerEmail)),
                    fonts.bold);
        f.paragraph(supersededWords(*m.supersededBy[i]), fonts.monoSmall, QColor(0x8a, 0x1c, 0x1c), 10);
        if (c.record && c.record->decision.rationale)
            f.paragraph(QStringLiteral("Rationale: ") + qs(*c.record->decision.rationale), fonts.body, Qt::black, 10);
        if (c.record)
            for (const std::string &cond : c.record->decision.conditions)
                f.paragraph(QStringLiteral("Condition: ") + qs(cond), fonts.body, Qt::black, 10);
    }
    if (!any)
        f.paragraph(QStringLiteral("No review of this packet has been superseded."), fonts.body);
    // Supersessions that took no effect (G3: another key named the review) are warnings.
    for (std::size_t i = 0; i < m.reviews.size() && i < m.standings.size(); ++i)
        for (const std::string &w : m.standings[i].warnings)
            f.paragraph(QStringLiteral("Warning on %1: %2").arg(reviewTag(m.reviews[i]), qs(w)), fonts.body,
                        QColor(0x8a, 0x1c, 0x1c));
}

} // namespace mltrl::packet
