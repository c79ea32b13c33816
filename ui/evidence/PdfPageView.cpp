#include "ui/evidence/PdfPageView.h"

#include "ui/common/PdfProcess.h"

#include <QGuiApplication>
#include <QPainter>
#include <QScreen>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace mltrl::ui {

namespace {

qint64 area(const QSize &s)
{
    return qint64(s.width()) * s.height();
}

QRect scaled(const QRect &r, qreal f)
{
    return QRectF(r.x() * f, r.y() * f, r.width() * f, r.height() * f).toAlignedRect();
}

} // namespace

PdfPageView::PdfPageView(QWidget *parent) : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("pdfView"));
    viewport()->setAutoFillBackground(false);
    verticalScrollBar()->setSingleStep(20);
    horizontalScrollBar()->setSingleStep(20);
}

void PdfPageView::setDocument(PdfProcess *document)
{
    m_document = document;
    connect(document, &PdfProcess::ready, this, &PdfPageView::reset);
    reset();
}

void PdfPageView::reset()
{
    ++m_generation;
    m_rendered.clear();
    m_inFlight = false;
    relayout();
    viewport()->update();
    scheduleRender();
}

qreal PdfPageView::pixelsPerPoint() const
{
    const QScreen *screen = QGuiApplication::primaryScreen();
    return (screen ? screen->logicalDotsPerInch() : 96.0) / 72.0 * m_zoom;
}

QSize PdfPageView::pageSize(int page) const
{
    if (!m_document)
        return {};
    return QSizeF(m_document->pagePointSize(page) * pixelsPerPoint()).toSize();
}

void PdfPageView::setZoomFactor(qreal zoom)
{
    if (qFuzzyCompare(zoom, m_zoom))
        return;
    m_zoom = zoom;
    relayout();
    emit zoomFactorChanged(m_zoom);
    viewport()->update();
    scheduleRender();
}

void PdfPageView::relayout()
{
    const int pages = m_document ? m_document->pageCount() : 0;
    const QMargins margins = documentMargins();
    m_tops.resize(pages);
    qint64 y = margins.top();
    m_widest = 0;
    for (int p = 0; p < pages; ++p) {
        const QSize size = pageSize(p);
        m_tops[p] = int(std::min<qint64>(y, INT_MAX / 2));
        y += size.height() + pageSpacing();
        m_widest = std::max(m_widest, size.width());
    }
    m_height = int(std::min<qint64>(pages ? y - pageSpacing() + margins.bottom() : 0, INT_MAX / 2));
    const QSize vp = viewport()->size();
    verticalScrollBar()->setRange(0, std::max(0, m_height - vp.height()));
    verticalScrollBar()->setPageStep(vp.height());
    const int width = m_widest + margins.left() + margins.right();
    horizontalScrollBar()->setRange(0, std::max(0, width - vp.width()));
    horizontalScrollBar()->setPageStep(vp.width());
}

int PdfPageView::pageTop(int page) const
{
    return page >= 0 && page < m_tops.size() ? m_tops[page] : 0;
}

QRect PdfPageView::viewportPageRect(int page) const
{
    if (page < 0 || page >= m_tops.size())
        return {};
    const QSize size = pageSize(page);
    const int totalWidth = m_widest + documentMargins().left() + documentMargins().right();
    const int x = (std::max(totalWidth, viewport()->width()) - size.width()) / 2;
    return QRect(QPoint(x - horizontalScrollBar()->value(), m_tops[page] - verticalScrollBar()->value()), size);
}

std::pair<int, int> PdfPageView::visiblePages() const
{
    if (m_tops.isEmpty())
        return {0, -1};
    const int top = verticalScrollBar()->value();
    const int bottom = top + viewport()->height();
    // The last page starting above the view's top, then every page starting above its bottom.
    int first = int(std::upper_bound(m_tops.begin(), m_tops.end(), top) - m_tops.begin()) - 1;
    first = std::max(first, 0);
    int last = int(std::upper_bound(m_tops.begin(), m_tops.end(), bottom) - m_tops.begin()) - 1;
    last = std::clamp(last, first, int(m_tops.size()) - 1);
    return {first, last};
}

int PdfPageView::pageInView() const
{
    if (m_tops.isEmpty())
        return 0;
    const int y = verticalScrollBar()->value() + viewport()->height() / 4;
    const int page = int(std::upper_bound(m_tops.begin(), m_tops.end(), y) - m_tops.begin()) - 1;
    return std::clamp(page, 0, int(m_tops.size()) - 1);
}

int PdfPageView::renderedPages() const
{
    return int(
        std::count_if(m_rendered.begin(), m_rendered.end(), [](const Rendered &r) { return !r.image.isNull(); }));
}

bool PdfPageView::isUpToDate() const
{
    if (m_inFlight || !m_document || !m_document->isReady())
        return false;
    const auto [first, last] = visiblePages();
    for (int page = first; page <= last; ++page) {
        const Want want = wantFor(page);
        if (!want.scaledSize.isEmpty() && !want.clip.isEmpty() && !satisfied(page, want))
            return false;
    }
    return true;
}

QString PdfPageView::renderError(int page) const
{
    const auto it = m_rendered.find(page);
    return it == m_rendered.end() ? QString() : it->error;
}

