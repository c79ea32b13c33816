#pragma once
/// Which pages' text differs between two PDF files (QtPdf text extraction). Slow for big
/// documents: call it off the UI thread.
#include <QString>
#include <QStringList>

#include <optional>

namespace mltrl::ui {

/// One line per differing page: "page 3: text changed", "page 7: added", "page 7: removed".
/// nullopt (with `error`) when a file cannot be read as a PDF.
[[nodiscard]] std::optional<QStringList> comparePdfPages(const QString &oldPath, const QString &newPath,
                                                         QString *error = nullptr);

} // namespace mltrl::ui
