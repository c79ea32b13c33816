#pragma once
/// Core keeps text as UTF-8 `std::string`; the front ends (workbench, packet, CLI) show it as
/// `QString`. These are the one pair of conversions they share instead of a `q()` of their own.
#include <QString>

#include <string_view>

namespace mltrl {

/// UTF-8 text as a QString.
[[nodiscard]] inline QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

/// UTF-8 text as a QString escaped for rich text (`<`, `>`, `&`, `"`).
[[nodiscard]] inline QString htmlEscaped(std::string_view s)
{
    return qs(s).toHtmlEscaped();
}

} // namespace mltrl
