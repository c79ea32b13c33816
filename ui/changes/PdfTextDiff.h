#pragma once
/// Which pages' text differs between two PDF files, with each changed page's old and new text
/// for a line diff. The text is read by each PDF's decoder process (PdfProcess), so a PDF that
/// crashes pdfium gives an error here. Slow for big documents: call it off the UI thread.
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace mltrl::ui {

struct PdfPageChange {
    int page = 0; ///< 1-based
    enum class Kind { TextChanged, Added, Removed } kind = Kind::TextChanged;
    QString oldText; ///< empty for an added page
    QString newText; ///< empty for a removed page
    /// "page 3: text changed", "page 7: added", "page 7: removed".
    [[nodiscard]] QString label() const;
};

/// The pages whose text differs, in page order. nullopt (with `error`) when a file cannot be
/// read as a PDF.
[[nodiscard]] std::optional<std::vector<PdfPageChange>>
comparePdfPageTexts(const QString &oldPath, const QString &newPath, QString *error = nullptr);

/// One line per differing page (PdfPageChange::label()).
[[nodiscard]] std::optional<QStringList> comparePdfPages(const QString &oldPath, const QString &newPath,
                                                         QString *error = nullptr);

} // namespace mltrl::ui
