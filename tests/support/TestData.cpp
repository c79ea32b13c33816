#include "TestData.h"

#include <QDir>

namespace mltrl::test {

QString dataPath(const QString &relative)
{
    const QString base = qEnvironmentVariable("MLTRL_TEST_DATA");
    return relative.isEmpty() ? base : QDir(base).filePath(relative);
}

QString cliPath()
{
    return qEnvironmentVariable("MLTRL_CLI");
}

} // namespace mltrl::test
