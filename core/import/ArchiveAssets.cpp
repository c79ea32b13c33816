#include "core/import/ArchiveAssets.h"

#include "core/common/ArchiveReference.h"

#include <QRegularExpression>
#include <QString>

#include <fmt/format.h>
#include <md4c.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <fstream>
#include <map>

namespace mltrl {

namespace {

// ---------------------------------------------------------------------------------------
// Markdown

struct MarkdownScan {
    std::vector<std::string> references;
    std::string html; ///< every raw HTML piece, in order (Qt renders them as HTML)
};

int enterBlock(MD_BLOCKTYPE, void *, void *)
{
    return 0;
}

int leaveBlock(MD_BLOCKTYPE, void *, void *)
{
    return 0;
}

int enterSpan(MD_SPANTYPE type, void *detail, void *user)
{
    if (type == MD_SPAN_IMG) {
        const auto *img = static_cast<const MD_SPAN_IMG_DETAIL *>(detail);
        // As QTextMarkdownImporter takes it: the attribute's text (escapes resolved).
        static_cast<MarkdownScan *>(user)->references.emplace_back(img->src.text, img->src.size);
    }
    return 0;
}

int leaveSpan(MD_SPANTYPE, void *, void *)
{
    return 0;
}

int text(MD_TEXTTYPE type, const MD_CHAR *chars, MD_SIZE size, void *user)
{
    if (type == MD_TEXT_HTML) {
        auto *scan = static_cast<MarkdownScan *>(user);
        scan->html.append(chars, size);
        scan->html.push_back('\n');
    }
    return 0;
}

/// HTML character references in an attribute value (the common ones, and numeric ones).
QString decodeEntities(const QString &value)
{
    static const QRegularExpression entity(QStringLiteral("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos);"));
    QString out;
    qsizetype last = 0;
    for (auto it = entity.globalMatch(value); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += value.mid(last, m.capturedStart() - last);
        const QString name = m.captured(1);
        char32_t code = 0;
        if (name.startsWith(QLatin1String("#x")) || name.startsWith(QLatin1String("#X")))
            code = name.mid(2).toUInt(nullptr, 16);
        else if (name.startsWith(QLatin1Char('#')))
            code = name.mid(1).toUInt();
        else
            code = name == QLatin1String("amp")    ? U'&'
                   : name == QLatin1String("lt")   ? U'<'
                   : name == QLatin1String("gt")   ? U'>'
                   : name == QLatin1String("quot") ? U'"'
                                                   : U'\'';
        if (code > 0 && code <= 0x10ffff)
            out += QString::fromUcs4(&code, 1);
        last = m.capturedEnd();
    }
    return out + value.mid(last);
}

void addHtmlImages(const std::string &html, std::vector<std::string> &out)
{
    if (html.empty())
        return;
    static const QRegularExpression img(
        QString::fromLatin1(R"re(<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))re"),
        QRegularExpression::CaseInsensitiveOption);
    const QString text = QString::fromStdString(html);
    for (auto it = img.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        QString value;
        for (int i = 1; i <= 3 && value.isEmpty(); ++i)
            value = m.captured(i);
        out.push_back(decodeEntities(value).toStdString());
    }
}

// ---------------------------------------------------------------------------------------
// Notebooks

/// Walks a notebook's JSON events and keeps the source of each Markdown cell. Only the
/// `cells` list of the top-level object counts; nothing else is kept.
class NotebookCells final : public nlohmann::json_sax<nlohmann::json> {
public:
    NotebookCells(std::size_t maxCells, std::size_t maxCellBytes) : m_maxCells(maxCells), m_maxCellBytes(maxCellBytes)
    {
    }

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t &) override { return true; }
    bool binary(binary_t &) override { return true; }

    bool string(string_t &value) override
    {
        if (!m_inCell)
            return true;
        if (m_depth == 3 && m_cellKey == "cell_type")
            m_cellType = value;
        else if (m_depth == 3 && m_cellKey == "source")
            append(value);
        else if (m_depth == 4 && m_inSource)
            append(value);
        return true;
    }

