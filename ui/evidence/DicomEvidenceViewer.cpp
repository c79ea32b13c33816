#include "ui/evidence/DicomEvidenceViewer.h"

#include "ui/common/BackgroundJob.h"
#include "ui/evidence/DicomProcess.h"
#include "ui/evidence/ZoomableImageView.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace mltrl::ui {

namespace {

/// Presets in Hounsfield units (CT); on other modalities they are just windows.
struct Preset {
    const char *name;
    double center;
    double width;
};
constexpr Preset kPresets[] = {{"Lung", -600, 1500}, {"Bone", 400, 1800}, {"Soft tissue", 50, 400}};
constexpr int kFullRange = -1;

struct Loaded {
    DicomFrame frame;
    std::vector<DicomTagRow> tags;
    QString tagError;
    bool tagsFailed = false; ///< the decoder failed on the header: ask again on "Try again"
};

QLabel *plainLabel(QWidget *parent, const QString &objectName)
{
    auto *l = new QLabel(parent);
    l->setObjectName(objectName);
    l->setTextFormat(Qt::PlainText); // archive text is never markup
    l->setWordWrap(true);
    return l;
}

} // namespace

DicomEvidenceViewer::DicomEvidenceViewer(const EvidenceSource &source, QWidget *parent)
      : EvidenceViewer(source, parent), m_view(new ZoomableImageView(this)),
        m_identified(plainLabel(this, QStringLiteral("dicomIdentified"))),
        m_error(plainLabel(this, QStringLiteral("dicomError"))), m_info(plainLabel(this, QStringLiteral("dicomInfo"))),
        m_windowText(plainLabel(this, QStringLiteral("dicomWindow"))), m_presets(new QComboBox(this)),
        m_frame(new QSpinBox(this)), m_search(new QLineEdit(this)), m_table(new QTableView(this)),
        m_model(new QStandardItemModel(0, 4, this)), m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("dicomViewer"));
    m_view->setObjectName(QStringLiteral("dicomImage"));
    m_presets->setObjectName(QStringLiteral("dicomPresets"));
    // Wide enough for "File: SOFT TISSUE (40 / 400)", never so wide that the panel grows.
    m_presets->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_presets->setMinimumContentsLength(18);
    m_presets->setToolTip(QStringLiteral("Window/level preset (or drag with the right mouse button: across for "
                                         "width, down for level)"));
    m_frame->setObjectName(QStringLiteral("dicomFrame"));
    m_frame->setPrefix(QStringLiteral("Frame "));
    m_frame->setVisible(false);
    m_presets->setVisible(false); // until a monochrome frame is decoded (an empty box says nothing)
    m_search->setObjectName(QStringLiteral("dicomTagSearch"));
    m_search->setPlaceholderText(QStringLiteral("Search tags (keyword, tag, value)"));
    m_search->setClearButtonEnabled(true);
    m_table->setObjectName(QStringLiteral("dicomTags"));

    auto *bar = new QHBoxLayout;
    addZoomButtons(bar, m_view, this);
    bar->addWidget(m_frame);
    bar->addWidget(m_presets);
    bar->addWidget(m_windowText);
    bar->addWidget(m_info, 1);

    m_model->setHorizontalHeaderLabels(
        {QStringLiteral("Keyword"), QStringLiteral("Tag"), QStringLiteral("VR"), QStringLiteral("Value")});
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_table->setModel(m_proxy);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    connect(m_search, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    auto *tagPane = new QWidget(this);
    auto *tagLayout = new QVBoxLayout(tagPane);
    tagLayout->setContentsMargins(0, 0, 0, 0);
    tagLayout->addWidget(m_search);
    tagLayout->addWidget(m_table, 1);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_view);
    split->addWidget(tagPane);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({600, 400}); // the image first; the table scrolls sideways
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    tagPane->setMinimumWidth(160);
    m_info->setWordWrap(false);
    m_info->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // cut, never widening
    m_info->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_identified->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_windowText->setWordWrap(false);
    // Room for any window text, so dragging the window never makes the bar jump.
    m_windowText->setMinimumWidth(m_windowText->fontMetrics().horizontalAdvance(QStringLiteral("C -000000  W 000000")));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_identified);
    m_retry = new QPushButton(QStringLiteral("Try again"), this);
    m_retry->setObjectName(QStringLiteral("dicomRetry"));
    m_retry->setVisible(false);
    connect(m_retry, &QPushButton::clicked, this, &DicomEvidenceViewer::retry);
    auto *errorRow = new QHBoxLayout;
    errorRow->addWidget(m_error, 1);
    errorRow->addWidget(m_retry, 0, Qt::AlignTop);
    layout->addLayout(errorRow);
    layout->addWidget(split, 1);

    if (source.dicom && source.dicom->identified().value_or(false)) {
        m_identified->setText(
            QStringLiteral("Identifies a patient: %1").arg(QString::fromStdString(source.dicom->summary())));
        m_identified->setStyleSheet(QStringLiteral("QLabel { color: #b00020; font-weight: bold; }"));
    } else if (source.dicom && !source.dicom->problem.empty()) {
        m_identified->setText(QStringLiteral("Not checked for identifying attributes: %1")
                                  .arg(QString::fromStdString(source.dicom->problem)));
    }
    m_identified->setVisible(!m_identified->text().isEmpty());
    m_error->setVisible(false);

    connect(m_presets, &QComboBox::activated, this, &DicomEvidenceViewer::applyPreset);
    connect(m_frame, &QSpinBox::valueChanged, this, [this](int oneBased) {
        if (oneBased - 1 != currentFrame())
            startDecode(oneBased - 1, false);
    });
    m_view->viewport()->installEventFilter(this);
    startDecode(0, true);
}

