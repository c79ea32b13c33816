#include "ui/panels/RequirementsPanel.h"

#include "ui/changes/ChangeTracker.h"
#include "ui/common/StatusColours.h"
#include "ui/common/Theme.h"

#include "ui/panels/PanelUtil.h"
#include "ui/panels/RiskHeatMap.h"
#include "ui/plots/MetricPlot.h"
#include "ui/session/ProjectContext.h"

#include "qcustomplot.h"

#include <QComboBox>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QResizeEvent>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <set>

namespace mltrl::ui {

namespace {
constexpr int kVerificationRole = Qt::UserRole + 10;
constexpr int kValidationRole = Qt::UserRole + 11;
constexpr int kBandRole = Qt::UserRole + 12;
constexpr int kCellRole = Qt::UserRole + 13; // probability band × 5 + impact band; -1 = not assessed
// The point matrix's label offset from its point (QCPItemText padding: left 7, bottom 3).
constexpr QPointF kLabelPadding{7, 3};
// The point matrix's cells: a light tint of their level's colour behind the points.
constexpr int kCellTintAlpha = 45;

int cellKey(RiskCell c)
{
    return c.probability * kRiskBands + c.impact;
}

QString trName(std::string_view name)
{
    return RequirementsPanel::tr(std::string(name).c_str());
}

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
    case VvStatus::Passed:
        text = QStringLiteral("✓ ") + text;
        colour = status::passText();
        break;
    case VvStatus::Failed:
        text = QStringLiteral("✗ ") + text;
        colour = status::failText();
        break;
    case VvStatus::Pending:
        text = QStringLiteral("… ") + text;
        colour = status::mutedText();
        break;
    default:
        break;
    }
    auto *item = textItem(text);
    if (colour.isValid())
        item->setForeground(readableOn(colour, QGuiApplication::palette().color(QPalette::Base), 4.5));
    return item;
}

const char *bandName(RiskBand b)
{
    switch (b) {
    case RiskBand::Unacceptable:
        return "unacceptable";
    case RiskBand::Alarp:
        return "ALARP";
    case RiskBand::Acceptable:
        return "acceptable";
    case RiskBand::NotAssessed:
        return "not assessed";
    case RiskBand::Any:
        break;
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

void RequirementsFilter::setCell(std::optional<RiskCell> cell)
{
    m_cell = cell;
    invalidateFilter();
}

RiskBand RequirementsFilter::bandOf(double pFailure, double impact)
{
    switch (riskLevel({riskBand(pFailure), riskBand(impact)})) {
    case RiskLevel::Unacceptable:
        return RiskBand::Unacceptable;
    case RiskLevel::Alarp:
        return RiskBand::Alarp;
    case RiskLevel::Acceptable:
        break;
    }
    return RiskBand::Acceptable;
}

bool RequirementsFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_cell && sourceModel()->index(sourceRow, RequirementsPanel::Risk, sourceParent).data(kCellRole).toInt() !=
                      cellKey(*m_cell))
        return false;
    return acceptsIgnoringCell(sourceRow);
}

bool RequirementsFilter::acceptsIgnoringCell(int sourceRow) const
{
    const QAbstractItemModel *m = sourceModel();
    auto at = [&](int column, int role) { return m->index(sourceRow, column).data(role); };
    if (!m_kind.isEmpty() && at(RequirementsPanel::Kind, kSortRole).toString() != m_kind)
        return false;
    if (m_level >= 0 && at(RequirementsPanel::Level, kSortRole).toInt() != m_level)
        return false;
    if (!m_vv.isEmpty() && at(RequirementsPanel::Verification, kVerificationRole).toString() != m_vv &&
        at(RequirementsPanel::Validation, kValidationRole).toString() != m_vv)
        return false;
    if (m_risk != RiskBand::Any && at(RequirementsPanel::Risk, kBandRole).toInt() != static_cast<int>(m_risk))
        return false;
    return true;
}