    bool start_object(std::size_t) override
    {
        if (!enter())
            return false;
        if (m_depth == 1)
            m_rootIsObject = true;
        if (m_depth == 3 && m_inCells) {
            m_inCell = true;
            m_cellType.clear();
            m_source.clear();
            m_cellKey.clear();
        }
        return true;
    }

    bool key(string_t &value) override
    {
        if (m_depth == 1)
            m_rootKey = value;
        else if (m_depth == 3 && m_inCell)
            m_cellKey = value;
        return true;
    }

    bool end_object() override
    {
        if (m_depth == 3 && m_inCell) {
            m_inCell = false;
            if (m_cellType == "markdown" && cells.size() < m_maxCells)
                cells.push_back(std::move(m_source));
            ++m_cellCount;
        }
        --m_depth;
        return true;
    }

    bool start_array(std::size_t) override
    {
        if (!enter())
            return false;
        if (m_depth == 2 && m_rootIsObject && m_rootKey == "cells") {
            m_inCells = true;
            sawCells = true;
        }
        if (m_depth == 4 && m_inCell && m_cellKey == "source")
            m_inSource = true;
        return true;
    }

    bool end_array() override
    {
        if (m_depth == 4)
            m_inSource = false;
        if (m_depth == 2)
            m_inCells = false;
        --m_depth;
        return true;
    }

    bool parse_error(std::size_t, const std::string &, const nlohmann::detail::exception &) override { return false; }

    std::vector<std::string> cells;
    bool sawCells = false;

private:
    static constexpr int kMaxDepth = 256; // as the notebook viewer (EvidenceJson)

    bool enter() { return ++m_depth <= kMaxDepth; }
    void append(const std::string &value)
    {
        if (m_cellCount >= m_maxCells || m_source.size() >= m_maxCellBytes)
            return;
        m_source.append(value, 0, m_maxCellBytes - m_source.size());
    }

