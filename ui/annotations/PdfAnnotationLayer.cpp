#include "ui/annotations/PdfAnnotationLayer.h"

#include "ui/annotations/AnnotationStyle.h"
#include "ui/common/PdfProcess.h"
#include "ui/evidence/PdfEvidenceViewer.h"
#include "ui/evidence/PdfPageView.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace mltrl::ui {

namespace {

/// Paints the layer's highlights and the rectangle being dragged; never takes the mouse (the
/// layer handles it through an event filter on the viewport, beneath this widget).
class PdfOverlay : public QWidget {
public:
    PdfOverlay(PdfAnnotationLayer &layer, QWidget *viewport) : QWidget(viewport), m_layer(layer)
    {
        setObjectName(QStringLiteral("pdfAnnotationOverlay"));
        setAttribute(Qt::WA_TransparentForMouseEvents);
        setAttribute(Qt::WA_NoSystemBackground);
        setGeometry(viewport->rect());
        show();
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        for (const auto &h : m_layer.highlights()) {
            QColor colour = severityColor(QString::fromStdString(h.annotation->severity));
            const bool resolved = h.annotation->status == "resolved";
            if (h.pageMark) {
                colour.setAlpha(resolved ? 70 : 220);
                p.fillRect(h.rect, colour);
                continue;
            }
            QColor fill = colour;
            fill.setAlpha(resolved ? 20 : 55);
            QPen pen(colour, resolved ? 1.0 : 2.0, resolved ? Qt::DashLine : Qt::SolidLine);
            p.setPen(pen);
            p.setBrush(fill);
            p.drawRect(h.rect);
        }
        const QRectF drag = m_layer.dragRect();
        if (!drag.isEmpty()) {
            p.setPen(QPen(palette().highlight().color(), 1.5, Qt::DashLine));
            QColor fill = palette().highlight().color();
            fill.setAlpha(40);
            p.setBrush(fill);
            p.drawRect(drag);
        }
    }

private:
    PdfAnnotationLayer &m_layer;
};

double roundPoint(double v)
{
    return std::round(v * 10.0) / 10.0;
}

} // namespace

PdfAnnotationLayer::PdfAnnotationLayer(PdfEvidenceViewer &viewer, ProjectContext &context)
      : EvidenceAnnotationLayer(viewer, context, QStringLiteral("Annotate region")), m_pdf(viewer)
{
    QWidget *viewport = viewer.view()->viewport();
    m_overlay = new PdfOverlay(*this, viewport);
    viewport->installEventFilter(this);
    viewport->setMouseTracking(true);
    const auto refresh = [this] {
        m_overlay->setGeometry(m_pdf.view()->viewport()->rect());
        m_overlay->update();
    };
    connect(viewer.view()->verticalScrollBar(), &QScrollBar::valueChanged, this, refresh);
    connect(viewer.view()->horizontalScrollBar(), &QScrollBar::valueChanged, this, refresh);
    connect(viewer.view(), &PdfPageView::zoomFactorChanged, this, refresh);
    connect(viewer.document(), &PdfProcess::ready, this, refresh);
}

qreal PdfAnnotationLayer::pixelsPerPoint() const
{
    return m_pdf.view()->pixelsPerPoint();
}

QRectF PdfAnnotationLayer::pageRect(int page) const
{
    return m_pdf.viewportPageRect(page);
}

QRectF PdfAnnotationLayer::toViewport(int page, const QRectF &points) const
{
    return m_pdf.viewportRect(page, points);
}

std::optional<int> PdfAnnotationLayer::pageAt(const QPointF &pos) const
{
    for (int p = 0; p < m_pdf.document()->pageCount(); ++p)
        if (pageRect(p).contains(pos))
            return p;
    return std::nullopt;
}

bool PdfAnnotationLayer::drawsInPlace(const Annotation &annotation) const
{
    return annotation.target.contains("rect");
}

