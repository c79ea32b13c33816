#include "evidence/PdfEvidenceViewer.h"

#include "evidence/FindBar.h"

#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPdfDocument>
#include <QPdfPageNavigator>
#include <QPdfSearchModel>
#include <QPdfView>
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
    : EvidenceViewer(source, parent), m_document(new QPdfDocument(this)), m_view(new QPdfView(this))
{
    setObjectName(QStringLiteral("pdfViewer"));
    m_view->setObjectName(QStringLiteral("pdfView"));
    m_view->setDocument(m_document);
    m_view->setPageMode(QPdfView::PageMode::MultiPage);
    m_view->setZoomMode(QPdfView::ZoomMode::Custom);
    m_view->viewport()->installEventFilter(this);

    auto *bar = new QHBoxLayout;
    auto *out = toolButton(QStringLiteral("−"), QStringLiteral("Zoom out (Ctrl+-)"), this);
    auto *in = toolButton(QStringLiteral("+"), QStringLiteral("Zoom in (Ctrl++)"), this);
    auto *fit = toolButton(QStringLiteral("Fit width"), QStringLiteral("Fit the page width to the window"), this);
    out->setShortcut(QKeySequence::ZoomOut);
    in->setShortcut(QKeySequence::ZoomIn);
    m_pageLabel = new QLabel(this);
    bar->addWidget(out);
    bar->addWidget(in);
    bar->addWidget(fit);
    bar->addStretch();
    bar->addWidget(m_pageLabel);
    connect(out, &QToolButton::clicked, this, &PdfEvidenceViewer::zoomOut);
    connect(in, &QToolButton::clicked, this, &PdfEvidenceViewer::zoomIn);
    connect(fit, &QToolButton::clicked, this, &PdfEvidenceViewer::fitWidth);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    // QPdfSearchModel searches page by page on a timer; the count follows as results arrive.
    auto *search = new QPdfSearchModel(this);
    search->setDocument(m_document);
    m_find = new FindBar(this);
    m_find->setTarget(FindBar::pdfTarget(this, search));
    m_find->connectPdfModel(search);
    layout->addWidget(m_find);

    connect(m_view->pageNavigator(), &QPdfPageNavigator::currentPageChanged, this,
            &PdfEvidenceViewer::updatePageLabel);
    connect(m_document, &QPdfDocument::pageCountChanged, this, &PdfEvidenceViewer::updatePageLabel);
    // Scrolling by hand ends showRegion()'s hold on the view.
    connect(m_view->verticalScrollBar(), &QScrollBar::actionTriggered, this, [this] { m_anchor.reset(); });

    // QPdfDocument::load(QString) parses synchronously but pages render lazily (and on
    // QPdfView's own render thread), so even long reports open quickly.
    const QPdfDocument::Error error =
        source.blobPath.isEmpty() ? QPdfDocument::Error::FileNotFound : m_document->load(source.blobPath);
    if (error != QPdfDocument::Error::None)
        m_pageLabel->setText(QStringLiteral("Cannot open this PDF (error %1)").arg(static_cast<int>(error)));
    fitWidth();
    updatePageLabel();
    markLoaded();
}

qreal PdfEvidenceViewer::zoomFactor() const
{
    return m_view->zoomFactor();
}

QRectF PdfEvidenceViewer::viewportPageRect(int page) const
{
    if (page < 0 || page >= m_document->pageCount())
        return {};
    // QPdfView's own resolution: the primary screen's logical DPI.
    const QScreen *screen = QGuiApplication::primaryScreen();
    const qreal scale = (screen ? screen->logicalDotsPerInch() : 96.0) / 72.0 * m_view->zoomFactor();
    const auto sizeOf = [&](int p) { return QSizeF(m_document->pagePointSize(p) * scale).toSize(); };
    const QMargins margins = m_view->documentMargins();
    int widest = 0;
    int y = margins.top();
    for (int p = 0; p < m_document->pageCount(); ++p) {
        widest = std::max(widest, sizeOf(p).width());
        if (p < page)
            y += sizeOf(p).height() + m_view->pageSpacing();
    }
    const int totalWidth = widest + margins.left() + margins.right();
    const QSize size = sizeOf(page);
    const int x = (std::max(totalWidth, m_view->viewport()->width()) - size.width()) / 2;
    return QRectF(QPointF(x - m_view->horizontalScrollBar()->value(), y - m_view->verticalScrollBar()->value()), size);
}