    std::size_t m_maxCells;
    std::size_t m_maxCellBytes;
    int m_depth = 0;
    bool m_rootIsObject = false;
    bool m_inCells = false;
    bool m_inCell = false;
    bool m_inSource = false;
    std::size_t m_cellCount = 0;
    std::string m_rootKey;
    std::string m_cellKey;
    std::string m_cellType;
    std::string m_source;
};

// ---------------------------------------------------------------------------------------
// Collection

std::string lowerSuffix(std::string_view path)
{
    const std::size_t slash = path.rfind('/');
    const std::size_t dot = path.rfind('.');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
        return {};
    std::string s(path.substr(dot + 1));
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string lowerMediaType(const std::string &mediaType)
{
    std::string mt = mediaType.substr(0, mediaType.find(';'));
    mt.erase(0, mt.find_first_not_of(" \t"));
    mt.erase(mt.find_last_not_of(" \t") + 1);
    std::transform(mt.begin(), mt.end(), mt.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return mt;
}

/// The viewer the workbench opens an evidence file in, as far as documents go (the same
/// choice as EvidenceViewer::typeFor, which decides by declared type, else by extension).
enum class DocumentKind { Markdown, Notebook, Other };

DocumentKind documentKind(const Evidence &ev)
{
    const std::string mt = lowerMediaType(ev.mediaType);
    const std::string suffix = lowerSuffix(ev.path);
    if (mt == "text/markdown" || mt == "text/x-markdown")
        return DocumentKind::Markdown;
    if (mt == "application/x-ipynb+json")
        return DocumentKind::Notebook;
    if (mt == "application/json" || (mt.size() > 5 && mt.ends_with("+json")))
        return suffix == "ipynb" ? DocumentKind::Notebook : DocumentKind::Other;
    if (mt.starts_with("text/"))
        return suffix == "md" ? DocumentKind::Markdown : DocumentKind::Other;
    static const std::array<std::string_view, 9> specific{"application/pdf", "application/dicom", "image/png",
                                                          "image/jpeg",      "image/svg+xml",     "image/gif",
                                                          "image/bmp",       "image/webp",        "text/csv"};
    if (std::find(specific.begin(), specific.end(), mt) != specific.end())
        return DocumentKind::Other;
    if (suffix == "md" || suffix == "markdown")
        return DocumentKind::Markdown;
    if (suffix == "ipynb")
        return DocumentKind::Notebook;
    return DocumentKind::Other;
}

std::optional<std::string> readFile(const std::filesystem::path &file, std::uint64_t size)
{
    std::ifstream in(file, std::ios::binary);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
        return std::nullopt;
    return bytes;
}

/// Every string of a card (its fields are Markdown; the debrief's answers too).
void cardStrings(const nlohmann::json &value, std::string &out, int depth = 0)
{
    if (depth > 64)
        return;
    if (value.is_string()) {
        out += value.get_ref<const std::string &>();
        out += "\n\n";
    } else if (value.is_array() || value.is_object()) {
        for (const nlohmann::json &v : value)
            cardStrings(v, out, depth + 1);
    }
}

struct Document {
    std::string path;     ///< archive path references resolve from ("" = the archive root)
    std::string location; ///< where warnings point
    std::vector<std::string> references;
};

class Collector {
public:
    Collector(const StagedArchive &staged, const std::set<std::string> &named, Problems &problems,
              const AssetLimits &limits)
          : m_staged(staged), m_named(named), m_problems(problems), m_limits(limits)
    {
    }

    void add(const Document &doc)
    {
        std::size_t warnings = 0;
        std::set<std::string> seen;
        const auto warn = [&](std::string what) {
            if (++warnings <= m_limits.maxWarningsPerDocument)
                m_problems.warning(doc.location, std::move(what));
        };
        for (const std::string &ref : doc.references) {
            if (!seen.insert(ref).second)
                continue;
            const std::string shown = ref.size() > 200 ? ref.substr(0, 200) + "…" : ref;
            const ArchiveReference r = resolveArchiveReference(ref, doc.path);
            if (!r.ok()) {
                // Images inside the document (data:, a notebook cell's attachment:) and network
                // addresses are not files of the archive; none is a finding (network images
                // are never loaded).
                const QString written = QString::fromStdString(ref).trimmed();
                if (r.network || written.startsWith(QLatin1String("data:"), Qt::CaseInsensitive) ||
                    written.startsWith(QLatin1String("attachment:"), Qt::CaseInsensitive))
                    continue;
                warn(fmt::format("the image \"{}\" will not be shown: it is {}", shown, r.refused));
                continue;
            }
            const std::string &path = r.archivePath;
            if (m_named.count(path) || m_chosen.count(path))
                continue;
            const StagedFile *file = m_staged.find(path);
            if (!file) {
                warn(fmt::format("the image \"{}\" will not be shown: {} is not in the archive", shown, path));
            } else if (!isDocumentImagePath(path)) {
                warn(fmt::format("the image \"{}\" will not be shown: {} is not named in the manifest and is not an "
                                 "image file (.png, .jpg, .jpeg, .gif, .bmp, .webp, .svg); it is not stored",
                                 shown, path));
            } else if (file->size > m_limits.maxFileBytes) {
                warn(fmt::format("the image \"{}\" will not be shown: {} is not named in the manifest and is {} bytes, "
                                 "over the {} MiB stored for an unlisted image; it is not stored",
                                 shown, path, file->size, m_limits.maxFileBytes >> 20));
            } else if (assets.size() >= m_limits.maxFiles || m_total + file->size > m_limits.maxTotalBytes) {
                warn(fmt::format(
                    "the image \"{}\" will not be shown: {} is not named in the manifest, and the unlisted "
                    "images of this archive are over their bound ({} files, {} MiB in all); it is not stored",
                    shown, path, m_limits.maxFiles, m_limits.maxTotalBytes >> 20));
            } else {
                m_total += file->size;
                m_chosen.insert(path);
                assets.push_back(Asset{path, file->sha256, file->size, doc.path.empty() ? doc.location : doc.path});
            }
        }
        if (warnings > m_limits.maxWarningsPerDocument)
            m_problems.warning(doc.location, fmt::format("… and {} more images that will not be shown",
                                                         warnings - m_limits.maxWarningsPerDocument));
    }

    std::vector<Asset> assets;

private:
    const StagedArchive &m_staged;
    const std::set<std::string> &m_named;
    Problems &m_problems;
    const AssetLimits &m_limits;
    std::set<std::string> m_chosen;
    std::uint64_t m_total = 0;
};

} // namespace

std::vector<std::string> markdownImageReferences(std::string_view markdown)
{
    MarkdownScan scan;
    MD_PARSER parser{};
    parser.abi_version = 0;
    // QTextDocument::setMarkdown's default, MarkdownDialectGitHub.
    parser.flags = MD_DIALECT_GITHUB;
    parser.enter_block = enterBlock;
    parser.leave_block = leaveBlock;
    parser.enter_span = enterSpan;
    parser.leave_span = leaveSpan;
    parser.text = text;
    md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &scan);
    addHtmlImages(scan.html, scan.references);
    return std::move(scan.references);
}

std::optional<std::vector<std::string>> notebookMarkdownCells(const std::filesystem::path &file, std::size_t maxCells,
                                                              std::size_t maxCellBytes)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return std::nullopt;
    NotebookCells cells(maxCells, maxCellBytes);
    if (!nlohmann::json::sax_parse(in, &cells) || !cells.sawCells)
        return std::nullopt;
    return std::move(cells.cells);
}

