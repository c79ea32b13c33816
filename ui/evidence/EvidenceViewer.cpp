#include "ui/evidence/EvidenceViewer.h"

#include "ui/common/SafeToolTips.h"

#include "ui/common/BackgroundJob.h"
#include "ui/evidence/BinaryEvidenceViewer.h"
#include "ui/evidence/CsvEvidenceViewer.h"
#include "ui/evidence/DicomEvidenceViewer.h"
#include "ui/evidence/ImageEvidenceViewer.h"
#include "ui/evidence/JsonEvidenceViewer.h"
#include "ui/evidence/MarkdownEvidenceViewer.h"
#include "ui/evidence/NotebookEvidenceViewer.h"
#include "ui/evidence/PdfEvidenceViewer.h"
#include "ui/evidence/TextEvidenceViewer.h"

#include <QFile>

#include <utility>

namespace mltrl::ui {

QByteArray readFileHead(const QString &path, qint64 maxBytes, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("Cannot read %1: %2").arg(path, file.errorString());
        return {};
    }
    return file.read(maxBytes);
}

EvidenceViewer::Type EvidenceViewer::typeFor(const QString &mediaType, const QString &suffix)
{
    const QString mt = mediaType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    if (mt == QLatin1String("application/pdf"))
        return Type::Pdf;
    if (mt == QLatin1String("application/x-ipynb+json"))
        return Type::Notebook;
    if (mt == QLatin1String("application/dicom"))
        return Type::Dicom;
    if (mt == QLatin1String("image/png") || mt == QLatin1String("image/jpeg") || mt == QLatin1String("image/svg+xml") ||
        mt == QLatin1String("image/gif") || mt == QLatin1String("image/bmp") || mt == QLatin1String("image/webp"))
        return Type::Image;
    if (mt == QLatin1String("text/markdown") || mt == QLatin1String("text/x-markdown"))
        return Type::Markdown;
    if (mt == QLatin1String("text/csv"))
        return Type::Csv;
    if (mt == QLatin1String("application/json") || mt.endsWith(QLatin1String("+json")))
        return suffix == QLatin1String("ipynb") ? Type::Notebook : Type::Json;
    if (mt.startsWith(QLatin1String("text/")))
        return suffix == QLatin1String("md") ? Type::Markdown : suffix == QLatin1String("csv") ? Type::Csv : Type::Text;

    // No or a generic media type: decide by the extension.
    static const QStringList images{QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"),
                                    QStringLiteral("svg"), QStringLiteral("gif"), QStringLiteral("bmp")};
    static const QStringList texts{QStringLiteral("txt"),  QStringLiteral("log"), QStringLiteral("text"),
                                   QStringLiteral("yaml"), QStringLiteral("yml"), QStringLiteral("tsv")};
    if (suffix == QLatin1String("pdf"))
        return Type::Pdf;
    if (suffix == QLatin1String("ipynb"))
        return Type::Notebook;
    if (suffix == QLatin1String("dcm"))
        return Type::Dicom;
    if (images.contains(suffix))
        return Type::Image;
    if (suffix == QLatin1String("md") || suffix == QLatin1String("markdown"))
        return Type::Markdown;
    if (suffix == QLatin1String("csv"))
        return Type::Csv;
    if (suffix == QLatin1String("json"))
        return Type::Json;
    if (texts.contains(suffix))
        return Type::Text;
    return Type::Binary;
}

EvidenceViewer *EvidenceViewer::create(const EvidenceSource &source, QWidget *parent)
{
    // Beyond these sizes a rendered document or a tree takes seconds and gigabytes: the file
    // opens as paged text instead, and says why.
    constexpr qint64 kMaxMarkdownBytes = 1LL * 1024 * 1024;
    constexpr qint64 kMaxJsonTreeBytes = 8LL * 1024 * 1024;
    const auto asText = [&](const char *what, qint64 limit) {
        return new TextEvidenceViewer(source, parent,
                                      QStringLiteral("This %1 file is larger than %2 MiB: shown as text.")
                                          .arg(QLatin1String(what))
                                          .arg(limit / (1024 * 1024)));
    };
    if (source.dicom) // found DICOM at import (media type or the DICM preamble)
        return new DicomEvidenceViewer(source, parent);
    switch (typeFor(source.mediaType, source.suffix())) {
    case Type::Pdf:
        return new PdfEvidenceViewer(source, parent);
    case Type::Image:
        return new ImageEvidenceViewer(source, parent);
    case Type::Markdown:
        if (source.size > kMaxMarkdownBytes)
            return asText("Markdown", kMaxMarkdownBytes);
        return new MarkdownEvidenceViewer(source, parent);
    case Type::Text:
        return new TextEvidenceViewer(source, parent);
    case Type::Csv:
        return new CsvEvidenceViewer(source, parent);
    case Type::Json:
        if (source.size > kMaxJsonTreeBytes)
            return asText("JSON", kMaxJsonTreeBytes);
        return new JsonEvidenceViewer(source, parent);
    case Type::Notebook:
        return new NotebookEvidenceViewer(source, parent);
    case Type::Dicom:
        return new DicomEvidenceViewer(source, parent);
    case Type::Binary:
        break;
    }
    return new BinaryEvidenceViewer(source, parent);
}

EvidenceViewer::EvidenceViewer(const EvidenceSource &source, QWidget *parent) : QWidget(parent), m_source(source)
{
    SafeToolTips::install(); // cells, values and titles of evidence become tooltips
}

EvidenceViewer::~EvidenceViewer()
{
    deleteHelpers(); // for the viewers without helpers that watch their own widgets
}

void EvidenceViewer::showPage(int) {}

void EvidenceViewer::showRegion(int page, const QRectF &points)
{
    Q_UNUSED(points);
    showPage(page);
}

void EvidenceViewer::markLoaded()
{
    m_loaded = true;
    emit loaded();
}

void EvidenceViewer::readBytes(qint64 maxBytes, std::function<void(const QByteArray &bytes, const QString &error)> use)
{
    const QString path = m_source.blobPath;
    if (path.isEmpty()) {
        use({}, QStringLiteral("The store holds no file for this evidence."));
        markLoaded();
        return;
    }
    if (m_source.size >= 0 && m_source.size < asyncThreshold()) {
        QString error;
        const QByteArray bytes = readFileHead(path, maxBytes, &error);
        use(bytes, error);
        markLoaded();
        return;
    }
    using Result = std::pair<QByteArray, QString>;
    runJob<Result>(
        this,
        [path, maxBytes](JobContext &) {
            QString error;
            QByteArray bytes = readFileHead(path, maxBytes, &error);
            return Result{std::move(bytes), error};
        },
        [this, use = std::move(use)](JobResult<Result> r) {
            if (!r.ok())
                r.value.emplace(QByteArray(), r.error);
            use(r.value->first, r.value->second);
            markLoaded();
        });
}

} // namespace mltrl::ui
