#pragma once
/// Files embedded in a PDF (the document's EmbeddedFiles name tree), as `qpdf
/// --list-attachments` and `pdfdetach -list` show them: written after QPdfWriter has made the
/// document, read back by `mltrl verify PACKET.pdf`. The only place that uses libqpdf.
#include <QByteArray>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mltrl::packet {

struct PdfAttachment {
    std::string name;        ///< the attachment's file name (no '/', so pdfdetach can save it)
    std::string description; ///< e.g. "reviews/ID.json: the signed review record"
    std::string mimeType;    ///< e.g. "application/json"
    std::string bytes;
};

class PdfAttachments {
public:
    /// `pdf` with `files` embedded (a name given twice keeps the last). nullopt with `error`
    /// when `pdf` cannot be read or written.
    [[nodiscard]] static std::optional<QByteArray> embed(const QByteArray &pdf, const std::vector<PdfAttachment> &files,
                                                         std::string &error);

    /// The embedded files of the PDF at `path`, by name. nullopt with `error` when the file is
    /// not a readable PDF.
    [[nodiscard]] static std::optional<std::vector<PdfAttachment>> read(const std::filesystem::path &path,
                                                                        std::string &error);
};

} // namespace mltrl::packet