RequirementsPanel::RequirementsPanel(ProjectContext *context, QWidget *parent)
      : QWidget(parent), m_context(context), m_model(new QStandardItemModel(this)),
        m_proxy(new RequirementsFilter(this)), m_table(new QTableView(this)), m_kind(new QComboBox(this)),
        m_level(new QComboBox(this)), m_vv(new QComboBox(this)), m_risk(new QComboBox(this)),
        m_matrix(new QCustomPlot(this)), m_heatMap(new RiskHeatMap(this)), m_chart(new QStackedWidget(this)),
        m_chartMode(new QComboBox(this)), m_cellChip(new QToolButton(this))
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

    // Each filter also recounts the heat-map, whose cells count the rows the other filters leave.
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setKind(m_kind->currentData().toString());
        updateHeatCounts();
    });
    connect(m_level, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setLevel(m_level->currentData().toInt());
        updateHeatCounts();
    });
    connect(m_vv, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setVvStatus(m_vv->currentData().toString());
        updateHeatCounts();
    });
    connect(m_risk, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setRisk(static_cast<RiskBand>(m_risk->currentData().toInt()));
        updateHeatCounts();
    });

    m_matrix->setMinimumSize(220, 240);
    m_matrix->xAxis->setLabel(tr("p(failure)"));
    m_matrix->yAxis->setLabel(tr("impact"));
    m_matrix->xAxis->setRange(0, 1.05);
    m_matrix->yAxis->setRange(0, 1.05);
    // Grid lines on the band edges, so the points sit in the heat-map's cells.
    for (QCPAxis *axis : {m_matrix->xAxis, m_matrix->yAxis}) {
        QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
        ticker->setTickStep(0.2);
        ticker->setScaleStrategy(QCPAxisTickerFixed::ssNone);
        axis->setTicker(ticker);
    }
    connect(m_matrix, &QCustomPlot::mouseRelease, this, &RequirementsPanel::onMatrixClick);

    m_heatMap->setObjectName(QStringLiteral("riskHeatMap"));
    connect(m_heatMap, &RiskHeatMap::cellActivated, this, [this](RiskCell cell) {
        // A second click on the filtering cell removes the filter.
        filterByCell(m_proxy->cell() == cell ? std::nullopt : std::optional<RiskCell>(cell));
    });
    connect(m_heatMap, &RiskHeatMap::clearRequested, this, [this] { filterByCell(std::nullopt); });
    m_cellChip->setObjectName(QStringLiteral("riskCellFilter"));
    m_cellChip->setToolTip(tr("Show every risk cell again (Esc in the heat-map)"));
    m_cellChip->hide();
    connect(m_cellChip, &QToolButton::clicked, this, [this] { filterByCell(std::nullopt); });

    m_chartMode->setObjectName(QStringLiteral("riskChartMode"));
    m_chartMode->addItem(tr("automatic"), static_cast<int>(ChartMode::Auto));
    m_chartMode->addItem(tr("points"), static_cast<int>(ChartMode::Points));
    m_chartMode->addItem(tr("heat-map"), static_cast<int>(ChartMode::HeatMap));
    m_chartMode->setToolTip(tr("Automatic: a point per requirement while their ids fit apart, "
                               "else a count per risk cell"));
    connect(m_chartMode, &QComboBox::currentIndexChanged, this, &RequirementsPanel::updateChart);
    m_chart->addWidget(m_matrix);
    m_chart->addWidget(m_heatMap);
    // Overlap depends on the chart's size: decide again whenever it changes.
    m_chart->installEventFilter(this);
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
    // The heat-map's cell filter on a line of its own while it is on (the filter line is full).
    auto *cellFilterLine = new QHBoxLayout;
    cellFilterLine->addWidget(m_cellChip);
    cellFilterLine->addStretch(1);
    auto *tableSide = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tableSide);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addLayout(filters);
    tableLayout->addLayout(cellFilterLine);
    tableLayout->addWidget(m_table, 1);
    auto *chartSide = new QWidget(this);
    auto *chartLayout = new QVBoxLayout(chartSide);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    auto *chartBar = new QHBoxLayout;
    auto *chartLabel = new QLabel(tr("Risk &chart:"), this);
    chartLabel->setBuddy(m_chartMode);
    chartBar->addWidget(chartLabel);
    chartBar->addWidget(m_chartMode);
    chartBar->addStretch(1);
    chartLayout->addLayout(chartBar);
    chartLayout->addWidget(m_chart, 1);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(tableSide);
    split->addWidget(chartSide);
    // The table (status columns, then the wrapped text) gets three quarters at 1280 px.
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({1000, 280});
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
            const auto cell = riskCell(q);
            risk->setData(cell ? cellKey(*cell) : -1, kCellRole);
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
    for (RiskBand b : {RiskBand::Unacceptable, RiskBand::Alarp, RiskBand::Acceptable, RiskBand::NotAssessed})
        m_risk->addItem(tr(bandName(b)), static_cast<int>(b));
    m_proxy->setKind({});
    m_proxy->setLevel(-1);
    m_proxy->setVvStatus({});
    m_proxy->setRisk(RiskBand::Any);
    filterByCell(std::nullopt);
}

