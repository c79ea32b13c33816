#pragma once
/// The words that differ between two texts (a summary, a title, a criterion's wording), for
/// showing a change on one line: "… was [-12 000-]{+14 000+} images …", as `git diff
/// --word-diff` does. Cutting both texts to the same width hid changes past the cut.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mltrl {

struct WordDiffPart {
    enum class Kind { Same, Removed, Added };
    Kind kind = Kind::Same;
    std::string text; ///< the words, separated by single spaces
    bool operator==(const WordDiffPart &) const = default;
};

/// Words are runs of characters other than white space. Parts in text order; a removal comes
/// before the addition that replaces it. Longest common subsequence of the words between the
/// common beginning and end; beyond `maxCells` (old words × new words in that middle) the
/// whole middle is one removal and one addition, so a huge text never stalls the caller.
[[nodiscard]] std::vector<WordDiffPart> wordDiff(std::string_view oldText, std::string_view newText,
                                                 std::size_t maxCells = 4'000'000);

/// The parts on one line: removed words as `[-…-]`, added ones as `{+…+}`, and of unchanged
/// stretches only `context` words beside each change (the rest shown as `…`). "(only white
/// space changed)" when the words are the same.
[[nodiscard]] std::string wordDiffLine(std::string_view oldText, std::string_view newText, std::size_t context = 4);

} // namespace mltrl