std::vector<PdfAnnotationLayer::Highlight> PdfAnnotationLayer::highlights() const
{
    std::vector<Highlight> out;
    // Page marks first, so that regions (painted later) stay on top of them.
    std::vector<int> marked; // pages already marked: several page notes share one strip
    for (const Annotation &a : m_shown) {
        const auto &t = a.target;
        if (t.contains("rect") || t.contains("line") || !t.contains("page") || !t["page"].is_number_integer())
            continue;
        const int page = t["page"].get<int>() - 1;
        const QRectF pr = pageRect(page);
        if (pr.isEmpty())
            continue;
        // Among several notes on one page the strip takes the colour of the most severe open one.
        const auto rank = [](const Annotation &x) {
            return (x.status == "open" ? 10 : 0) + annotationSeverities().indexOf(QString::fromStdString(x.severity));
        };
        const auto same = std::find(marked.begin(), marked.end(), page);
        if (same != marked.end()) {
            Highlight &h = out[static_cast<std::size_t>(same - marked.begin())];
            if (rank(a) > rank(*h.annotation))
                h.annotation = &a;
            continue;
        }
        marked.push_back(page);
        out.push_back({QRectF(pr.left(), pr.top(), kPageMarkWidth, pr.height()), &a, true});
    }
    for (const Annotation &a : m_shown) {
        const auto &t = a.target;
        if (!t.contains("rect") || !t["rect"].is_array() || t["rect"].size() != 4)
            continue;
        const int page = t.contains("page") ? t["page"].get<int>() - 1 : 0;
        const auto &r = t["rect"];
        const QRectF rect =
            toViewport(page, QRectF(r[0].get<double>(), r[1].get<double>(), r[2].get<double>(), r[3].get<double>()));
        if (!rect.isEmpty())
            out.push_back({rect, &a});
    }
    return out;
}

QRectF PdfAnnotationLayer::dragRect() const
{
    if (!m_dragPage)
        return {};
    return QRectF(m_dragStart, m_dragNow).normalized().intersected(pageRect(*m_dragPage));
}

void PdfAnnotationLayer::redraw()
{
    m_overlay->update();
}

void PdfAnnotationLayer::modeChanged(bool on)
{
    m_pdf.view()->viewport()->setCursor(on ? Qt::CrossCursor : Qt::ArrowCursor);
    if (!on)
        m_dragPage.reset();
    m_overlay->update();
}

bool PdfAnnotationLayer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_pdf.view()->viewport())
        return EvidenceAnnotationLayer::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::Resize:
        m_overlay->setGeometry(m_pdf.view()->viewport()->rect());
        break;
    case QEvent::ToolTip: {
        const auto *help = static_cast<QHelpEvent *>(event);
        const auto all = highlights();
        // Regions before page marks: a region drawn at the page edge wins.
        for (auto it = all.rbegin(); it != all.rend(); ++it) {
            const Highlight &h = *it;
            if (h.rect.contains(help->pos())) {
                QToolTip::showText(help->globalPos(),
                                   QStringLiteral("<b>%1</b> (%2)<br>%3")
                                       .arg(QString::fromStdString(h.annotation->severity),
                                            QString::fromStdString(h.annotation->status),
                                            QString::fromStdString(h.annotation->text).toHtmlEscaped()),
                                   m_overlay, h.rect.toRect());
                return true;
            }
        }
        QToolTip::hideText();
        return true;
    }
    case QEvent::MouseButtonPress:
        if (isDrawing()) {
            const auto *me = static_cast<QMouseEvent *>(event);
            if (me->button() == Qt::LeftButton) {
                m_dragPage = pageAt(me->position());
                m_dragStart = m_dragNow = me->position();
            }
            return true;
        }
        break;
    case QEvent::MouseMove:
        if (isDrawing()) {
            if (m_dragPage) {
                m_dragNow = static_cast<QMouseEvent *>(event)->position();
                m_overlay->update();
            }
            return true;
        }
        break;
    case QEvent::MouseButtonRelease:
        if (isDrawing()) {
            if (m_dragPage) {
                m_dragNow = static_cast<QMouseEvent *>(event)->position();
                finishDrag();
            }
            return true;
        }
        break;
    case QEvent::KeyPress:
        if (isDrawing() && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
            setDrawing(false);
            return true;
        }
        break;
    default:
        break;
    }
    return EvidenceAnnotationLayer::eventFilter(watched, event);
}

void PdfAnnotationLayer::finishDrag()
{
    const int page = *m_dragPage;
    const QRectF drawn = dragRect();
    m_dragPage.reset();
    m_overlay->update();
    if (drawn.width() < 4 || drawn.height() < 4)
        return; // a click, not a region
    const QRectF pr = pageRect(page);
    const QSizeF pagePoints = m_pdf.document()->pagePointSize(page);
    const qreal sx = pagePoints.width() / pr.width();
    const qreal sy = pagePoints.height() / pr.height();
    const nlohmann::json target{{"evidence", m_viewer.source().id.toStdString()},
                                {"page", page + 1},
                                {"rect",
                                 {roundPoint((drawn.x() - pr.x()) * sx), roundPoint((drawn.y() - pr.y()) * sy),
                                  roundPoint(drawn.width() * sx), roundPoint(drawn.height() * sy)}}};
    annotateTarget(target);
}

} // namespace mltrl::ui
