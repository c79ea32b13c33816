#include "panels/RequirementsPanel.h"

#include "changes/ChangeTracker.h"
#include "common/StatusColours.h"
#include "common/Theme.h"

#include "panels/PanelUtil.h"
#include "plots/MetricPlot.h"
#include "session/ProjectContext.h"

#include "qcustomplot.h"

#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include <set>

namespace mltrl::ui {

namespace {
constexpr int kVerificationRole = Qt::UserRole + 10;
constexpr int kValidationRole = Qt::UserRole + 11;
constexpr int kBandRole = Qt::UserRole + 12;

QString vvText(VvStatus s)
{
    return s == VvStatus::Unset ? QString() : QString::fromUtf8(toString(s).data());
}

QStandardItem *vvItem(VvStatus s)
{
    // Text first, colour second: "✓ passed", "✗ failed", "… pending".
    QString text = vvText(s);
    QColor colour;
    switch (s) {
    case VvStatus::Passed: text = QStringLiteral("✓ ") + text; colour = status::passText(); break;
    case VvStatus::Failed: text = QStringLiteral("✗ ") + text; colour = status::failText(); break;
    case VvStatus::Pending: text = QStringLiteral("… ") + text; colour = status::mutedText(); break;
    default: break;
    }
    auto *item = textItem(text);
    if (colour.isValid())
        item->setForeground(readableOn(colour, QGuiApplication::palette().color(QPalette::Base), 4.5));
    return item;
}

const char *bandName(RiskBand b)
{
    switch (b) {
    case RiskBand::High: return "high";
    case RiskBand::Medium: return "medium";
    case RiskBand::Low: return "low";
    case RiskBand::NotAssessed: return "not assessed";
    case RiskBand::Any: break;
    }
    return "";
}
} // namespace

void RequirementsFilter::setKind(const QString &kind)
{
    m_kind = kind;
    invalidateFilter();
}

void RequirementsFilter::setLevel(int level)
{
    m_level = level;
    invalidateFilter();
}

void RequirementsFilter::setVvStatus(const QString &status)
{
    m_vv = status;
    invalidateFilter();
}

void RequirementsFilter::setRisk(RiskBand band)
{
    m_risk = band;
    invalidateFilter();
}

RiskBand RequirementsFilter::bandOf(double pFailure, double impact)
{
    const int high = (pFailure >= 0.5 ? 1 : 0) + (impact >= 0.5 ? 1 : 0);
    return high == 2 ? RiskBand::High : high == 1 ? RiskBand::Medium : RiskBand::Low;
}

bool RequirementsFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *m = sourceModel();
    auto at = [&](int column, int role) { return m->index(sourceRow, column, sourceParent).data(role); };
    if (!m_kind.isEmpty() && at(RequirementsPanel::Kind, kSortRole).toString() != m_kind)
        return false;
    if (m_level >= 0 && at(RequirementsPanel::Level, kSortRole).toInt() != m_level)
        return false;
    if (!m_vv.isEmpty() && at(RequirementsPanel::Verification, kVerificationRole).toString() != m_vv
        && at(RequirementsPanel::Validation, kValidationRole).toString() != m_vv)
        return false;
    if (m_risk != RiskBand::Any && at(RequirementsPanel::Risk, kBandRole).toInt() != static_cast<int>(m_risk))
        return false;
    return true;
}

