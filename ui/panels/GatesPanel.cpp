#include "ui/panels/GatesPanel.h"

#include "ui/common/StatusColours.h"
#include "ui/common/Theme.h"
#include "ui/panels/PanelUtil.h"
#include "ui/plots/MetricPlot.h"
#include "ui/review/ReviewChecks.h"
#include "ui/session/ProjectContext.h"
#include "ui/session/StoreGuard.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace mltrl::ui {

namespace {

const Gate *findGate(const RevisionData &r, const QString &id)
{
    return r.manifest.findGate(id.toStdString());
}

QString evidenceLinksHtml(const RevisionData &r, const std::vector<std::string> &ids)
{
    QStringList links;
    for (const std::string &id : ids) {
        const mltrl::Evidence *e = r.manifest.findEvidence(id);
        const QString title = e && !e->title.empty() ? QString::fromStdString(e->title) : QString::fromStdString(id);
        links << QStringLiteral("<a href=\"%1\">%2</a>")
                     .arg(QString::fromStdString(id).toHtmlEscaped(), title.toHtmlEscaped());
    }
    return links.join(QStringLiteral(" · "));
}

} // namespace

GatesPanel::GatesPanel(ProjectContext *context, QWidget *parent)
      : QWidget(parent), m_context(context), m_gates(new QComboBox(this)), m_signoffs(new QLabel(this)),
        m_model(new QStandardItemModel(this)), m_table(new QTableView(this)), m_detail(new QLabel(this)),
        m_evidence(new QLabel(this)), m_plot(new MetricPlot(this)), m_status(new QLabel(this))
{
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(true);
    m_table->verticalHeader()->hide();
    m_table->setIconSize(QSize(16, 16));
    m_signoffs->setWordWrap(true);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_evidence->setTextFormat(Qt::RichText);
    m_evidence->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    connect(m_evidence, &QLabel::linkActivated, this, [this](const QString &id) { emit m_context->showEvidence(id); });
    connect(m_gates, &QComboBox::currentIndexChanged, this, &GatesPanel::fillCriteria);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &GatesPanel::showCurrent);
    connect(m_table, &QTableView::clicked, this, [this](const QModelIndex &index) {
        if (index.column() == Evidence)
            openEvidenceOfRow(index.row());
    });

    auto *top = new QFormLayout;
    top->addRow(tr("&Gate:"), m_gates);
    top->addRow(tr("Sign-offs required:"), m_signoffs);
    top->addRow(tr("Status:"), m_status);
    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_detail);
    detailLayout->addWidget(m_evidence);
    detailLayout->addWidget(m_plot, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(detail);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(context, &ProjectContext::revisionChanged, this, &GatesPanel::reload);
    connect(context, &ProjectContext::reviewsChanged, this, &GatesPanel::showStatus);
    connect(context, &ProjectContext::showCriterion, this,
            [this](const QString &gate, const QString &id) { selectCriterion(gate, id); });
    reload();
}

void GatesPanel::reload()
{
    fillGateBox(m_gates, m_context->revision().get());
    fillCriteria();
}

bool GatesPanel::selectGate(const QString &gateId)
{
    const int i = m_gates->findData(gateId);
    if (i < 0)
        return false;
    m_gates->setCurrentIndex(i);
    return true;
}

bool GatesPanel::selectCriterion(const QString &gateId, const QString &criterionId)
{
    if (!selectGate(gateId))
        return false;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        if (m_model->index(r, Id).data(kIdRole).toString() == criterionId) {
            m_table->selectRow(r);
            m_table->scrollTo(m_model->index(r, Id));
            return true;
        }
    }
    return false;
}

QString GatesPanel::currentGate() const
{
    return m_gates->currentData().toString();
}

QString GatesPanel::currentCriterion() const
{
    const QModelIndex i = m_table->selectionModel()->currentIndex();
    return i.isValid() ? m_model->index(i.row(), Id).data(kIdRole).toString() : QString();
}

