#include "cards/CardMarkdown.h"

#include "store/RevisionData.h"

#include <QObject>
#include <QUrl>

namespace mltrl::ui {

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

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
        QString label = q(id);
        if (r && scheme == QStringLiteral("evidence"))
            if (const Evidence *e = r->manifest.findEvidence(id); e && !e->title.empty())
                label = QStringLiteral("%1 (%2)").arg(q(e->title), q(id));
        if (r && scheme == QStringLiteral("requirement"))
            if (const Requirement *req = r->manifest.findRequirement(id))
                label = QStringLiteral("%1 — %2").arg(q(id), q(req->text));
        QUrl url;
        url.setScheme(scheme);
        url.setPath(q(id));
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
    const QString component = card.component.empty() ? QObject::tr("system") : q(card.component);
    QString md = QStringLiteral("## %1\n\n").arg(escapeMarkdown(QObject::tr("Level %1 — %2").arg(card.level).arg(component)));
    if (!card.updated.empty())
        md += QObject::tr("*Updated %1*\n\n").arg(escapeMarkdown(q(card.updated)));
    md += section(QObject::tr("TL;DR"), q(card.tldr));
    md += section(QObject::tr("Model info"), q(card.modelInfo));
    md += section(QObject::tr("Intended use"), q(card.intendedUse));
    md += section(QObject::tr("Testing status"), q(card.testingStatus));
    md += section(QObject::tr("Data considerations"), q(card.dataConsiderations));
    md += section(QObject::tr("Caveats"), q(card.caveats));
    QString debrief;
    for (const DebriefItem &d : card.debrief)
        debrief += QStringLiteral("**%1**\n\n%2\n\n").arg(escapeMarkdown(q(d.question)), q(d.answer).trimmed());
    md += section(QObject::tr("Debrief"), debrief);
    md += QStringLiteral("### %1\n\n%2\n").arg(QObject::tr("Requirements"), linkList(card.requirements, QStringLiteral("requirement"), r));
    md += QStringLiteral("### %1\n\n%2\n").arg(QObject::tr("Evidence"), linkList(card.evidence, QStringLiteral("evidence"), r));
    return md;
}

} // namespace mltrl::ui