RequirementsPanel::RequirementsPanel(ProjectContext *context, QWidget *parent)
    : QWidget(parent), m_context(context), m_model(new QStandardItemModel(this)), m_proxy(new RequirementsFilter(this)),
      m_table(new QTableView(this)), m_kind(new QComboBox(this)), m_level(new QComboBox(this)),
      m_vv(new QComboBox(this)), m_risk(new QComboBox(this)), m_matrix(new QCustomPlot(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(kSortRole);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(true);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { highlight(currentRequirement()); });

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] { m_proxy->setKind(m_kind->currentData().toString()); });
    connect(m_level, &QComboBox::currentIndexChanged, this, [this] { m_proxy->setLevel(m_level->currentData().toInt()); });
    connect(m_vv, &QComboBox::currentIndexChanged, this, [this] { m_proxy->setVvStatus(m_vv->currentData().toString()); });
    connect(m_risk, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setRisk(static_cast<RiskBand>(m_risk->currentData().toInt())); });

    m_matrix->setMinimumSize(260, 260);
    m_matrix->xAxis->setLabel(tr("p(failure)"));
    m_matrix->yAxis->setLabel(tr("impact"));
    m_matrix->xAxis->setRange(0, 1.05);
    m_matrix->yAxis->setRange(0, 1.05);
    connect(m_matrix, &QCustomPlot::mouseRelease, this, &RequirementsPanel::onMatrixClick);
    // Light/dark follows the system: redraw the matrix in the new palette, keeping the selection.
    followPalette(m_matrix, [this] {
        fillMatrix();
        highlight(currentRequirement());
    });

    auto *filters = new QHBoxLayout;
    auto addFilter = [&](const QString &label, QComboBox *box) {
        auto *l = new QLabel(label, this);
        l->setBuddy(box);
        filters->addWidget(l);
        filters->addWidget(box);
    };
    addFilter(tr("&Kind:"), m_kind);
    addFilter(tr("&Level:"), m_level);
    addFilter(tr("&V&&V status:"), m_vv);
    addFilter(tr("&Risk:"), m_risk);
    filters->addStretch(1);
    auto *tableSide = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tableSide);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addLayout(filters);
    tableLayout->addWidget(m_table, 1);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(tableSide);
    split->addWidget(m_matrix);
    // The table (status columns, then the wrapped text) gets three quarters at 1280 px.
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(context, &ProjectContext::revisionChanged, this, &RequirementsPanel::reload);
    // Requirements changed since the user's last signed review carry a mark.
    ChangeTracker *tracker = ChangeTracker::of(context);
    connect(tracker, &ChangeTracker::updated, this,
            [this, tracker] { markChangedRows(m_model, Id, kIdRole, ChangeKind::Requirement, *tracker); });
    connect(context, &ProjectContext::showRequirement, this, [this](const QString &id) { selectRequirement(id); });
    reload();
}

void RequirementsPanel::reload()
{
    m_model->clear();
    m_model->setHorizontalHeaderLabels({tr("Requirement"), tr("Text"), tr("Kind"), tr("Level"), tr("p(failure)"),
                                        tr("Impact"), tr("Risk"), tr("Verification"), tr("Validation")});
    if (const auto r = m_context->revision()) {
        for (const Requirement &q : r->manifest.requirements) {
            QList<QStandardItem *> row;
            row << textItem(q.id) << textItem(q.text) << textItem(q.kind) << intItem(q.level) << numberItem(q.pFailure)
                << numberItem(q.impact);
            const auto score = q.riskScore();
            auto *risk = numberItem(score);
            const RiskBand band = score ? RequirementsFilter::bandOf(*q.pFailure, *q.impact) : RiskBand::NotAssessed;
            if (score)
                // p × impact is computed here, not a figure from the archive: 3 significant
                // digits, not the product's binary noise (0.27999999999999997).
                risk->setText(QStringLiteral("%1 (%2)").arg(QString::number(*score, 'g', 3), tr(bandName(band))));
            else
                risk->setText(tr("not assessed"));
            risk->setData(static_cast<int>(band), kBandRole);
            row << risk;
            auto *verification = vvItem(q.verification);
            verification->setData(vvText(q.verification), kVerificationRole);
            auto *validation = vvItem(q.validation);
            validation->setData(vvText(q.validation), kValidationRole);
            row << verification << validation;
            row[Id]->setData(QString::fromStdString(q.id), kIdRole);
            m_model->appendRow(row);
        }
    }
    markChangedRows(m_model, Id, kIdRole, ChangeKind::Requirement, *ChangeTracker::of(m_context));
    fillFilters();
    fillMatrix();
    // Risk and V&V status before the requirement's text, which takes the width left.
    orderColumns(m_table, {Id, Risk, Verification, Validation, Kind, Level, PFailure, Impact, Text});
    m_table->resizeColumnsToContents();
    m_table->resizeRowsToContents();
}