void GatesPanel::fillCriteria()
{
    m_model->clear();
    m_model->setHorizontalHeaderLabels({tr("Criterion"), tr("Text"), tr("Metric"), tr("Aggregate"), tr("Op"),
                                        tr("Threshold"), tr("Observed"), tr("Suggested"), tr("Evidence")});
    m_signoffs->clear();
    const auto r = m_context->revision();
    const Gate *gate = r ? findGate(*r, currentGate()) : nullptr;
    if (!gate) {
        showCurrent();
        return;
    }
    QStringList signoffs;
    for (const Signoff &s : gate->signoffs)
        signoffs << tr("%1 (at least %n)", nullptr, s.min).arg(QString::fromStdString(s.role));
    m_signoffs->setText(signoffs.isEmpty() ? tr("none declared") : signoffs.join(QStringLiteral("; ")));
    showStatus();

    for (const Criterion &c : gate->criteria) {
        const CriterionOverview *o = r->criterion(gate->id, c.id);
        const bool quantitative = c.isQuantitative();
        QList<QStandardItem *> row;
        row << textItem(c.id) << textItem(c.text) << textItem(c.metric)
            << textItem(quantitative ? QString::fromUtf8(toString(c.aggregate).data()) : QString())
            << textItem(quantitative ? QString::fromUtf8(toString(c.op).data()) : QString())
            << (quantitative ? numberItem(c.threshold) : textItem(QString()))
            << (quantitative ? numberItem(o ? o->observed : std::nullopt) : textItem(QString()));
        // Table text sits on the palette's Base: keep the verdict colours readable on it.
        const QColor base = QGuiApplication::palette().color(QPalette::Base);
        QStandardItem *verdict = nullptr;
        const std::string suggested = o && o->suggested ? *o->suggested : std::string();
        if (!quantitative) {
            verdict = textItem(tr("reviewer decides"));
        } else if (suggested == "met") {
            verdict = textItem(tr("✓ met"));
            verdict->setIcon(verdictIcon(status::passMark(), QChar(0x2713)));
            verdict->setForeground(readableOn(status::passText(), base, 4.5));
        } else if (suggested == "not_met") {
            verdict = textItem(tr("✗ not met"));
            verdict->setIcon(verdictIcon(status::failMark(), QChar(0x2717)));
            verdict->setForeground(readableOn(status::failText(), base, 4.5));
        } else {
            verdict = textItem(tr("? no observed value"));
            verdict->setIcon(verdictIcon(status::neutralMark(), QLatin1Char('?')));
        }
        row << verdict;
        QStringList evidence;
        for (const std::string &e : c.evidence)
            evidence << QString::fromStdString(e);
        auto *ev = textItem(evidence.join(QStringLiteral(", ")));
        if (!evidence.isEmpty()) {
            ev->setForeground(readableOn(QGuiApplication::palette().color(QPalette::Link), base, 4.5));
            QFont f;
            f.setUnderline(true);
            ev->setFont(f);
            ev->setToolTip(tr("Click to open %1").arg(evidence.front()));
        }
        row << ev;
        row[Id]->setData(QString::fromStdString(c.id), kIdRole);
        m_model->appendRow(row);
    }
    // The verdict and the evidence before the criterion's text, which takes the width left.
    orderColumns(m_table, {Id, Suggested, Observed, Op, Threshold, Evidence, Metric, Aggregate, Text});
    m_table->resizeColumnsToContents();
    m_table->resizeRowsToContents();
    if (m_model->rowCount() > 0)
        m_table->selectRow(0);
    else
        showCurrent();
}

void GatesPanel::showStatus()
{
    const auto r = m_context->revision();
    const auto status =
        r ? guardStore(*m_context, tr("Reading the gate's status"),
                       [&] { return currentGateStatus(*m_context->store(), *r, currentGate().toStdString()); })
                .value_or(std::nullopt)
          : std::nullopt;
    m_status->setText(status ? gateStatusText(status->status, status->passedWithoutReview) : QString());
}

void GatesPanel::openEvidenceOfRow(int row)
{
    const auto r = m_context->revision();
    const Gate *gate = r ? findGate(*r, currentGate()) : nullptr;
    if (!gate || row < 0 || row >= static_cast<int>(gate->criteria.size()))
        return;
    const Criterion &c = gate->criteria[static_cast<std::size_t>(row)];
    if (!c.evidence.empty())
        emit m_context->showEvidence(QString::fromStdString(c.evidence.front()));
}

void GatesPanel::showCurrent()
{
    const auto r = m_context->revision();
    const Gate *gate = r ? findGate(*r, currentGate()) : nullptr;
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!gate || !current.isValid() || current.row() >= static_cast<int>(gate->criteria.size())) {
        m_detail->clear();
        m_evidence->clear();
        m_plot->clear();
        return;
    }
    const Criterion &c = gate->criteria[static_cast<std::size_t>(current.row())];
    const CriterionOverview *o = r->criterion(gate->id, c.id);
    QString detail =
        QStringLiteral("<b>%1</b> — %2")
            .arg(QString::fromStdString(c.id).toHtmlEscaped(), QString::fromStdString(c.text).toHtmlEscaped());
    if (c.isQuantitative()) {
        detail +=
            tr("<br>%1 of <i>%2</i>%3 %4 %5; observed <b>%6</b>")
                .arg(QString::fromUtf8(toString(c.aggregate).data()), QString::fromStdString(c.metric).toHtmlEscaped(),
                     c.series.empty() ? QString()
                                      : tr(" (series %1)").arg(QString::fromStdString(c.series).toHtmlEscaped()),
                     QString::fromUtf8(toString(c.op).data()).toHtmlEscaped(),
                     c.threshold ? exactNumber(*c.threshold) : QStringLiteral("—"),
                     o && o->observed ? exactNumber(*o->observed) : tr("none"));
    }
    m_detail->setText(detail);
    m_evidence->setText(c.evidence.empty() ? tr("No linked evidence.")
                                           : tr("Evidence: %1").arg(evidenceLinksHtml(*r, c.evidence)));
    const mltrl::Metric *metric = c.isQuantitative() ? r->manifest.findMetric(c.metric) : nullptr;
    if (!metric) {
        m_plot->showMessage(c.isQuantitative()
                                ? tr("Metric %1 is not in this revision.").arg(QString::fromStdString(c.metric))
                                : tr("No metric for this criterion: it is judged from its evidence."));
        return;
    }
    std::optional<PlotThreshold> threshold;
    if (c.threshold)
        threshold = PlotThreshold{*c.threshold, c.op};
    m_plot->load(m_context->store(), r->overview.revisionId, *metric, threshold, QString::fromStdString(c.series));
}

} // namespace mltrl::ui
