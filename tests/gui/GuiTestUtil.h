#pragma once
/// Helpers shared by the GUI tests: where the bundled example is, and settings in test mode.
#include "TestData.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QString>

namespace mltrl::test {

/// examples/cxr-triage.mltrl in the source tree (tests/data/../../examples).
inline QString examplePath()
{
    return QDir::cleanPath(dataPath(QStringLiteral("../../examples/cxr-triage.mltrl")));
}

/// Switches QStandardPaths to test mode and removes settings left by an earlier run.
inline void useTestSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)).removeRecursively();
}

} // namespace mltrl::test
