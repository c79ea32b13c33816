#pragma once
/// A Jupyter notebook (nbformat 4) reduced to what a reviewer reads: cells with their source,
/// execution count and outputs: text (terminal colours kept as ANSI escapes for the viewer to
/// render), PNG/JPEG/SVG images, `text/html` (sanitized, see NotebookOutputText) and errors
/// with their traceback.
#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace mltrl::ui {

struct Notebook {
    struct Output {
        QString text;      ///< stream text, text/plain, or an error's traceback (else "name: value")
        QByteArray image;  ///< decoded image/png or image/jpeg bytes, or image/svg+xml text
        QString imageType; ///< the media type the notebook declares for them
        /// A text/html output reduced to safe text markup (NotebookOutputText::sanitizeHtml);
        /// shown instead of `text` (which keeps text/plain, for search).
        QString html;
        bool htmlIsTable = false;
        bool isError = false;
    };
    /// An image a Markdown cell carries itself (nbformat `attachments`), named in its source
    /// as `attachment:NAME`.
    struct Attachment {
        QString name;
        QByteArray bytes; ///< decoded from base64 (SVG: the text)
        QString type;     ///< the media type the notebook declares
    };
    struct Cell {
        enum class Type { Markdown, Code, Raw };
        Type type = Type::Code;
        QString source;
        std::optional<int> executionCount;
        std::vector<Output> outputs;
        std::vector<Attachment> attachments;
    };
    std::vector<Cell> cells;
    QString language;
    /// Cells beyond kMaxCells that were not kept.
    int cellsLeftOut = 0;

    /// A cell source or output text is kept up to this many characters (then a note).
    static constexpr qsizetype kMaxTextChars = 100000;
    /// Cells kept at most.
    static constexpr int kMaxCells = 2000;
    /// Attachments kept per Markdown cell, and the largest kept (decoded bytes).
    static constexpr int kMaxAttachments = 20;
    static constexpr qsizetype kMaxAttachmentBytes = 32LL * 1024 * 1024;

    /// Parses notebook JSON; nullopt with `error` when it is not a notebook.
    static std::optional<Notebook> parse(const QByteArray &bytes, QString *error);
    /// All cell sources and text outputs, for full-text search.
    [[nodiscard]] QString plainText() const;
};

} // namespace mltrl::ui
