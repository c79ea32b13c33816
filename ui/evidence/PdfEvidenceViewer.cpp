#include "ui/evidence/PdfEvidenceViewer.h"

#include "ui/common/PdfProcess.h"
#include "ui/evidence/FindBar.h"
#include "ui/evidence/PdfPageView.h"

#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace mltrl::ui {

namespace {
constexpr qreal kZoomStep = 1.25;
constexpr qreal kMinZoom = 0.1;
constexpr qreal kMaxZoom = 8.0;
/// The laid-out document stays below this height (scroll bars count in int).
constexpr qreal kMaxDocumentPixels = 1e9;

QToolButton *toolButton(const QString &text, const QString &tip, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}
} // namespace

PdfEvidenceViewer::PdfEvidenceViewer(const EvidenceSource &source, QWidget *parent)
      : EvidenceViewer(source, parent), m_document(new PdfProcess(this)), m_view(new PdfPageView(this))
{
    setObjectName(QStringLiteral("pdfViewer"));
    m_view->setDocument(m_document);
    m_view->viewport()->installEventFilter(this);

    auto *bar = new QHBoxLayout;
    auto *out = toolButton(QStringLiteral("−"), QStringLiteral("Zoom out (Ctrl+-)"), this);
    auto *in = toolButton(QStringLiteral("+"), QStringLiteral("Zoom in (Ctrl++)"), this);
    auto *fit = toolButton(QStringLiteral("Fit width"), QStringLiteral("Fit the page width to the window"), this);
    out->setShortcut(QKeySequence::ZoomOut);
    in->setShortcut(QKeySequence::ZoomIn);
    m_pageLabel = new QLabel(this);
    m_pageLabel->setObjectName(QStringLiteral("pdfPageLabel"));
    m_pageLabel->setTextFormat(Qt::PlainText);
    bar->addWidget(out);
    bar->addWidget(in);
    bar->addWidget(fit);
    bar->addStretch();
    bar->addWidget(m_pageLabel);
    connect(out, &QToolButton::clicked, this, &PdfEvidenceViewer::zoomOut);
    connect(in, &QToolButton::clicked, this, &PdfEvidenceViewer::zoomIn);
    connect(fit, &QToolButton::clicked, this, &PdfEvidenceViewer::fitWidth);

    // Shown instead of the pages when the decoder failed.
    m_errorPanel = new QWidget(this);
    m_error = new QLabel(m_errorPanel);
    m_error->setObjectName(QStringLiteral("pdfError"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->setAlignment(Qt::AlignCenter);
    m_retry = new QPushButton(QStringLiteral("Try again"), m_errorPanel);
    m_retry->setObjectName(QStringLiteral("pdfRetry"));
    auto *errorLayout = new QVBoxLayout(m_errorPanel);
    errorLayout->addStretch();
    errorLayout->addWidget(m_error);
    errorLayout->addWidget(m_retry, 0, Qt::AlignHCenter);
    errorLayout->addStretch();
    m_errorPanel->hide();
    connect(m_retry, &QPushButton::clicked, this, &PdfEvidenceViewer::retry);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_errorPanel, 1);
    m_find = new FindBar(this);
    m_find->setTarget(FindBar::pdfTarget(this));
    layout->addWidget(m_find);

    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, &PdfEvidenceViewer::updatePageLabel);
    // Scrolling by hand ends showRegion()'s hold on the view.
    connect(m_view->verticalScrollBar(), &QScrollBar::actionTriggered, this, [this] { m_anchor.reset(); });
    connect(m_view, &PdfPageView::pageRendered, this, [this] {
        if (!isLoaded())
            markLoaded();
    });
    connect(m_document, &PdfProcess::ready, this, &PdfEvidenceViewer::opened);
    connect(m_document, &PdfProcess::failed, this, &PdfEvidenceViewer::showFailure);

    m_pageLabel->setText(QStringLiteral("Opening…"));
    // The decoder starts in the background: the pages follow when it has read the file.
    m_document->open(source.blobPath);
}

PdfEvidenceViewer::~PdfEvidenceViewer()
{
    deleteHelpers();
    // The decoder ends with m_document; nothing it or the view's scroll bars send on the way
    // may reach this viewer's slots.
    m_document->disconnect(this);
    m_view->verticalScrollBar()->disconnect(this);
}

void PdfEvidenceViewer::opened()
{
    m_errorPanel->hide();
    m_view->show();
    if (m_fitWidth)
        setZoom(fitWidthZoom());
    else
        setZoom(zoomFactor()); // within the limits of this document
    scrollToAnchor();
    if (m_anchor)
        QTimer::singleShot(0, this, &PdfEvidenceViewer::scrollToAnchor);
    updatePageLabel();
    if (m_find->isVisible())
        m_find->refresh();
    // Loaded once the first page is on screen; a viewer not on screen renders nothing yet.
    if (!isLoaded() && (!m_view->isVisible() || m_document->pageCount() == 0))
        markLoaded();
    emit documentReady();
}

void PdfEvidenceViewer::showFailure(const QString &reason)
{
    m_error->setText(m_document->processFailed()
                         ? QStringLiteral("This PDF could not be shown: %1. The workbench is not affected.").arg(reason)
                         : QStringLiteral("This PDF could not be shown: %1.").arg(reason));
    m_retry->setVisible(m_document->processFailed());
    m_view->hide();
    m_errorPanel->show();
    m_pageLabel->clear();
    if (!isLoaded())
        markLoaded();
    emit documentFailed(reason);
}

void PdfEvidenceViewer::retry()
{
    m_errorPanel->hide();
    m_view->show();
    m_pageLabel->setText(QStringLiteral("Opening…"));
    m_document->open(source().blobPath);
}