QRectF PdfEvidenceViewer::viewportRect(int page, const QRectF &points) const
{
    const QRectF pr = viewportPageRect(page);
    const QSizeF pagePoints = page >= 0 && page < m_document->pageCount() ? m_document->pagePointSize(page) : QSizeF();
    if (pr.isEmpty() || pagePoints.isEmpty())
        return {};
    // Scale by the page's drawn size (rounded to whole pixels by QPdfView) so edges line up.
    const qreal sx = pr.width() / pagePoints.width();
    const qreal sy = pr.height() / pagePoints.height();
    return QRectF(pr.x() + points.x() * sx, pr.y() + points.y() * sy, points.width() * sx, points.height() * sy);
}

int PdfEvidenceViewer::currentPage() const
{
    return m_view->pageNavigator()->currentPage();
}

qreal PdfEvidenceViewer::fitWidthZoom() const
{
    qreal widest = 0;
    for (int i = 0; i < m_document->pageCount(); ++i)
        widest = std::max(widest, m_document->pagePointSize(i).width());
    if (widest <= 0)
        return 1.0;
    // QPdfView sizes a page as points × zoom × (logical DPI / 72).
    const QScreen *screen = m_view->screen() ? m_view->screen() : QGuiApplication::primaryScreen();
    const qreal pixelsPerPoint = (screen ? screen->logicalDotsPerInch() : 96.0) / 72.0;
    const QMargins margins = m_view->documentMargins();
    // Always leave room for the vertical scroll bar: it comes and goes with the zoom, and a
    // fit that depended on it would oscillate.
    int available = m_view->width() - m_view->frameWidth() * 2 - margins.left() - margins.right()
                    - m_view->style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    return std::clamp(available / (widest * pixelsPerPoint), kMinZoom, kMaxZoom);
}

PdfEvidenceViewer::~PdfEvidenceViewer()
{
    deleteHelpers();
    delete findChild<QPdfSearchModel *>(QString(), Qt::FindDirectChildrenOnly);   // it watches the document
    // The document is a child: ~QWidget closes it, which moves the view's page navigator and
    // scroll bar, and none of the signals that sends may reach this viewer's slots, which are
    // gone by then.
    m_document->disconnect(this);
    m_view->pageNavigator()->disconnect(this);
    m_view->verticalScrollBar()->disconnect(this);
}

void PdfEvidenceViewer::setZoom(qreal factor)
{
    m_view->setZoomFactor(std::clamp(factor, kMinZoom, kMaxZoom));
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
    if (page < 0 || page >= m_document->pageCount())
        return;
    m_anchor = Anchor{page, points};
    scrollToAnchor();
}

void PdfEvidenceViewer::scrollToAnchor()
{
    if (!m_anchor)
        return;
    // QPdfView's MultiPage layout (Qt 6.4): pages stacked from the top document margin with
    // pageSpacing between them, each points × zoom × the primary screen's logical DPI / 72.
    // Scrolling is done here because QPdfView ignores a jump's location, and a jump to the
    // page it already shows does not scroll at all.
    const QScreen *screen = QGuiApplication::primaryScreen();
    const qreal scale = (screen ? screen->logicalDotsPerInch() : 96.0) / 72.0 * m_view->zoomFactor();
    qreal y = m_view->documentMargins().top();
    for (int p = 0; p < m_anchor->page; ++p)
        y += QSizeF(m_document->pagePointSize(p) * scale).toSize().height() + m_view->pageSpacing();
    // A little of what is above the region stays visible, so the room sees where it is.
    if (!m_anchor->points.isEmpty())
        y += std::max(0.0, m_anchor->points.top() * scale - m_view->viewport()->height() / 8.0);
    // The page first (the view scrolls to its top when the page changes), then the region.
    if (m_view->pageNavigator()->currentPage() != m_anchor->page)
        m_view->pageNavigator()->jump(m_anchor->page, m_anchor->points.topLeft(), m_view->zoomFactor());
    m_view->verticalScrollBar()->setValue(static_cast<int>(std::lround(y)));
    updatePageLabel();
}

bool PdfEvidenceViewer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport()) {
        if (event->type() == QEvent::Resize && m_fitWidth)
            setZoom(fitWidthZoom());
        if (event->type() == QEvent::Resize || event->type() == QEvent::Show) {
            scrollToAnchor();
            // QPdfView lays itself out after this filter: hold the region through that too.
            if (m_anchor)
                QTimer::singleShot(0, this, &PdfEvidenceViewer::scrollToAnchor);
        }
        if (event->type() == QEvent::Wheel)
            m_anchor.reset();   // the reader scrolls on their own now
    }
    return EvidenceViewer::eventFilter(watched, event);
}

void PdfEvidenceViewer::updatePageLabel()
{
    if (m_document->pageCount() <= 0)
        return;
    m_pageLabel->setText(QStringLiteral("Page %1 of %2").arg(currentPage() + 1).arg(m_document->pageCount()));
}

} // namespace mltrl::ui
