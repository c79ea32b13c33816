#include "ui/cards/CardMarkdown.h"

#include "core/common/QtText.h"
#include "core/store/RevisionData.h"

#include <QObject>
#include <QUrl>

namespace mltrl::ui {

namespace {

QString section(const QString &title, const QString &markdown)
{
    const QString body = markdown.trimmed().isEmpty() ? QObject::tr("*(empty)*") : markdown.trimmed();
    return QStringLiteral("### %1\n\n%2\n\n").arg(escapeMarkdown(title), body);
}

QString linkList(const std::vector<std::string> &ids, const QString &scheme, const RevisionData *r)
{
    if (ids.empty())
        return QObject::tr("*(none)*");
    QString out;
    for (const std::string &id : ids) {
        QString label = qs(id);
        if (r && scheme == QStringLiteral("evidence"))
            if (const Evidence *e = r->manifest.findEvidence(id); e && !e->title.empty())
                label = QStringLiteral("%1 (%2)").arg(qs(e->title), qs(id));
        if (r && scheme == QStringLiteral("requirement"))
            if (const Requirement *req = r->manifest.findRequirement(id))
                label = QStringLiteral("%1 — %2").arg(qs(id), qs(req->text));
        QUrl url;
        url.setScheme(scheme);
        url.setPath(qs(id));
        out += QStringLiteral("- [%1](<%2>)\n").arg(escapeMarkdown(label), url.toString(QUrl::FullyEncoded));
    }
    return out;
}

} // namespace

QString escapeMarkdown(const QString &text)
{
    static const QString special = QStringLiteral("\\`*_{}[]()<>#+-.!|~");
    QString out;
    out.reserve(text.size() + 8);
    for (const QChar c : text) {
        if (special.contains(c))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

QString cardMarkdown(const Card &card, const RevisionData *r)
{
    const QString component = card.component.empty() ? QObject::tr("system") : qs(card.component);
    QString md =
        QStringLiteral("## %1\n\n").arg(escapeMarkdown(QObject::tr("Level %1 — %2").arg(card.level).arg(component)));
    if (!card.updated.empty())
        md += QObject::tr("*Updated %1*\n\n").arg(escapeMarkdown(qs(card.updated)));
    md += section(QObject::tr("TL;DR"), qs(card.tldr));
    md += section(QObject::tr("Model info"), qs(card.modelInfo));
    md += section(QObject::tr("Intended use"), qs(card.intendedUse));
    md += section(QObject::tr("Testing status"), qs(card.testingStatus));
    md += section(QObject::tr("Data considerations"), qs(card.dataConsiderations));
    md += section(QObject::tr("Caveats"), qs(card.caveats));
    QString debrief;
    for (const DebriefItem &d : card.debrief)
        debrief += QStringLiteral("**%1**\n\n%2\n\n").arg(escapeMarkdown(qs(d.question)), qs(d.answer).trimmed());
    md += section(QObject::tr("Debrief"), debrief);
    md += QStringLiteral("### %1\n\n%2\n")
              .arg(QObject::tr("Requirements"), linkList(card.requirements, QStringLiteral("requirement"), r));
    md += QStringLiteral("### %1\n\n%2\n")
              .arg(QObject::tr("Evidence"), linkList(card.evidence, QStringLiteral("evidence"), r));
    return md;
}

} // namespace mltrl::ui
