#pragma once
/// A line diff of two texts (Myers' O(ND) shortest edit script on lines). Bounded: texts over
/// `maxBytes` or edit scripts longer than `maxEdits` are not diffed (tooLarge), so a changed
/// 100 MB log never stalls the caller.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mltrl {

struct Evidence;

struct DiffLine {
    enum class Op { Same, Removed, Added };
    Op op = Op::Same;
    std::size_t oldLine = 0; ///< 1-based line in the old text (0 for an added line)
    std::size_t newLine = 0; ///< 1-based line in the new text (0 for a removed line)
    std::string text;        ///< without its line break
    bool operator==(const DiffLine &) const = default;
};

struct LineDiffLimits {
    std::size_t maxBytes = 16u << 20; ///< per side
    std::size_t maxEdits = 2000;      ///< removed + added lines
};

struct LineDiff {
    std::vector<DiffLine> lines; ///< every line of both texts in order (same, removed, added)
    std::size_t removed = 0;
    std::size_t added = 0;
    bool tooLarge = false; ///< over the limits: `lines` is empty

    [[nodiscard]] bool identical() const { return !tooLarge && removed == 0 && added == 0; }
};

/// The lines of `a` and `b` (split at "\n"; a trailing "\r" is kept as part of the line, so a
/// change of line endings shows) as a shortest edit script.
[[nodiscard]] LineDiff lineDiff(std::string_view a, std::string_view b, const LineDiffLimits &limits = {});

/// A unified-diff text of `diff` with `context` lines around each change ("@@ -a,b +c,d @@").
[[nodiscard]] std::string unifiedText(const LineDiff &diff, std::size_t context = 3);

/// True for evidence a line diff suits: text, Markdown, CSV/TSV, JSON, YAML (by media type,
/// else by file extension).
[[nodiscard]] bool isLineDiffable(const Evidence &evidence);

} // namespace mltrl
