#pragma once
/// The attributes of the DICOM Basic Application Level Confidentiality Profile: PS3.15 Annex E,
/// Table E.1-1, with the profile's action code for each. The de-identification check reports
/// those present with a value; the table lives in ConfidentialityProfileTable.cpp alone.
#include <cstdint>
#include <span>
#include <string_view>

namespace mltrl::dicom {

/// The edition of the standard the table was taken from.
inline constexpr std::string_view kProfileEdition = "DICOM PS3.15 2026d, Annex E, Table E.1-1";

struct ProfileAttribute {
    std::uint16_t group = 0;
    std::uint16_t element = 0;
    std::uint16_t groupMask = 0xFFFF;   ///< 0xFF00 for the repeating groups 50xx and 60xx
    std::uint16_t elementMask = 0xFFFF; ///< 0x0000 for "every element" (Curve Data 50xx,xxxx)
    const char *keyword = "";           ///< the DICOM keyword (PS3.6), e.g. "PatientName"
    const char *action = "";            ///< Basic Profile action: "X", "Z", "D", "U", "X/Z", "Z/D", …

    [[nodiscard]] bool matches(std::uint16_t g, std::uint16_t e) const
    {
        return (g & groupMask) == group && (e & elementMask) == element;
    }
    /// "U": a UID the profile replaces with another one. Its presence says nothing about
    /// whether that happened, so the check does not report it.
    [[nodiscard]] bool isUid() const { return std::string_view(action) == "U"; }
};

/// Every row of Table E.1-1 except "Private Attributes" (checked by group parity).
[[nodiscard]] std::span<const ProfileAttribute> basicProfileAttributes();

/// The row for a tag, or nullptr when the profile does not name it.
[[nodiscard]] const ProfileAttribute *findProfileAttribute(std::uint16_t group, std::uint16_t element);

} // namespace mltrl::dicom
