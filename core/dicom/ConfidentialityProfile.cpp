#include "core/dicom/ConfidentialityProfile.h"

#include <unordered_map>

namespace mltrl::dicom {

const ProfileAttribute *findProfileAttribute(std::uint16_t group, std::uint16_t element)
{
    static const std::unordered_map<std::uint32_t, const ProfileAttribute *> exact = [] {
        std::unordered_map<std::uint32_t, const ProfileAttribute *> m;
        for (const ProfileAttribute &a : basicProfileAttributes())
            if (a.groupMask == 0xFFFF && a.elementMask == 0xFFFF)
                m.emplace((std::uint32_t(a.group) << 16) | a.element, &a);
        return m;
    }();
    if (const auto it = exact.find((std::uint32_t(group) << 16) | element); it != exact.end())
        return it->second;
    // Repeating groups are even groups only: an odd group is private.
    if (group % 2 == 0)
        for (const ProfileAttribute &a : basicProfileAttributes())
            if ((a.groupMask != 0xFFFF || a.elementMask != 0xFFFF) && a.matches(group, element))
                return &a;
    return nullptr;
}

} // namespace mltrl::dicom
