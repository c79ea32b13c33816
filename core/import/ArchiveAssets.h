#pragma once
/// The images a revision's documents show that the manifest does not name ("assets"). A
/// Markdown report writes `![roc](figures/roc.png)` and ships the figure beside it without
/// listing it: the contract allows unlisted files (§1), and the reviewer should see the figure.
/// At import every Markdown text of the revision — Markdown evidence, the Markdown cells of
/// notebook evidence, the project summary and the cards — is read for image references; those
/// that resolve (by the one rule of common/ArchiveReference) to an unlisted regular file of the
/// same archive with an image extension are stored with the revision, byte for byte, within
/// bounds. Nothing else of an archive is ever read for a document. See docs/archive-format.md
/// ("Images of documents that the manifest does not name").
#include "core/common/Problems.h"
#include "core/import/StagedArchive.h"
#include "core/manifest/Manifest.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace mltrl {

struct AssetLimits {
    std::uint64_t maxFileBytes = 32ULL << 20;      ///< one image (the viewer reads no more)
    std::uint64_t maxTotalBytes = 256ULL << 20;    ///< all assets of one revision
    std::size_t maxFiles = 1000;                   ///< assets of one revision
    std::uint64_t maxMarkdownBytes = 1ULL << 20;   ///< larger Markdown is shown as text, not rendered
    std::uint64_t maxNotebookBytes = 128ULL << 20; ///< larger notebooks are not opened
    std::size_t maxNotebookCells = 2000;           ///< cells the notebook viewer shows
    std::size_t maxCellBytes = 100000;             ///< of one cell's source the viewer shows
    std::size_t maxWarningsPerDocument = 20;       ///< then one "and N more" line
};

/// One stored asset: an unlisted archive file and the first document that shows it.
struct Asset {
    std::string path; ///< archive path
    std::string sha256;
    std::uint64_t size = 0;
    std::string document; ///< archive path of the document, or `mltrl.json#/project/summary`, `mltrl.json#/cards/N`
};

/// The image references of a Markdown text, in document order, exactly as Qt's Markdown
/// importer names them (md4c, GitHub dialect: the destination of `![alt](dest)` and of
/// reference-style images with backslash escapes resolved) plus the `src` of every HTML
/// `<img>` in the text (entities decoded), which Qt renders as HTML.
[[nodiscard]] std::vector<std::string> markdownImageReferences(std::string_view markdown);

/// The sources of the Markdown cells of the notebook (nbformat 4) in `file`, read with a
/// streaming parser (memory bounded by the longest string), each cut to `maxCellBytes`, at
/// most `maxCells` cells. nullopt when the file is not JSON, nests deeper than 256 levels or
/// has no `cells` list.
[[nodiscard]] std::optional<std::vector<std::string>> notebookMarkdownCells(const std::filesystem::path &file,
                                                                            std::size_t maxCells = 2000,
                                                                            std::size_t maxCellBytes = 100000);

/// True for the extensions of images the workbench shows inside documents.
[[nodiscard]] bool isDocumentImagePath(std::string_view path);

/// The assets of a staged archive: unlisted files (not in `named`) that the manifest's and
/// the evidence's Markdown names as images. Reports, as warnings located at the document,
/// every image reference that will not be shown (outside the archive, missing, not an image,
/// too large, over the revision's bound) — network addresses excepted (badges in model cards
/// are common and harmless: they are never loaded).
[[nodiscard]] std::vector<Asset> collectAssets(const StagedArchive &staged, const Manifest &manifest,
                                               const std::set<std::string> &named, Problems &problems,
                                               const AssetLimits &limits = {});

} // namespace mltrl
