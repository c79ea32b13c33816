#include "ui/evidence/EvidenceFacts.h"

#include "core/common/QtText.h"
#include "core/manifest/Manifest.h"

#include <QLocale>

#include <algorithm>

namespace mltrl::ui {

namespace {

bool cites(const std::vector<std::string> &evidence, const std::string &id)
{
    return std::find(evidence.begin(), evidence.end(), id) != evidence.end();
}

QString sizeText(qint64 size)
{
    if (size < 0)
        return QStringLiteral("not stored");
    return QStringLiteral("%1 (%2 bytes)").arg(QLocale().formattedDataSize(size), QLocale().toString(size));
}

QString orDash(const QString &s)
{
    return s.isEmpty() ? QStringLiteral("—") : s;
}

} // namespace

EvidenceFacts EvidenceFacts::of(const EvidenceSource &s, const Manifest &manifest)
{
    EvidenceFacts out;
    out.title = QStringLiteral("Evidence %1").arg(s.id);
    out.facts = {{QStringLiteral("Id"), s.id},
                 {QStringLiteral("Title"), orDash(s.title)},
                 {QStringLiteral("Kind"), orDash(s.kind)},
                 {QStringLiteral("Level"), s.level ? QString::number(*s.level) : QStringLiteral("—")},
                 {QStringLiteral("Media type"), orDash(s.mediaType)},
                 {QStringLiteral("File"), s.archivePath},
                 {QStringLiteral("Size"), sizeText(s.size)},
                 {QStringLiteral("SHA-256"), s.sha256},
                 {QStringLiteral("Created"), orDash(s.created)}};

    const std::string id = s.id.toStdString();
    for (const Gate &g : manifest.gates)
        for (const Criterion &c : g.criteria)
            if (cites(c.evidence, id))
                out.links.append({QStringLiteral("Criterion %1 · %2").arg(qs(g.id), qs(c.id)),
                                  QStringLiteral("criterion:%1/%2").arg(qs(g.id), qs(c.id))});
    for (const Requirement &r : manifest.requirements)
        if (cites(r.evidence, id))
            out.links.append(
                {QStringLiteral("Requirement %1").arg(qs(r.id)), QStringLiteral("requirement:%1").arg(qs(r.id))});
    for (const Card &c : manifest.cards)
        if (cites(c.evidence, id)) {
            const QString name = c.component.empty()
                                     ? QStringLiteral("Card, level %1").arg(c.level)
                                     : QStringLiteral("Card, level %1, %2").arg(c.level).arg(qs(c.component));
            out.links.append({name, QStringLiteral("card:%1/%2").arg(c.level).arg(qs(c.component))});
        }
    return out;
}

QString EvidenceFacts::fact(const QString &label) const
{
    for (const auto &[name, value] : facts)
        if (name == label)
            return value;
    return {};
}

QStringList EvidenceFacts::hrefs() const
{
    QStringList out;
    for (const auto &link : links)
        out << link.second;
    return out;
}

} // namespace mltrl::ui
