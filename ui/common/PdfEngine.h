#pragma once
/// The only code that hands an evidence PDF to QtPdf/pdfium: it answers the requests of
/// PdfProtocol.h for one document. It runs in `mltrl-decode --pdf-serve` (a process with an
/// address-space and CPU-time limit, so a pdfium crash, hang or runaway allocation ends that
/// process, not the workbench), and in the workbench itself only when no decoder is installed
/// (PdfProcess's blocking calls). Every render is within pdf::kRenderPixelBudget.
#include "ui/common/PdfProtocol.h"

#include <QStringList>

#include <memory>

class QPdfDocument;

namespace mltrl::ui {

class PdfEngine {
public:
    PdfEngine();
    ~PdfEngine();
    PdfEngine(const PdfEngine &) = delete;
    PdfEngine &operator=(const PdfEngine &) = delete;

    /// Opens the file; the Info reply (id 0) says how it went.
    pdf::Reply open(const QString &path);
    /// The reply to one request (an error reply for a bad one, never a crash here).
    pdf::Reply handle(const pdf::Request &request);

private:
    pdf::Reply render(const pdf::Request &request);
    pdf::Reply search(const pdf::Request &request);
    /// The text of `page`, with pdfium's CR LF line ends as LF; cached.
    QString pageText(int page);

    std::unique_ptr<QPdfDocument> m_doc;
    bool m_open = false;
    QStringList m_texts; ///< cached page texts ("" until read)
    QList<bool> m_textRead;
    qint64 m_textBytes = 0;
};

} // namespace mltrl::ui
