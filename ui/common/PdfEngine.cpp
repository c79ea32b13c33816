#include "ui/common/PdfEngine.h"

#include <QPdfDocument>
#include <QPdfDocumentRenderOptions>
#include <QPdfSelection>

#include <algorithm>
#include <cmath>

namespace mltrl::ui {

namespace {

QString loadError(QPdfDocument::Error e)
{
    switch (e) {
    case QPdfDocument::Error::None:
        return {};
    case QPdfDocument::Error::FileNotFound:
        return QStringLiteral("the file cannot be found");
    case QPdfDocument::Error::InvalidFileFormat:
        return QStringLiteral("the file is not a readable PDF (damaged or not a PDF)");
    case QPdfDocument::Error::IncorrectPassword:
        return QStringLiteral("the PDF is encrypted with a password");
    case QPdfDocument::Error::UnsupportedSecurityScheme:
        return QStringLiteral("the PDF uses an unsupported security scheme");
    case QPdfDocument::Error::DataNotYetAvailable:
    case QPdfDocument::Error::Unknown:
        break;
    }
    return QStringLiteral("the PDF cannot be read (error %1)").arg(int(e));
}

pdf::Reply replyTo(const pdf::Request &r)
{
    pdf::Reply out;
    out.id = r.id;
    out.op = r.op;
    out.page = r.page;
    return out;
}

} // namespace

PdfEngine::PdfEngine() : m_doc(std::make_unique<QPdfDocument>()) {}

PdfEngine::~PdfEngine() = default;

pdf::Reply PdfEngine::open(const QString &path)
{
    pdf::Reply r;
    r.op = pdf::Op::Info;
    r.error = loadError(path.isEmpty() ? QPdfDocument::Error::FileNotFound : m_doc->load(path));
    m_open = r.error.isEmpty();
    if (!m_open)
        return r;
    r.pageCount = m_doc->pageCount();
    const int listed = std::min(r.pageCount, pdf::kMaxPages);
    r.pageSizes.reserve(listed);
    for (int i = 0; i < listed; ++i)
        r.pageSizes.append(m_doc->pagePointSize(i));
    m_texts = QStringList(listed, QString());
    m_textRead = QList<bool>(listed, false);
    return r;
}

pdf::Reply PdfEngine::handle(const pdf::Request &request)
{
    pdf::Reply r = replyTo(request);
    if (!m_open) {
        r.error = QStringLiteral("the document is not open");
        return r;
    }
    const bool pageOk = request.page >= 0 && request.page < m_texts.size();
    switch (request.op) {
    case pdf::Op::Info:
        r.error = QStringLiteral("Info is sent once, when the document opens");
        return r;
    case pdf::Op::Render:
        if (!pageOk)
            break;
        return render(request);
    case pdf::Op::PageText:
        if (!pageOk)
            break;
        r.text = pageText(request.page);
        return r;
    case pdf::Op::AllText:
        for (qint64 bytes = 0, p = 0; p < m_texts.size(); ++p) {
            r.texts.append(pageText(int(p)));
            bytes += r.texts.back().size() * 2;
            if (bytes > pdf::kMaxTextBytes) {
                r.error = QStringLiteral("the text of this PDF is longer than %1 MiB").arg(pdf::kMaxTextBytes >> 20);
                r.texts.clear();
                break;
            }
        }
        return r;
    case pdf::Op::Search:
        return search(request);
    }
    r.error = QStringLiteral("there is no page %1").arg(request.page + 1);
    return r;
}

pdf::Reply PdfEngine::render(const pdf::Request &request)
{
    pdf::Reply r = replyTo(request);
    const QSize scaled = request.scaledSize;
    if (scaled.width() <= 0 || scaled.height() <= 0 || scaled.width() > pdf::kMaxScaledSide ||
        scaled.height() > pdf::kMaxScaledSide) {
        r.error = QStringLiteral("a page of %1 × %2 px cannot be rendered").arg(scaled.width()).arg(scaled.height());
        return r;
    }
    const QRect whole(QPoint(0, 0), scaled);
    const QRect clip = request.clip.isNull() ? whole : request.clip.intersected(whole);
    if (clip.isEmpty() || qint64(clip.width()) * clip.height() > pdf::kRenderPixelBudget) {
        r.error = QStringLiteral("%1 × %2 px is beyond the rendering limit of %3 Mpx")
                      .arg(clip.width())
                      .arg(clip.height())
                      .arg(pdf::kRenderPixelBudget / 1000000);
        return r;
    }
    QImage image;
    if (clip == whole) {
        image = m_doc->render(request.page, scaled);
    } else {
        // Only the part asked for is rendered (pdfium draws into a bitmap of the clip's size).
        // Qt 6.4 scales the page by (clip width - 1) / clip width too much (it measures the
        // clip from left() to right(), one pixel short), which shifts what is drawn by up to
        // one clip width deep into a large page: the scaled size passed is larger to match.
        const auto widen = [](int size, int clipSide) {
            return clipSide > 1 ? int(std::lround(size * double(clipSide) / double(clipSide - 1))) : size;
        };
        QPdfDocumentRenderOptions options;
        options.setScaledSize(QSize(widen(scaled.width(), clip.width()), widen(scaled.height(), clip.height())));
        options.setScaledClipRect(clip);
        image = m_doc->render(request.page, clip.size(), options);
    }
    if (image.isNull() || image.size() != clip.size()) {
        r.error = QStringLiteral("pdfium could not render page %1").arg(request.page + 1);
        return r;
    }
    r.scaledSize = scaled;
    r.clip = clip;
    r.image = image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
    return r;
}

pdf::Reply PdfEngine::search(const pdf::Request &request)
{
    pdf::Reply r = replyTo(request);
    const QString needle = request.needle;
    if (needle.isEmpty())
        return r;
    const int maxHits = std::max(1, int(request.maxHits));
    for (int p = 0; p < m_texts.size(); ++p) {
        // pdfium's own text (before our CR LF → LF) indexes the characters of the page.
        const QString text = m_doc->getAllText(p).text();
        for (qsizetype at = text.indexOf(needle, 0, Qt::CaseInsensitive); at >= 0;
             at = text.indexOf(needle, at + needle.size(), Qt::CaseInsensitive)) {
            if (r.hits.size() >= maxHits) {
                r.hitsCut = true;
                return r;
            }
            pdf::Hit hit;
            hit.page = p;
            for (const QPolygonF &bound : m_doc->getSelectionAtIndex(p, int(at), int(needle.size())).bounds())
                hit.rects.append(bound.boundingRect());
            r.hits.append(std::move(hit));
        }
    }
    return r;
}

QString PdfEngine::pageText(int page)
{
    if (!m_textRead[page]) {
        QString text = m_doc->getAllText(page).text().replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
        // Kept for the next request while the total stays small.
        if (m_textBytes + text.size() * 2 <= pdf::kMaxTextBytes) {
            m_textBytes += text.size() * 2;
            m_texts[page] = text;
            m_textRead[page] = true;
        }
        return text;
    }
    return m_texts[page];
}

} // namespace mltrl::ui
