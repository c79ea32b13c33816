#pragma once
/// Where the tests find their data and the built tools (set by CTest's environment).
#include <QString>

namespace mltrl::test {

/// tests/data (from $MLTRL_TEST_DATA), with `relative` appended.
QString dataPath(const QString &relative = {});

/// The built `mltrl` binary (from $MLTRL_CLI).
QString cliPath();

} // namespace mltrl::test
