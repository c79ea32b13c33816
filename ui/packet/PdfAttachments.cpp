#include "ui/packet/PdfAttachments.h"

// qpdf 11: no PointerHolder compatibility (std::shared_ptr throughout).
#define POINTERHOLDER_TRANSITION 4

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEFStreamObjectHelper.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <exception>

namespace mltrl::packet {

std::optional<QByteArray> PdfAttachments::embed(const QByteArray &pdf, const std::vector<PdfAttachment> &files,
                                                std::string &error)
{
    try {
        QPDF doc;
        doc.setSuppressWarnings(true);
        doc.processMemoryFile("packet.pdf", pdf.constData(), static_cast<std::size_t>(pdf.size()));
        QPDFEmbeddedFileDocumentHelper embedded(doc);
        for (const PdfAttachment &f : files) {
            auto stream = QPDFEFStreamObjectHelper::createEFStream(doc, f.bytes);
            if (!f.mimeType.empty())
                stream.setSubtype(f.mimeType);
            auto spec = QPDFFileSpecObjectHelper::createFileSpec(doc, f.name, stream);
            if (!f.description.empty())
                spec.setDescription(f.description);
            embedded.replaceEmbeddedFile(f.name, spec);
        }
        QPDFWriter writer(doc);
        writer.setOutputMemory();
        writer.write();
        const std::unique_ptr<Buffer> out(writer.getBuffer());
        return QByteArray(reinterpret_cast<const char *>(out->getBuffer()), static_cast<qsizetype>(out->getSize()));
    } catch (const std::exception &e) {
        error = std::string("cannot attach files to the PDF: ") + e.what();
        return std::nullopt;
    }
}

std::optional<std::vector<PdfAttachment>> PdfAttachments::read(const std::filesystem::path &path, std::string &error)
{
    try {
        QPDF doc;
        doc.setSuppressWarnings(true);
        doc.processFile(path.string().c_str());
        QPDFEmbeddedFileDocumentHelper embedded(doc);
        std::vector<PdfAttachment> out;
        for (const auto &[name, spec] : embedded.getEmbeddedFiles()) {
            PdfAttachment a;
            a.name = name;
            a.description = spec->getDescription();
            QPDFObjectHandle stream = spec->getEmbeddedFileStream();
            if (!stream.isStream())
                continue;
            a.mimeType = QPDFEFStreamObjectHelper(stream).getSubtype();
            const std::shared_ptr<Buffer> data = stream.getStreamData(qpdf_dl_all);
            a.bytes.assign(reinterpret_cast<const char *>(data->getBuffer()), data->getSize());
            out.push_back(std::move(a));
        }
        return out;
    } catch (const std::exception &e) {
        error = path.string() + ": not a readable PDF: " + e.what();
        return std::nullopt;
    }
}

} // namespace mltrl::packet
