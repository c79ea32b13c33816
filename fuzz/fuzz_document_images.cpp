// The images a document names (core/import/ArchiveAssets, core/common/ArchiveReference): the
// input is read as Markdown for its image references (md4c, as Qt reads it), each reference is
// resolved from two document paths, and the input is read as a notebook for its Markdown cells.
// Invariants: a resolved reference is a relative archive path with no empty, "." or ".."
// segment (it can never name anything outside the archive); a refused one says why; notebook
// cells stay within their bounds.
#include "FuzzCheck.h"
#include "core/common/ArchiveReference.h"
#include "core/import/ArchiveAssets.h"

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace {

void checkResolved(const mltrl::ArchiveReference &r)
{
    FUZZ_CHECK(r.ok() != r.archivePath.empty());
    if (!r.ok())
        return;
    const std::string &p = r.archivePath;
    FUZZ_CHECK(p.front() != '/' && p.find('\\') == std::string::npos);
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = p.find('/', start);
        const std::string_view segment =
            std::string_view(p).substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        FUZZ_CHECK(!segment.empty() && segment != "." && segment != "..");
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    for (const std::string &ref : mltrl::markdownImageReferences(text)) {
        checkResolved(mltrl::resolveArchiveReference(ref, "evidence/reports/report.md"));
        checkResolved(mltrl::resolveArchiveReference(ref, ""));
    }
    checkResolved(mltrl::resolveArchiveReference(text, "a/b.md"));

    static const std::filesystem::path file =
        std::filesystem::temp_directory_path() / ("mltrl-fuzz-notebook-" + std::to_string(::getpid()) + ".ipynb");
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }
    if (const auto cells = mltrl::notebookMarkdownCells(file, 4, 64)) {
        FUZZ_CHECK(cells->size() <= 4);
        for (const std::string &c : *cells)
            FUZZ_CHECK(c.size() <= 64);
    }
    return 0;
}
