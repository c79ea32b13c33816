#pragma once
/// Where the bundled example archives (cxr-triage.mltrl and its second revision
/// cxr-triage-r2.mltrl) are, for "Open the bundled example": installed by the package under
/// <prefix>/share/mltrl-workbench/examples (found beside the program, so a relocated install
/// works, and in the XDG data folders), or in the source tree of a workbench run from its build
/// folder. $MLTRL_EXAMPLES_DIR, when set, comes first.
#include <QString>
#include <QStringList>

namespace mltrl::ui {

/// The folders searched, in order (existing or not).
[[nodiscard]] QStringList bundledExampleDirs();
/// The example's archives in import order (revision 1, then revision 2) from the first folder
/// holding revision 1; empty when none is found.
[[nodiscard]] QStringList bundledExampleArchives();

} // namespace mltrl::ui