DicomEvidenceViewer::~DicomEvidenceViewer()
{
    deleteHelpers();
}

QString DicomEvidenceViewer::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString DicomEvidenceViewer::identifiedText() const
{
    return m_identified->text();
}

void DicomEvidenceViewer::showError(const DicomFrame &failed)
{
    // The decoder process's failures already say what happened; the file's say why it cannot.
    m_error->setText(failed.processFailed ? failed.error : QStringLiteral("cannot be shown: %1").arg(failed.error));
    m_error->setVisible(true);
    m_retry->setVisible(failed.processFailed);
    if (m_frameData && failed.frame != m_frameData->frame) {
        // Not the frame on screen any more: show none rather than the wrong one.
        m_frameData.reset();
        m_shown = QImage();
        m_view->replaceImage(m_shown);
        m_windowText->clear();
    }
}

void DicomEvidenceViewer::retry()
{
    m_error->setVisible(false);
    m_retry->setVisible(false);
    // The frame box shows once the first frame was decoded; until then this is frame 0 again.
    startDecode(m_frame->isHidden() ? 0 : m_frame->value() - 1, m_frame->isHidden() && !m_frameData);
}

void DicomEvidenceViewer::startDecode(int frame, bool first)
{
    if (source().dicom && source().dicom->parserFailed) {
        // It crashed or hung the parser at import (in a child process): never parse it again.
        DicomFrame refused;
        refused.error = QString::fromStdString(source().dicom->problem);
        showError(refused);
        markLoaded();
        return;
    }
    const QString path = source().blobPath;
    if (path.isEmpty()) {
        DicomFrame refused;
        refused.error = QStringLiteral("the store holds no file for this evidence");
        showError(refused);
        markLoaded();
        return;
    }
    if (m_decoding) {
        // One decoder process at a time: spinning through frames decodes the last one asked for.
        m_wantedFrame = frame;
        return;
    }
    m_decoding = true;
    m_wantedFrame = -1;
    const bool wantTags = !m_tagsLoaded;
    const int generation = ++m_generation;
    runJob<Loaded>(
        this,
        [path, frame, wantTags](JobContext &) {
            Loaded l;
            if (wantTags) // the header first: shown even when the frame cannot be
                l.tags = DicomProcess::tags(path, &l.tagError, &l.tagsFailed);
            l.frame = DicomProcess::frame(path, frame);
            return l;
        },
        [this, generation, first, wantTags, frame](JobResult<Loaded> result) {
            m_decoding = false;
            Loaded l = std::move(result.value).value_or(Loaded{});
            if (!result.ok()) {
                l.frame.frame = frame;
                l.frame.error = result.error;
            }
            if (wantTags && !l.tagsFailed) {
                m_model->removeRows(0, m_model->rowCount());
                for (const DicomTagRow &r : l.tags) {
                    QList<QStandardItem *> row{new QStandardItem(r.keyword), new QStandardItem(r.tag),
                                               new QStandardItem(r.vr), new QStandardItem(r.value)};
                    m_model->appendRow(row);
                }
                m_table->resizeColumnsToContents();
                m_table->setColumnWidth(3, std::min(m_table->columnWidth(3), 400));
                m_tagsLoaded = true;
            }
            if (wantTags) {
                m_tagError = l.tagError;
                m_info->setText(m_tagError);
                m_info->setToolTip(m_tagError);
            }
            if (generation == m_generation)
                frameDecoded(std::move(l.frame), first);
            if (first)
                markLoaded();
            if (m_wantedFrame >= 0 && (!m_frameData || m_wantedFrame != m_frameData->frame)) {
                const int next = m_wantedFrame;
                m_wantedFrame = -1;
                startDecode(next, false);
            }
        });
}