PdfPageView::Want PdfPageView::wantFor(int page) const
{
    const qreal dpr = devicePixelRatioF();
    const QRect onScreen = viewportPageRect(page);
    Want w;
    w.scaledSize = (QSizeF(onScreen.size()) * dpr).toSize();
    const QRect whole(QPoint(0, 0), w.scaledSize);
    w.visible =
        scaled(onScreen.intersected(viewport()->rect()).translated(-onScreen.topLeft()), dpr).intersected(whole);
    if (area(w.scaledSize) <= pdf::kRenderPixelBudget) {
        w.clip = whole;
        return w;
    }
    // Larger than the budget at this zoom: the part in view and half a screen around it, or
    // only the part in view, or (a very large screen) that part at a lower resolution.
    const int mx = int(viewport()->width() * dpr / 2), my = int(viewport()->height() * dpr / 2);
    w.clip = w.visible.adjusted(-mx, -my, mx, my).intersected(whole);
    if (area(w.clip.size()) > pdf::kRenderPixelBudget)
        w.clip = w.visible;
    if (area(w.clip.size()) > pdf::kRenderPixelBudget) {
        const qreal f = std::sqrt(double(pdf::kRenderPixelBudget) / double(area(w.clip.size()))) * 0.98;
        w.scaledSize = QSize(int(w.scaledSize.width() * f), int(w.scaledSize.height() * f));
        const QRect smaller(QPoint(0, 0), w.scaledSize);
        w.clip = QRect(int(w.clip.x() * f), int(w.clip.y() * f), int(w.clip.width() * f), int(w.clip.height() * f))
                     .intersected(smaller);
        w.visible = w.clip;
    }
    return w;
}

bool PdfPageView::satisfied(int page, const Want &want) const
{
    const auto it = m_rendered.find(page);
    if (it == m_rendered.end() || it->scaledSize != want.scaledSize)
        return false;
    return !it->error.isEmpty() || it->clip.contains(want.visible);
}

void PdfPageView::scheduleRender()
{
    if (m_scheduled)
        return;
    m_scheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_scheduled = false;
        renderNext();
    });
}

void PdfPageView::dropFarPages()
{
    const auto [first, last] = visiblePages();
    for (auto it = m_rendered.begin(); it != m_rendered.end();)
        it = it.key() < first - 2 || it.key() > last + 2 ? m_rendered.erase(it) : std::next(it);
}

void PdfPageView::renderNext()
{
    if (m_inFlight || !m_document || !m_document->isReady() || !isVisible())
        return;
    dropFarPages();
    const auto [first, last] = visiblePages();
    for (int page = first; page <= last; ++page) {
        const Want want = wantFor(page);
        if (want.scaledSize.isEmpty() || want.clip.isEmpty() || satisfied(page, want))
            continue;
        pdf::Request request;
        request.op = pdf::Op::Render;
        request.page = page;
        request.scaledSize = want.scaledSize;
        request.clip = want.clip;
        m_inFlight = true;
        ++m_requests;
        const QPointer<PdfPageView> self(this);
        const quint64 generation = m_generation;
        m_document->send(request, [self, generation, page, want](const pdf::Reply &reply) {
            if (!self || generation != self->m_generation)
                return;
            self->m_inFlight = false;
            Rendered r;
            r.scaledSize = want.scaledSize;
            r.clip = reply.error.isEmpty() ? reply.clip : want.clip;
            r.image = reply.image;
            r.image.setDevicePixelRatio(1.0);
            r.error = reply.error;
            self->m_rendered.insert(page, std::move(r));
            self->viewport()->update();
            emit self->pageRendered(page);
            self->scheduleRender();
        });
        return;
    }
}

void PdfPageView::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    p.fillRect(viewport()->rect(), palette().dark());
    const auto [first, last] = visiblePages();
    for (int page = first; page <= last; ++page) {
        const QRect rect = viewportPageRect(page);
        if (!rect.intersects(viewport()->rect()))
            continue;
        p.fillRect(rect, Qt::white);
        const auto it = m_rendered.find(page);
        if (it != m_rendered.end() && !it->image.isNull() && !it->scaledSize.isEmpty()) {
            // From the rendered page's pixels to the page as laid out now (a render at another
            // zoom is drawn scaled until the new one arrives).
            const qreal sx = qreal(rect.width()) / it->scaledSize.width();
            const qreal sy = qreal(rect.height()) / it->scaledSize.height();
            const QRectF target(rect.x() + it->clip.x() * sx, rect.y() + it->clip.y() * sy, it->clip.width() * sx,
                                it->clip.height() * sy);
            p.setRenderHint(QPainter::SmoothPixmapTransform, it->scaledSize != wantFor(page).scaledSize);
            p.drawImage(target, it->image);
        } else if (it != m_rendered.end() && !it->error.isEmpty()) {
            p.setPen(palette().color(QPalette::Text));
            p.drawText(rect.adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
                       tr("Page %1 could not be rendered: %2").arg(page + 1).arg(it->error));
        }
        p.setPen(QColor(0, 0, 0, 60));
        p.setBrush(Qt::NoBrush);
        p.drawRect(rect.adjusted(0, 0, -1, -1));
    }
    scheduleRender();
}

void PdfPageView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    relayout();
    scheduleRender();
}

void PdfPageView::scrollContentsBy(int, int)
{
    viewport()->update();
    scheduleRender();
}

} // namespace mltrl::ui
