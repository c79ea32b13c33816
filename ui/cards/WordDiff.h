#pragma once
/// A word-level diff of two texts (longest common subsequence over words, spaces and
/// punctuation), rendered as two HTML fragments with removals and insertions marked.
#include <QString>

namespace mltrl::ui {

struct WordDiff {
    QString leftHtml;  ///< the old text, removed words in <del>
    QString rightHtml; ///< the new text, inserted words in <ins>
    bool changed = false;
};

/// Texts longer than a few thousand words are compared line by line instead (same output).
[[nodiscard]] WordDiff diffWords(const QString &left, const QString &right);

} // namespace mltrl::ui
