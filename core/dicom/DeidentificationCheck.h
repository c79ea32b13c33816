#pragma once
/// The de-identification check of a DICOM evidence file: which attributes of the Basic
/// Application Level Confidentiality Profile (ConfidentialityProfile.h) still hold a value,
/// which private attributes are there, and what Burned In Annotation (0028,0301) declares.
/// Reads the header only (it stops before Pixel Data) with DCMTK, never the pixels; a
/// malformed or truncated file gives a `problem`, never a crash.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mltrl::dicom {

struct IdentifyingAttribute {
    std::string keyword; ///< "PatientName"
    std::string tag;     ///< "(0010,0010)"
    bool operator==(const IdentifyingAttribute &) const = default;
};

struct DeidentificationCheck {
    /// Profile attributes present with a non-empty value (anywhere in the header, nested
    /// sequences included), each once, in the order first met. UIDs (action U) are left out.
    std::vector<IdentifyingAttribute> attributes;
    /// Private attributes (odd groups), each tag once, e.g. "(0009,0010)".
    std::vector<std::string> privateTags;
    /// The value of Burned In Annotation (0028,0301) ("YES", "NO"); nullopt when absent.
    std::optional<std::string> burnedInAnnotation;
    /// The value of Patient Identity Removed (0012,0062); nullopt when absent.
    std::optional<std::string> patientIdentityRemoved;
    /// Why the header could not be read whole (empty when it could). What was read before
    /// still counts.
    std::string problem;
    /// The parser crashed or ran out of time on this file (in its own process, see
    /// checkDicomFile): nothing else should parse it in-process (the viewer refuses it).
    bool parserFailed = false;

    /// True when anything identifies: a profile attribute, a private attribute or burned-in
    /// annotation "YES". Nullopt when nothing was found but the header could not be read.
    [[nodiscard]] std::optional<bool> identified() const;
    /// "PatientName (0010,0010), PatientID (0010,0020), private attributes (0009,0010), …,
    /// burned-in annotation YES" — what identifies, for one warning line.
    [[nodiscard]] std::string summary() const;

    /// {"identified", "attributes": [{"keyword", "tag"}], "private_tags", "burned_in_annotation",
    ///  "patient_identity_removed", "problem"} (null for absent values).
    [[nodiscard]] nlohmann::json toJson() const;
    [[nodiscard]] static std::optional<DeidentificationCheck> fromJson(const nlohmann::json &j);
    bool operator==(const DeidentificationCheck &) const = default;
};

/// True for media type application/dicom, or a file with "DICM" at offset 128 (PS3.10).
[[nodiscard]] bool isDicomEvidence(std::string_view mediaType, const std::filesystem::path &file);

/// Checks one file in a child process (fork): a file that crashes DCMTK (sequences nested
/// deeper than the stack allows, a library bug) or takes over 30 s gives a
/// `problem` with `parserFailed`, never a crash of the caller. Element values above a few KiB
/// are never loaded; parsing stops at Pixel Data.
[[nodiscard]] DeidentificationCheck checkDicomFile(const std::filesystem::path &file);

/// The same check in this process (for the fuzzer, which wants to see crashes).
[[nodiscard]] DeidentificationCheck checkDicomFileInProcess(const std::filesystem::path &file);

/// The warning text for a file: "identifies a patient: …" / "cannot be read as DICOM: …";
/// empty when there is nothing to warn about.
[[nodiscard]] std::vector<std::string> deidentificationWarnings(const DeidentificationCheck &check);

} // namespace mltrl::dicom