void RequirementsPanel::fillFilters()
{
    std::set<QString> kinds;
    std::set<int> levels;
    std::set<QString> statuses;
    if (const auto r = m_context->revision()) {
        for (const Requirement &q : r->manifest.requirements) {
            if (!q.kind.empty())
                kinds.insert(QString::fromStdString(q.kind));
            if (q.level)
                levels.insert(*q.level);
            for (VvStatus s : {q.verification, q.validation})
                if (s != VvStatus::Unset)
                    statuses.insert(vvText(s));
        }
    }
    for (QComboBox *box : {m_kind, m_level, m_vv, m_risk}) {
        const QSignalBlocker block(box);
        box->clear();
    }
    m_kind->addItem(tr("any"), QString());
    for (const QString &k : kinds)
        m_kind->addItem(k, k);
    m_level->addItem(tr("any"), -1);
    for (int l : levels)
        m_level->addItem(QString::number(l), l);
    m_vv->addItem(tr("any"), QString());
    for (const QString &s : statuses)
        m_vv->addItem(tr("%1 (verification or validation)").arg(s), s);
    m_risk->addItem(tr("any"), static_cast<int>(RiskBand::Any));
    for (RiskBand b : {RiskBand::High, RiskBand::Medium, RiskBand::Low, RiskBand::NotAssessed})
        m_risk->addItem(tr(bandName(b)), static_cast<int>(b));
    m_proxy->setKind({});
    m_proxy->setLevel(-1);
    m_proxy->setVvStatus({});
    m_proxy->setRisk(RiskBand::Any);
}

void RequirementsPanel::fillMatrix()
{
    m_matrix->clearPlottables();
    m_matrix->clearItems();
    m_matrixIds.clear();
    m_highlighted.clear();
    stylePlot(m_matrix, m_matrix->palette());
    const QColor base = m_matrix->palette().color(QPalette::Base);
    const QColor text = m_matrix->palette().color(QPalette::Text);
    // Quadrants: the high-high corner is the one to look at first (colour + its label).
    struct Quadrant {
        double x0, y0, x1, y1;
        QColor colour;
        const char *label;
    };
    const Quadrant quadrants[] = {{0, 0, 0.5, 0.5, status::passMark(), "low"},
                                  {0.5, 0, 1.05, 0.5, status::warnMark(), "medium"},
                                  {0, 0.5, 0.5, 1.05, status::warnMark(), "medium"},
                                  {0.5, 0.5, 1.05, 1.05, status::failMark(), "high"}};
    for (const Quadrant &q : quadrants) {
        auto *rect = new QCPItemRect(m_matrix);
        rect->topLeft->setCoords(q.x0, q.y1);
        rect->bottomRight->setCoords(q.x1, q.y0);
        QColor fill = q.colour;
        fill.setAlpha(40);
        rect->setBrush(fill);
        rect->setPen(Qt::NoPen);
        rect->setLayer(QStringLiteral("background"));
        rect->setSelectable(false);
        auto *text = new QCPItemText(m_matrix);
        text->position->setCoords(q.x1 - 0.01, q.y1 - 0.01);
        text->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
        text->setText(tr("%1 risk").arg(tr(q.label)));
        text->setColor(readableOn(q.colour, composite(fill, base), 4.5));   // on the quadrant's tint
        text->setSelectable(false);
    }
    m_points = new QCPCurve(m_matrix->xAxis, m_matrix->yAxis);
    m_points->setLineStyle(QCPCurve::lsNone);
    m_points->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, readableOn(QColor(0x00, 0x72, 0xB2), base, 4.5), 10));
    m_points->setSelectable(QCP::stNone);
    m_highlight = new QCPCurve(m_matrix->xAxis, m_matrix->yAxis);
    m_highlight->setLineStyle(QCPCurve::lsNone);
    m_highlight->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(text, 2.5), Qt::NoBrush, 20));
    m_highlight->setSelectable(QCP::stNone);
    QVector<QCPCurveData> data;
    if (const auto r = m_context->revision()) {
        for (const Requirement &q : r->manifest.requirements) {
            if (!q.riskScore())
                continue;
            const auto t = static_cast<double>(m_matrixIds.size());
            data.append(QCPCurveData(t, *q.pFailure, *q.impact));
            m_matrixIds.push_back(QString::fromStdString(q.id));
            auto *label = new QCPItemText(m_matrix);
            label->position->setCoords(*q.pFailure, *q.impact);
            label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
            label->setPadding(QMargins(7, 0, 0, 3));
            label->setText(QString::fromStdString(q.id));
            label->setColor(text);
            label->setSelectable(false);
        }
    }
    m_points->data()->set(data, true);
    m_matrix->replot();
}

