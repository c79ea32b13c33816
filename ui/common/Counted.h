#pragma once
/// Counts that read as English: "1 warning", "2 warnings", "0 warnings" — never "1 warning(s)"
/// (the workbench ships no translations, so Qt's %n plural forms would print "(s)" as written).
#include <QString>

namespace mltrl::ui {

/// `n` and the noun in the number it takes; `plural` defaults to `singular` + "s".
[[nodiscard]] inline QString counted(qsizetype n, const QString &singular, const QString &plural = {})
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1             ? singular
                                              : plural.isEmpty() ? singular + QLatin1Char('s')
                                                                 : plural);
}

} // namespace mltrl::ui