void DicomEvidenceViewer::frameDecoded(DicomFrame frame, bool first)
{
    if (!frame.ok()) {
        showError(frame);
        return;
    }
    m_error->setVisible(false);
    m_retry->setVisible(false);
    m_frameData = std::make_shared<const DicomFrame>(std::move(frame));
    if (first) {
        fillPresets();
        if (m_frameData->frameCount > 1) {
            const QSignalBlocker block(m_frame);
            m_frame->setRange(1, m_frameData->frameCount);
            m_frame->setSuffix(QStringLiteral(" / %1").arg(m_frameData->frameCount));
            m_frame->setVisible(true);
        }
        applyPreset(0);
        m_view->setImage(m_shown);
    } else {
        render();
    }
    updateInfo();
    emit frameShown(m_frameData->frame);
}

void DicomEvidenceViewer::fillPresets()
{
    m_presets->clear();
    if (!m_frameData->isMonochrome()) {
        m_presets->setVisible(false);
        return;
    }
    m_presets->setVisible(true);
    for (const DicomWindow &w : m_frameData->fileWindows)
        m_presets->addItem(QStringLiteral("%1 (%2 / %3)").arg(w.name).arg(w.center).arg(w.width),
                           QVariant::fromValue(QPointF(w.center, w.width)));
    for (const Preset &p : kPresets)
        m_presets->addItem(QStringLiteral("%1 (%2 / %3)").arg(QLatin1String(p.name)).arg(p.center).arg(p.width),
                           QVariant::fromValue(QPointF(p.center, p.width)));
    m_presets->addItem(QStringLiteral("Full range"), kFullRange);
}

void DicomEvidenceViewer::applyPreset(int index)
{
    if (!m_frameData || index < 0 || index >= m_presets->count()) {
        render();
        return;
    }
    const QVariant v = m_presets->itemData(index);
    m_presets->setCurrentIndex(index);
    if (v.userType() == QMetaType::QPointF) {
        const QPointF cw = v.toPointF();
        m_center = cw.x();
        m_width = cw.y();
    } else {
        m_center = (m_frameData->minValue + m_frameData->maxValue) / 2;
        m_width = std::max(1.0, m_frameData->maxValue - m_frameData->minValue + 1);
    }
    render();
}

void DicomEvidenceViewer::setWindow(double center, double width)
{
    m_center = center;
    m_width = std::max(1.0, width);
    render();
}

void DicomEvidenceViewer::render()
{
    if (!m_frameData)
        return;
    m_shown = applyWindow(*m_frameData, m_center, m_width);
    if (m_view->imageSize().isEmpty())
        m_view->setImage(m_shown); // after a frame that could not be shown
    else
        m_view->replaceImage(m_shown);
    m_windowText->setText(m_frameData->isMonochrome()
                              ? QStringLiteral("C %1  W %2").arg(std::lround(m_center)).arg(std::lround(m_width))
                              : QString());
}

void DicomEvidenceViewer::updateInfo()
{
    if (!m_frameData)
        return;
    QString info = QStringLiteral("%1 × %2 px · %3")
                       .arg(m_frameData->columns)
                       .arg(m_frameData->rows)
                       .arg(m_frameData->transferSyntax);
    if (!m_tagError.isEmpty())
        info += QStringLiteral(" · ") + m_tagError;
    m_info->setText(info);
}

void DicomEvidenceViewer::showRegion(int page, const QRectF &points)
{
    Q_UNUSED(page);
    m_view->showRegion(points);
}

bool DicomEvidenceViewer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_view->viewport() || !m_frameData || !m_frameData->isMonochrome())
        return EvidenceViewer::eventFilter(watched, event);
    // Right-drag sets window/level: across changes the width, down the level, by a step that
    // covers the frame's value range in about two window widths of mouse travel.
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto *e = static_cast<QMouseEvent *>(event);
        if (e->button() != Qt::RightButton)
            break;
        m_dragging = true;
        m_dragStart = e->position().toPoint();
        m_dragCenter = m_center;
        m_dragWidth = m_width;
        return true;
    }
    case QEvent::MouseMove: {
        if (!m_dragging)
            break;
        auto *e = static_cast<QMouseEvent *>(event);
        const QPoint d = e->position().toPoint() - m_dragStart;
        const double range = std::max(1.0, m_frameData->maxValue - m_frameData->minValue);
        const double step = range / std::max(200, 2 * m_view->viewport()->width());
        setWindow(m_dragCenter + d.y() * step, m_dragWidth + d.x() * step);
        m_presets->setCurrentIndex(-1);
        return true;
    }
    case QEvent::MouseButtonRelease: {
        auto *e = static_cast<QMouseEvent *>(event);
        if (e->button() != Qt::RightButton || !m_dragging)
            break;
        m_dragging = false;
        return true;
    }
    case QEvent::ContextMenu:
        return true;
    default:
        break;
    }
    return EvidenceViewer::eventFilter(watched, event);
}

} // namespace mltrl::ui
