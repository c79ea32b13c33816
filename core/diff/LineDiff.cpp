#include "core/diff/LineDiff.h"

#include "core/manifest/Manifest.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>

namespace mltrl {

namespace {

std::vector<std::string_view> splitLines(std::string_view text)
{
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            lines.push_back(text.substr(start));
            break;
        }
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

/// Myers' shortest edit script on integer line ids. Returns false when more than `maxD`
/// edits are needed. `ops` receives, in order, 0 = same, 1 = removed, 2 = added.
bool myers(const std::vector<int> &a, const std::vector<int> &b, std::size_t maxD, std::vector<char> &ops)
{
    const long n = static_cast<long>(a.size());
    const long m = static_cast<long>(b.size());
    const long limit = std::min<long>(static_cast<long>(maxD), n + m);
    std::vector<long> v(static_cast<std::size_t>(2 * limit + 3), 0);
    const long off = limit + 1;
    // trace[d] holds V[k] for k = -d..d after step d (index k + d): O(D²) memory, bounded by maxD.
    std::vector<std::vector<long>> trace;
    long found = -1;
    for (long d = 0; d <= limit && found < 0; ++d) {
        for (long k = -d; k <= d; k += 2) {
            long x = (k == -d || (k != d && v[k - 1 + off] < v[k + 1 + off])) ? v[k + 1 + off] : v[k - 1 + off] + 1;
            long y = x - k;
            while (x < n && y < m && a[static_cast<std::size_t>(x)] == b[static_cast<std::size_t>(y)]) {
                ++x;
                ++y;
            }
            v[k + off] = x;
            if (x >= n && y >= m)
                found = d;
        }
        trace.emplace_back(v.begin() + (off - d), v.begin() + (off + d + 1));
    }
    if (found < 0)
        return false;
    std::vector<char> reversed;
    long x = n, y = m;
    for (long d = found; d > 0; --d) {
        const std::vector<long> &prev = trace[static_cast<std::size_t>(d - 1)];
        const auto at = [&](long k) { return prev[static_cast<std::size_t>(k + d - 1)]; };
        const long k = x - y;
        const bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
        const long prevK = down ? k + 1 : k - 1;
        const long prevX = at(prevK);
        const long prevY = prevX - prevK;
        while (x > prevX && y > prevY) {
            reversed.push_back(0);
            --x;
            --y;
        }
        reversed.push_back(down ? 2 : 1);
        x = prevX;
        y = prevY;
    }
    while (x > 0 && y > 0) {
        reversed.push_back(0);
        --x;
        --y;
    }
    ops.assign(reversed.rbegin(), reversed.rend());
    return true;
}

} // namespace

LineDiff lineDiff(std::string_view a, std::string_view b, const LineDiffLimits &limits)
{
    LineDiff out;
    if (a.size() > limits.maxBytes || b.size() > limits.maxBytes) {
        out.tooLarge = true;
        return out;
    }
    const std::vector<std::string_view> la = splitLines(a), lb = splitLines(b);
    // Common head and tail need no search; Myers runs on the middle only.
    std::size_t head = 0;
    while (head < la.size() && head < lb.size() && la[head] == lb[head])
        ++head;
    std::size_t tail = 0;
    while (tail < la.size() - head && tail < lb.size() - head && la[la.size() - 1 - tail] == lb[lb.size() - 1 - tail])
        ++tail;
    std::unordered_map<std::string_view, int> ids;
    const auto intern = [&](const std::vector<std::string_view> &lines) {
        std::vector<int> out;
        out.reserve(lines.size() - head - tail);
        for (std::size_t i = head; i < lines.size() - tail; ++i)
            out.push_back(ids.emplace(lines[i], static_cast<int>(ids.size())).first->second);
        return out;
    };
    const std::vector<int> ia = intern(la), ib = intern(lb);
    std::vector<char> ops;
    if (!myers(ia, ib, limits.maxEdits, ops)) {
        out.tooLarge = true;
        return out;
    }
    std::size_t i = 0, j = 0;
    const auto same = [&] {
        out.lines.push_back({DiffLine::Op::Same, i + 1, j + 1, std::string(la[i])});
        ++i;
        ++j;
    };
    while (i < head)
        same();
    for (const char op : ops) {
        if (op == 0) {
            same();
        } else if (op == 1) {
            out.lines.push_back({DiffLine::Op::Removed, i + 1, 0, std::string(la[i])});
            ++i;
            ++out.removed;
        } else {
            out.lines.push_back({DiffLine::Op::Added, 0, j + 1, std::string(lb[j])});
            ++j;
            ++out.added;
        }
    }
    while (i < la.size())
        same();
    return out;
}

std::string unifiedText(const LineDiff &diff, std::size_t context)
{
    std::string out;
    const std::vector<DiffLine> &l = diff.lines;
    std::size_t i = 0;
    while (i < l.size()) {
        if (l[i].op == DiffLine::Op::Same) {
            ++i;
            continue;
        }
        // A hunk: from `context` lines before this change to `context` lines after the last
        // change that is no more than 2 × context same lines away.
        const std::size_t start = i > context ? i - context : 0;
        std::size_t end = i;
        std::size_t sameRun = 0;
        for (std::size_t k = i; k < l.size(); ++k) {
            if (l[k].op == DiffLine::Op::Same) {
                if (++sameRun > 2 * context)
                    break;
            } else {
                sameRun = 0;
                end = k;
            }
        }
        const std::size_t stop = std::min(l.size(), end + context + 1);
        std::size_t oldStart = 0, newStart = 0, oldCount = 0, newCount = 0;
        for (std::size_t k = start; k < stop; ++k) {
            if (l[k].op != DiffLine::Op::Added) {
                oldStart = oldStart ? oldStart : l[k].oldLine;
                ++oldCount;
            }
            if (l[k].op != DiffLine::Op::Removed) {
                newStart = newStart ? newStart : l[k].newLine;
                ++newCount;
            }
        }
        out += fmt::format("@@ -{},{} +{},{} @@\n", oldStart, oldCount, newStart, newCount);
        for (std::size_t k = start; k < stop; ++k) {
            static constexpr std::array<char, 3> marks{' ', '-', '+'};
            out += marks[static_cast<std::size_t>(l[k].op)];
            out += l[k].text;
            out += '\n';
        }
        i = stop;
    }
    return out;
}

bool isLineDiffable(const Evidence &evidence)
{
    const std::string &t = evidence.mediaType;
    if (t.rfind("text/", 0) == 0 || t == "application/json" || t == "application/x-ndjson" || t == "application/yaml" ||
        (t.size() > 5 && t.compare(t.size() - 5, 5, "+json") == 0))
        return true;
    if (!t.empty() && t != "application/octet-stream")
        return false;
    const std::size_t dot = evidence.path.rfind('.');
    if (dot == std::string::npos || evidence.path.find('/', dot) != std::string::npos)
        return false;
    std::string ext = evidence.path.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const char *known : {"txt", "md", "markdown", "csv", "tsv", "json", "jsonl", "yaml", "yml", "log"})
        if (ext == known)
            return true;
    return false;
}

} // namespace mltrl