qreal PdfEvidenceViewer::zoomFactor() const
{
    return m_view->zoomFactor();
}

QRectF PdfEvidenceViewer::viewportPageRect(int page) const
{
    return m_view->viewportPageRect(page);
}

QRectF PdfEvidenceViewer::viewportRect(int page, const QRectF &points) const
{
    const QRectF pr = viewportPageRect(page);
    const QSizeF pagePoints = m_document->pagePointSize(page);
    if (pr.isEmpty() || pagePoints.isEmpty())
        return {};
    // Scale by the page's drawn size (rounded to whole pixels) so edges line up.
    const qreal sx = pr.width() / pagePoints.width();
    const qreal sy = pr.height() / pagePoints.height();
    return QRectF(pr.x() + points.x() * sx, pr.y() + points.y() * sy, points.width() * sx, points.height() * sy);
}

int PdfEvidenceViewer::currentPage() const
{
    if (m_anchor && m_anchor->page < m_document->pageCount())
        return m_anchor->page;
    return m_view->pageInView();
}

qreal PdfEvidenceViewer::fitWidthZoom() const
{
    qreal widest = 0;
    for (int i = 0; i < m_document->pageCount(); ++i)
        widest = std::max(widest, m_document->pagePointSize(i).width());
    if (widest <= 0)
        return 1.0;
    // Pages are sized points × zoom × (logical DPI / 72).
    const QScreen *screen = QGuiApplication::primaryScreen();
    const qreal pixelsPerPoint = (screen ? screen->logicalDotsPerInch() : 96.0) / 72.0;
    const QMargins margins = m_view->documentMargins();
    // Always leave room for the vertical scroll bar: it comes and goes with the zoom, and a
    // fit that depended on it would oscillate.
    int available = m_view->width() - m_view->frameWidth() * 2 - margins.left() - margins.right() -
                    m_view->style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    return std::clamp(available / (widest * pixelsPerPoint), kMinZoom, kMaxZoom);
}

void PdfEvidenceViewer::setZoom(qreal factor)
{
    // A document of many huge pages: the zoom at which it is still within the scroll range.
    qreal height = 0;
    for (int i = 0; i < m_document->pageCount(); ++i)
        height += m_document->pagePointSize(i).height();
    const QScreen *screen = QGuiApplication::primaryScreen();
    const qreal pixelsPerPoint = (screen ? screen->logicalDotsPerInch() : 96.0) / 72.0;
    const qreal maxZoom = height > 0 ? std::min(kMaxZoom, kMaxDocumentPixels / (height * pixelsPerPoint)) : kMaxZoom;
    m_view->setZoomFactor(std::clamp(factor, std::min(kMinZoom, maxZoom), maxZoom));
}

void PdfEvidenceViewer::zoomIn()
{
    m_fitWidth = false;
    setZoom(zoomFactor() * kZoomStep);
}

void PdfEvidenceViewer::zoomOut()
{
    m_fitWidth = false;
    setZoom(zoomFactor() / kZoomStep);
}

void PdfEvidenceViewer::fitWidth()
{
    m_fitWidth = true;
    setZoom(fitWidthZoom());
}

void PdfEvidenceViewer::showPage(int page)
{
    showRegion(page, QRectF());
}

void PdfEvidenceViewer::showRegion(int page, const QRectF &points)
{
    if (page < 0 || (m_document->isReady() && page >= m_document->pageCount()))
        return;
    m_anchor = Anchor{page, points};
    scrollToAnchor();
}

void PdfEvidenceViewer::scrollToAnchor()
{
    if (!m_anchor || !m_document->isReady())
        return;
    if (m_anchor->page >= m_document->pageCount()) {
        m_anchor.reset();
        return;
    }
    qreal y = m_view->pageTop(m_anchor->page);
    // A little of what is above the region stays visible, so the room sees where it is.
    if (!m_anchor->points.isEmpty())
        y += std::max(0.0, m_anchor->points.top() * m_view->pixelsPerPoint() - m_view->viewport()->height() / 8.0);
    m_view->verticalScrollBar()->setValue(static_cast<int>(std::lround(y)));
    // A region beside the part in view (a wide page zoomed in): scrolled to, across as well.
    if (!m_anchor->points.isEmpty()) {
        const QRectF region = viewportRect(m_anchor->page, m_anchor->points);
        const int width = m_view->viewport()->width();
        if (region.left() < 0 || region.right() > width)
            m_view->horizontalScrollBar()->setValue(m_view->horizontalScrollBar()->value() +
                                                    static_cast<int>(std::lround(region.left() - width / 8.0)));
    }
    updatePageLabel();
}

bool PdfEvidenceViewer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport()) {
        if (event->type() == QEvent::Resize && m_fitWidth && m_document->isReady())
            setZoom(fitWidthZoom());
        if (event->type() == QEvent::Resize || event->type() == QEvent::Show) {
            scrollToAnchor();
            // The scroll area lays itself out after this filter: hold the region through that too.
            if (m_anchor)
                QTimer::singleShot(0, this, &PdfEvidenceViewer::scrollToAnchor);
        }
        if (event->type() == QEvent::Wheel)
            m_anchor.reset(); // the reader scrolls on their own now
    }
    return EvidenceViewer::eventFilter(watched, event);
}

void PdfEvidenceViewer::updatePageLabel()
{
    if (!m_document->isReady() || m_document->pageCount() <= 0) {
        if (m_document->isReady())
            m_pageLabel->setText(QStringLiteral("This PDF has no pages"));
        return;
    }
    m_pageLabel->setText(QStringLiteral("Page %1 of %2").arg(currentPage() + 1).arg(m_document->pageCount()));
}

} // namespace mltrl::ui
