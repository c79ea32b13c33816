#include "evidence/EvidenceFactsView.h"

#include "manifest/Manifest.h"
#include "session/ProjectContext.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QUrl>

#include <algorithm>

namespace mltrl::ui {

namespace {

bool cites(const std::vector<std::string> &evidence, const std::string &id)
{
    return std::find(evidence.begin(), evidence.end(), id) != evidence.end();
}

QString link(const QString &href, const QString &text)
{
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(href.toHtmlEscaped(), text.toHtmlEscaped());
}

QString sizeText(qint64 size)
{
    if (size < 0)
        return QStringLiteral("not stored");
    return QStringLiteral("%1 (%2 bytes)").arg(QLocale().formattedDataSize(size), QLocale().toString(size));
}

} // namespace

EvidenceFactsView::EvidenceFactsView(ProjectContext *context, QWidget *parent)
    : QWidget(parent), m_context(context), m_form(new QFormLayout(this))
{
    setObjectName(QStringLiteral("evidenceFacts"));
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_id = addRow(QStringLiteral("Id"));
    m_title = addRow(QStringLiteral("Title"));
    m_kind = addRow(QStringLiteral("Kind"));
    m_level = addRow(QStringLiteral("Level"));
    m_mediaType = addRow(QStringLiteral("Media type"));
    m_path = addRow(QStringLiteral("File"));
    m_size = addRow(QStringLiteral("Size"));
    m_sha = new QLineEdit(this);
    m_sha->setObjectName(QStringLiteral("evidenceSha256"));
    m_sha->setReadOnly(true);
    m_sha->setFrame(false);
    m_sha->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_form->addRow(QStringLiteral("SHA-256"), m_sha);
    m_created = addRow(QStringLiteral("Created"));
    m_citedBy = addRow(QStringLiteral("Cited by"));
    m_citedBy->setObjectName(QStringLiteral("evidenceLinks"));
    m_citedBy->setTextFormat(Qt::RichText);
    m_citedBy->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(m_citedBy, &QLabel::linkActivated, this, &EvidenceFactsView::activateLink);
}

QLabel *EvidenceFactsView::addRow(const QString &name)
{
    auto *value = new QLabel(this);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    value->setWordWrap(true);
    m_form->addRow(name, value);
    return value;
}

QString EvidenceFactsView::shaText() const
{
    return m_sha->text();
}

void EvidenceFactsView::clear()
{
    for (QLabel *l : {m_id, m_title, m_kind, m_level, m_mediaType, m_path, m_size, m_created, m_citedBy})
        l->clear();
    m_sha->clear();
    m_links.clear();
}

void EvidenceFactsView::setEvidence(const EvidenceSource &s, const Manifest &manifest)
{
    m_id->setText(s.id);
    m_title->setText(s.title);
    m_kind->setText(s.kind);
    m_level->setText(s.level ? QString::number(*s.level) : QStringLiteral("—"));
    m_mediaType->setText(s.mediaType.isEmpty() ? QStringLiteral("—") : s.mediaType);
    m_path->setText(s.archivePath);
    m_size->setText(sizeText(s.size));
    m_sha->setText(s.sha256);
    m_sha->setCursorPosition(0);
    m_sha->setToolTip(s.sha256);
    m_created->setText(s.created.isEmpty() ? QStringLiteral("—") : s.created);

    const std::string id = s.id.toStdString();
    m_links.clear();
    QStringList lines;
    for (const Gate &g : manifest.gates)
        for (const Criterion &c : g.criteria)
            if (cites(c.evidence, id)) {
                const QString href = QStringLiteral("criterion:%1/%2").arg(QString::fromStdString(g.id), QString::fromStdString(c.id));
                m_links << href;
                lines << QStringLiteral("Criterion ") + link(href, QStringLiteral("%1 · %2").arg(QString::fromStdString(g.id), QString::fromStdString(c.id)));
            }
    for (const Requirement &r : manifest.requirements)
        if (cites(r.evidence, id)) {
            const QString href = QStringLiteral("requirement:%1").arg(QString::fromStdString(r.id));
            m_links << href;
            lines << QStringLiteral("Requirement ") + link(href, QString::fromStdString(r.id));
        }
    for (const Card &c : manifest.cards)
        if (cites(c.evidence, id)) {
            const QString href = QStringLiteral("card:%1/%2").arg(c.level).arg(QString::fromStdString(c.component));
            m_links << href;
            const QString name = c.component.empty() ? QStringLiteral("level %1").arg(c.level)
                                                     : QStringLiteral("level %1, %2").arg(c.level).arg(QString::fromStdString(c.component));
            lines << QStringLiteral("Card ") + link(href, name);
        }
    m_citedBy->setText(lines.isEmpty() ? QStringLiteral("nothing cites this evidence") : lines.join(QStringLiteral("<br>")));
}

void EvidenceFactsView::activateLink(const QString &href)
{
    const QString kind = href.section(QLatin1Char(':'), 0, 0);
    const QString target = href.section(QLatin1Char(':'), 1);
    if (kind == QLatin1String("criterion")) {
        emit m_context->showCriterion(target.section(QLatin1Char('/'), 0, 0), target.section(QLatin1Char('/'), 1));
    } else if (kind == QLatin1String("requirement")) {
        emit m_context->showRequirement(target);
    } else if (kind == QLatin1String("card")) {
        emit m_context->showCard(target.section(QLatin1Char('/'), 0, 0).toInt(), target.section(QLatin1Char('/'), 1));
    }
}

} // namespace mltrl::ui
