#include "core/diff/WordDiff.h"

#include <algorithm>
#include <cstdint>

namespace mltrl {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::vector<std::string_view> words(std::string_view text)
{
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && isSpace(text[i]))
            ++i;
        const std::size_t start = i;
        while (i < text.size() && !isSpace(text[i]))
            ++i;
        if (i > start)
            out.push_back(text.substr(start, i - start));
    }
    return out;
}

void append(std::vector<WordDiffPart> &parts, WordDiffPart::Kind kind, std::string_view word)
{
    if (!parts.empty() && parts.back().kind == kind) {
        parts.back().text += ' ';
        parts.back().text += word;
    } else {
        parts.push_back({kind, std::string(word)});
    }
}

/// Removals before additions within each changed stretch, so "[-a-]{+b+}" reads in order.
void appendChange(std::vector<WordDiffPart> &parts, const std::vector<std::string_view> &removed,
                  const std::vector<std::string_view> &added)
{
    for (const auto w : removed)
        append(parts, WordDiffPart::Kind::Removed, w);
    for (const auto w : added)
        append(parts, WordDiffPart::Kind::Added, w);
}

} // namespace

std::vector<WordDiffPart> wordDiff(std::string_view oldText, std::string_view newText, std::size_t maxCells)
{
    const auto a = words(oldText);
    const auto b = words(newText);
    std::size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix])
        ++prefix;
    std::size_t suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
           a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
        ++suffix;

    std::vector<WordDiffPart> parts;
    for (std::size_t i = 0; i < prefix; ++i)
        append(parts, WordDiffPart::Kind::Same, a[i]);

    const std::size_t n = a.size() - prefix - suffix;
    const std::size_t m = b.size() - prefix - suffix;
    std::vector<std::string_view> removed, added;
    if (n > 0 && m > 0 && n * m <= maxCells) {
        // lcs[i][j]: length of the longest common subsequence of a[prefix+i..] and b[prefix+j..].
        std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
        const auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t & { return lcs[i * (m + 1) + j]; };
        for (std::size_t i = n; i-- > 0;)
            for (std::size_t j = m; j-- > 0;)
                at(i, j) = a[prefix + i] == b[prefix + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
        std::size_t i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[prefix + i] == b[prefix + j]) {
                appendChange(parts, removed, added);
                removed.clear();
                added.clear();
                append(parts, WordDiffPart::Kind::Same, a[prefix + i]);
                ++i;
                ++j;
            } else if (j < m && (i == n || at(i, j + 1) >= at(i + 1, j))) {
                added.push_back(b[prefix + j++]);
            } else {
                removed.push_back(a[prefix + i++]);
            }
        }
    } else {
        removed.assign(a.begin() + static_cast<std::ptrdiff_t>(prefix),
                       a.begin() + static_cast<std::ptrdiff_t>(prefix + n));
        added.assign(b.begin() + static_cast<std::ptrdiff_t>(prefix),
                     b.begin() + static_cast<std::ptrdiff_t>(prefix + m));
    }
    appendChange(parts, removed, added);

    for (std::size_t k = a.size() - suffix; k < a.size(); ++k)
        append(parts, WordDiffPart::Kind::Same, a[k]);
    return parts;
}

std::string wordDiffLine(std::string_view oldText, std::string_view newText, std::size_t context)
{
    const auto parts = wordDiff(oldText, newText);
    if (std::all_of(parts.begin(), parts.end(),
                    [](const WordDiffPart &p) { return p.kind == WordDiffPart::Kind::Same; }))
        return "(only white space changed)";
    std::string out;
    const auto add = [&](std::string_view piece) {
        if (!out.empty())
            out += ' ';
        out += piece;
    };
    for (std::size_t k = 0; k < parts.size(); ++k) {
        const WordDiffPart &p = parts[k];
        if (p.kind == WordDiffPart::Kind::Removed) {
            add("[-" + p.text + "-]");
            continue;
        }
        if (p.kind == WordDiffPart::Kind::Added) {
            // Directly after its removal, without a space: "[-old-]{+new+}".
            if (k > 0 && parts[k - 1].kind == WordDiffPart::Kind::Removed)
                out += "{+" + p.text + "+}";
            else
                add("{+" + p.text + "+}");
            continue;
        }
        const auto w = words(p.text);
        const bool first = k == 0;
        const bool last = k + 1 == parts.size();
        const std::size_t keepBefore = first ? 0 : context; // after the previous change
        const std::size_t keepAfter = last ? 0 : context;   // before the next change
        if (w.size() <= keepBefore + keepAfter) {
            add(p.text);
            continue;
        }
        for (std::size_t i = 0; i < keepBefore; ++i)
            add(w[i]);
        add("…");
        for (std::size_t i = w.size() - keepAfter; i < w.size(); ++i)
            add(w[i]);
    }
    return out;
}

} // namespace mltrl
