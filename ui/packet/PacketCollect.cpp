#include "ui/packet/PacketCollect.h"

#include "core/crypto/Sha256.h"
#include "core/store/Store.h"

#include <algorithm>
#include <fstream>
#include <string_view>
#include <unordered_set>

namespace mltrl::packet {

std::optional<std::string> textLineOf(const std::filesystem::path &path, int line, std::size_t maxChars,
                                      std::uintmax_t maxBytes)
{
    if (line < 1)
        return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::uintmax_t read = 0;
    int number = 1;
    std::string current;
    char c = 0;
    while (read < maxBytes && in.get(c)) {
        ++read;
        if (c == '\n') {
            if (number == line)
                break;
            ++number;
            current.clear();
            continue;
        }
        if (number == line && current.size() <= 4 * maxChars) // bytes; cut on characters below
            current += c;
    }
    if (number != line || (!in && current.empty() && read == 0))
        return std::nullopt;
    if (!current.empty() && current.back() == '\r')
        current.pop_back();
    // Cut on UTF-8 character boundaries; control characters become spaces.
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < current.size(); ++i) {
        const unsigned char b = static_cast<unsigned char>(current[i]);
        const bool lead = (b & 0xC0) != 0x80;
        if (lead && chars == maxChars) {
            out += "\u2026";
            break;
        }
        if (lead)
            ++chars;
        out += (b < 0x20 || b == 0x7f) ? ' ' : current[i];
    }
    return out;
}

namespace {

void listFiles(Store &store, PacketModel &m)
{
    const Manifest &manifest = m.revision.manifest;
    std::unordered_set<std::string_view> evidence, metrics; // a project may have 10 000 files
    for (const Evidence &e : manifest.evidence)
        evidence.insert(e.path);
    for (const Metric &x : manifest.metrics)
        metrics.insert(x.path);
    for (const auto &[path, file] : m.revision.files) {
        const char *kind = path == "mltrl.json"      ? "manifest"
                           : evidence.contains(path) ? "evidence"
                           : metrics.contains(path)  ? "metric"
                                                     : "file";
        m.sums.push_back({path, file.sha256, kind});
    }
    // The records exported with this revision (`mltrl export` writes those stored with it).
    for (const StoredReview &r : m.reviews)
        if (r.revisionId == m.revision.overview.revisionId) {
            m.sums.push_back({"reviews/" + r.id + ".json", sha256Hex(r.record), "review"});
            m.sums.push_back({"reviews/" + r.id + ".json.sig", sha256Hex(r.signature), "signature"});
        }
    std::sort(m.sums.begin(), m.sums.end(), [](const ListedFile &a, const ListedFile &b) { return a.path < b.path; });
    if (const StoredFile *file = m.revision.fileFor("mltrl.json")) {
        std::ifstream in(store.blobs().pathFor(file->sha256), std::ios::binary);
        m.manifestBytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
}

void collectChanges(Store &store, PacketModel &m, Problems &problems)
{
    // The last signed review of the packet's gates (signing order; the latest time wins).
    const StoredReview *last = nullptr;
    for (const StoredReview &r : m.reviews)
        if (!last || r.signedAt >= last->signedAt)
            last = &r;
    if (!last)
        return;
    m.lastReview = *last;
    const int packetRevision = m.revision.overview.revision;
    if (last->revisionNumber == packetRevision)
        return;
    Problems diffProblems;
    m.changes = diffRevisions(store, m.revision.overview.id, last->revisionNumber, packetRevision, diffProblems);
    for (const Problem &p : diffProblems.items())
        problems.warning("packet", "changes since the last signed review: " + p.toString());
}

void quoteLines(Store &store, PacketModel &m)
{
    for (const Annotation &a : m.annotations) {
        const auto ev = a.target.find("evidence");
        const auto line = a.target.find("line");
        if (ev == a.target.end() || !ev->is_string() || line == a.target.end() || !line->is_number_integer())
            continue;
        const Evidence *evidence = m.revision.manifest.findEvidence(ev->get<std::string>());
        const StoredFile *file = evidence ? m.revision.fileFor(evidence->path) : nullptr;
        if (!file)
            continue;
        if (auto text = textLineOf(store.blobs().pathFor(file->sha256), line->get<int>()))
            m.annotatedLines.emplace(a.id, std::move(*text));
    }
}

} // namespace

void collectAuditParts(Store &store, const PacketRequest &request, PacketModel &m, Problems &problems)
{
    m.signersText = request.signersText;
    m.rolesText = request.rolesText;
    m.signersSource = request.signersSource;
    m.rolesSource = request.rolesSource;
    listFiles(store, m);
    collectChanges(store, m, problems);
    quoteLines(store, m);
}

} // namespace mltrl::packet