void RequirementsPanel::fillMatrix()
{
    m_matrix->clearPlottables();
    m_matrix->clearItems();
    m_labels.clear();
    m_matrixIds.clear();
    m_spots.clear();
    m_highlighted.clear();
    stylePlot(m_matrix, m_matrix->palette());
    const QColor base = m_matrix->palette().color(QPalette::Base);
    const QColor text = m_matrix->palette().color(QPalette::Text);
    // The heat-map's cells, tinted by their risk level, behind the points.
    for (int pb = 0; pb < kRiskBands; ++pb) {
        for (int ib = 0; ib < kRiskBands; ++ib) {
            auto *rect = new QCPItemRect(m_matrix);
            const auto edge = [](int band) { return band == kRiskBands - 1 ? 1.05 : riskBandHigh(band); };
            rect->topLeft->setCoords(riskBandLow(pb), edge(ib));
            rect->bottomRight->setCoords(edge(pb), riskBandLow(ib));
            QColor fill = RiskHeatMap::levelColour(riskLevel({pb, ib}));
            fill.setAlpha(kCellTintAlpha);
            rect->setBrush(fill);
            rect->setPen(Qt::NoPen);
            rect->setLayer(QStringLiteral("background"));
            rect->setSelectable(false);
        }
    }
    // The levels named in a corner cell of each, where points are rare (the heat-map's legend
    // says the same).
    struct Named {
        RiskCell cell;
        Qt::Alignment align;
    };
    for (const Named &n :
         {Named{{0, 0}, Qt::AlignLeft | Qt::AlignBottom}, Named{{4, 0}, Qt::AlignRight | Qt::AlignBottom},
          Named{{4, 4}, Qt::AlignRight | Qt::AlignTop}}) {
        const RiskLevel level = riskLevel(n.cell);
        auto *label = new QCPItemText(m_matrix);
        // In the plot's corners: the cells are corner cells of the chart.
        const double x = n.align & Qt::AlignLeft ? 0.01 : 1.04;
        const double y = n.align & Qt::AlignBottom ? 0.01 : 1.04;
        label->position->setCoords(x, y);
        label->setPositionAlignment(n.align);
        label->setText(trName(toString(level)));
        label->setColor(text); // the tint says the colour; the word must read on every tint
        label->setSelectable(false);
        label->setLayer(QStringLiteral("background"));
    }
    m_points = new QCPCurve(m_matrix->xAxis, m_matrix->yAxis);
    m_points->setLineStyle(QCPCurve::lsNone);
    // Readable on every cell's tint (the tints differ in lightness: yellow is the light one).
    QColor pointColour(0x00, 0x72, 0xB2);
    for (int pass = 0; pass < 2; ++pass)
        for (RiskLevel level : {RiskLevel::Acceptable, RiskLevel::Alarp, RiskLevel::Unacceptable}) {
            QColor tint = RiskHeatMap::levelColour(level);
            tint.setAlpha(kCellTintAlpha);
            pointColour = readableOn(pointColour, composite(tint, base), 4.5);
        }
    m_points->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, pointColour, 10));
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
            m_spots.push_back({m_matrixIds.back(), *q.pFailure, *q.impact});
        }
    }
    m_points->data()->set(data, true);
    m_labelPlaces = labelPlaces();
    m_labelsOverlap = !m_labelPlaces;
    relabel();
    updateHeatCounts();
    updateChart();
}

std::optional<std::vector<Qt::Alignment>> RequirementsPanel::labelPlaces() const
{
    // The axis rect as the chart's size gives it (QCustomPlot lays itself out only when it
    // replots, and the hidden page of the stack is not resized): the chart less the room the
    // axes take, measured once from a laid-out plot of this style.
    const QSizeF size = m_chart->size();
    const QRectF area(58, 12, std::max(1.0, size.width() - 58 - 12), std::max(1.0, size.height() - 12 - 48));
    std::vector<MatrixLabel> labels;
    labels.reserve(m_spots.size());
    for (const Spot &s : m_spots)
        labels.push_back(
            {s.id, {area.left() + s.pFailure / 1.05 * area.width(), area.bottom() - s.impact / 1.05 * area.height()}});
    return placeLabels(labels, QFontMetricsF(m_matrix->font()), kLabelPadding, area);
}

