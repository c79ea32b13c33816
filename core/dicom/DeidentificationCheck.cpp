#include "core/dicom/DeidentificationCheck.h"

#include "core/dicom/ConfidentialityProfile.h"
#include "core/dicom/DcmtkSetup.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcsequen.h>

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <set>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace mltrl::dicom {

namespace {

/// Values above this many bytes stay on disk; emptiness is then known from the length alone.
constexpr Uint32 kMaxReadLength = 4096;
/// Deeper nesting than this is not walked (no real header nests more than a handful).
constexpr int kMaxDepth = 64;
/// At most this many private tags are named in the warning line; the JSON lists all.
constexpr std::size_t kPrivateTagsInLine = 5;

std::string tagText(Uint16 group, Uint16 element)
{
    return fmt::format("({:04X},{:04X})", group, element);
}

std::string trimmed(const OFString &value, std::string_view padding)
{
    const std::string s(value.c_str(), value.length());
    const auto first = s.find_first_not_of(padding);
    if (first == std::string::npos)
        return {};
    return s.substr(first, s.find_last_not_of(padding) - first + 1);
}

/// True when the element holds a value: a sequence with an item, or a value that is more
/// than padding (for person names also more than the component separators).
bool hasValue(DcmElement *el)
{
    if (el->ident() == EVR_SQ)
        return static_cast<DcmSequenceOfItems *>(el)->card() > 0;
    const Uint32 length = el->getLength();
    if (length == 0)
        return false;
    if (!el->isaString() || length > kMaxReadLength)
        return true;
    OFString value;
    if (el->getOFStringArray(value).bad())
        return true;
    const std::string_view padding = el->ident() == EVR_PN ? std::string_view(" ^=\\", 4) : std::string_view(" \\", 2);
    return !trimmed(value, padding).empty();
}

std::optional<std::string> stringValue(DcmItem &item, const DcmTagKey &key)
{
    OFString value;
    if (item.findAndGetOFStringArray(key, value).bad())
        return std::nullopt;
    return trimmed(value, " ");
}

class Walker {
public:
    explicit Walker(DeidentificationCheck &out) : m_out(out) {}

    void walk(DcmItem &item, int depth)
    {
        if (depth > kMaxDepth) {
            if (m_out.problem.empty())
                m_out.problem =
                    fmt::format("sequences nest deeper than {} levels; the rest was not checked", kMaxDepth);
            return;
        }
        for (unsigned long i = 0; i < item.card(); ++i) {
            DcmElement *el = item.getElement(i);
            if (!el)
                continue;
            const DcmTag &tag = el->getTag();
            const Uint16 group = tag.getGTag();
            const Uint16 element = tag.getETag();
            if (group % 2 == 1) {
                const std::string text = tagText(group, element);
                if (m_private.insert(text).second)
                    m_out.privateTags.push_back(text);
            } else if (const ProfileAttribute *a = findProfileAttribute(group, element); a && !a->isUid()) {
                const std::string text = tagText(group, element);
                if (!m_named.count(text) && hasValue(el)) {
                    m_named.insert(text);
                    m_out.attributes.push_back({a->keyword, text});
                }
            }
            if (el->ident() == EVR_SQ) {
                auto *seq = static_cast<DcmSequenceOfItems *>(el);
                for (unsigned long j = 0; j < seq->card(); ++j)
                    if (DcmItem *child = seq->getItem(j))
                        walk(*child, depth + 1);
            }
        }
    }

private:
    DeidentificationCheck &m_out;
    std::set<std::string> m_private;
    std::set<std::string> m_named;
};

std::optional<std::string> optString(const nlohmann::json &j, const char *key)
{
    if (!j.contains(key) || !j[key].is_string())
        return std::nullopt;
    return j[key].get<std::string>();
}

} // namespace

std::optional<bool> DeidentificationCheck::identified() const
{
    if (!attributes.empty() || !privateTags.empty() || burnedInAnnotation == "YES")
        return true;
    if (!problem.empty())
        return std::nullopt;
    return false;
}

std::string DeidentificationCheck::summary() const
{
    std::vector<std::string> parts;
    for (const IdentifyingAttribute &a : attributes)
        parts.push_back(fmt::format("{} {}", a.keyword, a.tag));
    if (!privateTags.empty()) {
        std::string p = privateTags.size() == 1 ? "private attribute " : "private attributes ";
        for (std::size_t i = 0; i < privateTags.size() && i < kPrivateTagsInLine; ++i)
            p += (i ? ", " : "") + privateTags[i];
        if (privateTags.size() > kPrivateTagsInLine)
            p += fmt::format(" and {} more", privateTags.size() - kPrivateTagsInLine);
        parts.push_back(std::move(p));
    }
    if (burnedInAnnotation == "YES")
        parts.emplace_back("BurnedInAnnotation (0028,0301) YES");
    return fmt::format("{}", fmt::join(parts, ", "));
}

nlohmann::json DeidentificationCheck::toJson() const
{
    nlohmann::json attrs = nlohmann::json::array();
    for (const IdentifyingAttribute &a : attributes)
        attrs.push_back({{"keyword", a.keyword}, {"tag", a.tag}});
    const std::optional<bool> id = identified();
    const auto orNull = [](const std::optional<std::string> &s) { return s ? nlohmann::json(*s) : nlohmann::json(); };
    return {{"identified", id ? nlohmann::json(*id) : nlohmann::json()},
            {"attributes", std::move(attrs)},
            {"private_tags", privateTags},
            {"burned_in_annotation", orNull(burnedInAnnotation)},
            {"patient_identity_removed", orNull(patientIdentityRemoved)},
            {"problem", problem.empty() ? nlohmann::json() : nlohmann::json(problem)},
            {"parser_failed", parserFailed}};
}

std::optional<DeidentificationCheck> DeidentificationCheck::fromJson(const nlohmann::json &j)
{
    if (!j.is_object())
        return std::nullopt;
    DeidentificationCheck c;
    if (j.contains("attributes") && j["attributes"].is_array())
        for (const nlohmann::json &a : j["attributes"])
            if (a.is_object())
                c.attributes.push_back({a.value("keyword", std::string()), a.value("tag", std::string())});
    if (j.contains("private_tags") && j["private_tags"].is_array())
        for (const nlohmann::json &t : j["private_tags"])
            if (t.is_string())
                c.privateTags.push_back(t.get<std::string>());
    c.burnedInAnnotation = optString(j, "burned_in_annotation");
    c.patientIdentityRemoved = optString(j, "patient_identity_removed");
    c.problem = optString(j, "problem").value_or(std::string());
    c.parserFailed = j.value("parser_failed", false);
    return c;
}

bool isDicomEvidence(std::string_view mediaType, const std::filesystem::path &file)
{
    const std::string_view mt = mediaType.substr(0, mediaType.find(';'));
    if (mt == "application/dicom")
        return true;
    std::ifstream in(file, std::ios::binary);
    char head[132] = {};
    if (!in.read(head, sizeof head))
        return false;
    return std::string_view(head + 128, 4) == "DICM";
}

DeidentificationCheck checkDicomFileInProcess(const std::filesystem::path &file)
{
    setUpDcmtk();
    DeidentificationCheck out;
    DcmFileFormat format;
    const OFCondition status = format.loadFileUntilTag(OFFilename(file.c_str()), EXS_Unknown, EGL_noChange,
                                                       kMaxReadLength, ERM_autoDetect, DCM_PixelData);
    if (status.bad())
        out.problem = fmt::format("the DICOM header cannot be read whole: {}", status.text());
    DcmDataset *dataset = format.getDataset();
    if (!dataset)
        return out;
    if (status.good() && dataset->card() == 0) {
        out.problem = "no DICOM data elements in the file";
        return out;
    }
    Walker(out).walk(*dataset, 0);
    out.burnedInAnnotation = stringValue(*dataset, DCM_BurnedInAnnotation);
    out.patientIdentityRemoved = stringValue(*dataset, DCM_PatientIdentityRemoved);
    return out;
}

DeidentificationCheck checkDicomFile(const std::filesystem::path &file)
{
    const auto failed = [](std::string why) {
        DeidentificationCheck c;
        c.problem = std::move(why);
        c.parserFailed = true;
        return c;
    };
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return failed(fmt::format("cannot start the DICOM parser: {}", std::strerror(errno)));
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return failed(fmt::format("cannot start the DICOM parser: {}", std::strerror(errno)));
    }
    if (pid == 0) {
        // The child: bounded in time, reports the check as JSON, never returns.
        ::close(fds[0]);
        // (No address-space limit: the child inherits the parent's mappings, a workbench's
        // included, and element values over 4 KiB are never loaded anyway.)
        ::alarm(30);
        const std::string out = checkDicomFileInProcess(file).toJson().dump();
        for (std::size_t done = 0; done < out.size();) {
            const ssize_t n = ::write(fds[1], out.data() + done, out.size() - done);
            if (n <= 0)
                ::_exit(2);
            done += static_cast<std::size_t>(n);
        }
        ::_exit(0);
    }
    ::close(fds[1]);
    std::string text;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
        if (n > 0)
            text.append(buffer, static_cast<std::size_t>(n));
        else if (n == 0 || errno != EINTR)
            break;
    }
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFSIGNALED(status))
        return failed(WTERMSIG(status) == SIGALRM
                          ? std::string("the DICOM parser took longer than 30 s on this file")
                          : fmt::format("the DICOM parser crashed on this file (signal {})", WTERMSIG(status)));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return failed("the DICOM parser failed on this file");
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    std::optional<DeidentificationCheck> check = DeidentificationCheck::fromJson(j);
    return check ? std::move(*check) : failed("the DICOM parser's report cannot be read");
}

std::vector<std::string> deidentificationWarnings(const DeidentificationCheck &check)
{
    std::vector<std::string> out;
    if (check.identified().value_or(false))
        out.push_back(fmt::format("identifies a patient: {}", check.summary()));
    if (!check.problem.empty())
        out.push_back(fmt::format("cannot be checked for identifying attributes: {}", check.problem));
    return out;
}

} // namespace mltrl::dicom
