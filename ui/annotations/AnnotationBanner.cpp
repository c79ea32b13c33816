#include "ui/annotations/AnnotationBanner.h"

#include "ui/annotations/AnnotationStyle.h"
#include "ui/session/ProjectContext.h"

#include <QBoxLayout>
#include <QLabel>
#include <QToolButton>

#include <algorithm>
#include <utility>

namespace mltrl::ui {

namespace {

QString firstLine(const std::string &text, int max)
{
    const QString line = QString::fromStdString(text).section(QLatin1Char('\n'), 0, 0).trimmed();
    return line.size() > max ? line.left(max - 1) + QChar(0x2026) : line;
}

/// The box layout (anywhere under `layout`) that holds `widget` directly, and its index there.
QBoxLayout *boxHolding(QLayout *layout, QWidget *widget, int *index)
{
    if (!layout)
        return nullptr;
    for (int i = 0; i < layout->count(); ++i) {
        QLayoutItem *item = layout->itemAt(i);
        if (item->widget() == widget) {
            *index = i;
            return qobject_cast<QBoxLayout *>(layout);
        }
        if (QBoxLayout *inner = boxHolding(item->layout(), widget, index))
            return inner;
    }
    return nullptr;
}

} // namespace

QString placeOnEvidence(const nlohmann::json &t)
{
    const auto number = [&t](const char *key) { return QString::number(t[key].get<double>(), 'g', 10); };
    const bool page = t.contains("page") && t["page"].is_number();
    if (t.contains("rect"))
        return page ? QStringLiteral("region on page %1").arg(number("page")) : QStringLiteral("region");
    if (t.contains("line") && t["line"].is_number())
        return QStringLiteral("line %1").arg(number("line"));
    if (page)
        return QStringLiteral("page %1").arg(number("page"));
    return QStringLiteral("whole document");
}

AnnotationBanner::AnnotationBanner(ProjectContext &context, Filter filter, QWidget *parent)
      : QFrame(parent), m_context(context), m_filter(std::move(filter)), m_title(new QLabel(this)),
        m_row(new QHBoxLayout(this))
{
    setObjectName(QStringLiteral("annotationBanner"));
    setFrameShape(QFrame::StyledPanel);
    // A faint tint of the window's highlight: noticeable above a document, quieter than it.
    setAutoFillBackground(true);
    QPalette pal = palette();
    QColor tint = pal.color(QPalette::Highlight);
    tint.setAlpha(28);
    pal.setColor(QPalette::Window, tint);
    setPalette(pal);
    m_row->setContentsMargins(6, 2, 6, 2);
    m_row->setSpacing(4);
    m_row->addWidget(m_title);
    m_row->addStretch(1);
    connect(&context, &ProjectContext::annotationsChanged, this, &AnnotationBanner::refresh);
    connect(&context, &ProjectContext::revisionChanged, this, &AnnotationBanner::refresh);
    refresh();
}

AnnotationBanner *AnnotationBanner::insertAbove(QWidget *widget, ProjectContext &context, Filter filter)
{
    QWidget *parent = widget->parentWidget();
    int index = -1;
    QBoxLayout *box = parent ? boxHolding(parent->layout(), widget, &index) : nullptr;
    if (!box)
        return nullptr;
    auto *banner = new AnnotationBanner(context, std::move(filter), parent);
    box->insertWidget(index, banner);
    return banner;
}

void AnnotationBanner::refresh()
{
    m_listed.clear();
    const auto work = m_context.reviewWork();
    for (const Annotation &a : work->annotations)
        if (m_filter(a))
            m_listed.push_back(a);

    for (QToolButton *chip : std::as_const(m_chips))
        delete chip;
    m_chips.clear();
    int open = 0;
    for (const Annotation &a : m_listed)
        open += a.status == "open" ? 1 : 0;
    m_title->setText(QStringLiteral("<b>%1 annotation%2</b> (%3 open):")
                         .arg(m_listed.size())
                         .arg(m_listed.size() == 1 ? QString() : QStringLiteral("s"))
                         .arg(open));
    const int shown = std::min<int>(kMaxChips, static_cast<int>(m_listed.size()));
    for (int i = 0; i < shown; ++i) {
        const Annotation &a = m_listed[static_cast<std::size_t>(i)];
        const QString severity = QString::fromStdString(a.severity);
        QString label = firstLine(a.text, 40);
        if (a.target.contains("evidence"))
            label = QStringLiteral("%1: %2").arg(placeOnEvidence(a.target), label);
        const QString tip =
            QStringLiteral("<b>%1</b> (%2)<br>%3")
                .arg(severity, QString::fromStdString(a.status),
                     QString::fromStdString(a.text).toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
        QToolButton *chip = addChip(label, tip, QString::fromStdString(a.id));
        chip->setIcon(severityIcon(severity, a.status == "resolved"));
    }
    if (static_cast<int>(m_listed.size()) > shown)
        addChip(QStringLiteral("+%1 more").arg(m_listed.size() - static_cast<std::size_t>(shown)),
                QStringLiteral("Show them in the Annotations list"),
                QString::fromStdString(m_listed[static_cast<std::size_t>(shown)].id));
    setVisible(!m_listed.empty());
}

QToolButton *AnnotationBanner::addChip(const QString &text, const QString &toolTip, const QString &annotationId)
{
    auto *chip = new QToolButton(this);
    chip->setObjectName(QStringLiteral("annotationChip"));
    chip->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    chip->setAutoRaise(true);
    chip->setText(text);
    chip->setToolTip(toolTip);
    chip->setProperty("annotationId", annotationId);
    connect(chip, &QToolButton::clicked, this, [this, annotationId] { emit m_context.showAnnotation(annotationId); });
    m_row->insertWidget(m_row->count() - 1, chip); // before the stretch
    m_chips.append(chip);
    return chip;
}

} // namespace mltrl::ui