int RequirementsPanel::matrixPointCount() const
{
    return m_points ? m_points->dataCount() : 0;
}

QPoint RequirementsPanel::matrixPosition(const QString &id) const
{
    const auto it = std::find(m_matrixIds.begin(), m_matrixIds.end(), id);
    if (it == m_matrixIds.end())
        return {};
    const auto i = static_cast<int>(it - m_matrixIds.begin());
    const QCPCurveData &p = *(m_points->data()->at(i));
    return QPoint(qRound(m_matrix->xAxis->coordToPixel(p.key)), qRound(m_matrix->yAxis->coordToPixel(p.value)));
}

void RequirementsPanel::onMatrixClick(QMouseEvent *event)
{
    // Our own hit test: the labels and the highlight ring lie over the points, so QCustomPlot's
    // "topmost layerable" click would name them instead of the point.
    int best = -1;
    int bestDistance = 12 * 12;
    for (std::size_t i = 0; i < m_matrixIds.size(); ++i) {
        const QPoint d = matrixPosition(m_matrixIds[i]) - event->pos();
        const int distance = d.x() * d.x() + d.y() * d.y();
        if (distance < bestDistance) {
            best = static_cast<int>(i);
            bestDistance = distance;
        }
    }
    if (best < 0)
        return;
    const QString id = m_matrixIds[static_cast<std::size_t>(best)];
    if (!selectRequirement(id)) {
        // Filtered out of the table: clear the filters so the row can be shown.
        for (QComboBox *box : {m_kind, m_level, m_vv, m_risk})
            box->setCurrentIndex(0);
        selectRequirement(id);
    }
}

bool RequirementsPanel::selectRequirement(const QString &id)
{
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        const QModelIndex i = m_proxy->index(r, Id);
        if (i.data(kIdRole).toString() == id) {
            m_table->selectRow(r);
            m_table->scrollTo(i);
            return true;
        }
    }
    return false;
}

QString RequirementsPanel::currentRequirement() const
{
    const QModelIndex i = m_table->selectionModel()->currentIndex();
    return i.isValid() ? i.siblingAtColumn(Id).data(kIdRole).toString() : QString();
}

void RequirementsPanel::highlight(const QString &id)
{
    if (!m_highlight)
        return;
    m_highlighted.clear();
    QVector<QCPCurveData> data;
    const auto it = std::find(m_matrixIds.begin(), m_matrixIds.end(), id);
    if (it != m_matrixIds.end()) {
        const QCPCurveData &p = *(m_points->data()->at(static_cast<int>(it - m_matrixIds.begin())));
        data.append(QCPCurveData(0, p.key, p.value));
        m_highlighted = id;
    }
    m_highlight->data()->set(data, true);
    m_matrix->replot();
}

} // namespace mltrl::ui