bool isDocumentImagePath(std::string_view path)
{
    static const std::array<std::string_view, 7> images{"png", "jpg", "jpeg", "gif", "bmp", "webp", "svg"};
    const std::string suffix = lowerSuffix(path);
    return std::find(images.begin(), images.end(), suffix) != images.end();
}

std::vector<Asset> collectAssets(const StagedArchive &staged, const Manifest &manifest,
                                 const std::set<std::string> &named, Problems &problems, const AssetLimits &limits)
{
    Collector collector(staged, named, problems, limits);
    collector.add({"", "mltrl.json#/project/summary", markdownImageReferences(manifest.project.summary)});
    if (manifest.raw.contains("cards") && manifest.raw["cards"].is_array()) {
        const nlohmann::json &cards = manifest.raw["cards"];
        for (std::size_t i = 0; i < cards.size(); ++i) {
            std::string text;
            cardStrings(cards[i], text);
            collector.add({"", fmt::format("mltrl.json#/cards/{}", i), markdownImageReferences(text)});
        }
    }
    std::set<std::string> documents;
    for (const Evidence &ev : manifest.evidence) {
        const StagedFile *file = staged.find(ev.path);
        if (!file || !documents.insert(ev.path).second)
            continue;
        switch (documentKind(ev)) {
        case DocumentKind::Markdown:
            if (file->size <= limits.maxMarkdownBytes)
                if (const std::optional<std::string> text = readFile(file->temp, file->size))
                    collector.add({ev.path, ev.path, markdownImageReferences(*text)});
            break;
        case DocumentKind::Notebook:
            if (file->size <= limits.maxNotebookBytes)
                if (const auto cells =
                        notebookMarkdownCells(file->temp, limits.maxNotebookCells, limits.maxCellBytes)) {
                    std::vector<std::string> refs;
                    for (const std::string &cell : *cells)
                        for (std::string &r : markdownImageReferences(cell))
                            refs.push_back(std::move(r));
                    collector.add({ev.path, ev.path, std::move(refs)});
                }
            break;
        case DocumentKind::Other:
            break;
        }
    }
    return std::move(collector.assets);
}

} // namespace mltrl