void RequirementsPanel::relabel()
{
    for (QCPItemText *label : m_labels)
        m_matrix->removeItem(label);
    m_labels.clear();
    const QColor text = m_matrix->palette().color(QPalette::Text);
    const int px = static_cast<int>(kLabelPadding.x());
    const int py = static_cast<int>(kLabelPadding.y());
    for (std::size_t i = 0; i < m_spots.size(); ++i) {
        const Spot &s = m_spots[i];
        // Ids that would overlap are written only for the selection.
        if (m_labelsOverlap && s.id != m_highlighted)
            continue;
        const Qt::Alignment side =
            m_labelPlaces && i < m_labelPlaces->size() ? (*m_labelPlaces)[i] : Qt::AlignLeft | Qt::AlignBottom;
        auto *label = new QCPItemText(m_matrix);
        label->position->setCoords(s.pFailure, s.impact);
        label->setPositionAlignment(side);
        label->setPadding(QMargins(side & Qt::AlignLeft ? px : 0, side & Qt::AlignTop ? py : 0,
                                   side & Qt::AlignRight ? px : 0, side & Qt::AlignBottom ? py : 0));
        label->setText(s.id);
        label->setColor(text);
        label->setSelectable(false);
        if (m_labelsOverlap) {
            // On a plate, so it reads over the other points.
            label->setBrush(m_matrix->palette().color(QPalette::Base));
        }
        m_labels.push_back(label);
    }
}

QStringList RequirementsPanel::matrixLabels() const
{
    QStringList ids;
    for (const QCPItemText *label : m_labels)
        ids << label->text();
    return ids;
}

void RequirementsPanel::updateChart()
{
    auto places = labelPlaces();
    const bool overlap = !places;
    const auto mode = static_cast<ChartMode>(m_chartMode->currentData().toInt());
    const bool heat = mode == ChartMode::HeatMap || (mode == ChartMode::Auto && overlap);
    m_chart->setCurrentWidget(heat ? static_cast<QWidget *>(m_heatMap) : m_matrix);
    if (overlap != m_labelsOverlap || places != m_labelPlaces) {
        m_labelsOverlap = overlap;
        m_labelPlaces = std::move(places);
        relabel();
        m_matrix->replot(QCustomPlot::rpQueuedReplot);
    }
}

bool RequirementsPanel::heatMapShown() const
{
    return m_chart->currentWidget() == m_heatMap;
}

void RequirementsPanel::setChartMode(ChartMode mode)
{
    m_chartMode->setCurrentIndex(m_chartMode->findData(static_cast<int>(mode)));
}

void RequirementsPanel::updateHeatCounts()
{
    RiskCounts counts;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (!m_proxy->acceptsIgnoringCell(row))
            continue;
        const int key = m_model->index(row, Risk).data(kCellRole).toInt();
        if (key < 0)
            ++counts.notAssessed;
        else
            ++counts.count[static_cast<std::size_t>(key / kRiskBands)][static_cast<std::size_t>(key % kRiskBands)];
    }
    m_heatMap->setCounts(counts);
}

void RequirementsPanel::filterByCell(std::optional<RiskCell> cell)
{
    m_proxy->setCell(cell);
    m_heatMap->setFilterCell(cell);
    if (cell) {
        m_cellChip->setText(
            tr("filter: p(failure) %1, impact %2 ×")
                .arg(trName(probabilityBandName(cell->probability)), trName(impactBandName(cell->impact))));
        m_cellChip->setAccessibleName(
            tr("Remove the filter: p(failure) %1, impact %2")
                .arg(trName(probabilityBandName(cell->probability)), trName(impactBandName(cell->impact))));
    }
    m_cellChip->setVisible(cell.has_value());
}

bool RequirementsPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_chart && event->type() == QEvent::Resize && !m_spots.empty())
        updateChart();
    return QWidget::eventFilter(watched, event);
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
        filterByCell(std::nullopt);
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
    if (m_labelsOverlap)
        relabel();
    std::vector<RiskHeatMap::Mark> marks;
    for (const Spot &spot : m_spots)
        if (spot.id == m_highlighted)
            marks.push_back({spot.id, spot.pFailure, spot.impact});
    m_heatMap->setMarks(std::move(marks));
    m_matrix->replot();
}

} // namespace mltrl::ui
